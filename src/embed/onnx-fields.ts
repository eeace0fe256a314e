// ONNX's protobuf field numbers (onnx.proto), as the pooled model and the model scans read and write them.
export const MODEL_GRAPH = 7;
export const MODEL_METADATA = 14;
export const GRAPH_NODE = 1;
export const GRAPH_INPUT = 11;
export const GRAPH_OUTPUT = 12;
export const NODE_INPUT = 1;
export const NODE_OUTPUT = 2;
export const NODE_NAME = 3;
export const NODE_OP_TYPE = 4;
export const VALUE_NAME = 1;
export const VALUE_TYPE = 2;
export const TYPE_TENSOR = 1;
export const TENSOR_ELEM_TYPE = 1;
export const TENSOR_SHAPE = 2;
export const SHAPE_DIM = 1;
export const DIM_VALUE = 1;
export const DIM_PARAM = 2;
export const ENTRY_KEY = 1;
export const ENTRY_VALUE = 2;
/** TensorProto.DataType.FLOAT. */
export const FLOAT = 1;
