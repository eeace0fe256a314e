import { createInterface } from 'node:readline';
import type { Config } from '../config.ts';
import { describeError, isPolicybotError, PolicybotError } from '../errors.ts';
import { answerToJson } from '../present/answer-json.ts';
import { PLAIN_STYLE, renderAnswerText, TERMINAL_STYLE } from '../present/render-text.ts';
import type { Retriever } from '../retrieve/retriever.ts';
import { type CliIo, parseCommandArgs, parseCount } from './cli-io.ts';
import { openModel, openRetriever } from './services.ts';

export const ASK_USAGE = 'policybot ask "<question>" [--k N] [--json] [--index dir] [--corpus dir]   (no question: one per line on stdin, JSON lines out)';

/** `policybot ask`: answers one question, or every line of stdin as JSON lines. */
export async function runAsk(argv: string[], config: Config, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { k: { type: 'string' }, json: { type: 'boolean' }, index: { type: 'string' }, corpus: { type: 'string' } },
    ASK_USAGE,
  );
  const k = parseCount(values.k, 'k', config.results, 50);
  const settings = { ...config, indexDir: (values.index as string) ?? config.indexDir, corpusDir: (values.corpus as string) ?? config.corpusDir };
  const question = positionals.join(' ').trim();
  if (!question && (positionals.length > 0 || io.stdin.isTTY)) {
    throw new PolicybotError('USAGE', positionals.length > 0 ? 'The question is empty.' : 'No question given.', `Usage: ${ASK_USAGE}`);
  }

  const log = (line: string) => io.stderr.write(`${line}\n`);
  const model = await openModel(settings);
  if (model.warning) log(`Warning: ${model.warning}`);
  const retriever = await openRetriever(settings, model, log);
  const analyze = (text: string) => retriever.index.lexical.analyze(text);

  if (question) {
    const answer = await retriever.retrieve(question, { k });
    if (values.json) io.stdout.write(`${JSON.stringify(answerToJson(answer, analyze))}\n`);
    else {
      const style = (io.stdout as NodeJS.WriteStream).isTTY ? TERMINAL_STYLE : PLAIN_STYLE;
      io.stdout.write(renderAnswerText(answer, analyze, style));
    }
    return 0;
  }
  return answerLines(retriever, k, io);
}

/** Batch mode: each non-empty stdin line is a question; each gets one JSON line. */
async function answerLines(retriever: Retriever, k: number, io: CliIo): Promise<number> {
  const analyze = (text: string) => retriever.index.lexical.analyze(text);
  let failures = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    try {
      const answer = await retriever.retrieve(line, { k });
      io.stdout.write(`${JSON.stringify(answerToJson(answer, analyze))}\n`);
    } catch (error) {
      if (!isPolicybotError(error, 'QUERY_INVALID')) throw error;
      failures++;
      io.stdout.write(`${JSON.stringify({ query: line, error: describeError(error) })}\n`);
    }
  }
  return failures > 0 ? 1 : 0;
}
