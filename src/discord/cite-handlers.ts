import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { foldText } from '../lib/text.ts';
import { formatCitation } from '../present/citation.ts';
import { findDefiningPassage, listReferences, type Reference } from '../retrieve/catalog.ts';
import { NO_MENTIONS } from './answer-flow.ts';
import { escapeDiscord, truncateAtWord } from './escape.ts';
import type { BotContext } from './interaction-router.ts';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX } from './limits.ts';
import { renderFullPassage } from './render-answer.ts';

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

/** /cite: a ready-to-paste citation and the passage that defines the reference. */
export async function handleCite(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.deferReply();
  const key = interaction.options.getString('ref', true);
  const index = ctx.holder.current.index;
  const ref = refsOf(ctx).find((r) => r.key === key) ?? refsOf(ctx).find((r) => foldText(r.label) === foldText(key));
  const chunk = ref ? findDefiningPassage(index, ref.key) : null;
  if (!ref || !chunk) {
    await interaction.editReply({ content: `No document in the corpus matches “${escapeDiscord(key.slice(0, 200))}”. Pick one of the suggestions as you type.`, allowedMentions: NO_MENTIONS });
    return;
  }
  const citation = formatCitation(1, chunk).replace(/^\[1\] /, '');
  const embeds = renderFullPassage({ rank: 1, score: 0, chunk, matchedIdentifiers: [], otherIdentifiers: [], matchedTerms: [] });
  await interaction.editReply({
    content: truncateAtWord(`**${escapeDiscord(ref.label)}**\n${escapeDiscord(citation)}`, 2000),
    embeds: embeds.slice(0, 1),
    allowedMentions: NO_MENTIONS,
  });
}

/** /sources: indexed documents with passage counts, the model, and when the index was built. */
export async function handleSources(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const { manifest, chunks } = ctx.holder.current.index;
  const counts = new Map<string, number>();
  for (const c of chunks) counts.set(c.file, (counts.get(c.file) ?? 0) + 1);
  const lines = Object.entries(manifest.files).map(([file, f]) => `• ${escapeDiscord(f.title)} — ${escapeDiscord(file)} (${counts.get(file) ?? 0} passages)`);
  const model = manifest.model ? `${escapeDiscord(manifest.model.id)} (${manifest.model.dimensions}-d) + keyword search` : 'lexical only (keyword search)';
  const built = `<t:${Math.floor(Date.parse(manifest.builtAt) / 1000)}:f>`;
  await interaction.reply({
    embeds: [
      {
        title: `Indexed sources (${Object.keys(manifest.files).length} documents, ${chunks.length} passages)`,
        description: truncateAtWord(lines.join('\n') || 'No documents are indexed.', EMBED_DESCRIPTION_MAX),
        fields: [
          { name: 'Search', value: truncateAtWord(model, EMBED_FIELD_VALUE_MAX), inline: true },
          { name: 'Index built', value: built, inline: true },
          ...(manifest.skipped.length > 0 ? [{ name: 'Skipped files', value: truncateAtWord(manifest.skipped.map((s) => `${escapeDiscord(s.file)}: ${escapeDiscord(s.reason)}`).join('\n'), EMBED_FIELD_VALUE_MAX) }] : []),
        ],
      },
    ],
    allowedMentions: NO_MENTIONS,
  });
}
