import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread that runs the module `name` found beside the caller's own file:
 * `new URL(import.meta.url)` of the caller gives `…/dist/x/caller.js` in production (the worker
 * runs the compiled `…/dist/x/<name>.js` as is) or `…/src/x/caller.ts` under tsx and vitest.
 * For TypeScript, the worker first registers tsx's module loader (a devDependency, present
 * wherever the sources run), then imports `<name>.ts`, so a worker is a proper module with
 * imports, typed like the rest of the code, in all three. The worker gets none of this
 * process's flags (`execArgv: []`): the same start however the parent was launched. Throws
 * when the worker cannot be created; a failure while its module loads comes as its 'error'.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const callerPath = fileURLToPath(callerUrl);
  const extension = path.extname(callerPath);
  const entry = path.join(path.dirname(callerPath), `${name}${extension}`);
  if (extension !== '.ts') return new Worker(entry, { ...options, execArgv: [] });
  const tsx = _tsxEsmApi(callerUrl, path.basename(entry));
  const source =
    `import(${JSON.stringify(pathToFileURL(tsx).href)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`;
  return new Worker(source, { ...options, eval: true, execArgv: [] });
}

/**
 * {@link startModuleWorker}, resolved once the module has loaded and sent its first message
 * (its "ready"); rejected, the worker stopped, when it fails to load or exits first.
 */
export async function startReadyWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Promise<Worker> {
  const worker = startModuleWorker(callerUrl, name, options);
  const settle = { resolve: () => {}, reject: (_: Error) => {} };
  const onReady = () => settle.resolve();
  const onError = (error: Error) => settle.reject(error);
  const onExit = (code: number) => onError(new Error(`The ${name} thread stopped while loading (exit code ${code}).`));
  worker.once('message', onReady).once('error', onError).once('exit', onExit);
  try {
    await new Promise<void>((resolve, reject) => Object.assign(settle, { resolve, reject }));
    return worker;
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    worker.off('message', onReady).off('error', onError).off('exit', onExit);
  }
}

/** The file of tsx's `tsx/esm/api` export for `import` (require() would give its CommonJS build). */
function _tsxEsmApi(callerUrl: string, entry: string): string {
  try {
    const manifest = createRequire(callerUrl).resolve('tsx/package.json');
    const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports['./esm/api'].import.default as string;
    return path.join(path.dirname(manifest), exports);
  } catch {
    throw new Error(`Cannot run ${entry} in a worker thread: tsx is not installed. Run: npm install`);
  }
}
