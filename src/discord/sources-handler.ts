import { time, TimestampStyles } from 'discord.js';
import type { BotContext } from './bot-context.ts';
import { escapeDiscord, truncateAtWord } from './escape.ts';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX } from './limits.ts';
import type { BotReply } from './reply.ts';

/** /sources: indexed documents with passage counts, the model, and when the index was built. */
export async function handleSources(ctx: BotContext): Promise<BotReply> {
  const { manifest, chunks } = ctx.holder.current.index;
  const counts = new Map<string, number>();
  for (const c of chunks) counts.set(c.file, (counts.get(c.file) ?? 0) + 1);
  const lines = Object.entries(manifest.files).map(([file, f]) => `• ${escapeDiscord(f.title)} — ${escapeDiscord(file)} (${counts.get(file) ?? 0} passages)`);
  const model = manifest.model ? `${escapeDiscord(manifest.model.id)} (${manifest.model.dimensions}-d) + keyword search` : 'lexical only (keyword search)';
  const built = time(new Date(manifest.builtAt), TimestampStyles.ShortDateTime);
  return {
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
  };
}
