import { editDistance } from '../lib/edit-distance.ts';
import { foldText } from '../lib/text.ts';
import type { QuestionIntent } from '../types.ts';

/**
 * Wordings that ask for each kind of answer, over folded text (lower case, no diacritics), in
 * English, Vietnamese and Chinese (要求 require, 目标 goal, 何时 when, 期限 deadline, 多少 how
 * many, 谁 who). Vietnamese keeps its word order: "quy định gì" (what does it regulate), "mục
 * tiêu" (goals), "khi nào" / "hiệu lực" (when / in effect), "thời hạn" / "trước năm nào" /
 * "khi nào phải" (deadline / before which year / when must), "bao nhiêu" (how many), "là ai" /
 * "cơ quan nào" (who / which agency; a bare "ai" is also "AI", so it counts only in those
 * phrasings), "những … nào" / "gồm những gì" / "các … nào" (which ones: a list), "còn hiệu
 * lực" / "still in force" / "has it been replaced" (its status; a bare "is … valid" or "in
 * effect" is not: "a valid licence", "how long is it valid", and only where the question names
 * an instrument, {@link INSTRUMENT}), "what could block" / "what are the barriers" / "why
 * can't" / "những khó khăn" / "rào cản nào" (what stands in the way: asked, not a claim's "X
 * prevents Y" nor a legal "người cản trở …").
 */
const CUES: readonly (readonly [QuestionIntent, RegExp])[] = [
  [
    'obligation',
    /\b(?:requires?|required|requirements?|requiring|must|shall|obligations?|obliged|rules?|regulat\w*|stipulat\w*|mandat\w*|allowed|permitted|prohibit\w*|conditions?|say about|quy dinh|yeu cau|bat buoc|phai|dieu kien)\b|要求|规定|規定|必须|必須/,
  ],
  [
    'target',
    /\b(?:targets?|goals?|aims?|objectives?|milestones?|plans? to|vision|muc tieu|chi tieu|dinh huong|(?:by|until|before|den(?: nam)?|truoc nam) 20\d\d)\b|目标|目標|指标|指標/,
  ],
  [
    'date',
    /\b(?:when|what year|which year|deadline|due|by when|in effect|into effect|take effect|effective|since when|dates?|timeline|khi nao|bao gio|luc nao|hieu luc|thoi han|nam nao|ngay nao)\b|何时|何時|什么时候|什麼時候|生效|期限/,
  ],
  [
    'deadline',
    /\b(?:(?<!\b(?:by|within|meet|meets|met|missed|missing|miss|after|beyond|past|before|exceed\w*|extend\w*|waivers? of)\s(?:(?:the|a|an)\s)?(?:[\w-]+\s)?)(?:deadlines?|due date)|by when|until when|till when|by what (?:date|year|time)|by which (?:date|year)|no later than|not later than|time limits?|when (?:must|should)|when(?=\s(?:do(?:es)?\s.{1,60}\s(?:have|need)\sto|(?:is|are)\s.{1,60}\s(?:required|expected|due)\sto))|within how (?:many|long)|thoi han|han chot|cham nhat|truoc (?:ngay|nam|thang) nao|den (?:ngay|nam|thang|khi) nao|khi nao (?:phai|can|se)|(?<=\b(?:phai|can|se)\s.{1,60}\s)khi nao)\b|期限|截止|最迟|最遲/,
  ],
  [
    'number',
    /\b(?:how (?:many|much|fast|long)|what (?:share|percentage|proportion|number)|percent(?:age)?|bao nhieu|ti le|ty le)\b|多少|几个|幾個/,
  ],
  [
    'agency',
    /\b(?:who|which (?:ministry|agency|body|institute|organi[sz]ation|hospital)|issued by|approved by|la ai|ai (?:da|ban hanh|phe duyet|ky)|co quan nao|bo nao)\b|谁|誰|哪个机构|哪個機構/,
  ],
  [
    'status',
    /\b(?:(?:still|no longer) (?:current|valid|in (?:force|effect|use)|applicable|appl(?:y|ies)|up to date|used|relevant)|(?<=\b(?:is|are|was|were)\s.{1,60}\s)(?:outdated|obsolete|repealed|replaced|superseded|expired|abolished|annulled|in force|up to date)|(?<=\b(?:has|have)\s.{1,60}\s)been (?:repealed|replaced|superseded|amended|abolished|annulled)|con hieu luc|het hieu luc|bi bai bo|bi thay the|duoc thay the)\b|仍然有效|是否有效|废止|廢止/,
  ],
  [
    'obstacle',
    /\b(?:(?:what|which)\s(?:[\w-]+\s){0,3}?(?:barriers?|obstacles?|hurdles?|bottlenecks?|challenges?|difficult(?:y|ies)|problems?)|what\s(?:(?:could|might|may|can|would|will|does|do|did|is|are|was|were)\s)?(?:block(?:s|ing)?|hinder(?:s|ing)?|imped(?:e|es|ing)|prevent(?:s|ing)?\s(?:[\w-]+\s){1,5}?from|stand(?:s|ing)? in the way|hold(?:s|ing)?\s(?:[\w-]+\s){0,4}?(?:back|up)|slow(?:s|ing)?)|stands? in the way|why (?:can.?t|cannot|(?:is|are) (?:it|\w+(?: \w+){0,3}) (?:so )?(?:hard|difficult|slow))|(?:nhung|cac) (?:kho khan|thach thuc|tro ngai|rao can|vuong mac)|(?:kho khan|thach thuc|tro ngai|rao can|vuong mac) (?:gi|nao|la gi)|(?:dieu |cai )?gi (?:dang )?can tro)\b|障碍|障礙|挑战|挑戰|困难|困難/,
  ],
  [
    'list',
    /\b(?:list|enumerate|name the|which (?!does|was|has|is)\w{2,}(?:ies|[^su']s)|what (?:kinds?|types?|sorts?) of|nhung .{1,40} nao|cac .{1,40} nao|gom nhung|bao gom (?:nhung )?gi|ke ten|liet ke)\b|哪些|包括/,
  ],
];

/**
 * What a status question asks about: an instrument, by its kind (folded Vietnamese "thông tư",
 * "nghị định", "quyết định", "nghị quyết", "chỉ thị", "luật"; Chinese 通知, 决定, 议定/法令,
 * 决议, 指示, 法律/法规, 条例) or its number ("46/2018/…"). "Which paper forms are still used",
 * "How long is an e-prescription valid?" ask about no instrument's status.
 */
const INSTRUMENT =
  /\b(?:circulars?|decrees?|decisions?|laws?|regulations?|resolutions?|directives?|ordinances?|thong tu|nghi dinh|quyet dinh|nghi quyet|chi thi|luat|\d{1,5}\/\d{4}\/)|通知|通告|决定|決定|议定|議定|法令|决议|決議|指示|法律|法规|法規|条例|條例/;

/**
 * A deadline the question sets as a condition ("if it does not submit … within the given
 * deadline", "failing to pay by the due date", "after the one-month deadline") is not what it
 * asks for: the lookbehind above leaves those out.
 *
 * The kinds of answer a question asks for, in a fixed order; empty when its wording says
 * nothing about it ("telemedicine", "Circular 49"). A question may ask for several ("When and
 * by whom…"). A deadline question asks for a date something must be done by, not any date:
 * "date" is dropped when "deadline" is read ("When must …", "khi nào phải …").
 */
export function detectIntents(question: string): QuestionIntent[] {
  const folded = _correctIntentWords(foldText(question));
  const intents = CUES.filter(
    ([intent, pattern]) => pattern.test(folded) && (intent !== 'status' || INSTRUMENT.test(folded)),
  ).map(([intent]) => intent);
  return intents.includes('deadline') ? intents.filter((intent) => intent !== 'date') : intents;
}

/**
 * The words of a question that ask for the kind of answer ("deadline", "by when", "thời
 * hạn"), folded: an answer states a date rather than repeating them, so they are no topic.
 */
export function intentWording(question: string, intent: QuestionIntent): string {
  const pattern = CUES.find(([name]) => name === intent)?.[1];
  if (!pattern) return '';
  const global = new RegExp(pattern.source, 'g');
  // Read as detectIntents reads it ("dealine" as "deadline"), but give the words as typed,
  // which are the question's terms: a misspelt "dealine" asks for a deadline too.
  const folded = foldText(question);
  const words = folded.split(_TYPO_CANDIDATE);
  const corrected = words.map((w, i) => (i % 2 === 1 ? _correctIntentWord(w) : w));
  const starts = (parts: readonly string[]) => parts.map((_, i) => parts.slice(0, i).join('').length);
  const [from, to] = [starts(corrected), starts(words)];
  const typed = (at: number) => {
    let i = from.length - 1;
    while (i > 0 && from[i]! > at) i--;
    // Inside a corrected word: its start or end in the typed text.
    if (i % 2 === 1 && corrected[i] !== words[i]) return at === from[i] ? to[i]! : to[i]! + words[i]!.length;
    return to[i]! + (at - from[i]!);
  };
  return [...corrected.join('').matchAll(global)]
    .map((m) => folded.slice(typed(m.index), typed(m.index + m[0].length)))
    .join(' ');
}

/**
 * Words that ask for a kind of answer, long enough that one edit away is a misspelling of them
 * ("stipulate" is not: "stimulate" is one edit away).
 */
const INTENT_WORDS = [
  'deadline',
  'deadlines',
  'require',
  'requires',
  'required',
  'requirement',
  'requirements',
  'obligation',
  'obligations',
  'regulation',
  'regulations',
  'targets',
  'objective',
  'objectives',
  'milestones',
  'effective',
  'timeline',
  'percentage',
];
const KNOWN = new Set(INTENT_WORDS);

/**
 * The folded question with a word one edit from a word asking for a kind of answer spelt as
 * that word ("dealine" → "deadline", "requirments" → "requirements"): six letters or more, the
 * same first letter, and not itself one of them or its plural or singular.
 */
function _correctIntentWords(folded: string): string {
  return folded.replace(new RegExp(_TYPO_CANDIDATE.source, 'g'), _correctIntentWord);
}

/** A word that may be a misspelt intent word (split keeps it, at the odd places). */
const _TYPO_CANDIDATE = /\b([a-z]{6,})\b/;

function _correctIntentWord(word: string): string {
  // A plural or singular of one of them is a word, not a typo ("timelines", "target").
  if (KNOWN.has(word) || KNOWN.has(`${word}s`) || KNOWN.has(word.replace(/s$/, ''))) return word;
  return INTENT_WORDS.find((w) => w[0] === word[0] && editDistance(word, w, 1) !== undefined) ?? word;
}
