import { createHash } from 'node:crypto';
import { lstat, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { hiddenOutputName, poolingFragment } from './pooled-graph.ts';

/**
 * The model file `source` (whose bytes are `bytes`) with mean pooling added inside it (see
 * poolingFragment): ONNX Runtime's session options are honoured only for a session created
 * from a file (see onnx-threads.ts), so the pooled model is a file. Written once beside the
 * source (`onnx/model_quantized.pooled.onnx` for `onnx/model_quantized.onnx`), else, when
 * that folder cannot be written, in a folder of this user's under the system's temporary
 * folder; each write goes to a temporary name first, then is renamed over. A pooled file is
 * used again while it ends with the fragment made for the source as it is now (its path, size
 * and SHA-256 are part of it: about 0.1 s for a 90 MB model) and is the source's size plus the
 * fragment's. Throws
 * when the model has no hidden state to pool or no place can be written.
 */
export async function pooledModelFile(source: string, bytes: Uint8Array): Promise<string> {
  // The source's content, not its size and time: a model replaced by another of the same size
  // with its time kept (cp -p, rsync -a, tar) must not be pooled from the old one's file.
  const digest = createHash('sha256').update(bytes).digest('hex');
  const fragment = poolingFragment(hiddenOutputName(bytes), `${path.resolve(source)} ${bytes.length} sha256:${digest}`);
  const failures: string[] = [];
  for (const place of [_besideSource, _inTemporaryFolder]) {
    let file: string | null = null;
    try {
      file = await place(source);
      if (!(await _isPooled(file, bytes.length, fragment))) await _writeAtomically(file, bytes, fragment);
      return file;
    } catch (error) {
      failures.push(`${file ?? 'the temporary folder'}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`the pooled model could not be written (${failures.join('; ')})`);
}

async function _besideSource(source: string): Promise<string> {
  return path.join(path.dirname(source), `${path.basename(source, '.onnx')}.pooled.onnx`);
}

/** A file in `<tmp>/policybot-pooled-models-<uid>/`, a folder only this user may write (else it is not used). */
async function _inTemporaryFolder(source: string): Promise<string> {
  const uid = process.getuid?.() ?? 0;
  const dir = path.join(os.tmpdir(), `policybot-pooled-models-${uid}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const folder = await lstat(dir);
  if (!folder.isDirectory() || folder.uid !== uid || (folder.mode & 0o022) !== 0)
    throw new Error(`${dir} is not a folder only this user can write`);
  const name = createHash('sha256').update(path.resolve(source)).digest('hex').slice(0, 24);
  return path.join(dir, `${name}.onnx`);
}

/** True when `file` is `modelBytes` long plus the fragment and ends with it. */
async function _isPooled(file: string, modelBytes: number, fragment: Uint8Array): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size !== modelBytes + fragment.length) return false;
    const tail = Buffer.alloc(fragment.length);
    const { bytesRead } = await handle.read(tail, 0, tail.length, modelBytes);
    return bytesRead === tail.length && tail.equals(fragment);
  } finally {
    await handle.close();
  }
}

/** Writes the model then the fragment to a temporary name beside `file`, then renames it to `file`. */
async function _writeAtomically(file: string, model: Uint8Array, fragment: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    await writeFile(temporary, [model, fragment]);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
