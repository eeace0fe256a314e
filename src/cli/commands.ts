import { type Command, defineCommand, type ParsedArgs } from './command.ts';

// Each command's flags live here, apart from its implementation, so that printing the usage
// or rejecting a wrong flag loads nothing heavy: `run` imports the implementation on demand.

const INDEX = { type: 'string', value: 'dir', description: 'index folder (default INDEX_DIR, index/)' } as const;
const CORPUS = { type: 'string', value: 'dir', description: 'corpus folder (default CORPUS_DIR, corpus/)' } as const;

const INGEST_OPTIONS = {
  corpus: CORPUS,
  index: INDEX,
  'no-wait': {
    type: 'boolean',
    description: 'exit 2 at once if another ingest is writing the index, instead of waiting',
  },
} as const;
const ASK_OPTIONS = {
  k: { type: 'string', short: 'k', value: 'N', description: 'passages to show, 1–50 (default RESULTS, 5)' },
  json: { type: 'boolean', description: 'print the answer as one JSON object' },
  index: INDEX,
  corpus: { ...CORPUS, description: 'corpus to build from when there is no index yet' },
} as const;
const EVAL_OPTIONS = {
  dataset: { type: 'string', value: 'dir', description: 'a BEIR-format dataset folder' },
  questions: {
    type: 'string',
    value: 'file.jsonl',
    description: 'a question set: {"id", "q", "expect": [phrases]} per line',
  },
  feedback: {
    type: 'string',
    value: 'file.jsonl',
    description: 'print the questions people voted on (FEEDBACK_FILE) for labelling',
  },
  corpus: { ...CORPUS, description: 'corpus the question set is asked over' },
  split: { type: 'string', value: 'name', description: 'BEIR qrels split (default test)' },
  mode: { type: 'string', value: 'lexical|dense|hybrid', description: 'what to search with (default lexical)' },
  k: { type: 'string', value: 'N', description: 'documents ranked per query, 1–1000 (default 100)' },
  limit: { type: 'string', value: 'N', description: 'only the first N queries' },
  out: { type: 'string', value: 'run.jsonl', description: 'write each query’s ranking to this file' },
  lexical: { type: 'string', value: 'json', description: 'lexical options, e.g. \'{"k1":0.9,"b":0.4}\'' },
  rerank: { type: 'boolean', description: 'reorder the top documents with the cross-encoder (RERANK_MODEL)' },
} as const;

export type IngestArgs = ParsedArgs<typeof INGEST_OPTIONS>;
export type AskArgs = ParsedArgs<typeof ASK_OPTIONS>;
export type EvalArgs = ParsedArgs<typeof EVAL_OPTIONS>;

/** Every command, in the order the top-level usage lists them. */
export const COMMANDS: readonly Command[] = [
  defineCommand({
    name: 'ingest',
    summary: 'build or update the index from the corpus',
    options: INGEST_OPTIONS,
    run: async (args, io) => (await import('./ingest-command.ts')).runIngest(args, io),
  }),
  defineCommand({
    name: 'ask',
    summary: 'answer a question with cited passages',
    positionals: '["<question>"]',
    options: ASK_OPTIONS,
    notes: ['Without a question, reads one question per line on stdin and prints one JSON line per question.'],
    run: async (args, io) => (await import('./ask-command.ts')).runAsk(args, io),
  }),
  defineCommand({
    name: 'eval',
    summary: 'measure retrieval quality on a BEIR-format dataset or a question set',
    options: EVAL_OPTIONS,
    notes: [
      'Give either --dataset (prints nDCG@10, Recall@10/100, MRR@10, MAP@10) or --questions (hit@1/3/10,',
      'quote@1/3, comparisons, absent-flag and weak rates; --mode lexical or hybrid, over --corpus). Prints',
      'one JSON object. --feedback prints one question-set line per voted question, to label.',
    ],
    run: async (args, io) => (await import('./eval-command.ts')).runEvalCommand(args, io),
  }),
  defineCommand({
    name: 'bot',
    summary: 'run the Discord bot (settings from .env)',
    options: {},
    run: async (_args, io) => (await import('./bot-command.ts')).runBot([], io),
  }),
  defineCommand({
    name: 'deploy-commands',
    summary: 'register the slash commands with Discord',
    options: {},
    run: async (_args, io) => (await import('./bot-command.ts')).runDeployCommands([], io),
  }),
];
