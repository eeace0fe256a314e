import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PolicybotError } from '../errors.ts';
import { lineError, parseJsonObject, readLines, stringField } from './read-lines.ts';

/** One corpus document of a BEIR dataset. */
export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

/** Relevance judgements: query id → (doc id → graded relevance). */
export type Qrels = Map<string, Map<string, number>>;

/** A BEIR dataset read for one split: the corpus, the split's queries and their judgements. */
export interface BeirDataset {
  dir: string;
  split: string;
  corpus: BeirDoc[];
  /** Queries judged in this split, in `queries.jsonl` order: id → text. */
  queries: Map<string, string>;
  qrels: Qrels;
  /** Things worth knowing that do not stop the run (e.g. judged docs missing from the corpus). */
  warnings: string[];
}

const LAYOUT_HINT =
  'A BEIR dataset folder holds corpus.jsonl ({"_id","title","text"} per line), queries.jsonl ({"_id","text"} per line) and qrels/<split>.tsv (query-id, corpus-id, score).';

/** Reads `corpus.jsonl`: one `{_id, title?, text}` object per line; ids must be unique. */
export async function readBeirCorpus(file: string): Promise<BeirDoc[]> {
  const docs: BeirDoc[] = [];
  for await (const { id, text, record } of _idTextRecords(file, 'document'))
    docs.push({ id, title: stringField(record, 'title') ?? '', text });
  return docs;
}

/** Reads `queries.jsonl`: one `{_id, text}` object per line → id → text. */
export async function readBeirQueries(file: string): Promise<Map<string, string>> {
  const queries = new Map<string, string>();
  for await (const { id, text } of _idTextRecords(file, 'query')) queries.set(id, text);
  return queries;
}

/** The non-blank lines of a JSONL file as `{_id, text}` records, each id present and unique. */
async function* _idTextRecords(
  file: string,
  kind: 'document' | 'query',
): AsyncGenerator<{ id: string; text: string; record: Record<string, unknown> }> {
  const seen = new Set<string>();
  for await (const numbered of readLines(file, LAYOUT_HINT)) {
    if (!numbered.line.trim()) continue;
    const record = parseJsonObject(file, numbered, LAYOUT_HINT);
    const id = stringField(record, '_id');
    const text = stringField(record, 'text');
    if (id === undefined || id === '') throw lineError(file, numbered.lineNo, 'no "_id" string.', LAYOUT_HINT);
    if (text === undefined)
      throw lineError(file, numbered.lineNo, `${kind} "${id}" has no "text" string.`, LAYOUT_HINT);
    if (seen.has(id))
      throw lineError(
        file,
        numbered.lineNo,
        `${kind} id "${id}" appears twice.`,
        `${kind === 'document' ? 'Document' : 'Query'} ids must be unique.`,
      );
    seen.add(id);
    yield { id, text, record };
  }
}

/**
 * Reads a qrels TSV: `query-id<TAB>corpus-id<TAB>score` per line, integer scores, with or
 * without BEIR's header line, LF or CRLF line ends. A repeated (query, doc) pair is an error:
 * there is no right way to pick between two judgements.
 */
export async function readQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  let first = true;
  for await (const { line, lineNo } of readLines(file, LAYOUT_HINT)) {
    if (!line.trim()) continue;
    const cols = line.split('\t').map((c) => c.trim());
    const isFirst = first;
    first = false;
    if (cols.length !== 3) {
      throw lineError(
        file,
        lineNo,
        `expected 3 tab-separated columns (query-id, corpus-id, score), found ${cols.length}.`,
        LAYOUT_HINT,
      );
    }
    const [queryId = '', docId = '', scoreText = ''] = cols;
    const score = Number(scoreText);
    if (scoreText === '' || !Number.isInteger(score)) {
      if (isFirst) continue; // the header line, e.g. "query-id	corpus-id	score"
      throw lineError(file, lineNo, `score "${scoreText}" is not a whole number.`, LAYOUT_HINT);
    }
    if (!queryId || !docId) throw lineError(file, lineNo, 'empty query or corpus id.', LAYOUT_HINT);
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    if (judged.has(docId))
      throw lineError(file, lineNo, `the pair (${queryId}, ${docId}) is judged twice.`, 'Keep one judgement per pair.');
    judged.set(docId, score);
    qrels.set(queryId, judged);
  }
  return qrels;
}

async function _availableSplits(dir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dir, 'qrels'))).filter((f) => f.endsWith('.tsv')).map((f) => f.slice(0, -4));
  } catch {
    return [];
  }
}

/**
 * Reads a BEIR dataset folder for one split. Every judged query must be in `queries.jsonl`;
 * judged documents missing from the corpus are kept (they can never be retrieved, as in BEIR)
 * and counted in `warnings`.
 */
export async function loadBeirDataset(dir: string, split: string): Promise<BeirDataset> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new PolicybotError('DATASET_INVALID', `The dataset folder ${dir} does not exist.`, LAYOUT_HINT);
  const qrelsFile = path.join(dir, 'qrels', `${split}.tsv`);
  const splits = await _availableSplits(dir);
  if (!splits.includes(split)) {
    const hint = splits.length > 0 ? `Available splits: ${splits.sort().join(', ')}.` : LAYOUT_HINT;
    throw new PolicybotError('DATASET_INVALID', `${qrelsFile} is missing: no "${split}" split in ${dir}.`, hint);
  }
  const qrels = await readQrels(qrelsFile);
  const allQueries = await readBeirQueries(path.join(dir, 'queries.jsonl'));
  const corpus = await readBeirCorpus(path.join(dir, 'corpus.jsonl'));

  const queries = new Map<string, string>();
  for (const [id, text] of allQueries) if (qrels.has(id)) queries.set(id, text);
  const unknown = [...qrels.keys()].filter((id) => !allQueries.has(id));
  if (unknown.length > 0) {
    throw new PolicybotError(
      'DATASET_INVALID',
      `${qrelsFile} judges ${unknown.length} quer${unknown.length === 1 ? 'y' : 'ies'} not in queries.jsonl (first: "${unknown[0]}").`,
      'Every query id in the qrels must have a line in queries.jsonl.',
    );
  }
  const docIds = new Set(corpus.map((d) => d.id));
  let missing = 0;
  for (const judged of qrels.values()) for (const docId of judged.keys()) if (!docIds.has(docId)) missing++;
  const warnings =
    missing > 0
      ? [`${missing} judged (query, doc) pairs name documents not in corpus.jsonl; they count as never retrieved.`]
      : [];
  return { dir, split, corpus, queries, qrels, warnings };
}
