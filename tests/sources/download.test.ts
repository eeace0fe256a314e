import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachmentUrl, downloadToFile } from '../../src/sources/download.ts';
import { checkContentType } from '../../src/sources/file-type.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'policybot-download-'));
let server: Server;
let base = '';
let served = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/attachments/ok.pdf')) return void res.end('%PDF-1.4\nhello');
    if (url.startsWith('/attachments/page.pdf'))
      return void res.end('<!doctype html><html><body>not a pdf</body></html>');
    if (url.startsWith('/attachments/big.pdf')) {
      // No content-length: the limit must hold while streaming.
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      const piece = Buffer.alloc(64 * 1024, 0x41);
      piece.write('%PDF-1.4');
      let closed = false;
      res.on('close', () => (closed = true));
      const pump = () => {
        while (!closed && served < 50 * 1024 * 1024) {
          served += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    if (url.startsWith('/attachments/stall.pdf')) {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('%PDF-1.4\n');
      return; // never finishes
    }
    if (url.startsWith('/attachments/cut.pdf')) {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('%PDF-1.4\n');
      setTimeout(() => res.destroy(), 50);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const options = {
  maxBytes: 1024 * 1024,
  stallMs: 2000,
  timeoutMs: 5000,
  checkHead: (head: Uint8Array) => checkContentType('.pdf', head),
};
let n = 0;
const dest = () => path.join(dir, `f${++n}.pdf`);

describe('checkAttachmentUrl', () => {
  it("accepts only attachment URLs on Discord's CDN, or under DISCORD_CDN_URL", () => {
    expect(checkAttachmentUrl('https://cdn.discordapp.com/attachments/1/2/a.pdf?ex=1')).toBeNull();
    expect(checkAttachmentUrl('https://media.discordapp.net/attachments/1/2/a.pdf')).toBeNull();
    expect(checkAttachmentUrl('http://cdn.discordapp.com/attachments/1/2/a.pdf')).toMatch(/not on Discord's CDN/);
    expect(checkAttachmentUrl('https://cdn.discordapp.com.evil.example/attachments/a.pdf')).toMatch(
      /not on Discord's CDN/,
    );
    expect(checkAttachmentUrl('https://user:pw@cdn.discordapp.com/attachments/a.pdf')).toMatch(/credentials/);
    expect(checkAttachmentUrl('http://127.0.0.1:9/attachments/a.pdf', 'http://127.0.0.1:9/attachments/')).toBeNull();
    expect(checkAttachmentUrl('http://127.0.0.1:10/attachments/a.pdf', 'http://127.0.0.1:9/attachments/')).toMatch(
      /not on http:\/\/127\.0\.0\.1:9/,
    );
  });
});

describe('downloadToFile', () => {
  it('streams a file to disk and hashes it', async () => {
    const file = dest();
    const result = await downloadToFile(`${base}/attachments/ok.pdf`, file, options);
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.4\nhello');
    expect(result).toEqual({ bytes: 14, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses content that is not what the name says, leaving nothing behind', async () => {
    const file = dest();
    await expect(downloadToFile(`${base}/attachments/page.pdf`, file, options)).rejects.toMatchObject({
      code: 'SOURCE_REFUSED',
      message: 'the file is named .pdf but its content is HTML',
    });
    expect(existsSync(file)).toBe(false);
  });

  it('stops an oversized download at the limit, without reading it whole', async () => {
    const file = dest();
    await expect(downloadToFile(`${base}/attachments/big.pdf`, file, options)).rejects.toMatchObject({
      message: expect.stringMatching(/limit is 1\.0 MB/),
    });
    expect(existsSync(file)).toBe(false);
    expect(served).toBeLessThan(20 * 1024 * 1024);
  });

  it('gives up on a stalled or broken download, leaving nothing behind', async () => {
    const stalled = dest();
    await expect(downloadToFile(`${base}/attachments/stall.pdf`, stalled, options)).rejects.toMatchObject({
      message: 'the download stalled',
    });
    expect(existsSync(stalled)).toBe(false);
    const cut = dest();
    await expect(downloadToFile(`${base}/attachments/cut.pdf`, cut, options)).rejects.toMatchObject({
      message: expect.stringMatching(/^the download broke off/),
    });
    expect(existsSync(cut)).toBe(false);
  });
});
