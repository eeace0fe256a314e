import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, CHANNEL_ID, DiscordStandIn, GUILD_ID } from './stand-in/discord-stand-in.ts';

/** `npm start` as a user runs it: the CLI entry point, settings from the environment, real process. */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-start-'));
const standIn = new DiscordStandIn();
const TOKEN = 'start-test-token-abcdefghijklmnopqrstuvwxyz';

beforeAll(() => standIn.start());
afterAll(async () => {
  await standIn.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('policybot bot (npm start)', () => {
  it('starts from the environment, answers /ask with citations, never logs the token, and stops on SIGTERM', async () => {
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: standIn.apiUrl,
      ALLOWED_GUILD_IDS: GUILD_ID,
      INDEX_DIR: path.join(work, 'index'),
      MODELS_DIR: path.join(work, 'models'),
      ALLOW_REMOTE_MODELS: 'false',
      CORPUS_DIR: path.join(root, 'corpus'),
    };
    const child = spawn(process.execPath, [path.join(root, 'bin/policybot.js'), 'bot'], {
      cwd: work,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await standIn.waitFor(() => log.includes('"bot_ready"'), 60_000);

    const { token } = standIn.sendInteraction({
      type: 2,
      data: {
        id: '9',
        name: 'ask',
        type: 1,
        options: [{ name: 'question', type: 3, value: 'What does Circular 49 require?' }],
      },
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'policy' },
      member: {
        user: { id: '500000000000000001', username: 'asker', discriminator: '0', global_name: null, avatar: null },
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        permissions: '2147483647',
        pending: false,
      },
    });
    const edit = await standIn.waitFor(() => standIn.callsFor(token).find((c) => c.method === 'PATCH'), 20_000);
    expect(edit.body.embeds[0].title).toMatch(/^\[1\] Circular No\. 49, 2017/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('"shutdown"');
    expect(log).toContain('semantic_search_off');
    // The index is loaded once at start (the bot builds no second retriever).
    expect(log.match(/"event":"index_loaded"/g)).toHaveLength(1);
    expect(log).not.toContain(TOKEN);
    expect(standIn.violations).toEqual([]);
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
