import { createInterface } from 'node:readline';
import { loadConfig } from '../config.ts';
import { describeError, isPolicybotError, PolicybotError } from '../errors.ts';
import { stripTerminalControls } from '../lib/terminal-text.ts';
import { answerToJson } from '../present/answer-json.ts';
import { quoteLayerWarning, retrieveWithQuoteLayers } from '../present/quote-layers.ts';
import { PLAIN_STYLE, renderAnswerText, TERMINAL_STYLE } from '../present/render-text.ts';
import { analyzerOf } from '../present/term-memo.ts';
import { MAX_QUERY_CHARS, type Retriever } from '../retrieve/retriever.ts';
import { type CliIo, writeOut } from './cli-io.ts';
import { parseCount } from './command.ts';
import type { AskArgs } from './commands.ts';
import { openModelForAnswers, openRetriever } from './services.ts';

/** The bold on/off sequences TERMINAL_STYLE writes; all other escapes are removed from output. */
const BOLD_SEQUENCES = ['\u001b[1m', '\u001b[22m'];

/** `policybot ask`: answers one question, or every line of stdin as JSON lines. */
export async function runAsk({ values, positionals }: AskArgs, io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const k = parseCount(values.k, 'k', 50) ?? config.results;
  const settings = {
    ...config,
    indexDir: values.index ?? config.indexDir,
    corpusDir: values.corpus ?? config.corpusDir,
  };
  const question = positionals.join(' ').trim();
  if (!question && (positionals.length > 0 || io.stdin.isTTY)) {
    throw new PolicybotError('USAGE', positionals.length > 0 ? 'The question is empty.' : 'No question given.');
  }

  const log = (line: string) => io.stderr.write(`${line}\n`);
  const model = await openModelForAnswers(settings);
  if (model.warning) log(`Warning: ${model.warning}`);
  const retriever = await openRetriever(settings, model, log);
  const analyze = analyzerOf(retriever.index.lexical);

  if (question) {
    const answer = await retrieveWithQuoteLayers(retriever, question, { k }, quoteLayerWarning(log));
    if (values.json) await writeOut(io.stdout, `${JSON.stringify(answerToJson(answer, analyze))}\n`);
    else {
      const style = (io.stdout as NodeJS.WriteStream).isTTY ? TERMINAL_STYLE : PLAIN_STYLE;
      // Corpus text may hold escape sequences (clear screen, window title): print only our own bold.
      await writeOut(io.stdout, stripTerminalControls(renderAnswerText(answer, analyze, style), BOLD_SEQUENCES));
    }
    return 0;
  }
  return answerLines(retriever, k, io);
}

/**
 * Batch mode: each non-empty stdin line is a question; each gets one JSON line, in order.
 * A question that cannot be asked gets an error line (its line number and the reason; an
 * over-long one is not echoed) and the run exits 1 at the end.
 */
async function answerLines(retriever: Retriever, k: number, io: CliIo): Promise<number> {
  const warn = quoteLayerWarning((line) => io.stderr.write(`${line}\n`));
  const analyze = analyzerOf(retriever.index.lexical);
  let failures = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (!line.trim()) continue;
    let out: object;
    try {
      out = answerToJson(await retrieveWithQuoteLayers(retriever, line, { k }, warn), analyze);
    } catch (error) {
      if (!isPolicybotError(error, 'QUERY_INVALID')) throw error;
      failures++;
      // The message gives an over-long question's length; echoing a megabyte back helps nobody.
      out = {
        line: lineNumber,
        ...(line.length > MAX_QUERY_CHARS ? {} : { query: line }),
        error: describeError(error),
      };
    }
    await writeOut(io.stdout, `${JSON.stringify(out)}\n`);
  }
  return failures > 0 ? 1 : 0;
}
