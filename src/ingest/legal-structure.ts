import { foldText } from '../lib/text.ts';

/**
 * The structure of Vietnamese legal instruments and their English translations:
 * Chương/Chapter › Mục/Section › Điều/Article, and inside an article khoản/clause ("1.", "2.")
 * and điểm/point ("a)", "b)", "đ)"). Headings are recognised on whole lines; clauses and
 * points stay inside their article.
 */

/** A structural heading of a legal instrument, by level: 1 chapter, 2 section, 3 article. */
export interface LegalHeading {
  level: 1 | 2 | 3;
  /** The chapter, section or article number as written ("I", "2", "5a"). */
  number: string;
}

const ROMAN_OR_NUMBER = '(?:[IVXLC]+|\\d{1,3})';
/** "Chương I", "CHƯƠNG II", "Chapter III" alone or followed by its title. */
const CHAPTER = new RegExp(
  `^(?:[Cc]huong|CHUONG|[Cc]hapter|CHAPTER)\\s+(${ROMAN_OR_NUMBER})\\b(?:\\s*[.:–—-]|\\s*$|\\s+\\p{Lu})`,
  'u',
);
/** "Mục 1", "MỤC 2", "Section 3" (a section of a chapter, not of the text). */
const SECTION = new RegExp(
  `^(?:[Mm]uc|MUC|[Ss]ection|SECTION)\\s+(${ROMAN_OR_NUMBER})\\b(?:\\s*[.:–—-]|\\s*$|\\s+\\p{Lu})`,
  'u',
);
/** "Điều 5. Phạm vi điều chỉnh", "Article 5. Scope", "Điều 12a:" (a number, then a stop or the end). */
const ARTICLE = /^(?:dieu|article|art\.)\s+(\d{1,4}[a-z]?)\s*(?:[.:]|$)/i;

/**
 * The legal heading a line is (folded before matching, so "ĐIỀU 5." and "Dieu 5." count), or
 * undefined. A line that starts "Điều 5" but goes on as a sentence without a stop after the
 * number ("Điều 5 quy định …") is text, not a heading; "Điều" without a number is text.
 */
export function legalHeadingOf(line: string): LegalHeading | undefined {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 300) return undefined;
  const folded = foldText(trimmed);
  const article = ARTICLE.exec(folded);
  if (article?.[1]) return { level: 3, number: article[1] };
  const chapter = CHAPTER.exec(_foldKeepCase(trimmed));
  if (chapter?.[1]) return { level: 1, number: chapter[1].toUpperCase() };
  const section = SECTION.exec(_foldKeepCase(trimmed));
  if (section?.[1]) return { level: 2, number: section[1].toUpperCase() };
  return undefined;
}

/** A clause ("1. …", "Khoản 1") or point ("a) …", "đ) …") opening a line of an article. */
export interface Subdivision {
  kind: 'clause' | 'point';
  label: string;
}

const CLAUSE_LINE = /^(\d{1,3})\.\s+\S/;
const POINT_LINE = /^([a-zđ])\)\s+\S/i;

/** The clause or point a line of an article opens, if any. */
export function subdivisionOf(line: string): Subdivision | undefined {
  const trimmed = line.trimStart();
  const clause = CLAUSE_LINE.exec(trimmed);
  if (clause?.[1]) return { kind: 'clause', label: clause[1] };
  const point = POINT_LINE.exec(trimmed);
  if (point?.[1]) return { kind: 'point', label: point[1].toLowerCase() };
  return undefined;
}

const ARTICLE_IN_TITLE = /(?:^|[\s›—–(])((?:dieu|article|art\.)\s+(\d{1,4}[a-z]?)\s*(?:[.:]|$|\s))/i;

/** The article a passage belongs to: its number and its heading line ("Điều 5. Phạm vi điều chỉnh"). */
export interface ArticleOf {
  number: string;
  heading: string;
}

/**
 * The article of a passage, read from its section path (deepest level first) or its title
 * ("Bộ luật Dân sự 2015 — Điều 108. Tài sản …" → 108); undefined when neither names an
 * article heading.
 */
export function articleOf(title: string, section: readonly string[]): ArticleOf | undefined {
  for (let i = section.length - 1; i >= 0; i--) {
    const line = section[i] ?? '';
    const heading = legalHeadingOf(line);
    if (heading?.level === 3) return { number: heading.number, heading: line };
  }
  // Folding keeps the title's length for Vietnamese and English text, but not in general.
  const folded = foldText(title);
  const m = ARTICLE_IN_TITLE.exec(folded);
  if (!m?.[2]) return undefined;
  const at = m.index + m[0].indexOf(m[1]!);
  return { number: m[2], heading: folded.length === title.length ? title.slice(at) : folded.slice(at) };
}

/** The article number of a passage (see {@link articleOf}). */
export function articleNumberOf(title: string, section: readonly string[]): string | undefined {
  return articleOf(title, section)?.number;
}

/** Diacritics off, case kept: chapter numbers are upper-case Roman numerals. */
function _foldKeepCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}
