import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/discord/log.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.secret-token-value';

function capture(): { stream: Writable; lines: () => any[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('createLogger (pino behind the Logger interface)', () => {
  it('writes one JSON line per event with an ISO time, the level as a word and the fields', () => {
    const out = capture();
    createLogger({ stream: out.stream }).info('bot_ready', { guilds: 2 });
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', event: 'bot_ready', guilds: 2 });
    expect(Date.parse(line.time)).not.toBeNaN();
  });

  it('redacts the token by key and wherever its value appears', () => {
    const out = capture();
    const log = createLogger({ stream: out.stream, secrets: [TOKEN] });
    log.warn('login', { token: 'any-value-here', headers: { authorization: `Bot ${TOKEN}` } });
    log.error('client_error', { err: new Error(`401 for token ${TOKEN}`), note: `said ${TOKEN}` });
    const text = out
      .lines()
      .map((l) => JSON.stringify(l))
      .join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('any-value-here');
    expect(out.lines()[0].token).toBe('[redacted]');
    expect(out.lines()[1].note).toBe('said [redacted]');
  });

  it('keeps the stack of an error', () => {
    const out = capture();
    createLogger({ stream: out.stream }).error('command_failed', { err: new TypeError('boom') });
    const { err } = out.lines()[0];
    expect(err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(err.stack).toMatch(/TypeError: boom\n\s+at /);
  });

  it('gives a child logger whose lines carry its bindings', () => {
    const out = capture();
    const child = createLogger({ stream: out.stream }).child({ interaction: '42' });
    child.info('interaction', { name: 'ask' });
    child.child({ step: 'reply' }).warn('slow');
    expect(out.lines()).toMatchObject([
      { interaction: '42', event: 'interaction', name: 'ask' },
      { interaction: '42', step: 'reply', event: 'slow', level: 'warn' },
    ]);
  });
});
