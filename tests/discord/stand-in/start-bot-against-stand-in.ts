import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DiscordConfig } from '../../../src/discord/discord-config.ts';
import { silentLogger } from '../../../src/discord/log.ts';
import { type BotHandle, type BotOptions, startBot } from '../../../src/discord/start-bot.ts';
import { APP_ID, BOT_ID, BOT_USER, CHANNEL_ID, channelMessage, DiscordStandIn, GUILD_ID } from './discord-stand-in.ts';

/**
 * One way for tests and benchmarks to run the bot against the Discord stand-in: either
 * in this process (`startBot`, the composition root, so a test can reach `bot.context`) or as
 * the real `policybot bot` process configured from the environment, as `npm start` runs it.
 * Both use the real discord.js client; the session gives the same helpers to send slash
 * commands, button presses and autocompletes and to read the bot's final message.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The bot token every session uses (tests check it never reaches a log). */
export const STAND_IN_TOKEN = 'stand-in-token-0123456789abcdef';

/** Options for a bot in this process; `config` overrides the test defaults. */
export interface InProcessBotOptions {
  indexDir: string;
  config?: Partial<DiscordConfig>;
  /** Everything `startBot` takes besides config and index folder; `sources` may need the stand-in's CDN. */
  bot?: Partial<Omit<BotOptions, 'config' | 'indexDir' | 'sources'>>;
  sources?: (config: DiscordConfig) => BotOptions['sources'];
  /** Roles and name prefix of the members the session makes. */
  roles?: string[];
  userName?: string;
}

/** Options for the real `policybot bot` process; `env` adds to the Discord settings the session sets. */
export interface ProcessBotOptions {
  process: {
    cwd: string;
    env: Record<string, string | undefined>;
    readyTimeoutMs?: number;
    /** Copy the bot's log to this process's stderr as it arrives. */
    echoLog?: boolean;
  };
  roles?: string[];
  userName?: string;
}

/** A member payload as an interaction carries it. */
export type StandInMember = ReturnType<StandInSession['member']>;

export interface StandInSession {
  standIn: DiscordStandIn;
  /** A fresh member (own user id, so one test's cooldown never blocks the next). */
  member(options?: { guild?: string; roles?: string[] }): {
    guild_id: string;
    channel_id: string;
    channel: { id: string; type: number; guild_id: string; name: string };
    member: {
      user: { id: string; username: string; discriminator: string; global_name: null; avatar: null };
      roles: string[];
      joined_at: string;
      deaf: boolean;
      mute: boolean;
      flags: number;
      permissions: string;
      pending: boolean;
    };
  };
  slash(name: string, options: object[], who?: StandInMember): { id: string; token: string };
  button(customId: string, message: any, who?: StandInMember): { id: string; token: string };
  /** The choices the bot offers while `option` of `command` is typed. */
  autocomplete(
    command: string,
    option: string,
    value: string,
    who?: StandInMember,
  ): Promise<{ name: string; value: string }[]>;
  /** The final message of an interaction: the edited deferral or the immediate reply. */
  finalMessage(token: string, timeoutMs?: number): Promise<any>;
  /** A message `who` posted in the channel, as Discord sends it (for context menus and mentions). */
  userMessage(content: string, who?: StandInMember): Record<string, unknown> & { id: string };
  /** Posts `@bot text` in the channel as `who`; resolves with the bot's reply to it. */
  mention(text: string, who?: StandInMember): Promise<any>;
  stop(): Promise<void>;
}

export interface InProcessBot extends StandInSession {
  bot: BotHandle;
  config: DiscordConfig;
}

export interface ProcessBot extends StandInSession {
  child: ChildProcess;
  /** Everything the process wrote to stderr (its JSON log) so far. */
  log(): string;
  /** The process's exit code, once it exits. */
  exited: Promise<number | null>;
}

/** Starts a stand-in and a bot connected to it; `stop()` stops both. */
export async function startBotAgainstStandIn(options: InProcessBotOptions): Promise<InProcessBot>;
export async function startBotAgainstStandIn(options: ProcessBotOptions): Promise<ProcessBot>;
export async function startBotAgainstStandIn(
  options: InProcessBotOptions | ProcessBotOptions,
): Promise<InProcessBot | ProcessBot> {
  const standIn = new DiscordStandIn();
  await standIn.start();
  const base = _session(standIn, options.roles ?? [], options.userName ?? 'user');
  try {
    return 'process' in options ? await _startProcess(base, options) : await _startInProcess(base, options);
  } catch (error) {
    await standIn.stop();
    throw error;
  }
}

/** The settings a test bot runs with unless a test says otherwise; files go into `work`. */
export function testConfig(
  standIn: DiscordStandIn,
  work: string,
  overrides: Partial<DiscordConfig> = {},
): DiscordConfig {
  return {
    token: STAND_IN_TOKEN,
    applicationId: APP_ID,
    guildId: undefined,
    apiUrl: standIn.apiUrl,
    allowedGuildIds: [GUILD_ID],
    allowAllGuilds: false,
    allowedChannelIds: [],
    allowedRoleIds: [],
    cooldownSeconds: 0,
    feedbackFile: path.join(work, 'feedback.jsonl'),
    indexPollMs: 60_000,
    editorRoleIds: [],
    cdnUrl: standIn.cdnUrl,
    watchCorpus: false,
    watchDebounceMs: 5000,
    sourcesLog: path.join(work, 'sources.jsonl'),
    ...overrides,
  };
}

async function _startInProcess(session: StandInSession, options: InProcessBotOptions): Promise<InProcessBot> {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-bot-'));
  const config = testConfig(session.standIn, work, options.config);
  const sources = options.sources?.(config);
  const bot = await startBot({
    embedder: null,
    warnings: [],
    log: silentLogger,
    rest: { retries: 0, timeout: 10_000 },
    ...options.bot,
    config,
    indexDir: options.indexDir,
    ...(sources ? { sources } : {}),
  }).catch((error: unknown) => {
    rmSync(work, { recursive: true, force: true });
    throw error;
  });
  return {
    ...session,
    bot,
    config,
    async stop() {
      await bot.stop();
      await session.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function _startProcess(session: StandInSession, options: ProcessBotOptions): Promise<ProcessBot> {
  const { standIn } = session;
  const env = {
    ...process.env,
    DISCORD_TOKEN: STAND_IN_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: standIn.apiUrl,
    DISCORD_CDN_URL: standIn.cdnUrl,
    ALLOWED_GUILD_IDS: GUILD_ID,
    ...options.process.env,
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/policybot.js'), 'bot'], {
    cwd: options.process.cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
    if (options.process.echoLog) process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ready = standIn.waitFor(() => log.includes('"bot_ready"'), options.process.readyTimeoutMs ?? 60_000);
  const ended = exited.then((code) => {
    throw new Error(`policybot bot exited (${code}) before it was ready:\n${log}`);
  });
  try {
    await Promise.race([ready, ended]);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  ended.catch(() => undefined);
  return {
    ...session,
    child,
    log: () => log,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await session.stop();
    },
  };
}

function _session(standIn: DiscordStandIn, roles: string[], userName: string): StandInSession {
  let users = 0;
  const member: StandInSession['member'] = (options = {}) => {
    const guild = options.guild ?? GUILD_ID;
    const id = String(400000000000000000n + BigInt(++users));
    return {
      guild_id: guild,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: guild, name: 'policy' },
      member: {
        user: { id, username: `${userName}${users}`, discriminator: '0', global_name: null, avatar: null },
        roles: options.roles ?? roles,
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        permissions: '2147483647',
        pending: false,
      },
    };
  };
  const userMessage: StandInSession['userMessage'] = (content, who = member()) =>
    channelMessage(standIn.snowflake(), who.member.user, content);
  return {
    standIn,
    member,
    slash: (name, options, who = member()) =>
      standIn.sendInteraction({ type: 2, data: { id: '9', name, type: 1, options }, ...who }),
    button: (customId, message, who = member()) =>
      standIn.sendInteraction({
        type: 3,
        data: { custom_id: customId, component_type: 2 },
        message: {
          ...message,
          ...channelMessage(standIn.snowflake(), BOT_USER, message.content ?? ''),
          embeds: message.embeds ?? [],
          flags: message.flags ?? 0,
        },
        ...who,
      }),
    async autocomplete(command, option, value, who = member()) {
      const { token } = standIn.sendInteraction({
        type: 4,
        data: { id: '9', name: command, type: 1, options: [{ name: option, type: 3, value, focused: true }] },
        ...who,
      });
      const call = await standIn.waitFor(() => standIn.callsFor(token).find((c) => c.body?.type === 8));
      return call.body.data.choices;
    },
    finalMessage: (token, timeoutMs = 30_000) =>
      standIn.waitFor(() => {
        const calls = standIn.callsFor(token);
        const edit = calls.find((c) => c.method === 'PATCH');
        if (edit) return edit.body;
        return calls.find((c) => c.path.endsWith('/callback') && c.body.type === 4)?.body.data;
      }, timeoutMs),
    userMessage,
    async mention(text, who = member()) {
      const message = userMessage(`<@${BOT_ID}> ${text}`, who);
      standIn.dispatch('MESSAGE_CREATE', {
        ...message,
        guild_id: who.guild_id,
        member: { ...who.member, user: undefined },
        mentions: [BOT_USER],
      });
      const reply = await standIn.waitFor(() =>
        standIn.calls.find(
          (c) => c.path === `/channels/${CHANNEL_ID}/messages` && c.body?.message_reference?.message_id === message.id,
        ),
      );
      return reply.body;
    },
    stop: () => standIn.stop(),
  };
}
