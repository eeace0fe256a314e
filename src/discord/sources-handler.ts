import { hyperlink, TimestampStyles, time } from 'discord.js';
import { formatSourceDetails } from '../present/citation.ts';
import type { BotContext } from './bot-context.ts';
import { sourceUrl } from './citation-line.ts';
import { escapeDiscord, joinLinesWithin, truncateAtWord } from './escape.ts';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_TOTAL_MAX } from './limits.ts';
import type { BotReply } from './reply.ts';

/**
 * /sources: the indexed documents (linked to their source, with publisher and date when known)
 * and passage counts, how the bot searches, any search warning (e.g. that semantic search is
 * off: said here, not on every answer), skipped files, a failed corpus update and a published
 * index that could not be loaded (with the reason), and when the serving index was built.
 */
export async function handleSources(ctx: BotContext): Promise<BotReply> {
  const retriever = ctx.holder.current;
  const { manifest, chunks } = retriever.index;
  const counts = new Map<string, number>();
  for (const c of chunks) counts.set(c.file, (counts.get(c.file) ?? 0) + 1);
  const lines = Object.entries(manifest.files).map(([file, f]) => {
    const title = escapeDiscord(truncateAtWord(f.title, 120));
    const url = sourceUrl(f.source);
    const details = formatSourceDetails(f.source);
    const line = `• ${url ? hyperlink(title, url) : title} — ${escapeDiscord(file)} (${plural(counts.get(file) ?? 0, 'passage')})`;
    return details ? `${line} · ${escapeDiscord(truncateAtWord(details, 110))}` : line;
  });
  const search =
    retriever.mode === 'hybrid' && manifest.model
      ? `Hybrid: keyword + semantic (${escapeDiscord(truncateAtWord(manifest.model.id, 200))}, ${manifest.model.dimensions}-d)`
      : 'Keyword search only';
  const warnings = retriever.warnings.map((w) => escapeDiscord(w));
  const skipped = manifest.skipped.map(
    (s) => `${escapeDiscord(s.file)}: ${escapeDiscord(truncateAtWord(s.reason, 200))}`,
  );
  const fields = [
    { name: 'Search', value: search, inline: true },
    { name: 'Index built', value: time(new Date(manifest.builtAt), TimestampStyles.ShortDateTime), inline: true },
    ...(warnings.length > 0 ? [{ name: 'Note', value: joinLinesWithin(warnings, EMBED_FIELD_VALUE_MAX) }] : []),
    ...(skipped.length > 0 ? [{ name: 'Skipped files', value: joinLinesWithin(skipped, EMBED_FIELD_VALUE_MAX) }] : []),
    ...failedUpdate(ctx),
    ...failedReload(ctx),
  ];
  const title = `Indexed sources (${Object.keys(manifest.files).length} documents, ${chunks.length} passages)`;
  const used = title.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(EMBED_DESCRIPTION_MAX, EMBED_TOTAL_MAX - 100 - used);
  return { embeds: [{ title, description: joinLinesWithin(lines, room) || 'No documents are indexed.', fields }] };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The corpus watcher's last update, when it failed: when, and why. */
function failedUpdate(ctx: BotContext): { name: string; value: string }[] {
  const update = ctx.watchStatus()?.lastUpdate;
  if (!update || update.ok) return [];
  const when = time(new Date(update.at), TimestampStyles.ShortDateTime);
  return [
    {
      name: '⚠ Last corpus update failed',
      value: truncateAtWord(`${when}: ${escapeDiscord(update.reason ?? 'unknown error')}`, EMBED_FIELD_VALUE_MAX),
    },
  ];
}

/** A published index the bot could not load: when, why, and that the previous one still serves. */
function failedReload(ctx: BotContext): { name: string; value: string }[] {
  const failure = ctx.holder.lastReloadFailure;
  if (!failure) return [];
  const when = time(failure.at, TimestampStyles.ShortDateTime);
  const text = `${when}: ${escapeDiscord(failure.reason)} The previous index is still answering.`;
  return [{ name: '⚠ New index not loaded', value: truncateAtWord(text, EMBED_FIELD_VALUE_MAX) }];
}
