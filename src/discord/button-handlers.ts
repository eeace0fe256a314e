import type { ButtonInteraction } from 'discord.js';
import { answerPage, type ButtonAction } from './answer-flow.ts';
import type { BotContext } from './bot-context.ts';
import { recordFeedback } from './feedback-log.ts';
import { renderFullPassage } from './render-answer.ts';
import type { BotReply, DeferMode } from './reply.ts';
import type { AnswerSession } from './sessions.ts';

/** What a button handler gets besides the context: the answer it belongs to and its argument. */
export interface ButtonPress {
  interaction: ButtonInteraction;
  session: AnswerSession;
  sessionId: string;
  arg: number | undefined;
}

/** A button: how it is acknowledged (`like-answer`: as privately as the answer it is on) and what it does. */
export interface ButtonHandler {
  defer: DeferMode | 'like-answer';
  execute(ctx: BotContext, press: ButtonPress): Promise<BotReply>;
}

export const EXPIRED = 'This answer has expired (the bot restarted or it is old). Please ask again.';

/** More results, Full passage, 👍/👎 and Share to channel. */
export const BUTTONS: Readonly<Record<ButtonAction, ButtonHandler>> = {
  more: {
    defer: 'like-answer',
    async execute(ctx, { session, sessionId }) {
      const { reply } = await answerPage(ctx.holder.current, ctx.sessions, session, sessionId);
      return (reply.embeds ?? []).length > 0 ? reply : { content: 'No more passages for this question.' };
    },
  },
  full: {
    defer: 'none',
    async execute(ctx, { session, arg }) {
      const chunkId = session.chunkIds[(arg ?? 1) - 1];
      const chunk = ctx.holder.current.index.chunks.find((c) => c.id === chunkId);
      if (!chunk) return { content: 'That passage is no longer in the index (it was rebuilt). Please ask again.', ephemeral: true };
      const result = { rank: arg ?? 1, score: 0, chunk, matchedIdentifiers: [], otherIdentifiers: [], matchedTerms: [], relation: 'related' as const };
      return { embeds: renderFullPassage(result), ephemeral: true };
    },
  },
  up: { defer: 'none', execute: (ctx, press) => vote(ctx, press, 'up') },
  down: { defer: 'none', execute: (ctx, press) => vote(ctx, press, 'down') },
  share: {
    defer: 'public',
    async execute(ctx, { interaction, session }) {
      const shared = { ...session, private: false, shown: 0, chunkIds: [] };
      const { reply } = await answerPage(ctx.holder.current, ctx.sessions, shared);
      const question = session.query.length > 200 ? 'a question' : `“${session.query.replace(/[`*_~|<>@\\[\]]/g, '')}”`;
      return { ...reply, content: `${reply.content ?? ''}\nShared by <@${interaction.user.id}>: ${question}`.trim() };
    },
  },
};

async function vote(ctx: BotContext, { interaction, session }: ButtonPress, direction: 'up' | 'down'): Promise<BotReply> {
  await recordFeedback(ctx.config.feedbackFile, {
    time: new Date().toISOString(),
    vote: direction,
    query: session.query,
    chunkIds: [...session.chunkIds],
    userId: interaction.user.id,
    guildId: interaction.guildId,
  });
  return { content: 'Thanks, your feedback was recorded.', ephemeral: true };
}
