import { PolicybotError } from '../errors.ts';
import type { SourceKind, SourceMetadata, SourceStatus } from '../types.ts';

/** The metadata fields a source may carry, in the order they are written to a file. */
export const SOURCE_FIELDS = [
  'title',
  'url',
  'publisher',
  'date',
  'effective',
  'kind',
  'language',
  'status',
  'replaced_by',
  'amended_by',
] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

export const SOURCE_KINDS: readonly SourceKind[] = ['instrument', 'translation', 'commentary'];
export const SOURCE_STATUSES: readonly SourceStatus[] = [
  'in force',
  'amended',
  'replaced',
  'repealed',
  'draft',
  'outdated',
];

const MAX_TEXT = 300;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/**
 * Validates the source fields of a document's metadata (front matter or sidecar); other keys
 * are left alone. Throws METADATA_INVALID naming the field, the value and what it accepts.
 * `where` names the file (or the command option) in the message.
 */
export function parseSourceMetadata(raw: Readonly<Record<string, string | undefined>>, where: string): SourceMetadata {
  const source: SourceMetadata = {};
  for (const field of SOURCE_FIELDS) {
    const value = raw[field]?.trim();
    if (!value) continue;
    const fail = (accepts: string): never => {
      throw new PolicybotError(
        'METADATA_INVALID',
        `${where}: metadata field "${field}" ${accepts} (got "${clip(value)}").`,
        'Fix that field and try again.',
      );
    };
    if (value.length > MAX_TEXT && field !== 'url') fail(`is longer than ${MAX_TEXT} characters`);
    switch (field) {
      case 'url':
        source.url = checkUrl(value) ?? fail('must be an http:// or https:// link');
        break;
      case 'date':
      case 'effective':
        source[field] = checkDate(value) ?? fail('is not a date: use YYYY-MM-DD, YYYY-MM or YYYY');
        break;
      case 'kind':
        source.kind = pick(SOURCE_KINDS, value) ?? fail(`must be one of ${SOURCE_KINDS.join(', ')}`);
        break;
      case 'status':
        source.status = pick(SOURCE_STATUSES, value) ?? fail(`must be one of ${SOURCE_STATUSES.join(', ')}`);
        break;
      case 'language':
        if (!LANGUAGE.test(value)) fail('must be a language code such as en, vi or zh-TW');
        source.language = value;
        break;
      default:
        source[field] = value.replace(/\s+/g, ' ');
    }
  }
  return source;
}

/** A calendar-valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a YAML date arrives as an ISO string). */
export function checkDate(value: string): string | null {
  const text = /^\d{4}-\d{2}-\d{2}T00:00:00(?:\.000)?Z$/.test(value) ? value.slice(0, 10) : value;
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (year < 1800 || year > 2200 || month < 1 || month > 12) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? text : null;
}

function checkUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Accepts any case and `_`/`-` for spaces ("In_Force" → "in force"). */
function pick<T extends string>(allowed: readonly T[], value: string): T | null {
  const folded = value.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  return allowed.find((a) => a === folded) ?? null;
}

function clip(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine;
}
