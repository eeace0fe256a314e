import { z } from 'zod';
import { PolicybotError } from '../errors.ts';

const idList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^\d{5,25}$/, 'must be comma-separated numeric Discord ids')));

const schema = z.object({
  DISCORD_TOKEN: z.string().min(20, 'is too short to be a bot token'),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{5,25}$/, 'must be the numeric application id'),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{5,25}$/)
    .optional(),
  DISCORD_API_URL: z.url().optional(),
  ALLOWED_GUILD_IDS: idList.default([]),
  ALLOW_ALL_GUILDS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ALLOWED_CHANNEL_IDS: idList.default([]),
  ALLOWED_ROLE_IDS: idList.default([]),
  COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  FEEDBACK_FILE: z.string().min(1).default('data/feedback.jsonl'),
  INDEX_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  ALLOWED_EDITOR_ROLE_IDS: idList.default([]),
  DISCORD_CDN_URL: z.url().optional(),
  WATCH_CORPUS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  WATCH_DEBOUNCE_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  SOURCES_LOG: z.string().min(1).default('data/sources.jsonl'),
});

/** Validated bot settings. The token is kept out of `toString`/JSON so it cannot reach a log. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  apiUrl: string | undefined;
  allowedGuildIds: string[];
  allowAllGuilds: boolean;
  allowedChannelIds: string[];
  allowedRoleIds: string[];
  cooldownSeconds: number;
  feedbackFile: string;
  indexPollMs: number;
  /** Members with one of these roles may add and remove sources; empty: nobody may. */
  editorRoleIds: string[];
  /** Download attachments from here instead of Discord's CDN (a local stand-in in tests). */
  cdnUrl: string | undefined;
  /** Watch the corpus folder and update the index when it changes. */
  watchCorpus: boolean;
  watchDebounceMs: number;
  /** JSONL audit log of every add, replace, remove and restore. */
  sourcesLog: string;
}

/** Reads the bot's settings; CONFIG_INVALID names the setting (never its value for the token). */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  const present = Object.fromEntries(Object.keys(schema.shape).flatMap((k) => (env[k] ? [[k, env[k]!.trim()]] : [])));
  for (const key of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']) {
    if (!present[key]) {
      throw new PolicybotError(
        'CONFIG_INVALID',
        `${key} is missing.`,
        'Set it in .env (Discord developer portal → your application); see .env.example and the README section "Discord bot".',
      );
    }
  }
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'setting');
    const shown = key === 'DISCORD_TOKEN' || present[key] === undefined ? '' : ` (got "${present[key]}")`;
    throw new PolicybotError(
      'CONFIG_INVALID',
      `${key} ${issue?.message ?? 'is invalid'}${shown}.`,
      'Set it in .env; see .env.example and the README section "Discord bot".',
    );
  }
  const c = parsed.data;
  if (!c.ALLOW_ALL_GUILDS && c.ALLOWED_GUILD_IDS.length === 0) {
    throw new PolicybotError(
      'CONFIG_INVALID',
      'ALLOWED_GUILD_IDS is empty, so the bot would answer nowhere.',
      'List your server ids in ALLOWED_GUILD_IDS, or set ALLOW_ALL_GUILDS=true.',
    );
  }
  const config: DiscordConfig = {
    token: c.DISCORD_TOKEN,
    applicationId: c.DISCORD_APPLICATION_ID,
    guildId: c.DISCORD_GUILD_ID,
    apiUrl: c.DISCORD_API_URL,
    allowedGuildIds: c.ALLOWED_GUILD_IDS,
    allowAllGuilds: c.ALLOW_ALL_GUILDS,
    allowedChannelIds: c.ALLOWED_CHANNEL_IDS,
    allowedRoleIds: c.ALLOWED_ROLE_IDS,
    cooldownSeconds: c.COOLDOWN_SECONDS,
    feedbackFile: c.FEEDBACK_FILE,
    indexPollMs: c.INDEX_POLL_SECONDS * 1000,
    editorRoleIds: c.ALLOWED_EDITOR_ROLE_IDS,
    cdnUrl: c.DISCORD_CDN_URL,
    watchCorpus: c.WATCH_CORPUS,
    watchDebounceMs: c.WATCH_DEBOUNCE_SECONDS * 1000,
    sourcesLog: c.SOURCES_LOG,
  };
  Object.defineProperty(config, 'token', { enumerable: false });
  return config;
}
