import { describe, expect, it } from 'vitest';
import { TOKEN_MISSING, TokenTable } from '../../../src/store/lexical/token-table.ts';

/** Inserts `key` with its own hash. */
function put(table: TokenTable, key: string, value: number): void {
  table.insert(key, TokenTable.hash(key, 0, key.length), value);
}

/** Looks up `text[start, end)`. */
function find(table: TokenTable, text: string, start = 0, end = text.length): number {
  return table.find(text, start, end, TokenTable.hash(text, start, end));
}

describe('TokenTable.hash', () => {
  it('is 32-bit FNV-1a over the span’s code units', () => {
    // FNV-1a of the empty string is the offset basis 0x811c9dc5, as a signed 32-bit integer.
    expect(TokenTable.hash('', 0, 0)).toBe(0x811c9dc5 | 0);
    // Published FNV-1a 32-bit test vector: "a" → 0xe40c292c.
    expect(TokenTable.hash('a', 0, 1)).toBe(0xe40c292c | 0);
    expect(TokenTable.hash('foobar', 0, 6)).toBe(0xbf9cf968 | 0);
  });

  it('depends only on the span, not on the text around it', () => {
    expect(TokenTable.hash('the records here', 4, 11)).toBe(TokenTable.hash('records', 0, 7));
  });
});

describe('TokenTable', () => {
  it('returns TOKEN_MISSING for a token it has not seen', () => {
    const table = new TokenTable();
    expect(find(table, 'records')).toBe(TOKEN_MISSING);
    put(table, 'records', 7);
    expect(find(table, 'record')).toBe(TOKEN_MISSING);
    expect(find(table, 'recordss')).toBe(TOKEN_MISSING);
    expect(find(table, 'Records')).toBe(TOKEN_MISSING);
  });

  it('finds an inserted key by a span of a larger string', () => {
    const table = new TokenTable();
    put(table, 'tt', 1);
    put(table, 'byt', 2);
    put(table, '2017', 3);
    const text = '49/2017/tt-byt';
    expect(find(table, text, 3, 7)).toBe(3);
    expect(find(table, text, 8, 10)).toBe(1);
    expect(find(table, text, 11, 14)).toBe(2);
    expect(find(table, text, 0, 2)).toBe(TOKEN_MISSING);
    expect(table.size).toBe(3);
  });

  it('stores negative values and zero as given', () => {
    const table = new TokenTable();
    put(table, 'the', -1);
    put(table, 'zero', 0);
    expect(find(table, 'the')).toBe(-1);
    expect(find(table, 'zero')).toBe(0);
  });

  it('tells apart keys whose hashes collide in the same slot', () => {
    const table = new TokenTable();
    // The same hash given for different keys forces them to share a probe chain.
    table.insert('alpha', 42, 1);
    table.insert('omega', 42, 2);
    table.insert('alphas', 42, 3);
    expect(table.find('alpha', 0, 5, 42)).toBe(1);
    expect(table.find('omega', 0, 5, 42)).toBe(2);
    expect(table.find('alphas', 0, 6, 42)).toBe(3);
    expect(table.find('gamma', 0, 5, 42)).toBe(TOKEN_MISSING);
  });

  it('finds every key after growing far past its initial capacity of 1024 slots', () => {
    const table = new TokenTable();
    const keys = Array.from({ length: 5000 }, (_, i) => `tok${i.toString(36)}`);
    for (const [i, key] of keys.entries()) put(table, key, i);
    expect(table.size).toBe(5000);
    expect(keys.map((key) => find(table, `<${key}>`, 1, key.length + 1))).toEqual(keys.map((_, i) => i));
    expect(find(table, 'tok-missing')).toBe(TOKEN_MISSING);
  });
});
