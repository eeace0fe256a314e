import path from 'node:path';

/** Longest file name written, in UTF-8 bytes (ext4 allows 255; room is kept for a `-NN` suffix). */
const MAX_NAME_BYTES = 150;
/** Names Windows reserves for devices, whatever the extension: a corpus may be copied there. */
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)$/i;
/** Control characters, path separators and characters other file systems refuse. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A safe file name for an uploaded attachment: its last path segment only, without control
 * characters, separators, leading dots or a reserved device name, at most 150 bytes with the
 * extension kept (lower-cased). Never empty: falls back to `document<ext>`.
 */
export function safeFileName(original: string): string {
  const last = original.split(/[/\\]/).pop() ?? '';
  const cleaned = last.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const ext = path
    .extname(cleaned)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '');
  let stem = cleaned.slice(0, cleaned.length - path.extname(cleaned).length);
  stem = stem
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s]+$/, '')
    .replace(/ /g, '-');
  if (!stem || RESERVED.test(stem) || RESERVED.test(stem.split('.')[0] ?? ''))
    stem = stem ? `file-${stem}` : 'document';
  return truncateBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(ext)) + ext;
}

/**
 * `name` if `taken` does not hold it, else `stem-2.ext`, `stem-3.ext`, … (case-insensitively,
 * so two names differing only in case never meet on a case-insensitive disk).
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out.replace(/[.\s-]+$/, '') || 'document';
}
