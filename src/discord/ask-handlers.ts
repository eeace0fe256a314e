import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import { MAX_QUERY_CHARS } from '../retrieve/retriever.ts';
import { answerPage } from './answer-flow.ts';
import type { BotContext } from './bot-context.ts';
import type { BotReply } from './reply.ts';
import { newSession } from './sessions.ts';

/** Bot mentions (`<@id>`, `<@!id>`) removed from a message used as a question. */
export function questionFromMessage(content: string): string {
  return content
    .replace(/<@!?\d+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_CHARS);
}

/** /ask: the first page of an answer, privately when asked. */
export async function handleAsk(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<BotReply> {
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const perPage = interaction.options.getInteger('results') ?? ctx.results;
  const session = newSession(interaction.options.getString('question', true), interaction.user.id, perPage, isPrivate);
  return (await answerPage(ctx, session)).reply;
}

/** Apps → Find sources: answers the text of another message, only to the asker. */
export async function handleFindSources(
  ctx: BotContext,
  interaction: MessageContextMenuCommandInteraction,
): Promise<BotReply> {
  const query = questionFromMessage(interaction.targetMessage.content);
  return (await answerPage(ctx, newSession(query, interaction.user.id, ctx.results, true))).reply;
}
