import { type APIButtonComponentWithCustomId, ButtonStyle, ComponentType } from 'discord.js';
import { retrieveWithQuoteLayers } from '../present/quote-layers.ts';
import { analyzerOf } from '../present/term-memo.ts';
import type { BotContext } from './bot-context.ts';
import { renderAnswer } from './render-answer.ts';
import type { BotReply, ButtonRow } from './reply.ts';
import type { AnswerSession } from './sessions.ts';

/** What a button does; encoded in its custom_id. */
export type ButtonAction = 'more' | 'full' | 'up' | 'down' | 'share';

/** custom_id of a button: `pb:<action>:<session>[:<arg>]`, well under Discord's 100 characters. */
export function buttonId(action: ButtonAction, session: string, arg?: number): string {
  return arg === undefined ? `pb:${action}:${session}` : `pb:${action}:${session}:${arg}`;
}

/** Reads a custom_id written by `buttonId`; null for anything else. */
export function parseButtonId(id: string): { action: ButtonAction; session: string; arg: number | undefined } | null {
  const m = /^pb:(more|full|up|down|share):([\w-]{1,20})(?::(\d{1,3}))?$/.exec(id);
  if (!m) return null;
  return { action: m[1] as ButtonAction, session: m[2]!, arg: m[3] === undefined ? undefined : Number(m[3]) };
}

function button(
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success,
  label: string,
  customId: string,
  disabled = false,
): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, label, custom_id: customId, ...(disabled ? { disabled } : {}) };
}

/**
 * Retrieves one page of an answer and renders it with its buttons: More results, 👍 / 👎,
 * Share to channel (private answers), and Full passage for each of the first five results.
 */
export async function answerPage(
  ctx: BotContext,
  session: AnswerSession,
  sessionId?: string,
): Promise<{ reply: BotReply; sessionId: string }> {
  const retriever = ctx.holder.current;
  const answer = await retrieveWithQuoteLayers(
    retriever,
    session.query,
    { k: session.perPage, offset: session.shown },
    (layer, error) => ctx.log.warn('quote_layer_failed', { model: layer.modelId, error: String(error) }),
  );
  const pageResults = answer.results;
  const id = sessionId ?? ctx.sessions.create(session);
  const page = Math.ceil((session.shown + pageResults.length) / session.perPage);
  const mode = answer.mode === 'hybrid' ? 'hybrid search' : 'keyword search';
  const rendered = renderAnswer(answer, analyzerOf(retriever.index.lexical), {
    footer: pageResults.length > 0 ? `Page ${page} · ${mode} · quotes are verbatim from the source` : undefined,
    notices: ctx.notice.take(answer.warnings),
  });
  session.chunkIds.push(...pageResults.map((r) => r.chunk.id));
  session.quotes.push(...rendered.quotes);
  session.shown += pageResults.length;
  const actions = [
    button(ButtonStyle.Primary, 'More results', buttonId('more', id), pageResults.length < session.perPage),
    button(ButtonStyle.Secondary, '👍', buttonId('up', id)),
    button(ButtonStyle.Secondary, '👎', buttonId('down', id)),
  ];
  if (session.private) actions.push(button(ButtonStyle.Success, 'Share to channel', buttonId('share', id)));
  const components: ButtonRow[] =
    pageResults.length > 0 ? [{ type: ComponentType.ActionRow, components: actions }] : [];
  const full = pageResults
    .slice(0, 5)
    .map((r) => button(ButtonStyle.Secondary, `Full passage [${r.rank}]`, buttonId('full', id, r.rank)));
  if (full.length > 0) components.push({ type: ComponentType.ActionRow, components: full });
  return { reply: { content: rendered.content, embeds: rendered.embeds, components }, sessionId: id };
}
