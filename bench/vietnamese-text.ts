/**
 * Seeded synthetic Vietnamese for the benchmark: syllables built from Vietnamese onsets,
 * rhymes and tones; words of one to three syllables (mostly two, as in Vietnamese); word
 * frequencies Zipfian, so a few words ("của", "người") are everywhere and most are rare, as in
 * real text. Pair terms then behave as on real text: the syllable pairs inside a word repeat
 * with the word; pairs across word boundaries are many and sparse.
 */
import type { Chunk } from '../src/types.ts';
import { prng, zipfSampler } from './synthetic.ts';

const ONSETS = 'b c ch d đ g gi h kh l m n ng nh ph qu r s t th tr v x'.split(' ').concat(['']);
const RHYMES = (
  'a ai an ang anh ao at ay ac ach am ap au ăn ăng ăm ăt âm ân âng ât âu ây e em en eng et eo ê ên ênh êt êu ' +
  'i ia im in inh it iêu iên iêt o oa oai oan oang oanh oat oc oi om on ong ot ô ôi ôm ôn ông ôt ơ ơi ơm ơn ơt ' +
  'u ua ui um un ung ut uy uyên uân ư ưa ưi ưng ưt ươi ươn ương ươc ươt'
).split(' ');
/** Tone marks (combining): none, sắc, huyền, hỏi, ngã, nặng. */
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VOWELS = /[aăâeêioôơuưy]/u;
/** Function words written often in legal text, most frequent first. */
const FUNCTION_WORDS = 'của và các được theo trong cho với này là có không những đã khi người việc về'.split(' ');

/** One syllable: onset, rhyme and a tone mark on the rhyme's main vowel (NFC). */
function syllable(rand: () => number): string {
  const onset = ONSETS[Math.floor(rand() * ONSETS.length)]!;
  const rhyme = RHYMES[Math.floor(rand() * RHYMES.length)]!;
  const tone = TONES[Math.floor(rand() * TONES.length)]!;
  // The mark goes on the last vowel of a closed rhyme, else on the first ("toán", "mùa").
  const vowels = [...rhyme].map((c, i) => (VOWELS.test(c) ? i : -1)).filter((i) => i >= 0);
  const closed = !VOWELS.test(rhyme.at(-1)!);
  const at = (closed ? vowels.at(-1) : vowels[0]) ?? 0;
  return `${onset}${rhyme.slice(0, at + 1)}${tone}${rhyme.slice(at + 1)}`.normalize('NFC');
}

/** A vocabulary of `size` words, and a sampler with Zipf(1.0) frequencies over them. */
export function vietnameseWords(size: number, seed: number): { words: string[]; sample: () => string } {
  const rand = prng(seed);
  const syllables = Array.from({ length: 4000 }, () => syllable(rand));
  const seen = new Set<string>(FUNCTION_WORDS);
  const words = [...FUNCTION_WORDS];
  while (words.length < size) {
    const r = rand();
    const length = r < 0.2 ? 1 : r < 0.9 ? 2 : 3;
    // Syllables are themselves skewed: some recur in many words ("quy", "định", "hành").
    const word = Array.from({ length }, () => syllables[Math.floor(rand() ** 2 * syllables.length)]!).join(' ');
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return { words, sample: zipfSampler(words, 1.0, rand) };
}

/** A sentence of `words` words, capitalised, with a comma now and then and a full stop. */
export function vietnameseSentence(sample: () => string, words: number, rand: () => number): string {
  const parts = Array.from({ length: words }, (_, i) => `${sample()}${i < words - 1 && rand() < 0.08 ? ',' : ''}`);
  const text = parts.join(' ');
  return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)}.`;
}

/** `count` synthetic articles and `questions` questions about them: a heading "Điều N. …" and 3–5 clauses of 12–30 words. */
export function syntheticArticles(count: number, questions: number): { chunks: Chunk[]; queries: string[] } {
  const { sample } = vietnameseWords(40_000, 11);
  const rand = prng(5);
  const chunks = Array.from({ length: count }, (_, i): Chunk => {
    const clauses = 3 + Math.floor(rand() * 3);
    const text = Array.from(
      { length: clauses },
      (_, c) => `${c + 1}. ${vietnameseSentence(sample, 12 + Math.floor(rand() * 18), rand)}`,
    ).join('\n');
    const heading = vietnameseSentence(sample, 3 + Math.floor(rand() * 3), rand).slice(0, -1);
    const code = Math.floor(i / 500) + 1;
    return {
      id: `v${i}`,
      file: `corpus/bo-luat-${code}.txt`,
      title: `Bộ luật Thử nghiệm ${code}`,
      section: [`Điều ${(i % 500) + 1}. ${heading}`],
      text,
      charStart: 0,
      charEnd: text.length,
      page: null,
      identifiers: [],
      tokens: text.length / 4,
    };
  });
  // A question: 2–4 words of one passage, between question boilerplate, as people ask.
  const queries = Array.from({ length: questions }, () => {
    const words = chunks[Math.floor(rand() * count)]!.text.replace(/\d+\.\s|[.,]/g, '').split(/\s+/);
    const at = Math.floor(rand() * Math.max(1, words.length - 8));
    return `${words.slice(at, at + 4 + Math.floor(rand() * 4)).join(' ')} được quy định như thế nào?`;
  });
  return { chunks, queries };
}
