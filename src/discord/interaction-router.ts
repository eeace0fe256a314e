import { randomBytes } from 'node:crypto';
import {
  type ButtonInteraction,
  type CommandInteraction,
  type Interaction,
  type Message,
  MessageFlags,
} from 'discord.js';
import { isPolicybotError } from '../errors.ts';
import { type Asker, isAllowed, REFUSAL } from './access.ts';
import { answerPage, parseButtonId } from './answer-flow.ts';
import { questionFromMessage } from './ask-handlers.ts';
import type { BotContext } from './bot-context.ts';
import { BUTTONS, EXPIRED } from './button-handlers.ts';
import { type BotCommand, COMMANDS, findCommand } from './commands.ts';
import type { Logger } from './log.ts';
import { type DeferMode, deferAndRun, NO_MENTIONS, sendReply } from './reply.ts';
import { newSession } from './sessions.ts';

function askerOf(i: Interaction | Message): Asker {
  const member = 'member' in i ? i.member : null;
  const roles =
    member && 'roles' in member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
  const userId = 'user' in i && i.user ? i.user.id : (i as Message).author.id;
  return { userId, guildId: i.guildId ?? null, channelId: i.channelId ?? null, roleIds: roles };
}

const UNKNOWN_COMMAND = 'I no longer offer this command. Ask the team to run `npm run deploy-commands`.';

/**
 * Routes one interaction through the command table: the only place that checks access,
 * applies the cooldown, defers, sends replies and turns errors into replies. Each interaction
 * logs through a child logger carrying its id.
 */
export async function routeInteraction(
  base: BotContext,
  interaction: Interaction,
  commands: readonly BotCommand[] = COMMANDS,
): Promise<void> {
  const log = base.log.child({ interaction: interaction.id });
  const ctx: BotContext = { ...base, log };
  if (interaction.isAutocomplete()) {
    const command = findCommand(interaction.commandName, interaction.commandType, commands);
    const allowed = isAllowed(ctx.config, askerOf(interaction));
    await interaction.respond(
      allowed && command?.kind === 'slash' && command.autocomplete ? await command.autocomplete(ctx, interaction) : [],
    );
    return;
  }
  if (!interaction.isRepliable() || !(interaction.isCommand() || interaction.isButton())) return;
  const asker = askerOf(interaction);
  const started = Date.now();
  log.info('interaction', {
    name: interaction.isButton() ? interaction.customId : interaction.commandName,
    user: asker.userId,
    guild: asker.guildId,
  });
  if (!isAllowed(ctx.config, asker)) {
    log.info('refused', { channel: asker.channelId });
    await sendReply(interaction, { content: REFUSAL, ephemeral: true });
    return;
  }
  try {
    if (interaction.isButton()) await routeButton(ctx, interaction);
    else await routeCommand(ctx, interaction, asker, commands);
    log.info('interaction_done', { ms: Date.now() - started });
  } catch (error) {
    await apologise(ctx.log, interaction, error, asker.userId, started);
  }
}

async function routeCommand(
  ctx: BotContext,
  interaction: CommandInteraction,
  asker: Asker,
  commands: readonly BotCommand[],
): Promise<void> {
  const command = findCommand(interaction.commandName, interaction.commandType, commands);
  if (!command) {
    ctx.log.warn('unknown_command', { name: interaction.commandName });
    return sendReply(interaction, { content: UNKNOWN_COMMAND, ephemeral: true });
  }
  if (command.cooldown) {
    const wait = ctx.cooldown.take(asker.userId);
    if (wait > 0)
      return sendReply(interaction, { content: `You're asking quickly: try again in ${wait} s.`, ephemeral: true });
  }
  const askedPrivately = interaction.isChatInputCommand() && interaction.options.getBoolean('private') === true;
  const mode = command.defer === 'public' && askedPrivately ? 'ephemeral' : command.defer;
  const execute =
    command.kind === 'slash' && interaction.isChatInputCommand()
      ? () => command.execute(ctx, interaction)
      : command.kind === 'message' && interaction.isMessageContextMenuCommand()
        ? () => command.execute(ctx, interaction)
        : null;
  // findCommand matched the interaction's type, so a kind mismatch means a stale registration.
  if (!execute) return sendReply(interaction, { content: UNKNOWN_COMMAND, ephemeral: true });
  await sendReply(interaction, await deferAndRun(interaction, mode, ctx.work, execute));
}

async function routeButton(ctx: BotContext, interaction: ButtonInteraction): Promise<void> {
  const parsed = parseButtonId(interaction.customId);
  const session = parsed ? ctx.sessions.get(parsed.session) : undefined;
  if (!parsed || !session) return sendReply(interaction, { content: EXPIRED, ephemeral: true });
  const handler = BUTTONS[parsed.action];
  const mode: DeferMode = handler.defer === 'like-answer' ? (session.private ? 'ephemeral' : 'public') : handler.defer;
  const press = { interaction, session, sessionId: parsed.session, arg: parsed.arg };
  await sendReply(interaction, await deferAndRun(interaction, mode, ctx.work, () => handler.execute(ctx, press)));
}

/** A mention of the bot with a question answers like /ask, in the channel. */
export async function routeMention(base: BotContext, message: Message, botId: string): Promise<void> {
  if (message.author.bot || !message.mentions.users.has(botId)) return;
  const log = base.log.child({ message: message.id });
  const asker = askerOf(message);
  log.info('mention', { user: asker.userId, guild: asker.guildId });
  if (!isAllowed(base.config, asker)) {
    await message.reply({ content: REFUSAL, allowedMentions: NO_MENTIONS });
    return;
  }
  const wait = base.cooldown.take(asker.userId);
  if (wait > 0) {
    await message.reply({ content: `You're asking quickly: try again in ${wait} s.`, allowedMentions: NO_MENTIONS });
    return;
  }
  try {
    const session = newSession(questionFromMessage(message.content), asker.userId, base.results, false);
    // Nothing to defer for a mention; its answer still waits behind acknowledgements in flight.
    const { reply } = await base.work.run(() => answerPage(base, session));
    await message.reply({
      content: reply.content ?? '',
      embeds: reply.embeds ?? [],
      components: reply.components ?? [],
      allowedMentions: NO_MENTIONS,
    });
  } catch (error) {
    await message.reply({ content: describeFailure(log, error, asker.userId), allowedMentions: NO_MENTIONS });
  }
}

/** The user's message for a failure: a bad question's own message, else an apology with an id that is in the log. */
function describeFailure(log: Logger, error: unknown, userId: string): string {
  if (isPolicybotError(error, 'QUERY_INVALID')) return `${error.message} ${error.hint ?? ''}`.trim();
  const errorId = randomBytes(4).toString('hex');
  log.error('command_failed', { errorId, userId, err: error });
  if (isPolicybotError(error, 'INDEX_DAMAGED')) {
    return `The index is damaged, so no passage from it is shown (error id \`${errorId}\`). Ask the team to rebuild it with \`npm run ingest\`.`;
  }
  return `Sorry, something went wrong on my side (error id \`${errorId}\`). Please try again; if it keeps happening, give the team this id.`;
}

async function apologise(
  log: Logger,
  interaction: CommandInteraction | ButtonInteraction,
  error: unknown,
  userId: string,
  started: number,
): Promise<void> {
  const text = describeFailure(log, error, userId);
  log.info('command_error_replied', { ms: Date.now() - started });
  const body = { content: text, allowedMentions: NO_MENTIONS, embeds: [], components: [] };
  try {
    if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
    else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    log.error('apology_failed', { err: replyError });
  }
}
