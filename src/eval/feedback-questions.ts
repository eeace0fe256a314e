import { parseJsonObject, readLines, stringField } from './read-lines.ts';

/** A question people voted on in the bot, ready for a person to label with expected phrases. */
export interface FeedbackQuestion {
  id: string;
  q: string;
  /** Empty: the person labelling writes the phrases a right answer contains. */
  expect: string[];
  votes: { up: number; down: number };
  /** Passage ids shown when people voted, most recent vote's first. */
  shown: string[];
}

const FEEDBACK_HINT =
  'The feedback log (FEEDBACK_FILE) has one {"time", "vote", "query", "chunkIds", …} object per line.';

/**
 * Reads the bot's 👍/👎 log and returns one entry per distinct question (same text after
 * trimming and folding white space), most 👎 first, in the question-set format with an empty
 * `expect` for a person to fill in (`eval --questions` then measures it).
 */
export async function readFeedbackQuestions(file: string): Promise<FeedbackQuestion[]> {
  const byQuery = new Map<string, FeedbackQuestion>();
  for await (const numbered of readLines(file, FEEDBACK_HINT)) {
    if (!numbered.line.trim()) continue;
    const record = parseJsonObject(file, numbered, FEEDBACK_HINT);
    const q = stringField(record, 'query')?.replace(/\s+/g, ' ').trim();
    const vote = stringField(record, 'vote');
    if (!q || (vote !== 'up' && vote !== 'down')) continue;
    const entry = byQuery.get(q) ?? {
      id: `feedback-${byQuery.size + 1}`,
      q,
      expect: [],
      votes: { up: 0, down: 0 },
      shown: [],
    };
    entry.votes[vote]++;
    const shown = Array.isArray(record.chunkIds)
      ? record.chunkIds.filter((c): c is string => typeof c === 'string')
      : [];
    if (shown.length > 0) entry.shown = shown;
    byQuery.set(q, entry);
  }
  return [...byQuery.values()].sort((a, b) => b.votes.down - a.votes.down || b.votes.up - a.votes.up);
}
