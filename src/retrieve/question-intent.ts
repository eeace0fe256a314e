import { foldText } from '../lib/text.ts';
import type { QuestionIntent } from '../types.ts';

/**
 * Wordings that ask for each kind of answer, over folded text (lower case, no diacritics), in
 * English, Vietnamese and Chinese (要求 require, 目标 goal, 何时 when, 多少 how many, 谁 who). Vietnamese keeps its word order: "quy định gì" (what does it
 * regulate), "mục tiêu" (goals), "khi nào" / "hiệu lực" (when / in effect), "bao nhiêu" (how
 * many), "là ai" / "cơ quan nào" (who / which agency; a bare "ai" is also "AI", so it
 * counts only in those phrasings).
 */
const CUES: readonly (readonly [QuestionIntent, RegExp])[] = [
  [
    'obligation',
    /\b(?:requires?|required|requirements?|requiring|must|shall|obligations?|obliged|rules?|regulat\w*|stipulat\w*|mandat\w*|allowed|permitted|prohibit\w*|conditions?|say about|quy dinh|yeu cau|bat buoc|phai|dieu kien)\b|要求|规定|規定|必须|必須/,
  ],
  [
    'target',
    /\b(?:targets?|goals?|aims?|objectives?|milestones?|plans? to|vision|muc tieu|chi tieu|dinh huong)\b|目标|目標|指标|指標/,
  ],
  [
    'date',
    /\b(?:when|what year|which year|deadline|due|by when|in effect|into effect|take effect|effective|since when|dates?|timeline|khi nao|bao gio|luc nao|hieu luc|thoi han|nam nao|ngay nao)\b|何时|何時|什么时候|什麼時候|生效|期限/,
  ],
  [
    'number',
    /\b(?:how (?:many|much|fast|long)|what (?:share|percentage|proportion|number)|percent(?:age)?|bao nhieu|ti le|ty le)\b|多少|几个|幾個/,
  ],
  [
    'agency',
    /\b(?:who|which (?:ministry|agency|body|institute|organi[sz]ation|hospital)|issued by|approved by|la ai|ai (?:da|ban hanh|phe duyet|ky)|co quan nao|bo nao)\b|谁|誰|哪个机构|哪個機構/,
  ],
];

/**
 * The kinds of answer a question asks for, in a fixed order; empty when its wording says
 * nothing about it ("telemedicine", "Circular 49"). A question may ask for several ("When and
 * by whom…").
 */
export function detectIntents(question: string): QuestionIntent[] {
  const folded = foldText(question);
  return CUES.filter(([, pattern]) => pattern.test(folded)).map(([intent]) => intent);
}
