import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../src/embed/load-embedder.ts';
import {
  FAILURES_FILE,
  type ModelFiles,
  RETRY_DOWNLOAD_AFTER_MS,
  recallFailure,
  rememberOutcome,
} from '../../src/embed/load-failures.ts';

const work = mkdtempSync(path.join(tmpdir(), 'policybot-load-failures-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function modelIn(name: string): ModelFiles {
  const modelsDir = path.join(work, name);
  mkdirSync(modelsDir, { recursive: true });
  return { modelId: 'org/model', modelsDir, required: ['config.json', 'onnx/model_quantized.onnx'] };
}

describe('recallFailure / rememberOutcome', () => {
  it('remembers a failed download for an hour, then lets the next run try again', () => {
    const model = modelIn('download');
    rememberOutcome(model, 'could not reach the hub', 1_000);
    expect(recallFailure(model, 1_000 + RETRY_DOWNLOAD_AFTER_MS - 1)).toBe('could not reach the hub');
    expect(recallFailure(model, 1_000 + RETRY_DOWNLOAD_AFTER_MS + 1)).toBeNull();
  });

  it('forgets the failure as soon as the model’s files change (someone put the model there)', () => {
    const model = modelIn('changed');
    rememberOutcome(model, 'missing files', 1_000);
    expect(recallFailure(model, 2_000)).toBe('missing files');
    mkdirSync(path.join(model.modelsDir, 'org/model'), { recursive: true });
    writeFileSync(path.join(model.modelsDir, 'org/model/config.json'), '{}');
    expect(recallFailure(model, 2_000)).toBeNull();
  });

  it('keeps a failure of files that are all there (broken) until they change, however long ago', () => {
    const model = modelIn('broken');
    mkdirSync(path.join(model.modelsDir, 'org/model/onnx'), { recursive: true });
    writeFileSync(path.join(model.modelsDir, 'org/model/config.json'), '{}');
    writeFileSync(path.join(model.modelsDir, 'org/model/onnx/model_quantized.onnx'), 'not onnx');
    rememberOutcome(model, 'protobuf parsing failed', 1_000);
    expect(recallFailure(model, 1_000 + 10 * RETRY_DOWNLOAD_AFTER_MS)).toBe('protobuf parsing failed');
    writeFileSync(path.join(model.modelsDir, 'org/model/onnx/model_quantized.onnx'), 'another try, another size');
    expect(recallFailure(model, 1_000 + 10 * RETRY_DOWNLOAD_AFTER_MS)).toBeNull();
  });

  it('clears the failure when the model loads, and survives an unreadable or unwritable record', () => {
    const model = modelIn('cleared');
    rememberOutcome(model, 'failed', 1_000);
    rememberOutcome(model, null, 2_000);
    expect(recallFailure(model, 2_000)).toBeNull();
    expect(JSON.parse(readFileSync(path.join(model.modelsDir, FAILURES_FILE), 'utf8'))).toEqual({});
    writeFileSync(path.join(model.modelsDir, FAILURES_FILE), 'not json');
    expect(recallFailure(model)).toBeNull();
    const nowhere = { ...model, modelsDir: path.join(work, 'no', 'such', 'dir') };
    expect(() => rememberOutcome(nowhere, 'failed')).not.toThrow();
  });
});

describe('loadEmbedder with skipRecentFailure', () => {
  it('returns the remembered warning without trying again; without the option it tries', async () => {
    const modelsDir = path.join(work, 'hub');
    mkdirSync(modelsDir, { recursive: true });
    const options = { modelId: 'policybot/not-on-any-hub', modelsDir, allowRemote: true, timeoutMs: 20_000 };
    const first = await loadEmbedder(options);
    expect(first.embedder).toBeNull();
    const recorded = JSON.parse(readFileSync(path.join(modelsDir, FAILURES_FILE), 'utf8'));
    expect(recorded['policybot/not-on-any-hub'].warning).toBe(first.warning);
    // Mark the record so a fresh attempt (which would overwrite it) is told apart from a recall.
    recorded['policybot/not-on-any-hub'].warning = 'remembered warning';
    writeFileSync(path.join(modelsDir, FAILURES_FILE), JSON.stringify(recorded));
    const skipped = await loadEmbedder({ ...options, skipRecentFailure: true });
    expect(skipped.embedder).toBeNull();
    expect(skipped.warning).toBe('remembered warning (As on the last try; `policybot ingest` tries again.)');
    const retried = await loadEmbedder(options);
    expect(retried.warning).toBe(first.warning);
  });
});
