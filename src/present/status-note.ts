import type { Chunk, StatusNote } from '../types.ts';
import { formatLocation, formatSource } from './citation.ts';

/** How each status reads after an instrument's name. */
const STATUS_WORDS: Record<StatusNote['status'], string> = {
  outdated: 'outdated',
  replaced: 'replaced',
  repealed: 'repealed (no longer in force)',
  amended: 'amended',
};

/**
 * One line warning about an instrument's status, with where that is said:
 * "Circular 46/2018/TT-BYT is marked outdated; see Opportunities … — corpus/market.txt" (metadata), or
 * "Circular 46/2018/TT-BYT, the corpus says: “… is outdated …” — Title › Section — corpus/x.txt" (a sentence
 * elsewhere), or a short line when the sentence is in the passage shown (`passage`).
 */
export function formatStatusNote(note: StatusNote, passage?: Pick<Chunk, 'file' | 'charStart' | 'charEnd'>): string {
  const where = `${formatLocation(note)} — ${formatSource(note)}`;
  const inPassage =
    passage &&
    note.file === passage.file &&
    (note.charStart ?? -1) >= passage.charStart &&
    (note.charEnd ?? Infinity) <= passage.charEnd;
  if (note.origin === 'corpus' && inPassage)
    return `This passage says ${note.instrument} is ${STATUS_WORDS[note.status]}.`;
  if (note.origin === 'corpus')
    return `${note.instrument}, the corpus says: “${(note.sentence ?? '').replace(/\s+/g, ' ')}” — ${where}`;
  const by = note.by ? ` by ${note.by}` : '';
  return `${note.instrument} is marked ${STATUS_WORDS[note.status]}${note.status === 'replaced' || note.status === 'amended' ? by : ''}; see ${where}`;
}
