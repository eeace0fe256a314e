import { randomBytes } from 'node:crypto';
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type Message, type MessageContextMenuCommandInteraction } from 'discord.js';
import { isPolicybotError } from '../errors.ts';
import { MAX_QUERY_CHARS } from '../retrieve/retriever.ts';
import { type Asker, Cooldown, isAllowed, REFUSAL } from './access.ts';
import { answerPage, NO_MENTIONS } from './answer-flow.ts';
import { handleButton } from './button-handlers.ts';
import { handleCite, handleCiteAutocomplete, handleSources } from './cite-handlers.ts';
import { COMMAND } from './commands.ts';
import type { DiscordConfig } from './discord-config.ts';
import type { IndexHolder } from './index-holder.ts';
import type { Logger } from './log.ts';
import type { SessionStore } from './sessions.ts';

/** What every handler gets: services built once by the composition root. */
export interface BotContext {
  config: DiscordConfig;
  holder: IndexHolder;
  sessions: SessionStore;
  cooldown: Cooldown;
  log: Logger;
}

function askerOf(i: Interaction | Message): Asker {
  const member = 'member' in i ? i.member : null;
  const roles = member && 'roles' in member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
  const userId = 'user' in i && i.user ? i.user.id : (i as Message).author.id;
  return { userId, guildId: i.guildId ?? null, channelId: i.channelId ?? null, roleIds: roles };
}

/** Routes one interaction; the only place that acknowledges, checks access and turns errors into replies. */
export async function routeInteraction(ctx: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const choices = isAllowed(ctx.config, askerOf(interaction)) ? handleCiteAutocomplete(ctx, interaction.options.getFocused()) : [];
    await interaction.respond(choices);
    return;
  }
  if (!interaction.isRepliable()) return;
  const asker = askerOf(interaction);
  if (!isAllowed(ctx.config, asker)) {
    await interaction.reply({ content: REFUSAL, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const started = Date.now();
  try {
    if (interaction.isButton()) return await handleButton(ctx, interaction as ButtonInteraction);
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND.sources) return await handleSources(ctx, interaction);
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND.cite) return await handleCite(ctx, interaction);
    const wait = ctx.cooldown.take(asker.userId);
    if (wait > 0) {
      await interaction.reply({ content: `You're asking quickly: try again in ${wait} s.`, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND.ask) return await handleAsk(ctx, interaction);
    if (interaction.isMessageContextMenuCommand()) return await handleFindSources(ctx, interaction);
  } catch (error) {
    await apologise(ctx, interaction, error, started);
  }
}

async function handleAsk(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  const session = { query: interaction.options.getString('question', true), userId: interaction.user.id, perPage: interaction.options.getInteger('results') ?? 3, shown: 0, private: isPrivate, chunkIds: [] };
  const { payload } = await answerPage(ctx.holder.current, ctx.sessions, session);
  await interaction.editReply(payload);
}

async function handleFindSources(ctx: BotContext, interaction: MessageContextMenuCommandInteraction): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const text = interaction.targetMessage.content.replace(/<@!?\d+>/g, ' ').slice(0, MAX_QUERY_CHARS);
  const session = { query: text, userId: interaction.user.id, perPage: 3, shown: 0, private: true, chunkIds: [] };
  const { payload } = await answerPage(ctx.holder.current, ctx.sessions, session);
  await interaction.editReply(payload);
}

/** A mention of the bot with a question answers like /ask, in the channel. */
export async function routeMention(ctx: BotContext, message: Message, botId: string): Promise<void> {
  if (message.author.bot || !message.mentions.users.has(botId)) return;
  const asker = askerOf(message);
  if (!isAllowed(ctx.config, asker)) {
    await message.reply({ content: REFUSAL, allowedMentions: NO_MENTIONS });
    return;
  }
  const wait = ctx.cooldown.take(asker.userId);
  if (wait > 0) {
    await message.reply({ content: `You're asking quickly: try again in ${wait} s.`, allowedMentions: NO_MENTIONS });
    return;
  }
  const query = message.content.replace(/<@!?\d+>/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
  try {
    const session = { query, userId: asker.userId, perPage: 3, shown: 0, private: false, chunkIds: [] };
    const { payload } = await answerPage(ctx.holder.current, ctx.sessions, session);
    await message.reply(payload);
  } catch (error) {
    const { text } = describeFailure(ctx, error, asker.userId);
    await message.reply({ content: text, allowedMentions: NO_MENTIONS });
  }
}

function describeFailure(ctx: BotContext, error: unknown, userId: string): { text: string } {
  if (isPolicybotError(error, 'QUERY_INVALID')) return { text: `${error.message} ${error.hint ?? ''}`.trim() };
  const errorId = randomBytes(4).toString('hex');
  ctx.log('error', 'command_failed', { errorId, userId, reason: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  return { text: `Sorry, something went wrong on my side (error id \`${errorId}\`). Please try again; if it keeps happening, give the team this id.` };
}

async function apologise(ctx: BotContext, interaction: Interaction, error: unknown, started: number): Promise<void> {
  if (!interaction.isRepliable()) return;
  const { text } = describeFailure(ctx, error, interaction.user.id);
  ctx.log('info', 'command_error_replied', { ms: Date.now() - started });
  const body = { content: text, allowedMentions: NO_MENTIONS, embeds: [], components: [] };
  try {
    if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
    else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    ctx.log('error', 'apology_failed', { reason: replyError instanceof Error ? replyError.message : String(replyError) });
  }
}
