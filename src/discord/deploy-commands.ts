import { REST, Routes } from 'discord.js';
import { commandData } from './commands.ts';
import type { DiscordConfig } from './discord-config.ts';

/**
 * Registers the commands: to DISCORD_GUILD_ID when set (updates show at once), else globally
 * (Discord may take up to an hour to show changes). Returns where they went and how many.
 */
export async function deployCommands(config: DiscordConfig): Promise<{ scope: string; count: number }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const body = commandData();
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  await rest.put(route, { body });
  return { scope: config.guildId ? `server ${config.guildId}` : 'global', count: body.length };
}
