import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type Config, loadConfig } from '../config.ts';
import { describeError, isPolicybotError, PolicybotError } from '../errors.ts';
import type { EvalMode } from '../eval/eval-index.ts';
import { evalChunking, requireModel, requireReranker } from './eval-models.ts';
import { readQuestionSet } from '../eval/question-set.ts';
import { runBeirEval } from '../eval/run-eval.ts';
import { runQuestionEval } from '../eval/run-question-eval.ts';
import { type LexicalOptions, resolveLexicalOptions } from '../store/lexical/lexical-options.ts';

export const EVAL_USAGE =
  'policybot eval --dataset <dir> [--split test] [--mode lexical|dense|hybrid] [--k 100] [--limit N] [--out run.jsonl] [--lexical \'{"k1":0.9,"b":0.4}\'] [--rerank]\n' +
  '       policybot eval --questions <file.jsonl> [--corpus dir] [--mode lexical|hybrid] [--lexical <json>]';

const MODES: readonly EvalMode[] = ['lexical', 'dense', 'hybrid'];

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

function _usageError(message: string): PolicybotError {
  return new PolicybotError('USAGE', message, `Usage: ${EVAL_USAGE}`);
}

function _count(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw _usageError(`--${flag} must be a whole number from 1 to ${max} (got "${value}").`);
  return n;
}

function _lexicalOptions(json: string | undefined): Partial<LexicalOptions> | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw _usageError(`--lexical must be a JSON object of lexical options (got ${json}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw _usageError('--lexical must be a JSON object.');
  try {
    resolveLexicalOptions(value as Partial<LexicalOptions>);
  } catch (error) {
    throw _usageError(describeError(error));
  }
  return value as Partial<LexicalOptions>;
}

/** Parses and checks the command line; every problem is a USAGE error. */
function _parseEvalArgs(argv: string[]): EvalArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        dataset: { type: 'string' }, split: { type: 'string' }, mode: { type: 'string' }, k: { type: 'string' }, limit: { type: 'string' },
        out: { type: 'string' }, questions: { type: 'string' }, corpus: { type: 'string' }, lexical: { type: 'string' }, rerank: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw _usageError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 0) throw _usageError(`Unexpected argument "${positionals[0]}".`);
  if (!v.dataset === !v.questions) throw _usageError('Give either --dataset <dir> or --questions <file.jsonl>.');
  const mode = (v.mode ?? 'lexical') as EvalMode;
  if (!MODES.includes(mode)) throw _usageError(`--mode must be lexical, dense or hybrid (got "${v.mode}").`);
  if (v.questions && mode === 'dense') throw _usageError('A question set is answered as the bot answers: --mode lexical or hybrid.');
  return {
    dataset: v.dataset, questions: v.questions, corpus: v.corpus, split: v.split ?? 'test', mode,
    k: _count(v.k, 'k', 1000) ?? 100, limit: _count(v.limit, 'limit', 10_000_000), out: v.out, lexical: _lexicalOptions(v.lexical), rerank: v.rerank ?? false,
  };
}

interface Progress {
  phase: string;
  done: number;
  total: number;
}

/** A progress bar on stderr while it is a terminal; silent in pipes and CI logs. */
function _progress(stream: NodeJS.WritableStream): { update: (p: Progress) => void; stop: () => void } {
  const tty = Boolean((stream as NodeJS.WriteStream).isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  return {
    update: (p) => {
      if (!tty) return;
      if (phase !== p.phase) {
        bar?.stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar({ stream, format: `${p.phase.padEnd(8)} [{bar}] {percentage}% {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(p.total, 0);
      }
      bar?.setTotal(p.total);
      bar?.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}



async function _beir(args: EvalArgs & { dataset: string }, config: Config, progress: (p: Progress) => void): Promise<object> {
  const embedder = args.mode === 'lexical' ? null : await requireModel(config, args.mode);
  return runBeirEval({
    datasetDir: args.dataset, split: args.split, mode: args.mode, k: args.k, limit: args.limit, out: args.out,
    lexicalOptions: args.lexical, embedder, chunking: await evalChunking(config, embedder), onProgress: progress,
    reranker: args.rerank ? await requireReranker(config) : null,
  });
}


async function _questions(args: EvalArgs & { questions: string }, config: Config, progress: (p: Progress) => void): Promise<object> {
  const questions = await readQuestionSet(args.questions);
  // Loaded on demand: a BEIR run needs neither the on-disk index nor the bot's retriever.
  const [{ buildIndex }, { loadIndex }, { Retriever }] = await Promise.all([import('../store/build-index.ts'), import('../store/load-index.ts'), import('../retrieve/retriever.ts')]);
  const embedder = args.mode === 'hybrid' ? await requireModel(config, args.mode) : null;
  const corpusDir = args.corpus ?? config.corpusDir;
  const indexDir = await mkdtemp(path.join(tmpdir(), 'policybot-eval-'));
  try {
    const chunking = await evalChunking(config, embedder);
    const build = await buildIndex({ corpusDir, indexDir, embedder, ...chunking, tokenizerId: chunking.tokenizer, lexicalOptions: args.lexical, onProgress: progress });
    const index = await loadIndex(indexDir);
    const report = await runQuestionEval(new Retriever(index, embedder), questions, (done, total) => progress({ phase: 'query', done, total }));
    const { manifest } = index;
    const settings = { chunking: manifest.chunking, lexical: manifest.lexical, model: manifest.model?.id ?? 'none' };
    return { questionSet: args.questions, corpus: corpusDir, ...report, buildSeconds: Math.round(build.seconds * 100) / 100, chunks: build.chunks, settings };
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

/**
 * `policybot eval`: measures retrieval on a BEIR dataset (nDCG@10, Recall@10/100, MRR@10,
 * MAP@10) or on a question set (hit@1/3/10) and prints one JSON object on stdout.
 * Returns 0 when measured, 2 on bad usage (reason and usage on stderr), 1 on failure.
 */
export async function runEvalCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env?: NodeJS.ProcessEnv }): Promise<number> {
  const bar = _progress(io.stderr);
  try {
    const args = _parseEvalArgs(argv);
    const config = loadConfig(io.env ?? process.env);
    const report = args.dataset ? await _beir({ ...args, dataset: args.dataset }, config, bar.update) : await _questions({ ...args, questions: args.questions ?? '' }, config, bar.update);
    bar.stop();
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (error) {
    bar.stop();
    if (isPolicybotError(error, 'USAGE')) {
      io.stderr.write(`policybot eval: ${error.message}\nUsage: ${EVAL_USAGE}\n`);
      return 2;
    }
    io.stderr.write(`policybot eval: ${describeError(error)}\n`);
    return 1;
  }
}
