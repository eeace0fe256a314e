/** What a source is: the legal text itself, a translation of it, or someone's account of it. */
export type SourceKind = 'instrument' | 'translation' | 'commentary';

/** Legal status of an instrument, as its metadata states it. */
export type SourceStatus = 'in force' | 'amended' | 'replaced' | 'repealed' | 'draft' | 'outdated';

/**
 * Who published a source, when, where to read it and its status: from the file's front matter
 * (md/txt) or its sidecar `<file>.meta.yaml`. Every field is optional; none is ever guessed.
 */
export interface SourceMetadata {
  title?: string;
  /** Where to read the original (http or https). */
  url?: string;
  publisher?: string;
  /** Issued: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date?: string;
  /** In force from, same forms as `date`. */
  effective?: string;
  kind?: SourceKind;
  /** BCP 47 language tag, e.g. `en`, `vi`. */
  language?: string;
  status?: SourceStatus;
  /** The instrument that replaced this one, e.g. `Decree 13/2023/ND-CP`. */
  replaced_by?: string;
  amended_by?: string;
}

/**
 * A warning that an instrument a passage names is replaced, repealed, amended or outdated,
 * with where that is said: a document's metadata, or a sentence in the corpus (quoted verbatim).
 */
export interface StatusNote {
  /** The instrument, e.g. `Circular 46/2018/TT-BYT`. */
  instrument: string;
  status: 'amended' | 'replaced' | 'repealed' | 'outdated';
  origin: 'metadata' | 'corpus';
  /** The replacing or amending instrument, when stated. */
  by?: string;
  /** For `corpus`: the sentence verbatim. */
  sentence?: string;
  /** Where to check it: the document (and for `corpus`, the passage and character span). */
  file: string;
  title: string;
  section: string[];
  page: number | null;
  chunkId?: string;
  charStart?: number;
  charEnd?: number;
}
