import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { describeError, PolicybotError } from '../errors.ts';
import type { EvalMode } from '../eval/eval-index.ts';
import { readQuestionSet } from '../eval/question-set.ts';
import { runBeirEval } from '../eval/run-eval.ts';
import { type QuoteOf, runQuestionEval } from '../eval/run-question-eval.ts';
import { selectQuote } from '../present/quote.ts';
import { quoteLayersOf, retrieveWithQuoteLayers } from '../present/quote-layers.ts';
import { PLAIN_STYLE } from '../present/render-text.ts';
import { analyzerOf } from '../present/term-memo.ts';
import type { RetrieveOptions } from '../retrieve/retriever.ts';
import { type LexicalOptions, resolveLexicalOptions } from '../store/lexical/lexical-options.ts';
import { type CliIo, writeOut } from './cli-io.ts';
import { parseCount } from './command.ts';
import type { EvalArgs as EvalFlags } from './commands.ts';
import { evalChunking, requireModel, requireReranker } from './eval-models.ts';
import { createProgress, type ProgressEvent } from './progress.ts';

const MODES: readonly EvalMode[] = ['lexical', 'dense', 'hybrid'];
/** Quotes are measured at the length `ask` shows. */
const QUOTE_CHARS = PLAIN_STYLE.quoteChars;

interface EvalArgs {
  dataset?: string;
  questions?: string;
  corpus?: string;
  split: string;
  mode: EvalMode;
  k: number;
  limit?: number;
  out?: string;
  lexical?: Partial<LexicalOptions>;
  /** Reorder the top documents with the cross-encoder (RERANK_MODEL). */
  rerank: boolean;
}

function _lexicalOptions(json: string | undefined): Partial<LexicalOptions> | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new PolicybotError('USAGE', `--lexical must be a JSON object of lexical options (got ${json}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolicybotError('USAGE', '--lexical must be a JSON object.');
  }
  try {
    resolveLexicalOptions(value as Partial<LexicalOptions>);
  } catch (error) {
    throw new PolicybotError('USAGE', describeError(error));
  }
  return value as Partial<LexicalOptions>;
}

/** Checks the parsed flags together; every problem is a USAGE error. */
function _checkEvalArgs({ values: v }: EvalFlags): EvalArgs {
  if (!v.dataset === !v.questions)
    throw new PolicybotError('USAGE', 'Give either --dataset <dir> or --questions <file.jsonl>.');
  const mode = (v.mode ?? 'lexical') as EvalMode;
  if (!MODES.includes(mode))
    throw new PolicybotError('USAGE', `--mode must be lexical, dense or hybrid (got "${v.mode}").`);
  if (v.questions && mode === 'dense') {
    throw new PolicybotError('USAGE', 'A question set is answered as the bot answers: --mode lexical or hybrid.');
  }
  return {
    dataset: v.dataset,
    questions: v.questions,
    corpus: v.corpus,
    split: v.split ?? 'test',
    mode,
    k: parseCount(v.k, 'k', 1000) ?? 100,
    limit: parseCount(v.limit, 'limit', 10_000_000),
    out: v.out,
    lexical: _lexicalOptions(v.lexical),
    rerank: v.rerank ?? false,
  };
}

async function _beir(
  args: EvalArgs & { dataset: string },
  config: Config,
  progress: (p: ProgressEvent) => void,
): Promise<object> {
  const embedder = args.mode === 'lexical' ? null : await requireModel(config, args.mode);
  return runBeirEval({
    datasetDir: args.dataset,
    split: args.split,
    mode: args.mode,
    k: args.k,
    limit: args.limit,
    out: args.out,
    lexicalOptions: args.lexical,
    embedder,
    chunking: await evalChunking(config, embedder),
    onProgress: progress,
    reranker: args.rerank ? await requireReranker(config) : null,
  });
}

async function _questions(
  args: EvalArgs & { questions: string },
  config: Config,
  progress: (p: ProgressEvent) => void,
): Promise<object> {
  const questions = await readQuestionSet(args.questions);
  // Loaded on demand: a BEIR run needs neither the on-disk index nor the bot's retriever.
  const [{ buildIndex }, { loadIndex }, { Retriever }] = await Promise.all([
    import('../store/build-index.ts'),
    import('../store/load-index.ts'),
    import('../retrieve/retriever.ts'),
  ]);
  const embedder = args.mode === 'hybrid' ? await requireModel(config, args.mode) : null;
  const corpusDir = args.corpus ?? config.corpusDir;
  const indexDir = await mkdtemp(path.join(tmpdir(), 'policybot-eval-'));
  try {
    const chunking = await evalChunking(config, embedder);
    const build = await buildIndex({
      corpusDir,
      indexDir,
      embedder,
      ...chunking,
      tokenizerId: chunking.tokenizer,
      lexicalOptions: args.lexical,
      onProgress: progress,
    });
    const index = await loadIndex(indexDir);
    const analyze = analyzerOf(index.lexical);
    const quoteOf: QuoteOf = (result, answer) => selectQuote(result, analyze, QUOTE_CHARS, answer).text;
    const onProgress = (done: number, total: number) => progress({ phase: 'query', done, total });
    // Quotes as the CLI and the bot choose them: with the model's sentence scores when one is loaded.
    const retriever = new Retriever(index, embedder);
    const answerer = {
      mode: retriever.mode,
      retrieve: (q: string, o: RetrieveOptions) => retrieveWithQuoteLayers(retriever, q, o),
    };
    const report = await runQuestionEval(answerer, questions, onProgress, quoteOf);
    const { manifest } = index;
    const settings = { chunking: manifest.chunking, lexical: manifest.lexical, model: manifest.model?.id ?? 'none' };
    return {
      questionSet: args.questions,
      corpus: corpusDir,
      ...report,
      quoteLayers: quoteLayersOf(retriever).map((layer) => layer.modelId),
      buildSeconds: Math.round(build.seconds * 100) / 100,
      chunks: build.chunks,
      settings,
    };
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

/**
 * `policybot eval`: measures retrieval on a BEIR dataset (nDCG@10, Recall@10/100, MRR@10,
 * MAP@10) or on a question set (hit@1/3/10) and prints one JSON object on stdout.
 */
export async function runEvalCommand(flags: EvalFlags, io: CliIo): Promise<number> {
  if (flags.values.feedback !== undefined) {
    const { readFeedbackQuestions } = await import('../eval/feedback-questions.ts');
    const questions = await readFeedbackQuestions(flags.values.feedback);
    await writeOut(io.stdout, questions.map((q) => `${JSON.stringify(q)}\n`).join(''));
    return 0;
  }
  const args = _checkEvalArgs(flags);
  const config = loadConfig(io.env);
  const bar = createProgress(io.stderr);
  try {
    const report = args.dataset
      ? await _beir({ ...args, dataset: args.dataset }, config, bar.update)
      : await _questions({ ...args, questions: args.questions ?? '' }, config, bar.update);
    bar.stop();
    await writeOut(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    bar.stop();
  }
}
