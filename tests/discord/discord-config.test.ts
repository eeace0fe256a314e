import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../src/discord/discord-config.ts';

const base = {
  DISCORD_TOKEN: 'secret-token-abcdefghijklmnopqrstuvwxyz',
  DISCORD_APPLICATION_ID: '100000000000000001',
  ALLOWED_GUILD_IDS: '200000000000000001, 200000000000000002',
};

describe('loadDiscordConfig', () => {
  it('reads lists and defaults, and keeps the token out of JSON', () => {
    const config = loadDiscordConfig(base);
    expect(config.allowedGuildIds).toEqual(['200000000000000001', '200000000000000002']);
    expect(config.cooldownSeconds).toBe(5);
    expect(JSON.stringify(config)).not.toContain('secret-token');
    expect(config.token).toBe(base.DISCORD_TOKEN);
  });

  it('names a missing or wrong setting, never echoing the token', () => {
    expect(() => loadDiscordConfig({ ...base, DISCORD_TOKEN: '' })).toThrow('DISCORD_TOKEN is missing.');
    expect(() => loadDiscordConfig({ ...base, DISCORD_TOKEN: 'short' })).toThrow(
      /^DISCORD_TOKEN is too short to be a bot token\.$/,
    );
    expect(() => loadDiscordConfig({ ...base, ALLOWED_GUILD_IDS: 'abc' })).toThrow(
      /ALLOWED_GUILD_IDS must be comma-separated numeric Discord ids \(got "abc"\)/,
    );
    expect(() => loadDiscordConfig({ ...base, ALLOWED_GUILD_IDS: '' })).toThrow(/ALLOWED_GUILD_IDS is empty/);
    expect(loadDiscordConfig({ ...base, ALLOWED_GUILD_IDS: '', ALLOW_ALL_GUILDS: 'true' }).allowAllGuilds).toBe(true);
  });
});
