import type { Retriever } from '../retrieve/retriever.ts';
import { renderAnswer, type EmbedData } from './render-answer.ts';
import type { AnswerSession, SessionStore } from './sessions.ts';

/** A message body as discord.js takes it, always with mentions disabled. */
export interface ReplyPayload {
  content: string;
  embeds: EmbedData[];
  components: { type: 1; components: { type: 2; style: number; label: string; custom_id: string; disabled?: boolean }[] }[];
  allowedMentions: { parse: [] };
}

export const NO_MENTIONS = { parse: [] as [] };
const PRIMARY = 1;
const SECONDARY = 2;
const SUCCESS = 3;

/** custom_id of a button: `pb:<action>:<session>[:<arg>]`, well under Discord's 100 characters. */
export function buttonId(action: 'more' | 'full' | 'up' | 'down' | 'share', session: string, arg?: number): string {
  return arg === undefined ? `pb:${action}:${session}` : `pb:${action}:${session}:${arg}`;
}

export function parseButtonId(id: string): { action: string; session: string; arg: number | undefined } | null {
  const m = /^pb:(more|full|up|down|share):([\w-]{1,20})(?::(\d{1,3}))?$/.exec(id);
  return m ? { action: m[1]!, session: m[2]!, arg: m[3] === undefined ? undefined : Number(m[3]) } : null;
}

/**
 * Retrieves one page of an answer and renders it with its buttons: More results, 👍 / 👎,
 * Share to channel (private answers), and Full passage for each of the first five results.
 */
export async function answerPage(
  retriever: Retriever,
  sessions: SessionStore,
  session: AnswerSession,
  sessionId?: string,
): Promise<{ payload: ReplyPayload; sessionId: string }> {
  const answer = await retriever.retrieve(session.query, { k: session.perPage, offset: session.shown });
  const pageResults = answer.results;
  session.chunkIds.push(...pageResults.map((r) => r.chunk.id));
  session.shown += pageResults.length;
  const id = sessionId ?? sessions.create(session);
  const page = Math.ceil(session.shown / session.perPage);
  const rendered = renderAnswer(answer, (t) => retriever.index.lexical.analyze(t), {
    footer: pageResults.length > 0 ? `Page ${page} · ${answer.mode === 'hybrid' ? 'hybrid search' : 'keyword search'} · quotes are verbatim from the source` : undefined,
  });
  const actions = [
    { type: 2 as const, style: PRIMARY, label: 'More results', custom_id: buttonId('more', id), disabled: pageResults.length < session.perPage },
    { type: 2 as const, style: SECONDARY, label: '👍', custom_id: buttonId('up', id) },
    { type: 2 as const, style: SECONDARY, label: '👎', custom_id: buttonId('down', id) },
  ];
  if (session.private) actions.push({ type: 2, style: SUCCESS, label: 'Share to channel', custom_id: buttonId('share', id) });
  const components: ReplyPayload['components'] = pageResults.length > 0 ? [{ type: 1, components: actions }] : [];
  const full = pageResults.slice(0, 5).map((r) => ({ type: 2 as const, style: SECONDARY, label: `Full passage [${r.rank}]`, custom_id: buttonId('full', id, r.rank) }));
  if (full.length > 0) components.push({ type: 1, components: full });
  return { payload: { content: rendered.content, embeds: rendered.embeds, components, allowedMentions: NO_MENTIONS }, sessionId: id };
}
