import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCorpusFiles } from '../../src/ingest/list-corpus-files.ts';
import { buildIngestFixtures } from '../fixtures/ingest/build-fixtures.ts';

const dir = path.join(mkdtempSync(path.join(tmpdir(), 'policybot-list-')), 'corpus');
beforeAll(() => buildIngestFixtures(dir));
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('listCorpusFiles', () => {
  it('lists supported files recursively in order, named from the corpus folder, ignoring dotfiles and dot folders', async () => {
    const { files } = await listCorpusFiles(dir);
    expect(files.map((f) => f.file)).toEqual([
      'corpus/bad-front-matter.md',
      'corpus/bare.htm',
      'corpus/binary.txt',
      'corpus/broken.docx',
      'corpus/broken.pdf',
      'corpus/empty.txt',
      'corpus/guide.md',
      'corpus/latin1.txt',
      'corpus/laws/decrees/decree-13.md',
      'corpus/notes.txt',
      'corpus/page.html',
      'corpus/report.pdf',
      'corpus/scanned.pdf',
      'corpus/strategy.docx',
    ]);
    expect(files.find((f) => f.file.endsWith('decree-13.md'))?.absPath).toBe(
      path.join(dir, 'laws', 'decrees', 'decree-13.md'),
    );
  });

  it('reports files of other types with the reason instead of failing', async () => {
    const { skipped } = await listCorpusFiles(dir);
    expect(skipped).toEqual([
      { file: 'corpus/README', reason: 'unsupported file type (no extension)' },
      { file: 'corpus/image.png', reason: 'unsupported file type .png' },
    ]);
  });

  it('reads a .meta.yaml sidecar with its document, and reports one whose document is gone', async () => {
    const sidecars = path.join(path.dirname(dir), 'sidecars');
    mkdirSync(sidecars, { recursive: true });
    writeFileSync(path.join(sidecars, 'a.pdf'), '%PDF-1.4');
    writeFileSync(path.join(sidecars, 'a.pdf.meta.yaml'), 'publisher: X\n');
    writeFileSync(path.join(sidecars, 'gone.docx.meta.yaml'), 'publisher: Y\n');
    const listing = await listCorpusFiles(sidecars);
    expect(listing.files.map((f) => f.file)).toEqual(['sidecars/a.pdf']);
    expect(listing.skipped).toEqual([
      { file: 'sidecars/gone.docx.meta.yaml', reason: 'metadata file without its document' },
    ]);
  });

  it('says what to do when the corpus folder does not exist', async () => {
    const missing = path.join(dir, 'nope');
    await expect(listCorpusFiles(missing)).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: `Corpus folder ${missing} does not exist.`,
      hint: expect.stringMatching(/--corpus/),
    });
  });
});
