import { lineError, parseJsonObject, readLines, stringField } from './read-lines.ts';

/** One user question with phrases that a right answer's passage contains. */
export interface Question {
  id: string;
  q: string;
  /** Any one of these, found in a passage, makes that passage a hit; empty for a question nothing answers. */
  expect: string[];
  /** A free label for grouping results (identifier, paraphrase, comparison, …). */
  kind?: string;
  /** A comparison: one phrase list per named instrument, each of which must be hit in the top 3. */
  expectEach?: string[][];
  /** Instruments the question names that no document holds: the answer must report them not found. */
  absent?: string[];
  /** True for a question nothing in the corpus answers: the answer must be flagged weak. */
  weak?: boolean;
}

/** Hit rates at the cut-offs the command prints: the share of questions answered by rank k. */
export interface HitRates {
  'hit@1': number;
  'hit@3': number;
  'hit@10': number;
}

const QUESTIONS_HINT =
  'A question set has one {"id", "q", "expect": ["phrase", …]} object per line; a question nothing answers has ' +
  '"expect": [] with "absent": ["Circular 99"] or "weak": true.';

/** Reads a question set in the `../shared/eval/questions.jsonl` style. */
export async function readQuestionSet(file: string): Promise<Question[]> {
  const questions: Question[] = [];
  const seen = new Set<string>();
  for await (const numbered of readLines(file, QUESTIONS_HINT)) {
    if (!numbered.line.trim()) continue;
    const record = parseJsonObject(file, numbered, QUESTIONS_HINT);
    const id = stringField(record, 'id') ?? `line-${numbered.lineNo}`;
    const q = stringField(record, 'q');
    const expect = record.expect;
    if (!q?.trim()) throw lineError(file, numbered.lineNo, 'no "q" question string.', QUESTIONS_HINT);
    const absent = _phraseList(record.absent);
    const weak = record.weak === true;
    const unanswerable = (absent?.length ?? 0) > 0 || weak;
    if (
      !Array.isArray(expect) ||
      (expect.length === 0 && !unanswerable) ||
      !expect.every((e) => typeof e === 'string' && e.trim())
    ) {
      throw lineError(file, numbered.lineNo, '"expect" must be a non-empty list of non-empty strings.', QUESTIONS_HINT);
    }
    const expectEach = Array.isArray(record.expectEach) ? record.expectEach.map(_phraseList) : undefined;
    if (expectEach?.some((group) => !group?.length)) {
      throw lineError(file, numbered.lineNo, '"expectEach" must be a list of non-empty phrase lists.', QUESTIONS_HINT);
    }
    if (seen.has(id))
      throw lineError(file, numbered.lineNo, `question id "${id}" appears twice.`, 'Question ids must be unique.');
    seen.add(id);
    const question: Question = { id, q, expect: expect as string[] };
    const kind = stringField(record, 'kind');
    if (kind) question.kind = kind;
    if (expectEach) question.expectEach = expectEach as string[][];
    if (absent?.length) question.absent = absent;
    if (weak) question.weak = true;
    questions.push(question);
  }
  return questions;
}

/** A list of non-empty strings, or undefined for anything else. */
function _phraseList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((e) => typeof e === 'string' && e.trim())
    ? (value as string[])
    : undefined;
}

/**
 * Folds text for phrase matching: curly quotes and primes to straight ones, runs of white
 * space to one space, lower case. A phrase copied from a PDF or a word processor then still
 * matches the corpus text it was copied from.
 */
export function normalisePhrase(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** True when `text` contains any of the expected phrases (after `normalisePhrase`). */
export function containsExpected(text: string, expect: readonly string[]): boolean {
  const haystack = normalisePhrase(text);
  return expect.some((phrase) => haystack.includes(normalisePhrase(phrase)));
}

/** 1-based rank of the first passage containing an expected phrase, or null when none does. */
export function firstHitRank(passages: readonly string[], expect: readonly string[]): number | null {
  const i = passages.findIndex((text) => containsExpected(text, expect));
  return i < 0 ? null : i + 1;
}

/** Share of questions whose first hit is at rank 1, ≤ 3 and ≤ 10 (0 for an empty set). */
export function hitRates(firstHits: readonly (number | null)[]): HitRates {
  const share = (k: number) =>
    firstHits.length === 0 ? 0 : firstHits.filter((r) => r !== null && r <= k).length / firstHits.length;
  return { 'hit@1': share(1), 'hit@3': share(3), 'hit@10': share(10) };
}
