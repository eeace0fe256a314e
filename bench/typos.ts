// Cost of typo tolerance, for `npm run bench` (also runnable alone: `npx tsx bench/typos.ts`):
// looking up the vocabulary terms close to a misspelt query word (src/store/lexical/vocabulary.ts)
// in a vocabulary the size of a large corpus's, and indexing that vocabulary on first use.
import { performance } from 'node:perf_hooks';
import { allowedEdits } from '../src/retrieve/typo-terms.ts';
import { Vocabulary } from '../src/store/lexical/vocabulary.ts';
import { prng } from './synthetic.ts';

/** Syllables over the whole alphabet, so words spread over first letters and letter sets as English words do. */
const SYLLABLES = (
  'ab ac ad al am an ar as at ba be bi bo bu ca ce ch ci co cu da de di do du el en er es ex fa fe fi fo fu ga ge gi go ' +
  'gu ha he hi ho hu id il im in ir is it ja jo ju ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu ob oc of ' +
  'om on op or ot ow pa pe ph pi po pr pu qu ra re ri ro ru sa sc se sh si so st su ta te th ti to tr tu ub ul um un ' +
  'ur us va ve vi vo wa we wh wi wo xa xe ya yo za ze zi zo'
).split(' ');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One random edit (substitution, deletion, insertion or swap of neighbours) of `word`. */
function misspell(word: string, rand: () => number): string {
  const at = Math.floor(rand() * word.length);
  const letter = String.fromCharCode(97 + Math.floor(rand() * 26));
  switch (Math.floor(rand() * 4)) {
    case 0:
      return word.slice(0, at) + letter + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + letter + word.slice(at);
    default:
      return at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word;
  }
}

/**
 * Milliseconds per lookup of a misspelt word (p50, p95) in a vocabulary of `size` distinct
 * pronounceable words of 4–12 letters with Zipf-like passage counts, and the one-off indexing.
 */
export function measureTypos(size = 100_000, lookups = 500): object {
  const rand = prng(7);
  const seen = new Set<string>();
  while (seen.size < size) {
    let w = '';
    const syllables = 2 + Math.floor(rand() * 4);
    for (let s = 0; s < syllables; s++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    seen.add(w);
  }
  const terms = [...seen];
  const df = Uint32Array.from(terms, (_, i) => Math.max(1, Math.round(10_000 / (i + 1))));
  let t = performance.now();
  const vocabulary = new Vocabulary(terms, df);
  const indexMs = performance.now() - t;
  // Warm up the compiler first: the first lookups measure the JIT, not the search.
  for (let i = 0; i < 100; i++) vocabulary.closeTerms(misspell(terms[i]!, rand), 2);
  const ms: number[] = [];
  let found = 0;
  for (let i = 0; i < lookups; i++) {
    const word = misspell(terms[Math.floor(rand() * terms.length)]!, rand);
    t = performance.now();
    const close = vocabulary.closeTerms(word, allowedEdits(word.length));
    ms.push(performance.now() - t);
    if (close.length > 0) found++;
  }
  return {
    vocabulary: size,
    lookups,
    indexMs: round(indexMs, 1),
    lookupMs: { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), max: round(Math.max(...ms)) },
    foundShare: round(found / lookups),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify({ typos: [measureTypos(20_000), measureTypos(100_000)] }, null, 2)}\n`);
}
