import { describe, expect, it } from 'vitest';
import { safeFileName, uniqueName } from '../../src/sources/safe-name.ts';

describe('safeFileName', () => {
  it('keeps only the last path segment: no separators, no way out of the corpus', () => {
    expect(safeFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(safeFileName('/etc/cron.d/evil.md')).toBe('evil.md');
    expect(safeFileName('..\\..\\windows\\system.ini.txt')).toBe('system.ini.txt');
    expect(safeFileName('..')).toBe('document');
  });

  it('drops NUL, newlines and other control characters, and leading dots', () => {
    expect(safeFileName('a\u0000b\nc\rd.pdf')).toBe('a-b-c-d.pdf');
    expect(safeFileName('.bashrc.txt')).toBe('bashrc.txt');
    expect(safeFileName('...hidden.md')).toBe('hidden.md');
    expect(safeFileName('report\u202egnp.pdf')).toBe('report-gnp.pdf');
  });

  it('never uses a reserved device name', () => {
    expect(safeFileName('CON.txt')).toBe('file-CON.txt');
    expect(safeFileName('nul.pdf')).toBe('file-nul.pdf');
    expect(safeFileName('lpt1.docx')).toBe('file-lpt1.docx');
  });

  it('shortens 300-character names to 150 bytes, keeping the extension and whole characters', () => {
    const long = safeFileName(`${'Nghị định '.repeat(30)}.PDF`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(150);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(long.startsWith('Nghị-định-')).toBe(true);
  });

  it('keeps ordinary Vietnamese names readable', () => {
    expect(safeFileName('Nghị định 13-2023.pdf')).toBe('Nghị-định-13-2023.pdf');
  });
});

describe('uniqueName', () => {
  it('adds a suffix on a clash, ignoring case', () => {
    expect(uniqueName('a.pdf', new Set(['b.pdf']))).toBe('a.pdf');
    expect(uniqueName('a.pdf', new Set(['A.pdf']))).toBe('a-2.pdf');
    expect(uniqueName('a.pdf', new Set(['a.pdf', 'a-2.pdf']))).toBe('a-3.pdf');
  });
});
