/**
 * Question boilerplate of Vietnamese questions, as folded phrases: words that say a question
 * is being asked ("là gì", "như thế nào", "bao nhiêu", "đúng hay sai", "nào sau đây") or that
 * every legal question carries ("theo quy định"). They match nearly every article and drown
 * the words that name the subject, so they are cut from queries (never from passages, where
 * they are part of the law's text). Longer phrases come first so they win over their parts.
 */
const QUESTION_BOILERPLATE = [
  'dung hay sai',
  'nao sau day',
  'nhu the nao',
  'the nao',
  'la gi',
  'bao nhieu',
  'hay khong',
  'co phai',
  'duoc khong',
  'quy dinh',
  'theo',
];

const BOILERPLATE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${QUESTION_BOILERPLATE.join('|').replace(/ /g, '\\s+')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/**
 * Replaces Vietnamese question boilerplate in folded text with `|`, a separator the tokenizer
 * skips and across which no syllable pair is formed.
 */
export function cutQuestionBoilerplate(folded: string): string {
  return folded.replace(BOILERPLATE_PATTERN, '|');
}
