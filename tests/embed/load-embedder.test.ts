import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadEmbedder, loadTokenCounter } from '../../src/embed/load-embedder.ts';
import { PassageThread } from '../../src/embed/passage-thread.ts';
import { FIXTURE_DIMENSIONS, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

/** Optional: the real all-MiniLM-L6-v2 tokenizer (no weights) in the sibling shared folder. */
const sharedModels = path.resolve(import.meta.dirname, '../../../shared/models');
const hasSharedMiniLm = existsSync(path.join(sharedModels, 'Xenova/all-MiniLM-L6-v2/tokenizer.json'));

describe('loadEmbedder', () => {
  it('loads the fixture model from disk with downloads off', async () => {
    const { embedder, warning } = await loadEmbedder({
      modelId: FIXTURE_MODEL_ID,
      modelsDir: fixtureModelsDir(),
      allowRemote: false,
    });
    expect(warning).toBeNull();
    expect(embedder?.modelId).toBe(FIXTURE_MODEL_ID);
    expect(embedder?.dimensions).toBe(FIXTURE_DIMENSIONS);
  });

  it('starts the passage thread after the model’s load, not within its time: a late thread leaves passages here and is closed', async () => {
    const realStart = PassageThread.start.bind(PassageThread);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The thread's model load held until the test lets it go: longer than the thread's time.
    const start = vi.spyOn(PassageThread, 'start').mockImplementation((data) => gate.then(() => realStart(data)));
    try {
      const { embedder, warning } = await loadEmbedder({
        modelId: FIXTURE_MODEL_ID,
        modelsDir: fixtureModelsDir(),
        allowRemote: false,
        passageThread: true,
        passageThreadTimeoutMs: 50,
      });
      // Semantic search stays on (and the load is remembered as a success); passages are embedded here.
      expect(warning).toBeNull();
      expect(embedder?.passageThreadError).toBe('the passage thread did not start within 0.05 s');
      expect(embedder?.passagesInBackground).toBe(false);
      expect(await embedder?.embedPassages(['telemedicine records'])).toHaveLength(1);
      release();
      const late = (await start.mock.results[0]?.value) as PassageThread;
      expect(late.stopped).toBe(true);
    } finally {
      start.mockRestore();
    }
  });

  it('returns no model and one warning saying why and how to enable it, without trying to load, when the model is missing and downloads are off', async () => {
    const modelsDir = path.join(fixtureModelsDir(), 'nowhere');
    const { embedder, warning } = await loadEmbedder({
      modelId: 'Xenova/all-MiniLM-L6-v2',
      modelsDir,
      allowRemote: false,
    });
    expect(embedder).toBeNull();
    expect(warning).toMatch(
      /^Semantic search is off: could not load Xenova\/all-MiniLM-L6-v2 \(config\.json, tokenizer\.json, onnx\/model_quantized\.onnx not found in .+ and downloads are off\)/,
    );
    expect(warning).toContain('ALLOW_REMOTE_MODELS=true');
    expect(warning).toContain(`MODELS_DIR (${modelsDir})`);
    expect(warning).toContain(`${path.join(modelsDir, 'Xenova', 'all-MiniLM-L6-v2')}/`);
    expect(warning!.split('\n')).toHaveLength(1);
  });

  it('names only the weights when the tokenizer and config are there but the ONNX file is not', async () => {
    // The shared folder holds exactly that: all-MiniLM-L6-v2 without weights. Fall back to the fixture model's fp32 file name otherwise.
    const { embedder, warning } = hasSharedMiniLm
      ? await loadEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', modelsDir: sharedModels, allowRemote: false })
      : await loadEmbedder({
          modelId: FIXTURE_MODEL_ID,
          modelsDir: path.join(fixtureModelsDir(), 'nowhere'),
          allowRemote: false,
          quantized: false,
        });
    expect(embedder).toBeNull();
    expect(warning).toMatch(
      hasSharedMiniLm ? /\(onnx\/model_quantized\.onnx not found in / : /onnx\/model\.onnx not found in /,
    );
  });

  it('returns no model, with a warning, when the hub cannot provide the model either', async () => {
    const { embedder, warning } = await loadEmbedder({
      modelId: 'policybot/not-on-any-hub',
      modelsDir: path.join(fixtureModelsDir(), 'nowhere'),
      allowRemote: true,
      timeoutMs: 20_000,
    });
    expect(embedder).toBeNull();
    expect(warning).toMatch(/^Semantic search is off: could not load policybot\/not-on-any-hub \(/);
  });

  it('gives up after timeoutMs instead of hanging on a slow remote attempt', async () => {
    const { embedder, warning } = await loadEmbedder({
      modelId: 'policybot/not-on-any-hub',
      modelsDir: path.join(fixtureModelsDir(), 'nowhere'),
      allowRemote: true,
      timeoutMs: 0,
    });
    expect(embedder).toBeNull();
    expect(warning).toMatch(
      /^Semantic search is off: could not load policybot\/not-on-any-hub \(timed out after 0 s\)/,
    );
  });
});

describe('loadTokenCounter', () => {
  it('loads only the tokenizer of the fixture model and counts special tokens', async () => {
    const counter = await loadTokenCounter({
      modelId: FIXTURE_MODEL_ID,
      modelsDir: fixtureModelsDir(),
      allowRemote: false,
    });
    expect(counter?.tokenizerId).toBe(FIXTURE_MODEL_ID);
    expect(counter?.countTokens('records')).toBe(3);
  });

  it.skipIf(!hasSharedMiniLm)(
    'counts all-MiniLM-L6-v2 tokens from a folder that has the tokenizer but no weights',
    async () => {
      const counter = await loadTokenCounter({
        modelId: 'Xenova/all-MiniLM-L6-v2',
        modelsDir: sharedModels,
        allowRemote: false,
      });
      expect(counter?.countTokens('This is an example sentence')).toBe(7);
    },
  );

  it('returns null when no tokenizer is available and downloads are off', async () => {
    expect(
      await loadTokenCounter({
        modelId: 'Xenova/none',
        modelsDir: path.join(fixtureModelsDir(), 'nowhere'),
        allowRemote: false,
      }),
    ).toBeNull();
  });
});
