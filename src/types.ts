/**
 * Shared data shapes, one concept a file under `types/`. Data flows one way:
 * ingest → embed → store → retrieve → present → discord | cli.
 */
export type * from './types/answer.ts';
export type * from './types/document.ts';
export type * from './types/identifier.ts';
export type * from './types/source.ts';
export type * from './types/word-tokens.ts';
