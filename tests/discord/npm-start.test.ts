import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ID, GUILD_ID } from './stand-in/discord-stand-in.ts';
import { STAND_IN_TOKEN, startBotAgainstStandIn } from './stand-in/start-bot-against-stand-in.ts';

/** `npm start` as a user runs it: the CLI entry point, settings from the environment, real process. */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-start-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('policybot bot (npm start)', () => {
  it('starts from the environment, answers /ask with citations, never logs the token, and stops on SIGTERM', async () => {
    const session = await startBotAgainstStandIn({
      process: {
        cwd: work,
        env: {
          INDEX_DIR: path.join(work, 'index'),
          MODELS_DIR: path.join(work, 'models'),
          ALLOW_REMOTE_MODELS: 'false',
          CORPUS_DIR: path.join(root, 'corpus'),
        },
      },
      userName: 'asker',
    });
    const { token } = session.slash('ask', [{ name: 'question', type: 3, value: 'What does Circular 49 require?' }]);
    const edit = await session.finalMessage(token, 20_000);
    expect(edit.embeds[0].title).toMatch(/^\[1\] Circular No\. 49, 2017/);
    expect(edit.allowed_mentions).toEqual({ parse: [] });

    await session.stop();
    expect(await session.exited).toBe(0);
    const log = session.log();
    expect(log).toContain('"shutdown"');
    expect(log).toContain('semantic_search_off');
    // The index is loaded once at start (the bot builds no second retriever).
    expect(log.match(/"event":"index_loaded"/g)).toHaveLength(1);
    expect(log).not.toContain(STAND_IN_TOKEN);
    expect(session.standIn.violations).toEqual([]);
  });

  it('refuses to start with a message naming the missing setting', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/policybot.js'), 'bot'], {
      cwd: work,
      env: { ...process.env, DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: APP_ID, ALLOWED_GUILD_IDS: GUILD_ID },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err).toMatch(/DISCORD_TOKEN is missing/);
  });
});
