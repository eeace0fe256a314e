/** Kinds of legal instrument a policy document names. */
export type IdentifierKind =
  | 'circular'
  | 'decision'
  | 'decree'
  | 'law'
  | 'resolution'
  | 'directive'
  | 'official-letter'
  | 'plan'
  | 'consolidated-text';

/** A normalised reference to a legal instrument, e.g. Circular 49/2017/TT-BYT. */
export interface Identifier {
  /** Canonical key used for matching: `${kind}:${number}`, number without leading zeros. */
  key: string;
  kind: IdentifierKind;
  number: string;
  year?: number;
  /** Issuing-body code, folded and upper-cased, e.g. `TT-BYT`, `QD-TTG`, `ND-CP`. */
  issuer?: string;
  /** Human label, e.g. `Circular 49/2017/TT-BYT` or `Decision 5316/QD-BYT`. */
  label: string;
  /**
   * The number as the source writes it, when it is written as a code: `49/2017/TT-BYT`,
   * `06/2022/QD-TTg`, `5316/QĐ-BYT` (leading zeros, case and diacritics kept). Absent for a
   * worded reference ("Circular No. 49, 2017"). For display only; match on `key`.
   */
  official?: string;
}
