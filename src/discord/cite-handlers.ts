import { bold, hideLinkEmbed } from 'discord.js';
import { foldText } from '../lib/text.ts';
import { formatCitation } from '../present/citation.ts';
import { findDefiningPassage, listReferences, type Reference, resolveReferences } from '../retrieve/catalog.ts';
import type { BotContext } from './bot-context.ts';
import { escapeDiscord, escapeWithin, joinLinesWithin, truncateAtWord } from './escape.ts';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, CONTENT_MAX } from './limits.ts';
import { renderFullPassage } from './render-passage.ts';
import type { BotReply } from './reply.ts';

const references = new WeakMap<object, Reference[]>();

function refsOf(ctx: BotContext): Reference[] {
  const index = ctx.holder.current.index;
  const cached = references.get(index);
  if (cached) return cached;
  const refs = listReferences(index);
  references.set(index, refs);
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
      const labels = [foldText(r.display), foldText(r.label)];
      const words = labels.flatMap((l) => l.split(/[\s/.-]+/));
      const rank = !q
        ? 2
        : labels.some((l) => l.startsWith(q))
          ? 0
          : words.some((w) => w.startsWith(q))
            ? 1
            : labels.some((l) => l.includes(q))
              ? 2
              : -1;
      return { r, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.r.display.localeCompare(b.r.display, 'en', { numeric: true }));
  return scored.slice(0, AUTOCOMPLETE_CHOICES_MAX).map(({ r }) => ({
    name: truncateAtWord(r.kind === 'document' ? `📄 ${r.display}` : `${r.display} — ${r.title}`, CHOICE_NAME_MAX),
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
    return {
      content: `No document in the corpus matches “${escapeDiscord(truncateAtWord(typed, 200))}”. Pick one of the suggestions as you type.`,
    };
  }
  if (matches.length > 1) {
    const intro = `${matches.length} references match “${escapeDiscord(truncateAtWord(typed, 100))}”. Which one? Type it, or pick a suggestion:`;
    const lines = matches.map(
      (r) =>
        `• ${escapeDiscord(truncateAtWord(r.display, 100))}${r.kind === 'identifier' ? ` — ${escapeDiscord(truncateAtWord(r.title, 100))}` : ''}`,
    );
    return { content: `${intro}\n${joinLinesWithin(lines, CONTENT_MAX - intro.length - 1)}` };
  }
  const source = index.manifest.files[chunk.file]?.source;
  const citation = formatCitation(1, chunk, source).replace(/^\[1\] /, '');
  const link = source?.url && source.url.length < 300 ? `\n${hideLinkEmbed(source.url)}` : '';
  const [embeds = []] = renderFullPassage(chunk, { source });
  return { content: `${bold(escapeWithin(ref.display, 200))}\n${escapeWithin(citation, 1400)}${link}`, embeds };
}
