import { foldText } from '../lib/text.ts';
import { formatCitation } from '../present/citation.ts';
import { findDefiningPassage, listReferences, type Reference, resolveReferences } from '../retrieve/catalog.ts';
import type { BotContext } from './bot-context.ts';
import { escapeDiscord, truncateAtWord } from './escape.ts';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, CONTENT_MAX } from './limits.ts';
import { renderFullPassage } from './render-answer.ts';
import type { BotReply } from './reply.ts';

const references = new WeakMap<object, Reference[]>();

function refsOf(ctx: BotContext): Reference[] {
  const index = ctx.holder.current.index;
  let refs = references.get(index);
  if (!refs) references.set(index, (refs = listReferences(index)));
  return refs;
}

/**
 * Autocomplete for /cite: identifiers and titles whose folded label starts with what was typed
 * (diacritics and case ignored; "thong tu" finds Thông tư), then those containing it; at most 25.
 */
export function handleCiteAutocomplete(ctx: BotContext, typed: string): { name: string; value: string }[] {
  const q = foldText(typed).replace(/\s+/g, ' ').trim();
  const scored = refsOf(ctx)
    .map((r) => {
      const label = foldText(r.label);
      const words = label.split(/[\s/.-]+/);
      const rank = !q ? 2 : label.startsWith(q) ? 0 : words.some((w) => w.startsWith(q)) ? 1 : label.includes(q) ? 2 : -1;
      return { r, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.r.label.localeCompare(b.r.label, 'en', { numeric: true }));
  return scored.slice(0, AUTOCOMPLETE_CHOICES_MAX).map(({ r }) => ({
    name: truncateAtWord(r.kind === 'document' ? `📄 ${r.label}` : `${r.label} — ${r.title}`, CHOICE_NAME_MAX),
    value: r.key.slice(0, CHOICE_VALUE_MAX),
  }));
}

/** /cite: a ready-to-paste citation and the passage that defines the reference; a short list when the text names several. */
export async function handleCite(ctx: BotContext, typed: string): Promise<BotReply> {
  const index = ctx.holder.current.index;
  const matches = resolveReferences(index, typed, refsOf(ctx));
  const ref = matches[0];
  const chunk = ref ? findDefiningPassage(index, ref.key) : null;
  if (!ref || !chunk) {
    return { content: `No document in the corpus matches “${escapeDiscord(typed.slice(0, 200))}”. Pick one of the suggestions as you type.` };
  }
  if (matches.length > 1) {
    const lines = matches.slice(0, 10).map((r) => `• ${escapeDiscord(r.label)}${r.kind === 'identifier' ? ` — ${escapeDiscord(r.title)}` : ''}`);
    const more = matches.length > 10 ? `\n…and ${matches.length - 10} more.` : '';
    return { content: truncateAtWord(`${matches.length} references match “${escapeDiscord(typed.slice(0, 100))}”. Which one? Type it, or pick a suggestion:\n${lines.join('\n')}${more}`, CONTENT_MAX) };
  }
  const citation = formatCitation(1, chunk).replace(/^\[1\] /, '');
  const embeds = renderFullPassage({ rank: 1, score: 0, chunk, matchedIdentifiers: [], otherIdentifiers: [], matchedTerms: [], relation: 'related' as const });
  return { content: truncateAtWord(`**${escapeDiscord(ref.label)}**\n${escapeDiscord(citation)}`, CONTENT_MAX), embeds: embeds.slice(0, 1) };
}
