import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type ButtonInteraction,
  type CommandInteraction,
  MessageFlags,
} from 'discord.js';
import type { WorkQueue } from './work-queue.ts';

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

/**
 * The one place that defers: acknowledges `interaction` as `mode` says, then runs its work.
 * The deferral goes through `work` as an acknowledgement and the job waits its turn behind
 * every acknowledgement in flight, so under a burst each question is acknowledged within
 * Discord's 3 s before any answer's CPU-bound work runs. With `none` the job (quick by
 * contract) runs at once and answers directly.
 */
export async function deferAndRun<T>(
  interaction: Repliable,
  mode: DeferMode,
  work: WorkQueue,
  job: () => Promise<T>,
): Promise<T> {
  if (mode === 'none') return job();
  await work.acknowledge(() => interaction.deferReply(mode === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}));
  return work.run(job);
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
