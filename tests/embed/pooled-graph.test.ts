import { readFileSync } from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { encodeMessage, wireFields } from '../../src/embed/onnx-wire.ts';
import { hiddenOutputName, POOL_MASK_INPUT, POOLED_OUTPUT, poolingFragment } from '../../src/embed/pooled-graph.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { onnxFloat, onnxIo, onnxNode } from '../fixtures/model/fixture-onnx.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;

/** A model (encoded by onnx-proto) with a 1 MB weight and these graph outputs, as a sentence-transformers export might have. */
function modelWith(outputs: [string, number, (string | number)[]][]): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: 'shapes',
    initializer: [onnxFloat('weights', [512, 512], new Float32Array(512 * 512).fill(0.5))],
    node: [onnxNode('Identity', ['weights'], ['copy'])],
    input: [onnxIo('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'sequence'])],
    output: outputs.map(([name, type, dims]) => onnxIo(name, type, dims)),
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

describe('hiddenOutputName', () => {
  it('finds the hidden state among the graph’s outputs, whatever their order and the weights before them', () => {
    const file = path.join(fixtureModelsDir(), FIXTURE_MODEL_ID, 'onnx', 'model_quantized.onnx');
    expect(hiddenOutputName(readFileSync(file))).toBe('last_hidden_state');
    const sentenceTransformers = modelWith([
      ['sentence_embedding', FLOAT, ['batch', 384]],
      ['token_embeddings', FLOAT, ['batch', 'sequence', 384]],
    ]);
    expect(hiddenOutputName(sentenceTransformers)).toBe('token_embeddings');
    // The order forward-batch.ts reads them in.
    const both = modelWith([
      ['token_embeddings', FLOAT, ['batch', 'sequence', 384]],
      ['last_hidden_state', FLOAT, ['batch', 'sequence', 384]],
    ]);
    expect(hiddenOutputName(both)).toBe('last_hidden_state');
  });

  it('refuses a model without a float hidden state, and bytes that are not a model', () => {
    expect(() => hiddenOutputName(modelWith([['last_hidden_state', FLOAT16, ['batch', 'sequence', 8]]]))).toThrow(
      /no float last_hidden_state .* output \(outputs: last_hidden_state\)/,
    );
    expect(() => hiddenOutputName(modelWith([['pooler_output', FLOAT, ['batch', 8]]]))).toThrow(/pooler_output/);
    expect(() => hiddenOutputName(Uint8Array.from([0x3a, 0x7f, 1, 2]))).toThrow(/Not a protobuf message/);
  });
});

describe('poolingFragment', () => {
  it('is a ModelProto adding the MatMul, its input and output, and the source to the metadata', () => {
    const fragment = onnx.ModelProto.decode(poolingFragment('token_embeddings', '/models/m.onnx 42 7'));
    const graph = fragment.graph!;
    expect(graph.node!.map((n) => [n.opType, n.input, n.output])).toEqual([
      ['MatMul', [POOL_MASK_INPUT, 'token_embeddings'], [POOLED_OUTPUT]],
    ]);
    const shape = (v: onnxProto.onnx.IValueInfoProto) =>
      v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(graph.input!.map((v) => [v.name, v.type!.tensorType!.elemType, shape(v)])).toEqual([
      [POOL_MASK_INPUT, FLOAT, ['policybot_batch', 1, 'policybot_tokens']],
    ]);
    expect(graph.output!.map((v) => [v.name, v.type!.tensorType!.elemType, shape(v)])).toEqual([
      [POOLED_OUTPUT, FLOAT, ['policybot_batch', 1, 'policybot_width']],
    ]);
    expect(fragment.metadataProps!.map((p) => [p.key, p.value])).toEqual([
      ['policybot_pooled_from', '/models/m.onnx 42 7'],
    ]);
  });
});

describe('the protobuf wire helpers', () => {
  it('read back what they encode: varints past 32 bits, strings, nested messages, in order', () => {
    const inner = encodeMessage([[1, 'ümlaut']]);
    const bytes = encodeMessage([
      [1, 300],
      [2, 2 ** 40 + 5],
      [3, inner],
      [1, 0],
    ]);
    const fields = [...wireFields(bytes)];
    expect(fields.map((f) => [f.field, f.delimited, f.value])).toEqual([
      [1, false, 300],
      [2, false, 2 ** 40 + 5],
      [3, true, 0],
      [1, false, 0],
    ]);
    const nested = fields[2]!;
    expect(Buffer.from(bytes.subarray(nested.start, nested.end))).toEqual(Buffer.from(inner));
    expect([...wireFields(bytes, nested.start, nested.end)].map((f) => f.end - f.start)).toEqual([7]);
  });
});
