import type { DiscordConfig } from './discord-config.ts';

/** Who is asking, and where. */
export interface Asker {
  userId: string;
  guildId: string | null;
  channelId: string | null;
  roleIds: readonly string[];
}

/**
 * Whether the bot may answer here: a listed server (never a DM), a listed channel when
 * channels are listed, a member holding a listed role when roles are listed.
 */
export function isAllowed(config: DiscordConfig, asker: Asker): boolean {
  if (!asker.guildId) return false;
  if (!config.allowAllGuilds && !config.allowedGuildIds.includes(asker.guildId)) return false;
  if (config.allowedChannelIds.length > 0 && (!asker.channelId || !config.allowedChannelIds.includes(asker.channelId)))
    return false;
  if (config.allowedRoleIds.length > 0 && !asker.roleIds.some((r) => config.allowedRoleIds.includes(r))) return false;
  return true;
}

export const REFUSAL = 'Sorry, I only answer in the servers and channels my team has set up for me.';

/** Per-user cooldown: answers "try again in N s" instead of queueing floods. */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the user must still wait (0: go ahead, and the clock restarts). */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const t = this.now();
    const wait = (this.last.get(userId) ?? -Infinity) + this.seconds * 1000 - t;
    if (wait > 0) return Math.ceil(wait / 1000);
    this.last.set(userId, t);
    if (this.last.size > 10_000) this.last.delete(this.last.keys().next().value as string);
    return 0;
  }
}
