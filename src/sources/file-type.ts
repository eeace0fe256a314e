/** What the first bytes of a file say it is. */
export type DetectedType = 'pdf' | 'zip' | 'html' | 'text' | 'binary';

/** Bytes read before deciding; enough for a PDF header, a zip signature or an HTML opening. */
export const SNIFF_BYTES = 4096;

const PDF = Buffer.from('%PDF-');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const HTML = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/i;

/**
 * Identifies a file by its magic bytes, not its name: `%PDF-` (within the first 1 KB, as PDF
 * readers allow), a zip local header (docx is a zip), an HTML opening tag, text (no NUL bytes, or
 * a UTF-16 byte-order mark), else binary.
 */
export function detectType(head: Uint8Array): DetectedType {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.subarray(0, 1024).indexOf(PDF) !== -1) return 'pdf';
  if (bytes.subarray(0, 4).equals(ZIP)) return 'zip';
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) return 'binary';
  const text = utf16 ? bytes.toString(bytes[0] === 0xff ? 'utf16le' : 'latin1') : bytes.toString('utf8');
  return HTML.test(text.replace(/^\uFEFF/, '')) ? 'html' : 'text';
}

/** The content each accepted extension must have. */
const EXPECTED: Record<string, readonly DetectedType[]> = {
  '.pdf': ['pdf'],
  '.docx': ['zip'],
  '.html': ['html', 'text'],
  '.htm': ['html', 'text'],
  '.md': ['text'],
  '.markdown': ['text'],
  '.txt': ['text'],
};

const NAMES: Record<DetectedType, string> = {
  pdf: 'a PDF',
  zip: 'a zip archive',
  html: 'HTML',
  text: 'plain text',
  binary: 'binary data',
};

/** Extensions /add-source accepts. */
export const ACCEPTED_EXTENSIONS = Object.keys(EXPECTED);

/**
 * Null when the content fits the extension, else why not ("the file is named .pdf but is really
 * HTML"). An HTML page saved as .txt or .md is refused too: it would be indexed as markup.
 */
export function checkContentType(ext: string, head: Uint8Array): string | null {
  const expected = EXPECTED[ext.toLowerCase()];
  if (!expected)
    return `files of type ${ext || '(none)'} are not accepted (accepted: ${ACCEPTED_EXTENSIONS.join(' ')})`;
  const found = detectType(head);
  if (expected.includes(found)) return null;
  return `the file is named ${ext} but its content is ${NAMES[found]}`;
}
