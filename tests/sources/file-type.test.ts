import { describe, expect, it } from 'vitest';
import { checkContentType, detectType } from '../../src/sources/file-type.ts';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('detectType and checkContentType', () => {
  it('recognises PDF, zip (docx), HTML and text by content', () => {
    expect(detectType(bytes('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('zip');
    expect(detectType(bytes('<!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
    expect(detectType(bytes('  <html lang="vi">'))).toBe('html');
    expect(detectType(bytes('# Title\n\nCircular 49 <b>not a page</b>'))).toBe('text');
    expect(detectType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe('binary');
    expect(detectType(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('text');
  });

  it('refuses a .pdf that is really HTML, and a .docx that is not a zip', () => {
    expect(checkContentType('.pdf', bytes('<!doctype html><html>'))).toBe(
      'the file is named .pdf but its content is HTML',
    );
    expect(checkContentType('.docx', bytes('%PDF-1.4'))).toBe('the file is named .docx but its content is a PDF');
    expect(checkContentType('.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe(
      'the file is named .txt but its content is binary data',
    );
  });

  it('accepts matching content and refuses other extensions', () => {
    expect(checkContentType('.pdf', bytes('%PDF-1.4'))).toBeNull();
    expect(checkContentType('.html', bytes('<html><body>x'))).toBeNull();
    expect(checkContentType('.md', bytes('# Heading'))).toBeNull();
    expect(checkContentType('.exe', bytes('MZ'))).toMatch(/^files of type .exe are not accepted/);
  });
});
