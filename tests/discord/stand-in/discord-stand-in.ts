import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { checkChoices, checkMessage } from './discord-rules.ts';

/**
 * A local stand-in for Discord's gateway and REST API, enough for the real discord.js client:
 * it speaks the gateway handshake, dispatches events, records every REST call, and enforces
 * what Discord enforces (message limits, empty allowed_mentions on every message, one initial
 * response per interaction within 3 seconds). Unknown routes are violations.
 */
export const APP_ID = '100000000000000001';
export const BOT_ID = '100000000000000002';
export const GUILD_ID = '200000000000000001';
export const OTHER_GUILD_ID = '200000000000000099';
export const CHANNEL_ID = '300000000000000001';
/** A role the guild has besides @everyone (tests use it as the editors' role). */
export const EDITOR_ROLE_ID = '500000000000000001';

export interface RestCall {
  method: string;
  path: string;
  body: any;
  at: number;
}

/** A file the stand-in serves from 127.0.0.1 the way Discord's CDN serves attachments. */
export interface ServedAttachment {
  body: Buffer;
  /** `stall`: send the first bytes, then nothing; `cut`: send the first bytes, then drop the connection. */
  behaviour?: 'stall' | 'cut';
  /** Times the file was requested. */
  downloads: number;
}

interface PendingInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
  initial: { type: number; at: number } | null;
}

export class DiscordStandIn {
  readonly calls: RestCall[] = [];
  readonly violations: string[] = [];
  readonly interactions = new Map<string, PendingInteraction>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  readonly attachments = new Map<string, ServedAttachment>();
  private seq = 0;
  private nextId = 1n;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onSocket(ws));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Where attachments are served from (the bot's DISCORD_CDN_URL in tests). */
  get cdnUrl(): string {
    return `http://127.0.0.1:${this.port}/attachments/`;
  }

  /**
   * Serves `body` as an uploaded attachment and returns what an interaction carries for it: the
   * ATTACHMENT option value and the `resolved.attachments` entry (with the stated `size`, which
   * a client may misstate).
   */
  attach(
    filename: string,
    body: Buffer,
    options: { behaviour?: 'stall' | 'cut'; size?: number; contentType?: string } = {},
  ) {
    const id = this.snowflake();
    this.attachments.set(id, { body, downloads: 0, ...(options.behaviour ? { behaviour: options.behaviour } : {}) });
    const url = `${this.cdnUrl}${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}`;
    const resolved = {
      id,
      filename,
      size: options.size ?? body.length,
      url,
      proxy_url: url,
      ...(options.contentType ? { content_type: options.contentType } : {}),
    };
    return { id, resolved };
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise((resolve) => this.server.close(resolve));
  }

  snowflake(): string {
    return (300000000000000000n + this.nextId++).toString();
  }

  dispatch(t: string, d: unknown): void {
    const payload = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(payload);
  }

  /** Sends INTERACTION_CREATE; returns the interaction's id and token. */
  sendInteraction(body: Record<string, unknown>): { id: string; token: string } {
    const id = this.snowflake();
    const token = `tok-${id}`;
    this.interactions.set(token, { id, token, dispatchedAt: Date.now(), initial: null });
    this.dispatch('INTERACTION_CREATE', {
      id,
      token,
      application_id: APP_ID,
      version: 1,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      app_permissions: '2147483647',
      ...body,
    });
    return { id, token };
  }

  /** REST calls for one interaction token (callbacks and webhooks). */
  callsFor(token: string): RestCall[] {
    return this.calls.filter((c) => c.path.includes(`/${token}`));
  }

  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > until) throw new Error('timed out waiting for the bot');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) this.identify(ws);
    });
  }

  private identify(ws: WebSocket): void {
    const send = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
    send('READY', {
      v: 10,
      user: { id: BOT_ID, username: 'policybot', discriminator: '0', global_name: null, avatar: null, bot: true },
      guilds: [{ id: GUILD_ID, unavailable: true }],
      session_id: 'stand-in-session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: APP_ID, flags: 0 },
      shard: [0, 1],
    });
    send('GUILD_CREATE', {
      id: GUILD_ID,
      name: 'Policy Team',
      unavailable: false,
      owner_id: '1',
      member_count: 2,
      channels: [
        { id: CHANNEL_ID, type: 0, name: 'policy', guild_id: GUILD_ID, position: 0, permission_overwrites: [] },
      ],
      roles: [
        {
          id: GUILD_ID,
          name: '@everyone',
          permissions: '2147483647',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
        },
        {
          id: EDITOR_ROLE_ID,
          name: 'Editors',
          permissions: '0',
          position: 1,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
        },
      ],
      members: [],
      emojis: [],
      stickers: [],
      threads: [],
      presences: [],
      voice_states: [],
      features: [],
      joined_at: new Date().toISOString(),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (file && req.method === 'GET') return this.serveAttachment(file[1]!, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const body = raw ? JSON.parse(raw) : null;
    const call: RestCall = { method: req.method ?? 'GET', path, body, at: Date.now() };
    this.calls.push(call);
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const fail = (why: string) => {
      this.violations.push(`${call.method} ${path}: ${why}`);
      json(400, { code: 50035, message: `Invalid Form Body: ${why}` });
    };

    if (call.method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      return json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    let m = /^\/interactions\/(\d+)\/([\w-]+)\/callback$/.exec(path);
    if (m && call.method === 'POST') {
      const pending = this.interactions.get(m[2]!);
      if (!pending || pending.id !== m[1]) return fail('unknown interaction');
      if (pending.initial) return fail(`second initial response (type ${body?.type}) for ${pending.id}`);
      const late = call.at - pending.dispatchedAt;
      if (late > 3000) return fail(`initial response after ${late} ms (limit 3000)`);
      pending.initial = { type: body?.type, at: call.at };
      const problem =
        body?.type === 8
          ? checkChoices(body?.data?.choices)
          : body?.type === 4 || body?.type === 7
            ? checkMessage(body?.data)
            : null;
      if (problem) return fail(problem);
      res.writeHead(204).end();
      return;
    }
    m = /^\/webhooks\/(\d+)\/([\w-]+)(?:\/messages\/(@original|\d+))?$/.exec(decodeURIComponent(path));
    if (m && (call.method === 'PATCH' || call.method === 'POST')) {
      const pending = this.interactions.get(m[2]!);
      if (m[1] !== APP_ID || !pending) return fail('unknown webhook');
      if (!pending.initial) return fail('message before the initial response');
      const problem = checkMessage(body);
      if (problem) return fail(problem);
      return json(200, this.message(body, CHANNEL_ID));
    }
    m = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (m && call.method === 'POST') {
      const problem = checkMessage(body);
      if (problem) return fail(problem);
      return json(200, this.message(body, m[1]!));
    }
    if (call.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) return json(200, body);
    this.violations.push(`unknown route ${call.method} ${path}`);
    json(404, { code: 0, message: '404: Not Found' });
  }

  private serveAttachment(id: string, res: ServerResponse): void {
    const served = this.attachments.get(id);
    if (!served) return void res.writeHead(404).end();
    served.downloads++;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(served.body.length) });
    if (!served.behaviour) return void res.end(served.body);
    res.write(served.body.subarray(0, Math.min(1024, served.body.length >> 1)));
    if (served.behaviour === 'cut') setTimeout(() => res.destroy(), 50);
  }

  private message(body: any, channelId: string): object {
    return {
      ...channelMessage(this.snowflake(), BOT_USER, body?.content ?? '', channelId),
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      application_id: APP_ID,
      webhook_id: APP_ID,
    };
  }
}

/** The bot's user, as messages name their author. */
export const BOT_USER = {
  id: BOT_ID,
  username: 'policybot',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

/** A message in a channel with the fields discord.js reads (the bot's replies, users' posts). */
export function channelMessage(id: string, author: object, content: string, channelId = CHANNEL_ID) {
  return {
    id,
    channel_id: channelId,
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
