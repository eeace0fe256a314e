import { foldText } from '../lib/text.ts';

/**
 * Question intents that standard article types answer, in Vietnamese and English. Legal
 * instruments put definitions, scope, prohibited acts, entry into force, responsibilities and
 * penalties in articles with conventional headings ("Giải thích từ ngữ" / "Interpretation of
 * terms", "Phạm vi điều chỉnh" / "Scope", …); a question asking for one of them ("Định nghĩa
 * của 'Người lao động'?", "What does the Law regulate?") is most often answered there.
 * Both patterns run over folded, lower-case text.
 */
interface Intent {
  name: 'definitions' | 'scope' | 'prohibited' | 'entry-into-force' | 'responsibilities' | 'penalties';
  question: RegExp;
  heading: RegExp;
}

const INTENTS: readonly Intent[] = [
  {
    name: 'definitions',
    question: /\b(?:dinh nghia|duoc hieu|giai thich tu ngu|la gi|definitions?|define[sd]?|meaning|what is meant by)\b/,
    heading: /\b(?:giai thich tu ngu|interpretation of terms|definitions?|terms and definitions)\b/,
  },
  {
    name: 'scope',
    question:
      /\b(?:pham vi|quy dinh (?:ve )?(?:dieu )?gi|dieu chinh (?:nhung )?(?:van de )?gi|scope|what does .{1,60} (?:regulate|govern|cover))\b/,
    heading: /\b(?:pham vi dieu chinh|scope|governing scope|doi tuong ap dung|subjects? of application)\b/,
  },
  {
    name: 'prohibited',
    question: /\b(?:nghiem cam|bi cam|hanh vi cam|prohibit(?:ed|s)?|forbidden|banned)\b/,
    heading: /\b(?:hanh vi bi nghiem cam|cac hanh vi bi cam|hanh vi bi cam|prohibited (?:acts|practices|conduct))\b/,
  },
  {
    name: 'entry-into-force',
    question:
      /\b(?:co hieu luc|hieu luc thi hanh|ngay hieu luc|entry into force|enter into force|take[sn]? effect|effective (?:date|from))\b/,
    heading: /\b(?:hieu luc thi hanh|hieu luc|effect|entry into force|effectiveness)\b/,
  },
  {
    name: 'responsibilities',
    question: /\b(?:trach nhiem|nhiem vu|responsibilit(?:y|ies)|responsible|duties)\b/,
    heading: /\b(?:trach nhiem|nhiem vu va quyen han|responsibilit(?:y|ies)|duties)\b/,
  },
  {
    name: 'penalties',
    question: /\b(?:xu phat|xu ly vi pham|che tai|penalt(?:y|ies)|sanctions?|fines?)\b/,
    heading: /\b(?:xu ly vi pham|xu phat|khen thuong va xu ly|penalt(?:y|ies)|sanctions?|handling of violations)\b/,
  },
];

/** A matcher for the article headings that answer a question's intents, or undefined for none. */
export function intentHeadingMatcher(question: string): ((heading: string) => boolean) | undefined {
  const folded = foldText(question);
  const headings = INTENTS.filter((i) => i.question.test(folded)).map((i) => i.heading);
  if (headings.length === 0) return undefined;
  return (heading) => {
    const h = foldText(heading);
    return headings.some((pattern) => pattern.test(h));
  };
}

/** The names of the intents a question expresses, for tests and reports. */
export function questionIntents(question: string): Intent['name'][] {
  const folded = foldText(question);
  return INTENTS.filter((i) => i.question.test(folded)).map((i) => i.name);
}
