import { type ButtonInteraction, userMention } from 'discord.js';
import { answerPage, type ButtonAction } from './answer-flow.ts';
import type { BotContext } from './bot-context.ts';
import { escapeDiscord } from './escape.ts';
import { recordFeedback } from './feedback-log.ts';
import { renderFullPassage } from './render-passage.ts';
import type { BotReply, DeferMode } from './reply.ts';
import { type AnswerSession, newSession } from './sessions.ts';

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
      const { reply } = await answerPage(ctx, session, sessionId);
      return (reply.embeds ?? []).length > 0 ? reply : { content: 'No more passages for this question.' };
    },
  },
  full: {
    defer: 'none',
    async execute(ctx, { session, arg }) {
      const rank = arg ?? 1;
      const { index } = ctx.holder.current;
      const chunk = index.chunks.find((c) => c.id === session.chunkIds[rank - 1]);
      if (!chunk)
        return {
          content: 'That passage is no longer in the index (it was rebuilt). Please ask again.',
          ephemeral: true,
        };
      const [first = [], ...rest] = renderFullPassage(chunk, {
        rank,
        quote: session.quotes[rank - 1],
        source: index.manifest.files[chunk.file]?.source,
      });
      return { embeds: first, ephemeral: true, followUps: rest.map((embeds) => ({ embeds })) };
    },
  },
  up: { defer: 'none', execute: (ctx, press) => vote(ctx, press, 'up') },
  down: { defer: 'none', execute: (ctx, press) => vote(ctx, press, 'down') },
  share: {
    defer: 'public',
    async execute(ctx, { interaction, session }) {
      const { reply } = await answerPage(ctx, newSession(session.query, session.userId, session.perPage, false));
      const question = session.query.length > 200 ? 'a question' : `“${escapeDiscord(session.query)}”`;
      return {
        ...reply,
        content: `${reply.content ?? ''}\nShared by ${userMention(interaction.user.id)}: ${question}`.trim(),
      };
    },
  },
};

async function vote(
  ctx: BotContext,
  { interaction, session }: ButtonPress,
  direction: 'up' | 'down',
): Promise<BotReply> {
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
