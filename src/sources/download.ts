import { createHash } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { PolicybotError } from '../errors.ts';
import { SNIFF_BYTES } from './file-type.ts';

/** Hosts Discord serves attachments from. */
const DISCORD_CDN_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];
const ATTACHMENT_PATHS = ['/attachments/', '/ephemeral-attachments/'];

/**
 * Null when `url` is an attachment URL on Discord's CDN (https, no credentials), or under
 * `cdnBase` when set (a local stand-in in tests); else why it is refused. Only the
 * attachment's own URL is ever fetched, so no one can make the bot download from elsewhere.
 */
export function checkAttachmentUrl(url: string, cdnBase?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the attachment has no valid URL';
  }
  if (parsed.username || parsed.password) return 'the attachment URL carries credentials';
  if (cdnBase) {
    const base = new URL(cdnBase);
    return parsed.origin === base.origin && parsed.pathname.startsWith(base.pathname)
      ? null
      : `the attachment is not on ${base.origin}`;
  }
  const onCdn =
    parsed.protocol === 'https:' &&
    DISCORD_CDN_HOSTS.includes(parsed.hostname) &&
    ATTACHMENT_PATHS.some((p) => parsed.pathname.startsWith(p));
  return onCdn ? null : "the attachment is not on Discord's CDN";
}

export interface DownloadOptions {
  maxBytes: number;
  /** Give up when no byte arrives for this long. */
  stallMs: number;
  /** Give up when the whole download takes longer than this. */
  timeoutMs: number;
  /** Called once with the first bytes (up to SNIFF_BYTES): a reason stops the download. */
  checkHead: (head: Uint8Array) => string | null;
}

/**
 * Streams `url` into a new file `dest` (never an existing one), hashing as it goes. The size
 * limit is enforced while reading, so an oversized file is never downloaded whole; a stall,
 * a dropped connection or a refused type removes `dest`: nothing half-written stays behind.
 * Throws SOURCE_REFUSED with the reason.
 */
export async function downloadToFile(
  url: string,
  dest: string,
  options: DownloadOptions,
): Promise<{ bytes: number; sha256: string }> {
  const controller = new AbortController();
  let stalled = false;
  let stallTimer = setTimeout(() => undefined, 0);
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, options.stallMs);
  };
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  const handle = await open(dest, 'wx');
  let ok = false;
  try {
    armStall();
    const response = await fetch(url, { signal: controller.signal, redirect: 'error' }).catch((error: unknown) => {
      throw refused(stalled ? 'the download stalled' : `the download failed (${describe(error)})`);
    });
    if (!response.ok || !response.body) throw refused(`the download failed (HTTP ${response.status})`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) throw refused(tooBig(declared, options.maxBytes));
    const hash = createHash('sha256');
    let total = 0;
    let head: Buffer | null = Buffer.alloc(0);
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        armStall();
        total += chunk.byteLength;
        if (total > options.maxBytes) throw refused(tooBig(total, options.maxBytes, true));
        if (head) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= SNIFF_BYTES) head = sniff(head, options);
        }
        hash.update(chunk);
        await handle.write(chunk);
      }
    } catch (error) {
      if (error instanceof PolicybotError) throw error;
      throw refused(stalled ? 'the download stalled' : `the download broke off (${describe(error)})`);
    }
    if (head) sniff(head, options);
    if (declared >= 0 && total !== declared) throw refused(`the download broke off (${total} of ${declared} bytes)`);
    await handle.sync();
    ok = true;
    return { bytes: total, sha256: hash.digest('hex') };
  } finally {
    clearTimeout(stallTimer);
    clearTimeout(deadline);
    controller.abort();
    await handle.close();
    if (!ok) await unlink(dest).catch(() => undefined);
  }
}

/** Runs the type check on the first bytes; returns null so the caller stops collecting. */
function sniff(head: Buffer, options: DownloadOptions): null {
  const reason = options.checkHead(head.subarray(0, SNIFF_BYTES));
  if (reason) throw refused(reason);
  return null;
}

function tooBig(bytes: number, max: number, partial = false): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `the file is ${partial ? 'over' : ''}${partial ? ' ' : ''}${mb(bytes)} MB; the limit is ${mb(max)} MB (MAX_FILE_MB)`;
}

function refused(reason: string): PolicybotError {
  return new PolicybotError('SOURCE_REFUSED', reason);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
