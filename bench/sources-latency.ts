// `npm run bench:sources`: how soon a new document is answerable through the running bot.
// Starts the real bot process (`policybot bot`, keyword mode, default WATCH_DEBOUNCE_SECONDS)
// against the Discord stand-in, then measures (1) a small file dropped into the corpus folder:
// seconds from its last write until /ask answers from it, and (2) a ~2 MB PDF sent with
// /add-source: seconds until the reply, and until /ask answers from it. Prints one JSON object.
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { EDITOR_ROLE_ID } from '../tests/discord/stand-in/discord-stand-in.ts';
import { type ProcessBot, startBotAgainstStandIn } from '../tests/discord/stand-in/start-bot-against-stand-in.ts';
import { bundledCorpusCopy } from '../tests/fixtures/corpus/bundled-corpus.ts';

// The bot process builds its own index of the copy (INDEX_DIR) at start.
const { work, corpus, indexDir, remove } = bundledCorpusCopy('policybot-bench-sources-', 400);
const log = (line: string) => process.stderr.write(`${line}\n`);
let bot: ProcessBot;

/** The parts of the bot's edited reply the benchmark reads. */
interface ReplyBody {
  content?: string;
  embeds?: { description?: string }[];
}

async function reply(token: string, timeoutMs = 120_000): Promise<ReplyBody> {
  return bot.finalMessage(token, timeoutMs);
}

/** Asks until the first passage quotes `word` (found only in `file`); returns when it does. */
async function answerableAt(word: string, file: string, timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { token } = bot.slash('ask', [{ name: 'question', type: 3, value: word }]);
    const body = await reply(token);
    const at = Date.now();
    const cited = String(body.embeds?.[0]?.description ?? '').replace(/\\(.)/g, '$1');
    if (cited.includes(word)) return at;
    if (at > until) throw new Error(`${file} was not answerable within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A text PDF of about `megabytes`, many pages of prose, with `word` on its first page. */
async function bigPdf(megabytes: number, word: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const line = 'Article text: hospitals shall keep electronic medical records and report data to the ministry monthly.';
  let bytes = 0;
  for (let p = 0; bytes < megabytes * 2 ** 20; p++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Section ${p + 1}`, { x: 50, y: 800, size: 14, font });
    if (p === 0) page.drawText(`This report also covers ${word} quotas.`, { x: 40, y: 60, size: 8, font });
    for (let i = 0; i < 45; i++) page.drawText(`${line} (${p}.${i})`, { x: 40, y: 780 - i * 16, size: 8, font });
    if (p % 20 === 19) bytes = (await pdf.save({ useObjectStreams: false })).length;
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

async function main(): Promise<void> {
  bot = await startBotAgainstStandIn({
    process: {
      cwd: work,
      env: {
        ALLOWED_EDITOR_ROLE_IDS: EDITOR_ROLE_ID,
        CORPUS_DIR: corpus,
        INDEX_DIR: indexDir,
        MODELS_DIR: path.join(work, 'models'),
        ALLOW_REMOTE_MODELS: 'false',
        SEMANTIC_SEARCH: 'off',
        COOLDOWN_SECONDS: '0',
        SOURCES_LOG: path.join(work, 'sources.jsonl'),
      },
      readyTimeoutMs: 180_000,
      echoLog: process.env.BENCH_BOT_LOG !== undefined,
    },
    roles: [EDITOR_ROLE_ID],
    userName: 'bench',
  });
  try {
    log('bot ready; dropping files');
    const drops: number[] = [];
    for (let i = 0; i < 3; i++) {
      const word = `driftwood${i}zq`;
      const file = `dropped-${i}.md`;
      writeFileSync(path.join(corpus, file), `# Dropped note ${i}\n\nA short note about ${word} procurement rules.\n`);
      const written = Date.now();
      drops.push((await answerableAt(word, `corpus/${file}`)) - written);
      log(`drop ${i}: ${(drops.at(-1)! / 1000).toFixed(1)} s`);
    }
    const word = 'lanternfish';
    const body = await bigPdf(2, word);
    log(`sending a ${(body.length / 2 ** 20).toFixed(2)} MB PDF with /add-source`);
    const attachment = bot.standIn.attach('big-report.pdf', body);
    const sent = Date.now();
    const { token } = bot.standIn.sendInteraction({
      type: 2,
      data: {
        id: '9',
        name: 'add-source',
        type: 1,
        options: [
          { name: 'file', type: 11, value: attachment.id },
          { name: 'publisher', type: 3, value: 'Bench Ministry' },
        ],
        resolved: { attachments: { [attachment.id]: attachment.resolved } },
      },
      ...bot.member(),
    });
    const added = await reply(token, 300_000);
    const replied = Date.now();
    const answerable = await answerableAt(word, 'corpus/big-report.pdf', 300_000);
    const result = {
      keywordMode: true,
      watchDebounceSeconds: 5,
      droppedFile: {
        secondsFromLastWriteToAnswerable: drops.map((ms) => round(ms / 1000)),
        max: round(Math.max(...drops) / 1000),
        target: 15,
      },
      addSourcePdf: {
        megabytes: round(body.length / 2 ** 20),
        reply: added.content,
        secondsToReply: round((replied - sent) / 1000),
        secondsToAnswerable: round((answerable - sent) / 1000),
        target: 30,
      },
      corpusMegabytes: round(statSync(path.join(corpus, 'big-report.pdf')).size / 2 ** 20),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await bot.stop();
    remove();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

await main();
