import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** One 👍/👎 vote, with what was asked and what was shown, for building evaluation sets. */
export interface FeedbackRecord {
  time: string;
  vote: 'up' | 'down';
  query: string;
  chunkIds: string[];
  userId: string;
  guildId: string | null;
}

/** Appends a vote to the feedback JSONL file (created with its folder on first use). */
export async function recordFeedback(file: string, record: FeedbackRecord): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(record)}\n`);
}
