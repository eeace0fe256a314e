import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNKS_FILE, TEXTS_FILE } from '../../src/store/chunk-store.ts';
import { readCurrentGeneration } from '../../src/store/generations.ts';
import { bundledCorpusCopy } from '../fixtures/corpus/bundled-corpus.ts';
import { type LogLine, recordingLogger } from './recording-logger.ts';
import { type InProcessBot, startBotAgainstStandIn } from './stand-in/start-bot-against-stand-in.ts';

/**
 * The bot on an index whose files are damaged on disk (a bad sector, a stray write): it never
 * shows a garbled passage, says what is wrong with an error id that is in its log, keeps
 * serving, and answers again once a good index is published.
 */
const { corpus, indexDir, build, remove } = bundledCorpusCopy('policybot-damaged-', 400);
const logLines: LogLine[] = [];
let session: InProcessBot;

const DAMAGED =
  /^The index is damaged, so no passage from it is shown \(error id `([0-9a-f]{8})`\)\. Ask the team to rebuild it with `npm run ingest`\.$/;
const CIRCULAR_49 = [{ name: 'question', type: 3, value: 'What does Circular 49 require?' }];

beforeAll(async () => {
  await build();
  // The index is reloaded by the test (as the corpus watcher does after an update), not by a timer.
  session = await startBotAgainstStandIn({
    indexDir,
    config: { indexPollMs: 600_000 },
    bot: { log: recordingLogger(logLines) },
  });
});

afterAll(async () => {
  await session?.stop();
  remove();
});

const ask = (options = CIRCULAR_49) => session.finalMessage(session.slash('ask', options).token);

async function sourcesField(name: string): Promise<string | undefined> {
  const sources = await session.finalMessage(session.slash('sources', []).token);
  return sources.embeds[0].fields.find((f: any) => f.name === name)?.value.replace(/\\(.)/g, '$1');
}

async function liveGeneration(): Promise<string> {
  return path.join(indexDir, (await readCurrentGeneration(indexDir)) ?? '');
}

/** Overwrites every byte of a file with `fill`, keeping its size (the metadata still points into it). */
function overwrite(file: string, fill: string): void {
  writeFileSync(file, fill.repeat(statSync(file).size));
}

/** The error id in a damaged-index reply, checked against the bot's log line for it. */
function expectLoggedDamage(content: string): string {
  const errorId = DAMAGED.exec(content)?.[1];
  expect(errorId, content).toBeDefined();
  const line = logLines.find((l) => l.event === 'command_failed' && l.errorId === errorId);
  expect(line).toMatchObject({ level: 'error', err: expect.objectContaining({ code: 'INDEX_DAMAGED' }) });
  return errorId!;
}

describe('the bot on a damaged index (real discord.js client, stand-in)', () => {
  it('replies with an error id instead of damaged passages, keeps serving, and answers after a rebuild', async () => {
    const good = await ask();
    expect(good.embeds[0].title).toMatch(/Circular No\. 49/);
    const fullPassage = good.components
      .flatMap((r: any) => r.components.map((c: any) => c.custom_id))
      .find((id: string) => id.startsWith('pb:full:') && id.endsWith(':1'));

    overwrite(path.join(await liveGeneration(), TEXTS_FILE), 'X');

    const damaged = await ask();
    expect(damaged.embeds).toEqual([]);
    const first = expectLoggedDamage(damaged.content);
    expect(JSON.stringify(damaged)).not.toContain('XXXX');
    // A button on an answer given before the damage goes through the same path.
    const pressed = await session.finalMessage(session.button(fullPassage, good).token);
    expect(pressed.embeds).toEqual([]);
    expect(expectLoggedDamage(pressed.content)).not.toBe(first);
    // A mention, which is answered in the channel rather than through an interaction.
    const mention = await session.mention('What does Circular 49 require?');
    expect(mention.embeds ?? []).toEqual([]);
    expectLoggedDamage(mention.content);

    // Still running: a command that reads no passage text answers as usual.
    const sources = await session.finalMessage(session.slash('sources', []).token);
    expect(sources.embeds[0].title).toMatch(/^Indexed sources \(2 documents, \d+ passages\)$/);

    // `npm run ingest` reads the damaged passages again from the corpus and publishes a good index.
    const report = await build();
    expect(report.chunks).toBeGreaterThan(0);
    expect(await session.bot.context.holder.reloadIfChanged()).toBe(true);
    const again = await ask();
    expect(again.embeds[0].title).toMatch(/Circular No\. 49/);
    expect(again.embeds[0].description).not.toContain('XXXX');
    expect(session.standIn.violations).toEqual([]);
  });

  it('keeps serving the good index when a newly published one has damaged metadata, then takes the next good one', async () => {
    writeFileSync(
      path.join(corpus, 'registry.md'),
      '# Registry rule\n\nDecision 888/QD-BYT sets up a lumenite registry.\n',
    );
    await build();
    const published = await liveGeneration();
    const meta = path.join(published, CHUNKS_FILE);
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/"title":"/, '"title":"Tampered '));

    expect(await session.bot.context.holder.reloadIfChanged()).toBe(false);
    expect(logLines.find((l) => l.event === 'index_reload_failed')).toMatchObject({
      level: 'error',
      generation: path.basename(published),
      reason: expect.stringMatching(/damaged: passage metadata on line 1 .* fails its checksum/),
    });
    // The previous index answers, whole and unchanged; the new document is not in it yet.
    const before = await ask();
    expect(before.embeds[0].title).toMatch(/Circular No\. 49/);
    const lumenite = await ask([{ name: 'question', type: 3, value: 'lumenite registry' }]);
    expect(JSON.stringify(lumenite)).not.toContain('Tampered');
    expect(lumenite.embeds[0]?.title ?? '').not.toMatch(/Registry rule/);
    // /sources tells the team why the new index is not live.
    const failed = await sourcesField('⚠ New index not loaded');
    expect(failed).toMatch(/The index is damaged: passage metadata on line 1 .* fails its checksum\./);
    expect(failed).toMatch(/The previous index is still answering\.$/);

    // The next ingest cannot reuse the damaged generation; it rebuilds in full and publishes.
    await build();
    expect(await liveGeneration()).not.toBe(published);
    expect(await session.bot.context.holder.reloadIfChanged()).toBe(true);
    const after = await ask([{ name: 'question', type: 3, value: 'lumenite registry' }]);
    expect(after.embeds[0].title).toMatch(/Registry rule/);
    expect(await sourcesField('⚠ New index not loaded')).toBeUndefined();
    expect(session.standIn.violations).toEqual([]);
  });
});
