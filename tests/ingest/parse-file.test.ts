import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../src/ingest/parse-file.ts';
import type { ParsedDocument } from '../../src/types.ts';
import { buildIngestFixtures } from '../fixtures/ingest/build-fixtures.ts';

const dir = path.join(mkdtempSync(path.join(tmpdir(), 'policybot-parse-')), 'corpus');
beforeAll(() => buildIngestFixtures(dir));
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

const parse = (name: string) => parseFile(path.join(dir, name), `corpus/${name}`);

function headings(doc: ParsedDocument): string[] {
  return doc.blocks.filter((b) => b.kind === 'heading').map((b) => `${b.level}:${doc.text.slice(b.start, b.end)}`);
}

describe('parseFile', () => {
  it('reads plain text, finding standalone and paragraph-leading headings', async () => {
    const doc = await parse('notes.txt');
    expect(doc.title).toBe('Health Notes');
    expect(headings(doc)).toEqual([
      '1:Health Notes',
      '1:Regulations',
      '2:Circular 46/2018/TT-BYT - Electronic Medical Records',
    ]);
  });

  it('reads Markdown with front matter, keeping offsets into the file as written', async () => {
    const doc = await parse('guide.md');
    expect(doc.title).toBe('Telemedicine Guide');
    expect(doc.metadata.publisher).toBe('Ministry of Health');
    expect(headings(doc)).toEqual(['1:Telemedicine', '2:Imaging']);
    expect(doc.blocks.filter((b) => b.kind === 'list-item').map((b) => doc.text.slice(b.start, b.end))).toEqual([
      '- Storage rules apply.',
      '- Compression rules apply.',
    ]);
    expect(doc.text.startsWith('---\ntitle: Telemedicine Guide')).toBe(true);
  });

  it('reads HTML without scripts, styles or navigation, decoding entities', async () => {
    const doc = await parse('page.html');
    expect(doc.title).toBe('Decree Page');
    expect(headings(doc)).toEqual(['1:Decrees', '2:Decree 53/2022/ND-CP']);
    expect(doc.text).toContain('Law on Cybersecurity & took effect');
    expect(doc.text).toContain('Year | Event');
    expect(doc.text).not.toMatch(/var x|Home \| About/);
  });

  it('reads loose text in HTML containers as one paragraph per run, not one per tag', async () => {
    const doc = await parse('bare.htm');
    expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end))).toEqual([
      'Loose text with bold words and a break.',
      'A real paragraph.',
      'Trailing link text.',
    ]);
    expect(doc.title).toBe('Loose text with bold words and a break.');
  });

  it('reads PDFs page by page and keeps page numbers', async () => {
    const doc = await parse('report.pdf');
    expect(doc.title).toBe('National Digital Health Report');
    expect(doc.pages.map((p) => p.page)).toEqual([1, 2]);
    const page2 = doc.pages[1]!;
    expect(doc.text.slice(page2.start, page2.end)).toContain('three goals for medical digitalization');
    expect(headings(doc)).toContain('2:Decision 5316/QD-BYT');
    expect(doc.text.slice(doc.pages[0]!.start, doc.pages[0]!.end)).toBe(
      'Overview\n\nVietnam is expanding digital health services nationwide.',
    );
  });

  it('reads DOCX headings from Word heading styles, Vietnamese text intact', async () => {
    const doc = await parse('strategy.docx');
    expect(doc.title).toBe('Digital Strategy');
    expect(headings(doc)).toEqual(['1:Digital Strategy', '2:Quyết định 5316']);
    expect(doc.text).toContain('Quyết định 5316/QĐ-BYT phê duyệt chuyển đổi số y tế.');
  });

  it.each([
    ['empty.txt', /empty/],
    ['binary.txt', /binary content/],
    ['broken.pdf', /not a readable PDF/],
    ['broken.docx', /not a valid \.docx/],
    ['latin1.txt', /not valid UTF-8/],
    ['scanned.pdf', /no extractable text/],
    ['bad-front-matter.md', /front matter is not valid YAML/],
  ])('refuses %s with its reason', async (name, reason) => {
    await expect(parse(name)).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(reason) });
  });

  it('says when a file cannot be read', async () => {
    const folder = path.join(path.dirname(dir), 'folder.txt');
    mkdirSync(folder);
    await expect(parseFile(folder, 'corpus/folder.txt')).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/cannot read the file \(EISDIR\)/),
    });
  });

  it('refuses an unsupported extension, naming the supported ones', async () => {
    await expect(parse('image.png')).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: 'corpus/image.png: unsupported file type .png.',
      hint: expect.stringContaining('.docx'),
    });
  });
});
