import { randomBytes } from 'node:crypto';
import type { Span } from '../types.ts';

/** What a button needs to continue an answer: the question and where the user is in it. */
export interface AnswerSession {
  query: string;
  userId: string;
  perPage: number;
  /** Results already shown (the next page starts here). */
  shown: number;
  private: boolean;
  /** Chunk ids shown so far by rank (index 0 = rank 1), for feedback and "Full passage". */
  chunkIds: string[];
  /** The quoted sentences of each passage shown (same order), bolded in "Full passage". */
  quotes: Span[][];
}

/** A session for a question not answered yet. */
export function newSession(query: string, userId: string, perPage: number, isPrivate: boolean): AnswerSession {
  return { query, userId, perPage, shown: 0, private: isPrivate, chunkIds: [], quotes: [] };
}

/**
 * Answers that buttons can refer to. Discord custom_ids hold 100 characters, too few for a
 * question, so a button carries a short id into this bounded map (oldest dropped first).
 * After a restart or eviction the button gets a polite "ask again".
 */
export class SessionStore {
  private readonly sessions = new Map<string, AnswerSession>();

  constructor(private readonly capacity = 5000) {}

  create(session: AnswerSession): string {
    const id = randomBytes(6).toString('base64url');
    this.sessions.set(id, session);
    if (this.sessions.size > this.capacity) this.sessions.delete(this.sessions.keys().next().value as string);
    return id;
  }

  get(id: string): AnswerSession | undefined {
    return this.sessions.get(id);
  }
}
