import { extractIdentifiers, identifiersMatch } from '../ingest/identifiers.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Chunk, Identifier, SourceMetadata, StatusNote } from '../types.ts';

/** Statuses worth a warning next to a passage; `in force` and `draft` are shown, not warned about. */
const WARN: ReadonlySet<string> = new Set(['amended', 'replaced', 'repealed', 'outdated']);
/** Notes per passage: a passage naming many instruments should not drown in warnings. */
const MAX_NOTES = 3;

interface StatusTable {
  /** Notes about an instrument, keyed by identifier key; metadata ones first. */
  byInstrument: Map<string, { subject: Identifier; note: StatusNote }[]>;
  /** A document whose own metadata marks it replaced, repealed, amended or outdated. */
  byFile: Map<string, StatusNote>;
}

const tables = new WeakMap<LoadedIndex, StatusTable>();

/**
 * A passage's source metadata and the status notes about it: its document's own status, and
 * those of the instruments it names, from metadata first and else from a sentence in the corpus
 * that says so (quoted, with where it is). Nothing is inferred beyond what those say.
 */
export function describeSource(
  index: LoadedIndex,
  chunk: Chunk,
): { source?: SourceMetadata; statusNotes?: StatusNote[] } {
  const record = index.manifest.files[chunk.file];
  const table = statusTable(index);
  const notes: StatusNote[] = [];
  const own = table.byFile.get(chunk.file);
  if (own) notes.push(own);
  for (const id of chunk.identifiers) {
    for (const entry of table.byInstrument.get(id.key) ?? []) {
      if (!identifiersMatch(entry.subject, id) || notes.some((n) => sameNote(n, entry.note))) continue;
      // The document's own status is already said once.
      if (own && entry.note.origin === 'metadata' && entry.note.file === chunk.file) continue;
      notes.push(entry.note);
    }
  }
  return {
    ...(record?.source ? { source: record.source } : {}),
    ...(notes.length > 0 ? { statusNotes: notes.slice(0, MAX_NOTES) } : {}),
  };
}

/** The status table of an index (cached: an index is immutable once loaded). */
export function statusTable(index: LoadedIndex): StatusTable {
  let table = tables.get(index);
  if (!table) {
    table = buildTable(index);
    tables.set(index, table);
  }
  return table;
}

function buildTable(index: LoadedIndex): StatusTable {
  const byInstrument = new Map<string, { subject: Identifier; note: StatusNote }[]>();
  const byFile = new Map<string, StatusNote>();
  const add = (subject: Identifier, note: StatusNote) => {
    const list = byInstrument.get(subject.key);
    if (list) list.push({ subject, note });
    else byInstrument.set(subject.key, [{ subject, note }]);
  };
  const files = Object.entries(index.manifest.files);
  for (const [file, record] of files) {
    const source = record.source;
    if (!source?.status || !WARN.has(source.status)) continue;
    const status = source.status as StatusNote['status'];
    const by = source.replaced_by ?? source.amended_by;
    const base = {
      status,
      origin: 'metadata' as const,
      ...(by ? { by } : {}),
      file,
      title: record.title,
      section: [],
      page: null,
    };
    byFile.set(file, { ...base, instrument: record.title });
    // The document is the instrument its title names, unless it is someone's account of it.
    const subject = source.kind === 'commentary' ? undefined : extractIdentifiers(record.title)[0];
    if (subject) add(subject, { ...base, instrument: subject.label });
  }
  const chunksOf = chunksByFile(index);
  for (const [file, record] of files) {
    for (const s of record.statements ?? []) {
      const known = byInstrument
        .get(s.subject.key)
        ?.some((e) => e.note.origin === 'metadata' && identifiersMatch(e.subject, s.subject));
      if (known) continue;
      const chunk = (chunksOf.get(file) ?? []).find((c) => c.charStart <= s.charStart && c.charEnd >= s.charEnd);
      add(s.subject, {
        instrument: s.subject.label,
        status: s.status,
        origin: 'corpus',
        ...(s.by ? { by: s.by.label } : {}),
        sentence: s.text,
        file,
        title: record.title,
        section: chunk?.section ?? [],
        page: chunk?.page ?? null,
        ...(chunk ? { chunkId: chunk.id } : {}),
        charStart: s.charStart,
        charEnd: s.charEnd,
      });
    }
  }
  return { byInstrument, byFile };
}

function chunksByFile(index: LoadedIndex): Map<string, Chunk[]> {
  const out = new Map<string, Chunk[]>();
  for (const chunk of index.chunks) {
    if (!index.manifest.files[chunk.file]?.statements) continue;
    const list = out.get(chunk.file);
    if (list) list.push(chunk);
    else out.set(chunk.file, [chunk]);
  }
  return out;
}

function sameNote(a: StatusNote, b: StatusNote): boolean {
  return a.instrument === b.instrument && a.status === b.status && a.file === b.file && a.charStart === b.charStart;
}
