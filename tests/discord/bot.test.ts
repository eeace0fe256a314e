import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands.ts';
import { EDITING_OFF } from '../../src/discord/source-handlers.ts';
import { bundledCorpusCopy } from '../fixtures/corpus/bundled-corpus.ts';
import { type LogLine, recordingLogger } from './recording-logger.ts';
import { APP_ID, OTHER_GUILD_ID } from './stand-in/discord-stand-in.ts';
import { type InProcessBot, startBotAgainstStandIn } from './stand-in/start-bot-against-stand-in.ts';

const { work, corpus, indexDir, build, remove } = bundledCorpusCopy('policybot-discord-', 20_000);
const feedbackFile = path.join(work, 'feedback.jsonl');
let session: InProcessBot;
const logLines: LogLine[] = [];

const HOSTILE = `Hostile notes\n\nInjection test\nPing @everyone and @here and <@123> and <@&456> now. Click [totally safe](https://evil.example) **bold** __under__ \`code\` ||spoiler|| > quote.\n`;
const LONG = `Long annex\n\nAnnex 7 - Very long provision\n${Array.from({ length: 3000 }, (_, i) => `word${i % 97}`).join(' ')} unique-marker-zeta.\n`;

const RULES = `---
title: Clinic Rules
publisher: Ministry of Health
date: 2024-01-15
url: https://example.org/rules(1)
---
# Clinic Rules

## Chapter 2 **Licensing** _rules_

Clinics must renew the zebra-permit every year before March 1st. A clinic without a zebra-permit must close.
`;
const NOTICE = 'Semantic search is off (SEMANTIC_SEARCH=off): answers use keyword search only.';

beforeAll(async () => {
  writeFileSync(path.join(corpus, 'hostile.txt'), HOSTILE);
  writeFileSync(path.join(corpus, 'long.txt'), LONG);
  writeFileSync(path.join(corpus, 'rules.md'), RULES);
  await build();
  session = await startBotAgainstStandIn({
    indexDir,
    config: {
      cooldownSeconds: 30,
      feedbackFile,
      indexPollMs: 100,
      cdnUrl: undefined,
      sourcesLog: path.join(work, 'sources.jsonl'),
    },
    bot: { warnings: [NOTICE], log: recordingLogger(logLines), results: 4, rest: { retries: 0, timeout: 5000 } },
  });
});

afterAll(async () => {
  await session?.stop();
  remove();
});

const slash = (name: string, options: object[], who = session.member()) => session.slash(name, options, who);
const finalMessage = (token: string) => session.finalMessage(token, 10_000);
const button = (customId: string, message: any) => session.button(customId, message);

const customIds = (msg: any): string[] =>
  (msg.components ?? []).flatMap((r: any) => r.components.map((c: any) => c.custom_id));
/** Discord shows `\x` as `x`: the text a reader sees. */
const shown = (s: string): string => s.replace(/\\(.)/g, '$1');
const allText = (msg: any): string =>
  [
    msg.content ?? '',
    ...(msg.embeds ?? []).flatMap((e: any) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).map((f: any) => f.value),
    ]),
  ].join('\n');

describe('the bot against a Discord stand-in (real discord.js client)', () => {
  it('says once, in the first answer after start, that semantic search is off; /sources says it too', async () => {
    const first = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'What does Circular 49 require?' }]).token,
    );
    expect(first.content).toBe(`ℹ️ ${NOTICE.replace(/_/g, '\\_')}`);
    const second = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'What does Circular 49 require?' }]).token,
    );
    expect(second.content).toBe('');
    const sources = await finalMessage(slash('sources', []).token);
    expect(sources.embeds[0].fields).toContainEqual({ name: 'Note', value: NOTICE.replace(/_/g, '\\_') });
  });

  it('answers /ask with deferred, cited, verbatim passages, Circular 49 first, RESULTS passages per page', async () => {
    const { token } = slash('ask', [{ name: 'question', type: 3, value: 'What does Circular 49 require?' }]);
    const msg = await finalMessage(token);
    const defer = session.standIn.callsFor(token).find((c) => c.path.endsWith('/callback'))!;
    expect(defer.body.type).toBe(5);
    expect(msg.embeds).toHaveLength(4);
    const [top] = msg.embeds;
    expect(top.title).toBe('[1] Circular No. 49, 2017 - Regulating the Management of Telemedicine');
    // The quote carries what Circular 49 requires, with the question's words in bold.
    expect(shown(top.description)).toMatch(/^> .*must be conducted within nationally recognized medical facilities/);
    // One short citation line: document › the sections above the title · publisher; no file path.
    expect(top.description.split('\n').at(-1)).toBe(
      'Vietnam Healthcare & Medicine — Policy Analysis of Partner Countries › Policies & Strategies · 新南向科研合作專網 (New Southbound research cooperation network) · commentary',
    );
    expect(allText(msg)).not.toMatch(/corpus\/|\.txt/);
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(customIds(msg).some((id) => id.startsWith('pb:more:'))).toBe(true);
  });

  it('tells the passage asked about, a related one and a near miss apart by colour and label', async () => {
    const msg = await finalMessage(
      slash('ask', [
        { name: 'question', type: 3, value: 'What does Circular 49 require?' },
        { name: 'results', type: 4, value: 10 },
      ]).token,
    );
    const kinds = msg.embeds.map((e: any) => ({ colour: e.color, label: e.author?.name ?? '' }));
    expect(kinds[0]).toEqual({ colour: 0x2d9d5a, label: '✅ Circular 49' });
    const nearMiss = kinds.findIndex((k: any) => k.label.startsWith('⚠️ Near miss'));
    expect(nearMiss).toBeGreaterThan(0);
    expect(kinds[nearMiss]).toEqual({
      colour: 0xe8a317,
      label: expect.stringMatching(/^⚠️ Near miss: About Circular 46(\/2018\/TT-BYT)?, not Circular 49\.$/),
    });
    expect(kinds).toContainEqual({ colour: 0x80848e, label: 'Related: does not name Circular 49' });
    // Every passage naming Circular 49 comes before the near miss, and the three kinds never share a colour.
    expect(kinds.slice(nearMiss).some((k: any) => k.label.startsWith('✅'))).toBe(false);
    expect(new Set(kinds.map((k: any) => k.colour)).size).toBe(3);
  });

  it('gives a question naming no instrument plain passages, without labels', async () => {
    const msg = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'digital healthcare cooperation' }]).token,
    );
    expect(msg.embeds.every((e: any) => e.author === undefined && e.color === 0x2b6cb0)).toBe(true);
  });

  it('links the document title to its source and shows publisher and date; escapes the embed title', async () => {
    const msg = await finalMessage(slash('ask', [{ name: 'question', type: 3, value: 'zebra-permit renewal' }]).token);
    const [top] = msg.embeds;
    expect(top.title).toBe('[1] Chapter 2 \\*\\*Licensing\\*\\* \\_rules\\_');
    expect(top.description.split('\n').at(-1)).toBe(
      '[Clinic Rules](https://example.org/rules%281%29) · Ministry of Health, 2024-01-15',
    );
    // discord.js escaping: hyphens and parentheses in prose stay as they are.
    expect(top.description).toContain('zebra-permit');
  });

  it('says first when no passage clearly answers', async () => {
    // Section-sized passages here (maxTokens 20 000) cover more of a question than the bundled
    // index's do, so the question is one the corpus does not touch at all.
    const msg = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'tax incentives for pharmaceutical factories' }]).token,
    );
    expect(msg.content.split('\n')[0]).toBe('⚠️ No passage clearly answers this. Closest passages:');
    expect(msg.embeds.length).toBeGreaterThan(0);
  });

  it('says plainly when a named identifier is in no document', async () => {
    const msg = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'What does Circular 99 require?' }]).token,
    );
    expect(msg.content).toContain('No document in the corpus mentions Circular 99. Closest passages:');
  });

  it('pages with More results, shows the full passage with the quote in bold, and records 👍 / 👎', async () => {
    const first = await finalMessage(
      slash('ask', [
        { name: 'question', type: 3, value: 'digital healthcare cooperation' },
        { name: 'results', type: 4, value: 2 },
      ]).token,
    );
    expect(first.embeds).toHaveLength(2);
    const more = customIds(first).find((id) => id.startsWith('pb:more:'))!;
    const second = await finalMessage(button(more, first).token);
    expect(second.embeds[0].title).toMatch(/^\[3\] /);
    const full = await finalMessage(
      button(customIds(first).find((id) => id.startsWith('pb:full:') && id.endsWith(':1'))!, first).token,
    );
    expect(full.flags & 64).toBe(64);
    expect(full.embeds[0].title).toMatch(/^\[1\] /);
    expect(full.embeds.at(-1).footer.text).toMatch(/^corpus\/[\w.-]+ · characters \d+–\d+$/);
    // The sentences quoted in the answer are the bold part of the whole passage.
    const quoted = shown(first.embeds[0].description.split('\n')[0].replace(/^> …?/, '').replace(/…$/, '')).replace(
      /\*\*/g,
      '',
    );
    const bolded = [...shown(full.embeds[0].description).matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]).join(' ');
    expect(bolded.replace(/\s+/g, ' ')).toBe(quoted.replace(/\s+/g, ' ').trim());
    const vote = await finalMessage(button(customIds(first).find((id) => id.startsWith('pb:down:'))!, first).token);
    expect(vote.content).toMatch(/feedback was recorded/);
    const record = JSON.parse(readFileSync(feedbackFile, 'utf8').trim().split('\n').at(-1)!);
    expect(record).toMatchObject({ vote: 'down', query: 'digital healthcare cooperation' });
    expect(record.chunkIds.length).toBeGreaterThanOrEqual(4);
  });

  it('answers privately with a Share to channel button that posts publicly', async () => {
    const { token } = slash('ask', [
      { name: 'question', type: 3, value: 'Decree 53/2022/ND-CP' },
      { name: 'private', type: 5, value: true },
    ]);
    const msg = await finalMessage(token);
    expect(session.standIn.callsFor(token)[0]!.body.data.flags & 64).toBe(64);
    const share = customIds(msg).find((id) => id.startsWith('pb:share:'))!;
    const shared = await finalMessage(button(share, { ...msg, flags: 64 }).token);
    expect(shared.content).toMatch(/Shared by <@\d+>/);
    expect(allText(shared)).toContain('**Decree** **53/2022/ND-CP**');
  });

  it('autocompletes /cite with at most 25 prefix-ranked choices, ignoring diacritics', async () => {
    const who = session.member();
    await session.autocomplete('cite', 'ref', 'quyết', who);
    const choices = await session.autocomplete('cite', 'ref', 'circ', who);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]!.name).toMatch(/^Circular/);
    const docs = await session.autocomplete('cite', 'ref', 'VIETNAM HEALTHCARE', who);
    expect(docs.map((c) => c.value)).toContain('corpus/vietnam-healthcare-policy-analysis.txt');
    const cite = await finalMessage(slash('cite', [{ name: 'ref', type: 3, value: 'circular:49' }]).token);
    expect(cite.content).toContain('Circular 49/2017');
    expect(allText(cite)).toContain('telemedicine');
  });

  it('resolves typed /cite text the way /ask reads a question', async () => {
    for (const typed of ['Circular 49', 'thong tu 49', '49/2017/TT-BYT']) {
      const cite = await finalMessage(slash('cite', [{ name: 'ref', type: 3, value: typed }]).token);
      expect(cite.content, typed).toMatch(/^\*\*Circular 49/);
      expect(allText(cite), typed).toContain('telemedicine');
    }
    const kinds = await finalMessage(slash('cite', [{ name: 'ref', type: 3, value: 'quyet dinh' }]).token);
    expect(kinds.content).toMatch(/^\d+ references match “quyet dinh”/);
    expect(shown(kinds.content)).toContain('• Decision 5316');
    const official = await finalMessage(slash('cite', [{ name: 'ref', type: 3, value: 'Decision 06/2022' }]).token);
    expect(official.content.split('\n')[0]).toBe('**Decision 06/2022/QD-TTg**');
    expect(official.content).toContain('corpus/vietnam-tech-healthcare-market.txt');
    const none = await finalMessage(slash('cite', [{ name: 'ref', type: 3, value: 'Circular 99' }]).token);
    expect(none.content).toMatch(/No document in the corpus matches “Circular 99”/);
  });

  it('lists /sources with passage counts, links, publishers and the search mode', async () => {
    const msg = await finalMessage(slash('sources', []).token);
    const lines = msg.embeds[0].description.split('\n');
    expect(lines).toContain(
      '• Opportunities in Vietnam’s Tech Healthcare Market — corpus/vietnam-tech-healthcare-market.txt (1 passage) · commentary',
    );
    expect(lines).toContain(
      '• [Clinic Rules](https://example.org/rules%281%29) — corpus/rules.md (1 passage) · Ministry of Health, 2024-01-15',
    );
    expect(msg.embeds[0].fields[0]).toEqual({ name: 'Search', value: 'Keyword search only', inline: true });
  });

  it('answers a mention in the channel, and the Find sources context menu', async () => {
    const reply = await session.mention('When was Decision 4888/QD-BYT approved?');
    expect(reply.embeds[0].title).toMatch(/Decision 4888/);
    expect(reply.allowed_mentions).toEqual({ parse: [] });

    const target = session.userMessage('Are EMRs required for Category-1 establishments?');
    const { token } = session.standIn.sendInteraction({
      type: 2,
      data: {
        id: '9',
        name: 'Find sources',
        type: 3,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
      },
      ...session.member(),
    });
    const found = await finalMessage(token);
    expect(session.standIn.callsFor(token)[0]!.body.data.flags & 64).toBe(64);
    expect(found.embeds[0].description).toMatch(/Category-1/);
  });

  it('keeps a 30,000-character passage within every limit', async () => {
    const first = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'unique-marker-zeta annex 7' }]).token,
    );
    expect(first.embeds[0].title).toMatch(/Annex 7/);
    const full = await finalMessage(
      button(customIds(first).find((id) => id.startsWith('pb:full:') && id.endsWith(':1'))!, first).token,
    );
    expect(full.embeds.length).toBeGreaterThan(0);
    expect(session.standIn.violations).toEqual([]);
  });

  it('makes hostile corpus and query text inert: no pings, links or markdown', async () => {
    const msg = await finalMessage(
      slash('ask', [
        { name: 'question', type: 3, value: 'injection @everyone <@123> [x](https://evil.example) **bold**' },
      ]).token,
    );
    const text = allText(msg);
    expect(text).toContain('Hostile notes');
    expect(text).not.toMatch(/(?<!\u200b)@everyone|<@123>|<@&456>|\]\(https:\/\//);
    expect(text).toContain('\\[totally safe\\]');
    expect(msg.allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses politely in an unlisted server, revealing nothing', async () => {
    const msg = await finalMessage(
      slash('ask', [{ name: 'question', type: 3, value: 'Circular 49' }], session.member({ guild: OTHER_GUILD_ID }))
        .token,
    );
    expect(msg.content).toMatch(/only answer in the servers/);
    expect(msg.embeds ?? []).toEqual([]);
    expect(msg.flags & 64).toBe(64);
  });

  it('asks a user to wait during the cooldown', async () => {
    const who = session.member();
    await finalMessage(slash('ask', [{ name: 'question', type: 3, value: 'telemedicine' }], who).token);
    const second = await finalMessage(slash('ask', [{ name: 'question', type: 3, value: 'telemedicine' }], who).token);
    expect(second.content).toMatch(/try again in \d+ s/);
  });

  it('defers 50 simultaneous interactions within 3 s and answers them all', async () => {
    const tokens = Array.from(
      { length: 50 },
      (_, i) =>
        slash('ask', [{ name: 'question', type: 3, value: i % 2 ? 'EMR rollout provinces' : 'Decision 5316 goals' }])
          .token,
    );
    const messages = await Promise.all(tokens.map((t) => finalMessage(t)));
    const delays = tokens.map(
      (t) =>
        session.standIn.callsFor(t).find((c) => c.path.endsWith('/callback'))!.at -
        session.standIn.interactions.get(t)!.dispatchedAt,
    );
    expect(Math.max(...delays)).toBeLessThan(3000);
    expect(messages.every((m) => m.embeds.length > 0)).toBe(true);
  });

  it('swaps in a rebuilt index while requests are in flight, dropping none', async () => {
    writeFileSync(
      path.join(corpus, 'new-rule.md'),
      '# New rule\n\nDecision 777/QD-BYT sets a brand-new telehealth registry.\n',
    );
    const before = Array.from(
      { length: 5 },
      () => slash('ask', [{ name: 'question', type: 3, value: 'Decision 777' }]).token,
    );
    await build();
    await session.standIn.waitFor(() =>
      session.bot.context.holder.current.index.chunks.some((c) => c.file === 'corpus/new-rule.md'),
    );
    const answers = await Promise.all(before.map((t) => finalMessage(t)));
    expect(answers).toHaveLength(5);
    const after = await finalMessage(slash('ask', [{ name: 'question', type: 3, value: 'Decision 777' }]).token);
    expect(after.embeds[0].title).toMatch(/New rule/);
  });

  it('routes exactly the commands deploy-commands registers (one table drives both)', async () => {
    const { count } = await deployCommands(session.config);
    const put = session.standIn.calls
      .filter((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/commands`)
      .at(-1)!;
    const registered: any[] = put.body;
    expect(registered).toHaveLength(count);
    expect(registered.map((c) => c.name).sort()).toEqual([
      'Find sources',
      'add-source',
      'ask',
      'cite',
      'remove-source',
      'restore-source',
      'sources',
    ]);
    const target = session.userMessage('telemedicine rules');
    const valueFor = (o: any) => (o.type === 3 ? 'Circular 49' : o.type === 4 ? (o.min_value ?? 1) : false);
    for (const command of registered) {
      const type = command.type ?? 1;
      const options = (command.options ?? [])
        .filter((o: any) => o.required)
        .map((o: any) => ({ name: o.name, type: o.type, value: valueFor(o) }));
      const data =
        type === 3
          ? { id: '9', name: command.name, type, target_id: target.id, resolved: { messages: { [target.id]: target } } }
          : { id: '9', name: command.name, type, options };
      const reply = await finalMessage(session.standIn.sendInteraction({ type: 2, data, ...session.member() }).token);
      expect(allText(reply), command.name).not.toMatch(/no longer offer|something went wrong/);
      // This bot has no editor roles set: the editors' commands say how to turn editing on.
      if (command.name.endsWith('-source')) {
        expect(reply.content, command.name).toBe(EDITING_OFF);
        continue;
      }
      expect(reply.embeds.length, command.name).toBeGreaterThan(0);
    }
    const stale = await finalMessage(slash('retired-command', []).token);
    expect(stale.content).toMatch(/I no longer offer this command/);
    expect(stale.flags & 64).toBe(64);
  });

  it('logs each interaction through a child logger carrying its id', async () => {
    const { id, token } = slash('ask', [{ name: 'question', type: 3, value: 'telemedicine' }]);
    await finalMessage(token);
    await session.standIn.waitFor(() => logLines.some((l) => l.event === 'interaction_done' && l.interaction === id));
    const mine = logLines.filter((l) => l.interaction === id);
    expect(mine.map((l) => l.event)).toEqual(['interaction', 'interaction_done']);
    expect(mine[0]).toMatchObject({ level: 'info', name: 'ask' });
    expect(JSON.stringify(logLines)).not.toContain(session.config.token);
  });

  it('broke none of Discord’s rules in any of the above', () => {
    expect(session.standIn.violations).toEqual([]);
    expect(existsSync(feedbackFile)).toBe(true);
  });
});
