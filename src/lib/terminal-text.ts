import { stripVTControlCharacters } from 'node:util';

/** C0 controls except tab and newline, DEL, and C1 controls (0x80–0x9f, e.g. CSI 0x9b). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text safe to print on a terminal: escape sequences (clear screen, window title, colours)
 * and other control characters removed; tabs and newlines kept. `keep` lists exact sequences
 * the caller itself styles with (e.g. bold on/off), which survive. For output only: stored
 * passages keep their exact text, so quotes and offsets still match the source.
 */
export function stripTerminalControls(text: string, keep: readonly string[] = []): string {
  // Private-use placeholders carry the kept sequences through the strip.
  let marked = text.replace(/[\uf8f0-\uf8ff]/g, '');
  for (const [i, sequence] of keep.entries()) marked = marked.split(sequence).join(String.fromCharCode(0xf8f0 + i));
  const clean = stripVTControlCharacters(marked).replace(CONTROLS, '');
  return keep.reduce((out, sequence, i) => out.split(String.fromCharCode(0xf8f0 + i)).join(sequence), clean);
}

/**
 * A file name shown on one line whatever it contains: control characters (newline, escape…),
 * backslashes and bidi overrides are written as escapes (`\n`, `\x1b`, `\u202e`).
 */
export function escapeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return name.replace(/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = c.charCodeAt(0);
    return (
      named[c] ??
      (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
    );
  });
}
