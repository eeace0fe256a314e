import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isPolicybotError } from '../errors.ts';
import { sidecarOf } from '../ingest/sidecar.ts';
import { parseSourceMetadata, SOURCE_FIELDS } from '../ingest/source-metadata.ts';
import { appendAudit } from './audit-log.ts';
import {
  contentHash,
  moveToRemoved,
  namesIn,
  removalStamp,
  takesFrontMatter,
  toYaml,
  withFrontMatter,
  writeAtomic,
} from './corpus-files.ts';
import { checkAttachmentUrl, downloadToFile } from './download.ts';
import { ACCEPTED_EXTENSIONS, checkContentType } from './file-type.ts';
import { findDuplicate, indexedFile } from './indexed-files.ts';
import { safeFileName, uniqueName } from './safe-name.ts';
import { displayPath, type Editor, type Exclusive, type SourceSettings } from './source-settings.ts';

/** An uploaded file as Discord describes it. */
export interface Attachment {
  url: string;
  name: string;
  /** Bytes, as Discord states it (checked again while downloading). */
  size: number;
}

export interface AddRequest {
  attachment: Attachment;
  /** Metadata fields given with the command (title, url, publisher, date, …). */
  metadata: Readonly<Record<string, string | undefined>>;
  /** Replace a document of the same name instead of adding a copy with a suffix. */
  replace: boolean;
  editor: Editor;
}

export type AddOutcome =
  | {
      ok: true;
      action: 'add' | 'replace';
      file: string;
      title: string;
      passages: number;
      seconds: number;
      movedTo?: string;
    }
  | { ok: false; reason: string };

/**
 * Adds an uploaded document to the corpus and the index: checks metadata, name, size, URL and
 * type before anything is kept, downloads into a hidden folder, then as the one index writer
 * refuses a duplicate (same content hash), places the file under a safe
 * unique name (never overwriting unless `replace`, and then the old file is kept in `.removed/`),
 * writes its metadata and rebuilds; a file the build cannot read is taken out again. Every outcome but a bad request is in the audit log.
 */
export async function addSource(
  request: AddRequest,
  settings: SourceSettings,
  exclusive: Exclusive,
): Promise<AddOutcome> {
  const started = performance.now();
  const name = safeFileName(request.attachment.name);
  const refuse = async (reason: string): Promise<AddOutcome> => {
    await appendAudit(settings.auditLog, {
      time: new Date().toISOString(),
      action: 'refuse',
      user: request.editor,
      file: name,
      reason,
    });
    return { ok: false, reason };
  };
  let fields: Record<string, string>;
  try {
    fields = Object.fromEntries(
      Object.entries(parseSourceMetadata(request.metadata, 'add-source')).filter(([k]) =>
        (SOURCE_FIELDS as readonly string[]).includes(k),
      ),
    );
  } catch (error) {
    if (isPolicybotError(error, 'METADATA_INVALID'))
      return { ok: false, reason: error.message.replace(/^add-source: /, '') };
    throw error;
  }
  const ext = path.extname(name);
  if (!ACCEPTED_EXTENSIONS.includes(ext))
    return refuse(`files of type ${ext || '(none)'} are not accepted (accepted: ${ACCEPTED_EXTENSIONS.join(' ')})`);
  if (request.attachment.size > settings.maxBytes) {
    return refuse(
      `the file is ${(request.attachment.size / 1024 / 1024).toFixed(1)} MB; the limit is ${(settings.maxBytes / 1024 / 1024).toFixed(1)} MB (MAX_FILE_MB)`,
    );
  }
  const badUrl = checkAttachmentUrl(request.attachment.url, settings.cdnUrl);
  if (badUrl) return refuse(badUrl);

  const incoming = path.join(settings.corpusDir, '.incoming');
  await mkdir(incoming, { recursive: true });
  const temp = path.join(incoming, `${randomBytes(6).toString('hex')}-${name}`);
  try {
    await downloadToFile(request.attachment.url, temp, {
      maxBytes: settings.maxBytes,
      stallMs: settings.stallMs,
      timeoutMs: settings.timeoutMs,
      checkHead: (head) => checkContentType(ext, head),
    });
    const bytes = await readFile(temp);
    const sha256 = contentHash(bytes, name);
    return await exclusive(async (build) => {
      const duplicate = await findDuplicate(settings, sha256);
      const taken = await namesIn(settings.corpusDir);
      const clash = [...taken].find((t) => t.toLowerCase() === name.toLowerCase());
      const clashFile = clash ? displayPath(settings.corpusDir, path.join(settings.corpusDir, clash)) : null;
      // Replacing a document by the same content is how its metadata is updated.
      if (duplicate && !(request.replace && duplicate.file === clashFile)) {
        return refuse(`it is a duplicate of ${duplicate.file} (“${duplicate.title}”), same content`);
      }
      let movedTo: string | undefined;
      const finalName = request.replace && clash ? clash : uniqueName(name, taken);
      const dest = path.join(settings.corpusDir, finalName);
      let previous: string | undefined;
      if (request.replace && clash) {
        previous = await moveToRemoved(settings.corpusDir, dest, removalStamp());
        movedTo = displayPath(settings.corpusDir, previous);
      }
      if (takesFrontMatter(finalName)) {
        const text = Object.keys(fields).length > 0 ? withFrontMatter(bytes.toString('utf8'), fields) : bytes;
        await writeAtomic(dest, text);
      } else {
        if (Object.keys(fields).length > 0) await writeAtomic(sidecarOf(dest), toYaml(fields), true);
        await link(temp, dest);
      }
      // Parsed once, by the build: a file it cannot read is taken out again (kept in .removed/).
      const report = await build();
      const file = displayPath(settings.corpusDir, dest);
      const skipped = report.skipped.find((s) => s.file === file);
      if (skipped) {
        // Never part of the corpus: removed again, and a replaced document comes back.
        await rm(dest, { force: true });
        await rm(sidecarOf(dest), { force: true });
        if (previous) await putBack(previous, dest);
        await build();
        return refuse(`the file cannot be read: ${skipped.reason}`);
      }
      const indexed = await indexedFile(settings, report.generation, file);
      const title = fields.title ?? indexed?.title ?? finalName;
      const passages = indexed?.chunks ?? 0;
      const action = movedTo ? 'replace' : 'add';
      await appendAudit(settings.auditLog, {
        time: new Date().toISOString(),
        action,
        user: request.editor,
        file,
        sha256,
        title,
        passages,
        ...(movedTo ? { movedTo } : {}),
      });
      return {
        ok: true,
        action,
        file,
        title,
        passages,
        seconds: (performance.now() - started) / 1000,
        ...(movedTo ? { movedTo } : {}),
      };
    });
  } catch (error) {
    if (isPolicybotError(error, 'SOURCE_REFUSED')) return refuse(error.message);
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Moves a document (and its sidecar) from `.removed/` back to where it was. */
async function putBack(from: string, to: string): Promise<void> {
  await rename(sidecarOf(from), sidecarOf(to)).catch(() => undefined);
  await rename(from, to);
}
