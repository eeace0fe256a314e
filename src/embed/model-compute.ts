import { GRAPH_NODE, MODEL_GRAPH, NODE_OP_TYPE } from './onnx-fields.ts';
import { delimitedFields, stringField } from './onnx-wire.ts';

/** Operators that multiply matrices: an encoder's layers are made of them, a lookup has none. */
const MATRIX_PRODUCTS = new Set([
  'MatMul',
  'Gemm',
  'MatMulInteger',
  'QLinearMatMul',
  'FusedMatMul',
  'DynamicQuantizeMatMul',
  'MatMulNBits',
  'Attention',
  'MultiHeadAttention',
  'Conv',
  'ConvInteger',
]);

/**
 * Whether the model's graph multiplies matrices: true for a transformer encoder (its forward
 * pass is most of an ingest's work), false for a model that only looks its tokens' vectors up
 * (static embeddings, the test fixture). Reads the graph's nodes' operator names, skipping the
 * weights unread; a subgraph's nodes (inside If or Loop) are not read. False for bytes that
 * are not a protobuf message.
 */
export function multipliesMatrices(model: Uint8Array): boolean {
  try {
    for (const graph of delimitedFields(model, MODEL_GRAPH))
      for (const node of delimitedFields(model, GRAPH_NODE, graph.start, graph.end)) {
        const op = stringField(model, NODE_OP_TYPE, node.start, node.end);
        if (op !== null && MATRIX_PRODUCTS.has(op)) return true;
      }
    return false;
  } catch {
    // Not a model: ONNX Runtime, given it next, says why.
    return false;
  }
}
