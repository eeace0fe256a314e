import {
  DIM_PARAM,
  DIM_VALUE,
  ENTRY_KEY,
  ENTRY_VALUE,
  FLOAT,
  GRAPH_INPUT,
  GRAPH_NODE,
  GRAPH_OUTPUT,
  MODEL_GRAPH,
  MODEL_METADATA,
  NODE_INPUT,
  NODE_NAME,
  NODE_OP_TYPE,
  NODE_OUTPUT,
  SHAPE_DIM,
  TENSOR_ELEM_TYPE,
  TENSOR_SHAPE,
  TYPE_TENSOR,
  VALUE_NAME,
  VALUE_TYPE,
} from './onnx-fields.ts';
import { delimitedFields, encodeMessage, stringField, varintField } from './onnx-wire.ts';

/** The input added to the model: each row's pooling weights, float32 [batch, 1, tokens] (see poolWeights). */
export const POOL_MASK_INPUT = 'policybot_pool_mask';
/** The output added to the model: POOL_MASK_INPUT × the hidden state, float32 [batch, 1, width]. */
export const POOLED_OUTPUT = 'policybot_pooled';
/** The hidden-state outputs pooled, in the order forward-batch.ts reads them. */
const HIDDEN_OUTPUTS = ['last_hidden_state', 'logits', 'token_embeddings'];
/** The metadata key naming the source the pooled model was made from (see poolingFragment). */
const SOURCE_KEY = 'policybot_pooled_from';

/**
 * The model's hidden-state output to pool: the first of last_hidden_state, logits,
 * token_embeddings among its graph's float outputs. Reads the ModelProto's fields one level
 * at a time down to the graph's outputs, skipping everything else (the weights) unread.
 * Throws when there is none.
 */
export function hiddenOutputName(model: Uint8Array): string {
  const outputs = new Map<string, number>();
  for (const graph of delimitedFields(model, MODEL_GRAPH))
    for (const output of delimitedFields(model, GRAPH_OUTPUT, graph.start, graph.end)) {
      const name = stringField(model, VALUE_NAME, output.start, output.end);
      let elemType = 0;
      for (const type of delimitedFields(model, VALUE_TYPE, output.start, output.end))
        for (const tensor of delimitedFields(model, TYPE_TENSOR, type.start, type.end))
          elemType = varintField(model, TENSOR_ELEM_TYPE, tensor.start, tensor.end);
      if (name !== null) outputs.set(name, elemType);
    }
  const hidden = HIDDEN_OUTPUTS.find((name) => outputs.get(name) === FLOAT);
  if (!hidden)
    throw new Error(`the model has no float ${HIDDEN_OUTPUTS.join(' / ')} output (outputs: ${[...outputs.keys()]})`);
  return hidden;
}

/**
 * The bytes that, appended to the model's, add mean pooling to it: protobuf parsers merge a
 * message field that appears twice (repeated fields inside it are appended), so the model's
 * bytes followed by a ModelProto holding only `graph { node, input, output }` are the model
 * with one MatMul node, one input and one output more, its weights neither decoded nor
 * re-encoded. The node is MatMul(POOL_MASK_INPUT [batch, 1, tokens], `hidden` [batch,
 * tokens, width]) → POOLED_OUTPUT [batch, 1, width]: with each row's weights 1/count on its
 * real tokens and 0 on padding, the mean over the attention mask, as sentence-transformers'
 * Pooling module computes it, inside the session. MatMul is the same in every opset. `source`
 * (which model file, its size and time) goes in the model's metadata, so a pooled file made
 * from another source does not end in the same bytes.
 */
export function poolingFragment(hidden: string, source: string): Uint8Array {
  const node = encodeMessage([
    [NODE_INPUT, POOL_MASK_INPUT],
    [NODE_INPUT, hidden],
    [NODE_OUTPUT, POOLED_OUTPUT],
    [NODE_NAME, 'policybot_mean_pool'],
    [NODE_OP_TYPE, 'MatMul'],
  ]);
  const graph = encodeMessage([
    [GRAPH_NODE, node],
    [GRAPH_INPUT, _floatValue(POOL_MASK_INPUT, ['policybot_batch', 1, 'policybot_tokens'])],
    [GRAPH_OUTPUT, _floatValue(POOLED_OUTPUT, ['policybot_batch', 1, 'policybot_width'])],
  ]);
  const entry = encodeMessage([
    [ENTRY_KEY, SOURCE_KEY],
    [ENTRY_VALUE, source],
  ]);
  return encodeMessage([
    [MODEL_GRAPH, graph],
    [MODEL_METADATA, entry],
  ]);
}

/** A ValueInfoProto: a float tensor named `name` of the shape `dims` (a name for a symbolic dimension). */
function _floatValue(name: string, dims: readonly (string | number)[]): Uint8Array {
  const dim = (d: string | number) => encodeMessage([[typeof d === 'number' ? DIM_VALUE : DIM_PARAM, d]]);
  const shape = encodeMessage(dims.map((d) => [SHAPE_DIM, dim(d)] as const));
  const tensor = encodeMessage([
    [TENSOR_ELEM_TYPE, FLOAT],
    [TENSOR_SHAPE, shape],
  ]);
  return encodeMessage([
    [VALUE_NAME, name],
    [VALUE_TYPE, encodeMessage([[TYPE_TENSOR, tensor]])],
  ]);
}
