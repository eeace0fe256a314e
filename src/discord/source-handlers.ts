import { createHash } from 'node:crypto';
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
} from 'discord.js';
import { SOURCE_FIELDS } from '../ingest/source-metadata.ts';
import { addSource } from '../sources/add-source.ts';
import { listRemoved, removeSource, restoreSource } from '../sources/remove-source.ts';
import type { Editor, SourceService } from '../sources/source-settings.ts';
import type { BotContext } from './bot-context.ts';
import { escapeDiscord, truncateAtWord } from './escape.ts';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, CONTENT_MAX } from './limits.ts';
import type { BotReply } from './reply.ts';

export const EDITING_OFF =
  'Adding and removing sources is turned off. A server admin enables it by listing the editor role ids in ALLOWED_EDITOR_ROLE_IDS (see the README, "Managing sources") and restarting the bot.';
export const NOT_AN_EDITOR =
  'Only members with an editor role can add, remove or restore sources. Ask an admin for the role.';

/** The member's role ids, however discord.js holds them (API array or role manager). */
function roleIdsOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

/** Why this member may not edit sources, or null when they may. */
function editorRefusal(
  ctx: BotContext,
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): string | null {
  if (!ctx.sources || ctx.config.editorRoleIds.length === 0) return EDITING_OFF;
  return roleIdsOf(interaction).some((r) => ctx.config.editorRoleIds.includes(r)) ? null : NOT_AN_EDITOR;
}

function editorOf(interaction: ChatInputCommandInteraction): Editor {
  return { id: interaction.user.id, name: interaction.user.username };
}

const reply = (text: string): BotReply => ({ content: truncateAtWord(text, CONTENT_MAX), ephemeral: true });

/** /add-source: downloads the attachment, adds it with its metadata, and says what happened. */
export async function handleAddSource(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<BotReply> {
  const refusal = editorRefusal(ctx, interaction);
  if (refusal) return reply(refusal);
  const sources = ctx.sources as SourceService;
  const attachment = interaction.options.getAttachment('file', true);
  const metadata = Object.fromEntries(SOURCE_FIELDS.map((f) => [f, interaction.options.getString(f) ?? undefined]));
  const outcome = await addSource(
    {
      attachment: { url: attachment.url, name: attachment.name, size: attachment.size },
      metadata,
      replace: interaction.options.getBoolean('replace') ?? false,
      editor: editorOf(interaction),
    },
    sources.settings,
    sources.exclusive,
  );
  if (!outcome.ok) {
    ctx.log.info('source_refused', { name: attachment.name.slice(0, 200), reason: outcome.reason });
    return reply(`Not added: ${escapeDiscord(outcome.reason.replace(/\.$/, ''))}.`);
  }
  await sources.afterChange();
  ctx.log.info('source_added', { file: outcome.file, passages: outcome.passages, seconds: outcome.seconds });
  const verb = outcome.action === 'replace' ? 'Replaced' : 'Added';
  const kept = outcome.movedTo ? ` The previous version is kept in \`${outcome.movedTo}\`.` : '';
  const none = outcome.passages === 0 ? ' It has no text to search (a scanned PDF?).' : '';
  return reply(
    `${verb} *${escapeDiscord(outcome.title)}*: ${outcome.passages} passages, searchable now (\`${outcome.file}\`).${kept}${none}`,
  );
}

/** /remove-source: moves the document out of the corpus (kept in .removed/) and re-indexes. */
export async function handleRemoveSource(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<BotReply> {
  const refusal = editorRefusal(ctx, interaction);
  if (refusal) return reply(refusal);
  const sources = ctx.sources as SourceService;
  const file = resolveChoice(interaction.options.getString('document', true), knownFiles(ctx));
  const outcome = await removeSource(file, editorOf(interaction), sources.settings, sources.exclusive);
  if (!outcome.ok) return reply(`Not removed: ${escapeDiscord(outcome.reason.replace(/\.$/, ''))}.`);
  await sources.afterChange();
  ctx.log.info('source_removed', { file: outcome.file, movedTo: outcome.movedTo });
  return reply(
    `Removed *${escapeDiscord(outcome.title)}* (${outcome.passages} passages): it is no longer searchable. Nothing was deleted: the file is kept in \`${outcome.movedTo}\`. To bring it back, use /restore-source, or move it back into the corpus folder.`,
  );
}

/** /restore-source: puts a removed document back and re-indexes. */
export async function handleRestoreSource(
  ctx: BotContext,
  interaction: ChatInputCommandInteraction,
): Promise<BotReply> {
  const refusal = editorRefusal(ctx, interaction);
  if (refusal) return reply(refusal);
  const sources = ctx.sources as SourceService;
  const removed = resolveChoice(
    interaction.options.getString('document', true),
    await listRemoved(sources.settings.corpusDir),
  );
  const outcome = await restoreSource(removed, editorOf(interaction), sources.settings, sources.exclusive);
  if (!outcome.ok) return reply(`Not restored: ${escapeDiscord(outcome.reason.replace(/\.$/, ''))}.`);
  await sources.afterChange();
  return reply(`Restored \`${outcome.file}\`: ${outcome.passages} passages, searchable now.`);
}

/** Suggestions for /remove-source: indexed (and skipped) documents matching what was typed; editors only. */
export function removeSourceChoices(
  ctx: BotContext,
  interaction: AutocompleteInteraction,
): ApplicationCommandOptionChoiceData[] {
  if (editorRefusal(ctx, interaction)) return [];
  const { manifest } = ctx.holder.current.index;
  const docs = [
    ...Object.entries(manifest.files).map(([file, f]) => ({ file, label: `${f.title} — ${file}` })),
    ...manifest.skipped.map((s) => ({ file: s.file, label: `${s.file} (skipped)` })),
  ];
  return choose(docs, interaction.options.getFocused());
}

/** Suggestions for /restore-source: removed documents, newest first; editors only. */
export async function restoreSourceChoices(
  ctx: BotContext,
  interaction: AutocompleteInteraction,
): Promise<ApplicationCommandOptionChoiceData[]> {
  if (editorRefusal(ctx, interaction) || !ctx.sources) return [];
  const removed = await listRemoved(ctx.sources.settings.corpusDir);
  return choose(
    removed.map((file) => ({ file, label: file })),
    interaction.options.getFocused(),
  );
}

function choose(docs: { file: string; label: string }[], typed: string): ApplicationCommandOptionChoiceData[] {
  const q = typed.toLowerCase().trim();
  return docs
    .filter((d) => !q || d.label.toLowerCase().includes(q))
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((d) => ({ name: truncateAtWord(d.label, CHOICE_NAME_MAX), value: choiceValue(d.file) }));
}

/** A choice value is the path, or for a path longer than Discord allows, `#` and a hash of it. */
function choiceValue(file: string): string {
  return file.length <= CHOICE_VALUE_MAX ? file : `#${createHash('sha256').update(file).digest('hex').slice(0, 32)}`;
}

/** The path a choice value stands for among `files` (the value itself when it is a path). */
function resolveChoice(value: string, files: readonly string[]): string {
  return value.startsWith('#') ? (files.find((f) => choiceValue(f) === value) ?? value) : value;
}

function knownFiles(ctx: BotContext): string[] {
  const { manifest } = ctx.holder.current.index;
  return [...Object.keys(manifest.files), ...manifest.skipped.map((s) => s.file)];
}
