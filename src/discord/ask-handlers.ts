import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import { MAX_QUERY_CHARS } from '../retrieve/retriever.ts';
import { answerPage } from './answer-flow.ts';
import type { BotContext } from './bot-context.ts';
import type { BotReply } from './reply.ts';

/** Bot mentions (`<@id>`, `<@!id>`) removed from a message used as a question. */
export function questionFromMessage(content: string): string {
  return content.replace(/<@!?\d+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
}

/** /ask: the first page of an answer, privately when asked. */
export async function handleAsk(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<BotReply> {
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const perPage = interaction.options.getInteger('results') ?? ctx.results;
  const session = { query: interaction.options.getString('question', true), userId: interaction.user.id, perPage, shown: 0, private: isPrivate, chunkIds: [] };
  return (await answerPage(ctx.holder.current, ctx.sessions, session)).reply;
}

/** Apps → Find sources: answers the text of another message, only to the asker. */
export async function handleFindSources(ctx: BotContext, interaction: MessageContextMenuCommandInteraction): Promise<BotReply> {
  const query = questionFromMessage(interaction.targetMessage.content);
  const session = { query, userId: interaction.user.id, perPage: ctx.results, shown: 0, private: true, chunkIds: [] };
  return (await answerPage(ctx.holder.current, ctx.sessions, session)).reply;
}
