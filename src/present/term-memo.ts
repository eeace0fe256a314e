/** The lexical analyzer as quotes use it: text → analyzed terms. */
export type Analyze = (text: string) => string[];

/** Words remembered per analyzer; a corpus's vocabulary is far smaller, so this is rarely reached. */
const MEMO_SIZE = 200_000;
const memos = new WeakMap<Analyze, Map<string, readonly string[]>>();
const stable = new WeakMap<object, Analyze>();

/**
 * `analyze`, remembering what it returns for each short text (a word, a heading) for as long
 * as the function itself lives: analysis (stemming, identifier rules) costs far more than a
 * look-up, and the same words recur across passages and questions. Pass the same `analyze`
 * for every answer over one index (see {@link analyzerOf}) to keep the memo warm.
 */
export function memoized(analyze: Analyze): (text: string) => readonly string[] {
  let memo = memos.get(analyze);
  if (!memo) {
    memo = new Map();
    memos.set(analyze, memo);
  }
  const words = memo;
  return (text) => {
    let terms = words.get(text);
    if (!terms) {
      if (words.size >= MEMO_SIZE) words.clear();
      terms = analyze(text);
      words.set(text, terms);
    }
    return terms;
  };
}

/**
 * One `analyze` function per lexical index, so that the word memo lasts across answers (a new
 * index after a rebuild gets a new one, and the old memo goes with the old index).
 */
export function analyzerOf(lexical: { analyze(text: string): string[] }): Analyze {
  let analyze = stable.get(lexical);
  if (!analyze) {
    analyze = (text) => lexical.analyze(text);
    stable.set(lexical, analyze);
  }
  return analyze;
}
