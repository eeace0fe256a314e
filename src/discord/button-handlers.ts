import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { answerPage, NO_MENTIONS, parseButtonId } from './answer-flow.ts';
import { recordFeedback } from './feedback-log.ts';
import type { BotContext } from './interaction-router.ts';
import { renderFullPassage } from './render-answer.ts';

const EXPIRED = 'This answer has expired (the bot restarted or it is old). Please ask again.';

/** More results, Full passage, 👍/👎 and Share to channel. */
export async function handleButton(ctx: BotContext, interaction: ButtonInteraction): Promise<void> {
  const parsed = parseButtonId(interaction.customId);
  const session = parsed ? ctx.sessions.get(parsed.session) : undefined;
  if (!parsed || !session) {
    await interaction.reply({ content: EXPIRED, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  switch (parsed.action) {
    case 'more': {
      await interaction.deferReply(session.private ? { flags: MessageFlags.Ephemeral } : {});
      const { payload } = await answerPage(ctx.holder.current, ctx.sessions, session, parsed.session);
      await interaction.editReply(payload.embeds.length > 0 ? payload : { content: 'No more passages for this question.', allowedMentions: NO_MENTIONS });
      return;
    }
    case 'full': {
      const chunkId = session.chunkIds[(parsed.arg ?? 1) - 1];
      const chunk = ctx.holder.current.index.chunks.find((c) => c.id === chunkId);
      if (!chunk) {
        await interaction.reply({ content: 'That passage is no longer in the index (it was rebuilt). Please ask again.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      const result = { rank: parsed.arg ?? 1, score: 0, chunk, matchedIdentifiers: [], otherIdentifiers: [], matchedTerms: [] };
      await interaction.reply({ embeds: renderFullPassage(result), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    case 'up':
    case 'down': {
      await recordFeedback(ctx.config.feedbackFile, {
        time: new Date().toISOString(),
        vote: parsed.action,
        query: session.query,
        chunkIds: [...session.chunkIds],
        userId: interaction.user.id,
        guildId: interaction.guildId,
      });
      await interaction.reply({ content: 'Thanks, your feedback was recorded.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    case 'share': {
      await interaction.deferReply();
      const shared = { ...session, private: false, shown: 0, chunkIds: [], perPage: session.perPage };
      const { payload } = await answerPage(ctx.holder.current, ctx.sessions, shared);
      await interaction.editReply({ ...payload, content: `${payload.content}\nShared by <@${interaction.user.id}>: ${session.query.length > 200 ? 'a question' : `“${session.query.replace(/[`*_~|<>@\\[\]]/g, '')}”`}`.trim() });
      return;
    }
  }
}
