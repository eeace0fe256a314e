import { isFurnitureLine } from '../ingest/boilerplate.ts';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import { LIST_ITEM } from '../lib/sentence-cues.ts';
import { cueSentences, forgetCueSentences } from '../retrieve/cue-sentences.ts';
import type { Chunk, Span } from '../types.ts';

/** What quote choice needs to know about one sentence of a passage, whatever the question. */
export interface SentenceProfile extends Span {
  /** The distinct words of the sentence as written (for the analyzer's word memo). */
  words: readonly string[];
  /** Folded text for the answer-kind cues (see lib/sentence-cues.ts). */
  cueText: string;
  /** A caption, banner or citation-only line: it answers nothing. */
  furniture: boolean;
  /** "1. Develop …", "• …": an item of a list. */
  listItem: boolean;
  /** Ends with ":" (introduces a list). */
  opensList: boolean;
  /** Opens with "Therefore", "This", …: it leans on the sentence before it. */
  leansBack: boolean;
  /** Starts a new paragraph (a blank line before it): the text turns to something else. */
  opensParagraph: boolean;
}

/** A passage split into sentences once, with what every question reads from them. */
export interface PassageProfile {
  text: string;
  sentences: readonly SentenceProfile[];
  /** Title and section path as one string: words the citation already shows. */
  heading: string;
  /**
   * Abbreviations the passage defines ("Joint Working Group (JWG)"), upper-case form →
   * the words they stand for, so a later "The JWG discussed …" speaks of the group.
   */
  aliases: ReadonlyMap<string, readonly string[]>;
  /**
   * Whether sentence `index` names the instrument with key `key` ("circular:49"): read on
   * first use, and only for a sentence holding its number (most questions name none).
   */
  names(index: number, key: string): boolean;
}

/** A sentence opening like this leans on the one before it. */
const LEANS_BACK = /^(?:therefore|thus|hence|consequently|as a result|for this reason|this|these|such|it|they)\b/i;
const WORD = /[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;
/** A blank line (white space only) between two sentences. */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/;
/** "(JWG)": an upper-case abbreviation in brackets, which may define the words before it. */
const ABBREVIATION = /\((\p{Lu}[\p{Lu}\p{N}]{1,7})\)/gu;
/** How far back from the bracket the name is looked for. */
const NAME_CHARS = 80;

/** Passages kept; a bot answers many questions over the same few hundred passages. */
const CACHE_SIZE = 1024;
const cache = new Map<string, PassageProfile>();

/**
 * The profile of a passage: its sentences (split once), their words, cue text and list
 * roles. Cached by the passage's place in its document (a merged passage is a new place), and
 * checked against its text, so a rebuilt index with changed text never reads a stale profile.
 */
export function profilePassage(chunk: Chunk): PassageProfile {
  const key = `${chunk.file}\u0000${chunk.charStart}\u0000${chunk.charEnd}`;
  const hit = cache.get(key);
  if (hit && hit.text === chunk.text) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const profile = _profile(chunk);
  cache.set(key, profile);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return profile;
}

/** Drops every cached profile (a benchmark measures the cost of passages not seen before). */
export function forgetPassageProfiles(): void {
  cache.clear();
  forgetCueSentences();
}

function _profile(chunk: Chunk): PassageProfile {
  const { text } = chunk;
  // The sentences and cue texts the answer cues already read (retrieve/cue-sentences.ts).
  const sentences = cueSentences(text).map((span, i, spans): SentenceProfile => {
    const sentence = text.slice(span.start, span.end);
    const words = new Set<string>();
    for (const m of sentence.matchAll(WORD)) words.add(m[0]);
    return {
      start: span.start,
      end: span.end,
      words: [...words],
      cueText: span.cueText,
      furniture: isFurnitureLine(sentence),
      listItem: LIST_ITEM.test(sentence),
      opensList: sentence.endsWith(':'),
      leansBack: LEANS_BACK.test(sentence),
      opensParagraph: i > 0 && PARAGRAPH_BREAK.test(text.slice(spans[i - 1]!.end, span.start)),
    };
  });
  const instruments: (readonly string[] | undefined)[] = [];
  return {
    text,
    sentences,
    heading: [chunk.title, ...chunk.section].join('\n'),
    aliases: _aliases(text),
    names(index, key) {
      const sentence = sentences[index];
      const number = key.slice(key.indexOf(':') + 1);
      if (!sentence) return false;
      const at = text.indexOf(number, sentence.start);
      if (at < 0 || at >= sentence.end) return false;
      let keys = instruments[index];
      if (!keys) {
        keys = extractIdentifiers(text.slice(sentence.start, sentence.end)).map((id) => id.key);
        instruments[index] = keys;
      }
      return keys.includes(key);
    },
  };
}

/** The abbreviations a passage defines, and the words of the name each stands for. */
function _aliases(text: string): Map<string, readonly string[]> {
  const aliases = new Map<string, readonly string[]>();
  for (const m of text.matchAll(ABBREVIATION)) {
    const abbreviation = m[1] ?? '';
    if (aliases.has(abbreviation)) continue;
    // The name is in the few words right before the bracket: "Joint Working Group (JWG)".
    const words = text
      .slice(Math.max(0, m.index - NAME_CHARS), m.index)
      .trim()
      .split(/\s+/)
      .slice(-8);
    // The earliest word from which the name spells the abbreviation.
    for (let from = 0; from < words.length - 1; from++) {
      if (_spells(words.slice(from), abbreviation)) {
        aliases.set(abbreviation, words.slice(from));
        break;
      }
    }
  }
  return aliases;
}

/**
 * Whether `words` spell `abbreviation` by their initials, in order: the first is capitalised,
 * every capitalised word gives the next letter, a small word may ("Ministry of Health" → MOH,
 * "Ministry of Health and Welfare" → MOHW), and every letter is used ("Joint Working Group" → JWG).
 */
function _spells(words: readonly string[], abbreviation: string): boolean {
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return false;
  let i = 0;
  for (const word of words) {
    if (i < abbreviation.length && word[0]?.toUpperCase() === abbreviation[i]) i++;
    else if (/^\p{Lu}/u.test(word)) return false;
  }
  return i === abbreviation.length;
}
