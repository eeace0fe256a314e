import { foldTextAligned, splitSentences } from '../lib/text.ts';
import type { Identifier, ParsedDocument, StatusNote } from '../types.ts';
import { extractIdentifiers } from './identifiers.ts';

/** A sentence saying that an instrument was replaced, repealed, amended or is outdated. */
export interface StatusStatement {
  /** The sentence, as offsets into the text given. */
  start: number;
  end: number;
  status: StatusNote['status'];
  /** The instrument the sentence is about. */
  subject: Identifier;
  /** The replacing or amending instrument, when the sentence names it. */
  by?: Identifier;
}

type Status = StatusNote['status'];

/**
 * `passive`: the subject comes before the phrase ("X is outdated", "X được thay thế bởi Y");
 * `active`: the subject comes after it ("Y replaces X", "Y sửa đổi, bổ sung X"). Matched on
 * folded text (case and diacritics ignored), so "het hieu luc" counts as "hết hiệu lực".
 */
const PHRASES: { pattern: RegExp; status: Status; voice: 'passive' | 'active' }[] = [
  {
    pattern: /\b(?:is|are|was|were) (?:now |already |largely )?(?:outdated|obsolete)\b/,
    status: 'outdated',
    voice: 'passive',
  },
  { pattern: /\b(?:is|are) no longer (?:in force|in effect|effective|valid)\b/, status: 'repealed', voice: 'passive' },
  {
    pattern: /\b(?:is|are|was|were|has been|have been|had been) (?:replaced|superseded)\b/,
    status: 'replaced',
    voice: 'passive',
  },
  {
    pattern: /\b(?:is|are|was|were|has been|have been|had been) (?:repealed|abolished|annulled|revoked)\b/,
    status: 'repealed',
    voice: 'passive',
  },
  { pattern: /\b(?:is|are|was|were|has been|have been|had been) amended\b/, status: 'amended', voice: 'passive' },
  { pattern: /\bhet hieu luc\b/, status: 'repealed', voice: 'passive' },
  { pattern: /\b(?:duoc|bi) thay the\b/, status: 'replaced', voice: 'passive' },
  { pattern: /\b(?:duoc|bi) bai bo\b/, status: 'repealed', voice: 'passive' },
  { pattern: /\bduoc sua doi\b/, status: 'amended', voice: 'passive' },
  { pattern: /\b(?:replaces|replacing|supersedes|superseding)\b/, status: 'replaced', voice: 'active' },
  { pattern: /\b(?:repeals|repealing|abolishes|annuls)\b/, status: 'repealed', voice: 'active' },
  { pattern: /\b(?:amends|amending)\b/, status: 'amended', voice: 'active' },
  { pattern: /(?<!\b(?:duoc|bi) )\bthay the\b/, status: 'replaced', voice: 'active' },
  { pattern: /(?<!\b(?:duoc|bi) )\bbai bo\b/, status: 'repealed', voice: 'active' },
  { pattern: /(?<!\bduoc )\bsua doi(?:, bo sung)?\b/, status: 'amended', voice: 'active' },
];

/** Cheap test run before any sentence splitting: most passages say none of this. */
const ANY_PHRASE = new RegExp(PHRASES.map((p) => p.pattern.source).join('|'));

/** Relative clauses and brackets between a subject and its verb ("X, which prescribed …, is outdated"). */
const ASIDES = /,\s*(?:which|that|who)\b[^,]*,|\([^)]*\)|,\s*(?:được|do)\b[^,]*,/giu;

/** How far from the phrase the instrument may be named (characters), so a far mention is not taken for it. */
const NEAR = 100;

/**
 * Sentences of `text` that state an instrument's status, each with the instrument it is about.
 * Only sentences naming that instrument count: "It was repealed" names nothing and yields
 * nothing, so no status is ever attributed by guesswork.
 */
export function findStatusStatements(text: string): StatusStatement[] {
  const folded = foldTextAligned(text);
  if (!ANY_PHRASE.test(folded)) return [];
  const out: StatusStatement[] = [];
  for (const sentence of splitSentences(text)) {
    const foldedSentence = folded.slice(sentence.start, sentence.end);
    for (const phrase of PHRASES) {
      const m = phrase.pattern.exec(foldedSentence);
      if (!m) continue;
      const before = text.slice(sentence.start, sentence.start + m.index);
      const after = text.slice(sentence.start + m.index + m[0].length, sentence.end);
      const found = phrase.voice === 'passive' ? passive(before, after) : active(before, after);
      if (!found) continue;
      out.push({ start: sentence.start, end: sentence.end, status: phrase.status, ...found });
      break;
    }
  }
  return out;
}

function passive(before: string, after: string): { subject: Identifier; by?: Identifier } | null {
  const subject = extractIdentifiers(before.replace(ASIDES, ' ').slice(-NEAR)).at(-1);
  if (!subject) return null;
  const agent = /^\s*(?:by|with|bởi|boi|bằng|bang)\s/iu.test(after) ? extractIdentifiers(after)[0] : undefined;
  return agent && agent.key !== subject.key ? { subject, by: agent } : { subject };
}

function active(before: string, after: string): { subject: Identifier; by?: Identifier } | null {
  const subject = extractIdentifiers(after.slice(0, NEAR))[0];
  if (!subject) return null;
  const agent = extractIdentifiers(before.replace(ASIDES, ' ').slice(-NEAR)).at(-1);
  return agent && agent.key !== subject.key ? { subject, by: agent } : { subject };
}

/** A status statement located in a whole document, as the manifest records it. */
export interface DocumentStatement {
  status: Status;
  subject: Identifier;
  by?: Identifier;
  /** The sentence's offsets in the document text, and the sentence itself. */
  charStart: number;
  charEnd: number;
  text: string;
}

/** Status statements in a parsed document's body blocks (headings and front matter excluded). */
export function findDocumentStatements(doc: Pick<ParsedDocument, 'text' | 'blocks'>): DocumentStatement[] {
  const out: DocumentStatement[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'heading') continue;
    const text = doc.text.slice(block.start, block.end);
    for (const s of findStatusStatements(text)) {
      out.push({
        status: s.status,
        subject: s.subject,
        ...(s.by ? { by: s.by } : {}),
        charStart: block.start + s.start,
        charEnd: block.start + s.end,
        text: text.slice(s.start, s.end),
      });
    }
  }
  return out;
}
