import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/discord/commands.ts';
import { EDITING_OFF, NOT_AN_EDITOR } from '../../src/discord/source-handlers.ts';
import { createExclusive } from '../../src/sources/exclusive.ts';
import { bundledCorpusCopy } from '../fixtures/corpus/bundled-corpus.ts';
import { type DiscordStandIn, EDITOR_ROLE_ID as EDITOR_ROLE } from './stand-in/discord-stand-in.ts';
import {
  type InProcessBot,
  type StandInMember,
  startBotAgainstStandIn,
} from './stand-in/start-bot-against-stand-in.ts';

const { work, corpus, indexDir, build, remove } = bundledCorpusCopy('policybot-sources-', 400);
const auditLog = path.join(work, 'sources.jsonl');
let session: InProcessBot;
let standIn: DiscordStandIn;

beforeAll(async () => {
  await build();
  session = await startBotAgainstStandIn({
    indexDir,
    roles: [EDITOR_ROLE],
    userName: 'editor',
    config: { editorRoleIds: [EDITOR_ROLE], watchCorpus: true, watchDebounceMs: 300, sourcesLog: auditLog },
    sources: (config) => ({
      settings: {
        corpusDir: corpus,
        indexDir,
        maxBytes: 3 * 1024 * 1024,
        cdnUrl: config.cdnUrl,
        stallMs: 1500,
        timeoutMs: 20_000,
        auditLog,
      },
      exclusive: createExclusive(indexDir, build),
    }),
  });
  standIn = session.standIn;
});

afterAll(async () => {
  await session?.stop();
  remove();
});

const member = (roles?: string[]): StandInMember => session.member(roles ? { roles } : {});

/** /add-source with a served attachment and string/boolean options. */
function addSource(
  filename: string,
  body: Buffer,
  options: Record<string, string | boolean> = {},
  who = member(),
  serve: Parameters<DiscordStandIn['attach']>[2] = {},
) {
  const file = standIn.attach(filename, body, serve);
  const extra = Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : 3,
    value,
  }));
  const sent = standIn.sendInteraction({
    type: 2,
    data: {
      id: '9',
      name: 'add-source',
      type: 1,
      options: [{ name: 'file', type: 11, value: file.id }, ...extra],
      resolved: { attachments: { [file.id]: file.resolved } },
    },
    ...who,
  });
  return { ...sent, attachment: standIn.attachments.get(file.id)! };
}

const slash = (name: string, options: object[], who = member()) => session.slash(name, options, who);
const autocomplete = (name: string, value: string, who = member()) =>
  session.autocomplete(name, 'document', value, who);
const finalMessage = (token: string) => session.finalMessage(token);

const shown = (s: string): string => s.replace(/\\(.)/g, '$1');
const ask = async (question: string) =>
  finalMessage(
    slash('ask', [
      { name: 'question', type: 3, value: question },
      { name: 'results', type: 4, value: 5 },
    ]).token,
  );
const audit = () =>
  readFileSync(auditLog, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const corpusNames = () => readdirSync(corpus).filter((n) => !n.startsWith('.'));

async function pdfOf(lines: string[], title?: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  if (title) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 50, y: 780 - i * 18, size: 11, font });
  return Buffer.from(await pdf.save());
}

const DECREE =
  '# Decree 13/2023/ND-CP on Personal Data Protection\n\n## Article 9\n\nThe data subject has the right to be informed about zephyrine processing of personal data.\n';

describe('managing sources from Discord (real discord.js client, stand-in CDN)', { timeout: 120_000 }, () => {
  it('registers the editor commands for server managers only, with an ATTACHMENT option', () => {
    const add = COMMANDS.find((c) => c.data.name === 'add-source')!.data as any;
    expect(add.default_member_permissions).toBe('32');
    expect(add.options[0]).toMatchObject({ name: 'file', type: 11, required: true });
    for (const name of ['remove-source', 'restore-source'])
      expect((COMMANDS.find((c) => c.data.name === name)!.data as any).default_member_permissions).toBe('32');
  });

  it('adds a Markdown file with its metadata in front matter, answers privately, and it is searchable at once', async () => {
    const sent = addSource('decree-13.md', Buffer.from(DECREE), {
      title: 'Decree 13/2023/NĐ-CP on Personal Data Protection',
      publisher: 'Government of Vietnam',
      date: '2023-04-17',
      kind: 'instrument',
      url: 'https://example.org/decree-13',
    });
    const reply = await finalMessage(sent.token);
    expect(standIn.callsFor(sent.token).find((c) => c.path.endsWith('/callback'))?.body).toMatchObject({
      type: 5,
      data: { flags: 64 },
    });
    expect(shown(reply.content)).toMatch(
      /^Added \*Decree 13\/2023\/NĐ-CP on Personal Data Protection\*: \d+ passages, searchable now \(`corpus\/decree-13\.md`\)\.$/,
    );
    const saved = readFileSync(path.join(corpus, 'decree-13.md'), 'utf8');
    expect(saved).toMatch(/^---\n[\s\S]*publisher: Government of Vietnam\n[\s\S]*---\n# Decree 13/);
    const answer = await ask('zephyrine processing');
    const cited = shown(answer.embeds[0].description);
    expect(cited).toContain('zephyrine');
    expect(cited).toContain('(https://example.org/decree-13)');
    expect(cited).toContain('Government of Vietnam, 2023-04-17');
    expect(audit().at(-1)).toMatchObject({
      action: 'add',
      file: 'corpus/decree-13.md',
      user: { name: expect.stringMatching(/^editor/) },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('adds a PDF with its metadata in a sidecar', async () => {
    const body = await pdfOf([
      'Circular 99/2024/TT-BYT on hospital quasarine reporting',
      'Hospitals report quasarine data monthly.',
    ]);
    const reply = await finalMessage(
      addSource('circular 99.pdf', body, { publisher: 'Ministry of Health', status: 'in force', language: 'en' }).token,
    );
    expect(shown(reply.content)).toMatch(
      /^Added \*.+\*: [1-9]\d* passages, searchable now \(`corpus\/circular-99\.pdf`\)\.$/,
    );
    expect(readFileSync(path.join(corpus, 'circular-99.pdf.meta.yaml'), 'utf8')).toBe(
      'publisher: Ministry of Health\nlanguage: en\nstatus: in force\n',
    );
    const cited = shown((await ask('quasarine reporting')).embeds[0].description);
    expect(cited).toMatch(/quasarine[\s\S]*\(p\. 1\) · Ministry of Health/);
  });

  it('refuses members without the editor role, and says how to enable editing when no role is set', async () => {
    const stranger = addSource('x.md', Buffer.from('# X\n\nText.\n'), {}, member([]));
    expect((await finalMessage(stranger.token)).content).toBe(NOT_AN_EDITOR);
    expect(stranger.attachment.downloads).toBe(0);
    session.bot.context.config.editorRoleIds = [];
    try {
      const off = addSource('y.md', Buffer.from('# Y\n\nText.\n'));
      expect((await finalMessage(off.token)).content).toBe(EDITING_OFF);
    } finally {
      session.bot.context.config.editorRoleIds = [EDITOR_ROLE];
    }
    expect(await autocomplete('remove-source', '', member([]))).toEqual([]);
    expect(corpusNames()).not.toContain('x.md');
  });

  it('refuses a .pdf that is really HTML, an oversized file without downloading it, and a stalled or broken download, writing nothing', async () => {
    const before = corpusNames();
    const html = await finalMessage(
      addSource('report.pdf', Buffer.from('<!DOCTYPE html><html><body>Not a PDF</body></html>')).token,
    );
    expect(html.content).toBe('Not added: the file is named .pdf but its content is HTML.');
    const big = addSource('big.pdf', Buffer.from('%PDF-1.4 small'), {}, member(), { size: 10 * 1024 * 1024 });
    expect(shown((await finalMessage(big.token)).content)).toBe(
      'Not added: the file is 10.0 MB; the limit is 3.0 MB (MAX_FILE_MB).',
    );
    expect(big.attachment.downloads).toBe(0);
    const lying = addSource(
      'lying.pdf',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024, 0x20)]),
      {},
      member(),
      { size: 1000 },
    );
    expect(shown((await finalMessage(lying.token)).content)).toMatch(
      /^Not added: the file is (over )?4\.0 MB; the limit is 3\.0 MB/,
    );
    const stalled = await finalMessage(
      addSource('stall.pdf', await pdfOf(['Stalled']), {}, member(), { behaviour: 'stall' }).token,
    );
    expect(stalled.content).toBe('Not added: the download stalled.');
    const cut = await finalMessage(
      addSource('cut.pdf', await pdfOf(['Cut']), {}, member(), { behaviour: 'cut' }).token,
    );
    expect(cut.content).toMatch(/^Not added: the download broke off/);
    const corrupt = await finalMessage(
      addSource('broken.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])).token,
    );
    expect(shown(corrupt.content)).toMatch(/^Not added: the file cannot be read: /);
    expect(corpusNames()).toEqual(before);
    expect(readdirSync(path.join(corpus, '.incoming'))).toEqual([]);
    expect(audit().filter((e) => e.action === 'refuse').length).toBeGreaterThanOrEqual(5);
  });

  it('names the field when metadata is wrong', async () => {
    const reply = await finalMessage(
      addSource('dated.md', Buffer.from('# D\n\nText.\n'), { date: 'last spring' }).token,
    );
    expect(shown(reply.content)).toBe(
      'Not added: metadata field "date" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (got "last spring").',
    );
  });

  it('keeps every hostile attachment name inside the corpus folder', async () => {
    const names = [
      '../../escape.md',
      '/etc/passwd.md',
      'a\u0000b\nc.md',
      'CON.md',
      `${'x'.repeat(300)}.md`,
      '.hidden.md',
    ];
    const before = new Set(readdirSync(work));
    for (const [i, name] of names.entries()) {
      const reply = await finalMessage(
        addSource(name, Buffer.from(`# Hostile ${i}\n\nUnique hostile text number ${i} kappa${i}.\n`)).token,
      );
      expect(shown(reply.content)).toMatch(/^Added /);
    }
    expect(new Set(readdirSync(work))).toEqual(before);
    expect(corpusNames()).toEqual(
      expect.arrayContaining(['escape.md', 'passwd.md', 'a-b-c.md', 'file-CON.md', 'hidden.md']),
    );
    expect(corpusNames().every((n) => Buffer.byteLength(n) <= 150 && !n.includes('\u0000') && !n.includes('\n'))).toBe(
      true,
    );
  });

  it('refuses a duplicate by content, adds a same-named different file under a new name, and replaces only when asked', async () => {
    const dup = await finalMessage(addSource('copy-of-decree.md', Buffer.from(DECREE)).token);
    expect(shown(dup.content)).toBe(
      'Not added: it is a duplicate of corpus/decree-13.md (“Decree 13/2023/NĐ-CP on Personal Data Protection”), same content.',
    );
    const other = await finalMessage(
      addSource('decree-13.md', Buffer.from('# Another decree 13 note\n\nDifferent text about ostracine.\n')).token,
    );
    expect(shown(other.content)).toContain('(`corpus/decree-13-2.md`)');
    const replaced = await finalMessage(
      addSource(
        'decree-13.md',
        Buffer.from('# Decree 13 (consolidated)\n\nThe consolidated text on vireline consent.\n'),
        { replace: true },
      ).token,
    );
    expect(shown(replaced.content)).toMatch(
      /^Replaced \*Decree 13 \(consolidated\)\*: \d+ passages, searchable now \(`corpus\/decree-13\.md`\)\. The previous version is kept in `corpus\/\.removed\/[^`]+\/decree-13\.md`\.$/,
    );
    expect(audit().at(-1)).toMatchObject({ action: 'replace', movedTo: expect.stringMatching(/^corpus\/\.removed\//) });
    expect(shown((await ask('vireline consent')).embeds[0].description)).toContain('vireline');
    expect(readFileSync(path.join(corpus, 'decree-13.md'), 'utf8')).toContain('vireline');
  });

  it('adds the same file once when two editors send it at the same moment', async () => {
    const body = Buffer.from('# Twin\n\nA twin document about marbleine.\n');
    const [a, b] = [addSource('twin.md', body), addSource('twin-copy.md', body)];
    const replies = [shown((await finalMessage(a.token)).content), shown((await finalMessage(b.token)).content)];
    expect(replies.filter((r) => r.startsWith('Added')).length).toBe(1);
    expect(replies.filter((r) => r.includes('duplicate')).length).toBe(1);
  });

  it('removes a document (kept in .removed), then restores it, through autocomplete', async () => {
    const choices = await autocomplete('remove-source', 'circular-99');
    expect(choices.map((c) => c.value)).toEqual(['corpus/circular-99.pdf']);
    const removed = await finalMessage(
      slash('remove-source', [{ name: 'document', type: 3, value: 'corpus/circular-99.pdf' }]).token,
    );
    const movedTo = /kept in `([^`]+)`/.exec(shown(removed.content))?.[1] ?? '';
    expect(shown(removed.content)).toMatch(
      /^Removed \*.+\* \(\d+ passages\): it is no longer searchable\. Nothing was deleted/,
    );
    expect(existsSync(path.join(work, movedTo))).toBe(true);
    expect(existsSync(path.join(work, `${movedTo}.meta.yaml`))).toBe(true);
    expect(shown((await ask('quasarine reporting')).embeds[0]?.description ?? '')).not.toContain('quasarine');
    const restoreChoices = await autocomplete('restore-source', 'circular-99');
    expect(restoreChoices[0]?.value).toBe(movedTo);
    const restored = await finalMessage(slash('restore-source', [{ name: 'document', type: 3, value: movedTo }]).token);
    expect(shown(restored.content)).toMatch(
      /^Restored `corpus\/circular-99\.pdf`: [1-9]\d* passages, searchable now\.$/,
    );
    expect(shown((await ask('quasarine reporting')).embeds[0].description)).toMatch(
      /quasarine[\s\S]*Ministry of Health/,
    );
    expect(audit().map((e) => e.action)).toEqual(expect.arrayContaining(['remove', 'restore']));
  });

  it('refuses to remove anything that is not an indexed document', async () => {
    const reply = await finalMessage(
      slash('remove-source', [{ name: 'document', type: 3, value: 'corpus/../index/CURRENT' }]).token,
    );
    expect(shown(reply.content)).toMatch(/^Not removed: corpus\/\.\.\/index\/CURRENT is not a document in the corpus/);
    expect(existsSync(path.join(indexDir, 'CURRENT'))).toBe(true);
  });

  it('picks up a file dropped into the corpus folder, and lists kind, status, date and skipped files in /sources', async () => {
    writeFileSync(
      path.join(corpus, 'dropped.md'),
      '---\nkind: translation\nstatus: amended\ndate: 2024-01\n---\n# Dropped note\n\nA dropped note about heliotrine.\n',
    );
    writeFileSync(path.join(corpus, 'broken.pdf'), 'not really a pdf');
    const started = Date.now();
    let found = false;
    while (!found && Date.now() - started < 20_000) {
      found = shown((await ask('heliotrine'))?.embeds?.[0]?.description ?? '').includes('heliotrine');
      if (!found) await new Promise((r) => setTimeout(r, 300));
    }
    expect(found).toBe(true);
    const sources = await finalMessage(slash('sources', []).token);
    const text = shown(sources.embeds[0].description);
    expect(text).toContain('Dropped note — corpus/dropped.md (1 passage) · 2024-01 · translation · amended');
    expect(text).toMatch(/corpus\/vietnam-tech-healthcare-market\.txt \(\d+ passages?\) · commentary/);
    expect(sources.embeds[0].fields.find((f: any) => f.name === 'Skipped files')?.value).toMatch(/broken\.pdf/);
  });

  it('shows a status note from a corpus sentence on answers about Circular 46', async () => {
    const answer = await ask('Circular 46 electronic medical records');
    const notes = answer.embeds
      .flatMap((e: any) => e.fields ?? [])
      .filter((f: any) => f.name === '⚠ Status')
      .map((f: any) => shown(f.value));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.join('\n')).toMatch(
      /Circular 46\/2018\/TT-BYT (is outdated|, the corpus says: “However, Circular 46\/2018\/TT-BYT, which prescribed electronic medical records, is outdated)/,
    );
  });
});
