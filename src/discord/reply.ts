import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type ButtonInteraction,
  type CommandInteraction,
  MessageFlags,
} from 'discord.js';

/** Mentions off on every message (the client sets the same default). */
export const NO_MENTIONS = { parse: [] as [] };

/** A row of buttons, as the API takes it. */
export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What a handler answers; the router sends it (one place replies, one place defers). */
export interface BotReply {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
  /** Only the asker sees it. Ignored after a public deferral (Discord fixes it at deferral). */
  ephemeral?: boolean;
  /** Further messages sent after this one, with the same visibility (e.g. a long passage). */
  followUps?: BotReply[];
}

/**
 * How a command or button is acknowledged before its work: `public` / `ephemeral` defer
 * ("thinking…", visible to all / to the asker), `none` answers directly (fast work only:
 * Discord drops an interaction not acknowledged within 3 seconds).
 */
export type DeferMode = 'public' | 'ephemeral' | 'none';

type Repliable = CommandInteraction | ButtonInteraction;

/** The one place that defers. */
export async function defer(interaction: Repliable, mode: DeferMode): Promise<void> {
  if (mode === 'none') return;
  await interaction.deferReply(mode === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
}

/** Sends a handler's answer: edits the deferred reply, or replies, then sends any follow-ups. */
export async function sendReply(interaction: Repliable, reply: BotReply): Promise<void> {
  const body = {
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
  const ephemeral = interaction.deferred ? interaction.ephemeral === true : reply.ephemeral === true;
  if (interaction.deferred) await interaction.editReply(body);
  else await interaction.reply(ephemeral ? { ...body, flags: MessageFlags.Ephemeral } : body);
  for (const next of reply.followUps ?? []) {
    const more = {
      content: next.content ?? '',
      embeds: next.embeds ?? [],
      components: next.components ?? [],
      allowedMentions: NO_MENTIONS,
    };
    await interaction.followUp(ephemeral ? { ...more, flags: MessageFlags.Ephemeral } : more);
  }
}
