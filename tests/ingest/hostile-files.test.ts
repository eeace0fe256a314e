import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundBlocks, MAX_BLOCK_CHARS } from '../../src/ingest/bound-blocks.ts';
import { listCorpusFiles } from '../../src/ingest/list-corpus-files.ts';
import { parseFile } from '../../src/ingest/parse-file.ts';
import { writeZipBomb } from '../fixtures/hostile/zip-bomb.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const MB = 1024 * 1024;

function file(name: string, content: string | Buffer): string {
  const abs = path.join(work, name);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

describe('text encodings', () => {
  const body = 'Thông tư 49\n\nCircular 49 regulates telemedicine.\n';
  it('reads UTF-16 LE with a byte-order mark as text', async () => {
    const doc = await parseFile(
      file('le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])),
      'corpus/le.txt',
    );
    expect(doc.text.trim()).toBe(body.trim());
    expect(doc.title).toBe('Thông tư 49');
  });

  it('reads UTF-16 BE with a byte-order mark as text', async () => {
    const be = Buffer.from(body, 'utf16le').swap16();
    const doc = await parseFile(file('be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be])), 'corpus/be.txt');
    expect(doc.text).toContain('Circular 49 regulates telemedicine.');
  });

  it('still refuses NUL bytes in a file without a byte-order mark', async () => {
    await expect(parseFile(file('nul.txt', Buffer.from(body, 'utf16le')), 'corpus/nul.txt')).rejects.toThrow(
      /binary content/,
    );
  });
});

describe('pathological structure', () => {
  it('refuses HTML nested 100k deep with a reason, not a stack overflow', async () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}</body></html>`;
    await expect(parseFile(file('deep.html', html), 'corpus/deep.html')).rejects.toThrow(
      /HTML nested deeper than 500 levels/,
    );
  });

  it('cuts a paragraph that is one huge line into bounded pieces, at spaces, losing no text', () => {
    const words = 'Circular 49 requires hospitals to keep records ';
    const text = words.repeat(Math.ceil((3 * MB) / words.length));
    const blocks = boundBlocks(text, [{ kind: 'heading', level: 1, start: 0, end: text.length }]);
    expect(blocks.length).toBeGreaterThan((3 * MB) / MAX_BLOCK_CHARS);
    expect(Math.max(...blocks.map((b) => b.end - b.start))).toBeLessThanOrEqual(MAX_BLOCK_CHARS);
    expect(
      blocks.every((b) => (b.kind === 'paragraph' && text[b.end] !== undefined ? text[b.end] === ' ' : true)),
    ).toBe(true);
    expect(blocks.map((b) => text.slice(b.start, b.end)).join(' ')).toBe(text);
  });
});

describe('zip archives (.docx)', () => {
  it('skips a zip bomb cheaply, before inflating it, naming the limit', async () => {
    const abs = path.join(work, 'bomb.docx');
    await writeZipBomb(abs, 64 * MB);
    await expect(parseFile(abs, 'corpus/bomb.docx', { maxExpandedBytes: 10 * MB })).rejects.toThrow(
      'corpus/bomb.docx: compressed archive expands beyond 10 MB.',
    );
  });

  it('skips a bomb whose directory lies about its size, after inflating no more than it declared', async () => {
    const abs = path.join(work, 'liar.docx');
    await writeZipBomb(abs, 64 * MB, 4096);
    await expect(parseFile(abs, 'corpus/liar.docx', { maxExpandedBytes: 10 * MB })).rejects.toThrow(
      /lies about its sizes/,
    );
  });
});

describe('listing the corpus', () => {
  const corpus = path.join(work, 'listing', 'corpus');
  const outside = path.join(work, 'listing', 'outside.txt');

  it('skips files over MAX_FILE_MB with the sizes, and reports symbolic links with their targets', async () => {
    file('listing/corpus/small.txt', 'Small\n\nA small file.\n');
    file('listing/corpus/big.txt', 'x'.repeat(2 * MB));
    file('listing/outside.txt', 'Outside\n\nNot in the corpus.\n');
    symlinkSync(outside, path.join(corpus, 'outside-link.txt'));
    symlinkSync('small.txt', path.join(corpus, 'inside-link.txt'));
    symlinkSync('.', path.join(corpus, 'loop'));
    const { files, skipped } = await listCorpusFiles(corpus, { maxFileBytes: 1 * MB });
    expect(files.map((f) => f.file)).toEqual(['corpus/small.txt']);
    expect(skipped).toEqual([
      { file: 'corpus/big.txt', reason: 'larger than MAX_FILE_MB (2 MB > 1 MB)' },
      {
        file: 'corpus/inside-link.txt',
        reason: expect.stringMatching(/^symbolic link → small\.txt \(FOLLOW_SYMLINKS=true/),
      },
      { file: 'corpus/loop', reason: expect.stringMatching(/^symbolic link → \. /) },
      { file: 'corpus/outside-link.txt', reason: expect.stringContaining(`symbolic link → ${outside}`) },
    ]);
  });

  it('with FOLLOW_SYMLINKS follows links inside the corpus only, and never loops', async () => {
    const { files, skipped } = await listCorpusFiles(corpus, { maxFileBytes: 1 * MB, followSymlinks: true });
    expect(files.map((f) => f.file)).toEqual(['corpus/inside-link.txt', 'corpus/small.txt']);
    expect(skipped.map((s) => [s.file, s.reason.replace(/ → .*? (leads|loops)/, ' → … $1')])).toEqual([
      ['corpus/big.txt', 'larger than MAX_FILE_MB (2 MB > 1 MB)'],
      ['corpus/loop', 'symbolic link → … loops back to a folder already listed'],
      ['corpus/outside-link.txt', 'symbolic link → … leads outside the corpus folder'],
    ]);
  });
});
