import { escapeMarkdown } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { escapeDiscord, escapeWithEmphasis, escapeWithin, joinLinesWithin } from '../../src/discord/escape.ts';

/** What Discord shows for escaped text: `\x` as `x` (zero-width spaces kept). */
const shown = (s: string) => s.replace(/\\(.)/g, '$1');

describe('escapeDiscord', () => {
  it('escapes markdown the way discord.js does, leaving prose punctuation alone', () => {
    const text = 'Category-1 (EMR) rules #3: **bold** __under__ `code` ||spoiler|| ~~gone~~ *it* snake_case';
    expect(escapeDiscord(text)).toBe(escapeMarkdown(text));
    expect(escapeDiscord(text)).toContain('Category-1 (EMR) rules #3');
  });

  it('escapes line-start structure: headings, lists, numbered items, quotes and subtext', () => {
    expect(escapeDiscord('# Title\n- item\n1. first\n> quoted\n-# small')).toBe(
      '\\# Title\n\\- item\n1\\. first\n\\> quoted\n\\-# small',
    );
  });

  it('neutralises every masked link on a line, which discord.js alone leaves live after the first', () => {
    const text = '[safe](https://evil.example) and [also](https://evil.example/2)';
    expect(escapeMarkdown(text, { maskedLink: true })).toContain(' [also](https://');
    expect(escapeDiscord(text)).toBe('\\[safe\\](https://evil.example) and \\[also\\](https://evil.example/2)');
  });

  it('keeps mentions, custom emoji and timestamps from rendering', () => {
    const out = escapeDiscord('@everyone @here <@123> <@&456> <#789> <:e:1> <t:1700000000:f>');
    expect(out).not.toMatch(/@everyone|@here|<@|<#|<:|<t:/);
    expect(out.replace(/\u200b/g, '')).toBe('@everyone @here <@123> <@&456> <#789> <:e:1> <t:1700000000:f>');
  });
});

describe('escapeWithEmphasis', () => {
  it('bolds spans with discord.js formatting and escapes the rest, bold closed on every line', () => {
    const text = 'Clinics *must* renew\nthe permit yearly.';
    expect(escapeWithEmphasis(text, [{ start: 8, end: 31 }])).toBe(
      'Clinics **\\*must\\* renew**\n**the permit** yearly.',
    );
  });
});

describe('escapeWithin', () => {
  const hostile = `Ping **now** <@1> [x](https://e.example) ${'a_b *c* `d` ||e|| '.repeat(30)}`;

  it('cuts plain text before escaping, so no cut falls inside an escape sequence', () => {
    for (let max = 5; max < 400; max += 7) {
      const out = escapeWithin(hostile, max);
      expect(out.length, String(max)).toBeLessThanOrEqual(max);
      expect(out.endsWith('…'), String(max)).toBe(true);
      // What a reader sees is a prefix of the source text: no escape lost, none dangling.
      expect(hostile.startsWith(shown(out.slice(0, -1)).replace(/\u200b/g, '')), String(max)).toBe(true);
      expect(/(^|[^\\])(\\\\)*\\…$/.test(out), String(max)).toBe(false);
    }
  });

  it('returns the whole text when it fits', () => {
    expect(escapeWithin('a *b*', 20)).toBe('a \\*b\\*');
  });
});

describe('joinLinesWithin', () => {
  it('keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const out = joinLinesWithin(lines, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.split('\n').at(-1)).toMatch(/^…and \d+ more\.$/);
    expect(
      out
        .split('\n')
        .slice(0, -1)
        .every((l) => lines.includes(l)),
    ).toBe(true);
    expect(joinLinesWithin(['a', 'b'], 100)).toBe('a\nb');
  });
});
