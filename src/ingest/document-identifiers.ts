import type { Identifier, ParsedDocument } from '../types.ts';

/** Lines read for a document's own number: its header, never the whole text. */
const MAX_HEADER_LINES = 25;
/**
 * Characters of a header line that are folded and matched. Every pattern is anchored at the
 * line's start and a type line is a few words, so a longer line (a one-line file's whole body)
 * is never folded whole.
 */
const HEADER_LINE_CHARS = 200;
/**
 * Where an instrument starts citing others ("Căn cứ Luật …", "Pursuant to the Law …", "Theo
 * đề nghị của …"), or its body begins: its own number comes before.
 */
const HEADER_END =
  /^(?:can cu|pursuant|based on|in accordance with|theo de nghi|at the (?:request|proposal)|chuong|chapter|dieu\s+\d|article\s+\d)/i;

/**
 * The instruments a document is itself (its own number, "Số: 49/2017/TT-BYT", "Circular No.
 * 49/2017/TT-BYT", "Luật An ninh mạng số 24/2018/QH14"), read from its title, its metadata
 * and the header lines before it cites its legal bases. Every passage of the document belongs
 * to them, so "Article 5 of Circular 49" finds the article of that circular, in Vietnamese or
 * in English translation.
 */
export function documentIdentifiers(doc: ParsedDocument, extract: (text: string) => Identifier[]): Identifier[] {
  // Only the title, a stated number and the header's "Số:" / "No.:" line: other metadata
  // (replaced_by, amended_by) and the body name other instruments.
  // A title counts when the document states it (front matter) or has an instrument's header; a
  // plain file's first line is often just its first section heading.
  const titled = doc.metadata.title !== undefined || legalTitleOf(doc.text) !== undefined;
  const header: string[] = [titled ? doc.title : '', doc.metadata.number ?? ''];
  let count = 0;
  for (const raw of doc.text.split('\n', 200)) {
    const line = raw.trim();
    if (!line) continue;
    if (++count > MAX_HEADER_LINES) break;
    const plain = line
      .slice(0, HEADER_LINE_CHARS)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[đĐ]/g, 'd');
    if (HEADER_END.test(plain)) break;
    if (NUMBER_LINE.test(plain)) header.push(line);
  }
  const seen = new Set<string>();
  return extract(header.join('\n')).filter((id) => !seen.has(id.key) && seen.add(id.key));
}

/** The line naming an instrument's type, alone and in capitals ("THÔNG TƯ", "CIRCULAR"). */
const KIND_LINE =
  /^(?:BO LUAT|LUAT|NGHI DINH|NGHI QUYET|THONG TU(?: LIEN TICH)?|QUYET DINH|CHI THI|CODE|LAW|DECREE|RESOLUTION|(?:JOINT )?CIRCULAR|DECISION|DIRECTIVE)$/;
/** "Số: 12/2031/TT-BKT", "No.: 12/2031/TT-BKT", "Số 12/2031/TT-BKT". */
const NUMBER_LINE = /^(?:so|no)\s*\.?\s*:?\s*(\d{1,5}\/[\w/-]+)/i;

/**
 * A legal instrument's title from its header: its type, number and subject ("Thông tư
 * 12/2031/TT-BKT: Quy định về việc lưu giữ hồ sơ"), instead of the issuer on its first line;
 * undefined when the header has no type line followed by a subject.
 */
export function legalTitleOf(text: string): string | undefined {
  const lines = text
    .split('\n', 60)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .slice(0, MAX_HEADER_LINES);
  let number: string | undefined;
  for (const [i, line] of lines.entries()) {
    const plain = line
      .slice(0, HEADER_LINE_CHARS)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[đĐ]/g, 'D');
    number ??= NUMBER_LINE.exec(plain)?.[1];
    if (HEADER_END.test(plain)) return undefined;
    const subject = lines[i + 1];
    if (!KIND_LINE.test(plain) || !subject) continue;
    const kind = line.charAt(0) + line.slice(1).toLocaleLowerCase('vi');
    return `${kind}${number ? ` ${number}` : ''}: ${subject}`;
  }
  return undefined;
}
