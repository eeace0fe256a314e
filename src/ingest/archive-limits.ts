import yauzl from 'yauzl';
import { PolicybotError } from '../errors.ts';

export interface ArchiveLimits {
  /** Most bytes all entries may expand to together. */
  maxExpandedBytes: number;
  /** Most an archive may expand relative to its own size, once it expands beyond `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/** A .docx holds XML that compresses ~10×; a zip bomb expands ~1000×. */
export const DEFAULT_RATIO = { maxRatio: 200, ratioFloorBytes: 10 * 1024 * 1024 };

/**
 * Checks a zip archive (a .docx) before anything inflates it whole: the sizes its directory
 * declares must stay within the limits, and each entry is then streamed through the inflater
 * (nothing kept) to prove the declared sizes true, so a bomb is refused after reading at most
 * `maxExpandedBytes`, with "compressed archive expands beyond N MB". Throws PARSE_FAILED.
 */
export async function checkArchive(bytes: Uint8Array, file: string, limits: ArchiveLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true },
      (error, z) => (error || !z ? reject(error) : resolve(z)),
    );
  }).catch((error: unknown) => {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${file}: not a valid .docx (${(error as Error).message.split('\n')[0]}).`,
      'Re-save it from Word or LibreOffice.',
    );
  });
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const tooBig = () =>
    new PolicybotError(
      'PARSE_FAILED',
      `${file}: compressed archive expands beyond ${Math.round(limits.maxExpandedBytes / (1024 * 1024))} MB.`,
    );
  if (declared > limits.maxExpandedBytes) throw tooBig();
  if (declared > limits.ratioFloorBytes && declared / Math.max(1, bytes.byteLength) > limits.maxRatio) {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${file}: compressed archive expands ${Math.round(declared / bytes.byteLength)}× (limit ${limits.maxRatio}×).`,
    );
  }
  for (const entry of entries) {
    if (entry.uncompressedSize === 0 && entry.compressedSize === 0) continue;
    await drain(zip, entry).catch((error: unknown) => {
      throw new PolicybotError(
        'PARSE_FAILED',
        `${file}: compressed archive is damaged or lies about its sizes (${(error as Error).message.split('\n')[0]}).`,
      );
    });
  }
}

function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error);
      stream.on('error', reject);
      stream.on('end', () => resolve());
      stream.resume();
    });
  });
}
