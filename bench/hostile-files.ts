/**
 * Ingest on hostile files (`npm run bench:hostile`): each case is a corpus of one generated
 * file, ingested by a child process (keyword-only, as `policybot ingest` without a model) that
 * reports its wall time, CPU time (what to compare on a shared machine) and peak RSS. Targets
 * (issue 9): no fatal abort, peak RSS ≤ 1 GB for files within MAX_FILE_MB, bombs skipped
 * cheaply, a "No."-dense paragraph linear in its length, a 49 MB one-line file about as fast as
 * the same text in paragraphs.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeZipBomb } from '../tests/fixtures/hostile/zip-bomb.ts';

const MB = 1024 * 1024;
const work = mkdtempSync(path.join(tmpdir(), 'policybot-hostile-bench-'));
const child = path.join(import.meta.dirname, 'ingest-child.ts');

/** `bytes` of the same sentence without stops, on one line, or (`lineEvery`) broken into paragraphs. */
function singleLine(file: string, bytes: number, lineEvery = 0): void {
  const words = 'Circular 49 requires hospitals to keep electronic medical records for ten years ';
  let block = words.repeat(Math.ceil(MB / words.length)).slice(0, MB);
  if (lineEvery > 0) block = block.replace(new RegExp(`(.{${lineEvery - 2}})`, 'g'), '$1\n\n').slice(0, MB);
  const fd = openSync(file, 'w');
  for (let left = bytes; left > 0; left -= MB) writeSync(fd, left >= MB ? block : block.slice(0, left));
  closeSync(fd);
}

const cases: { name: string; make: (file: string) => unknown; ext: string }[] = [
  { name: '300 MB single-line .txt', ext: 'txt', make: (f) => singleLine(f, 300 * MB) },
  { name: '49 MB single-line .txt', ext: 'txt', make: (f) => singleLine(f, 49 * MB) },
  { name: 'same 49 MB, paragraphs', ext: 'txt', make: (f) => singleLine(f, 49 * MB, 800) },
  { name: '1 GiB zip bomb .docx', ext: 'docx', make: (f) => writeZipBomb(f, 1024 * MB) },
  { name: '300 MiB zip bomb .docx', ext: 'docx', make: (f) => writeZipBomb(f, 300 * MB) },
  {
    name: '100k-deep HTML',
    ext: 'html',
    make: (f) => writeFileSync(f, `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`),
  },
  {
    name: '"No." paragraph ×10k',
    ext: 'txt',
    make: (f) => writeFileSync(f, `Title\n\n${'Circular      No. '.repeat(10_000)}\n`),
  },
  {
    name: '"No." paragraph ×40k',
    ext: 'txt',
    make: (f) => writeFileSync(f, `Title\n\n${'Circular      No. '.repeat(40_000)}\n`),
  },
  {
    name: 'prose paragraph, same size',
    ext: 'txt',
    make: (f) => writeFileSync(f, `Title\n\n${'The hospital keeps records. '.repeat(26_000)}\n`),
  },
];

console.log('case'.padEnd(30), 'seconds'.padStart(8), 'CPU s'.padStart(8), 'peak RSS MB'.padStart(12), ' outcome');
for (const c of cases) {
  const dir = path.join(work, c.name.replace(/\W+/g, '-'));
  mkdirSync(path.join(dir, 'corpus'), { recursive: true });
  await c.make(path.join(dir, 'corpus', `file.${c.ext}`));
  try {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', child, path.join(dir, 'corpus'), path.join(dir, 'index'), '50'],
      { encoding: 'utf8', maxBuffer: 16 * MB },
    );
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      seconds: number;
      cpuSeconds: number;
      peakRssMb: number;
      chunks: number;
      skipped: { reason: string }[];
    };
    const outcome = r.skipped.length > 0 ? `skipped: ${r.skipped[0]?.reason}` : `indexed, ${r.chunks} passages`;
    console.log(
      c.name.padEnd(30),
      r.seconds.toFixed(1).padStart(8),
      r.cpuSeconds.toFixed(1).padStart(8),
      String(r.peakRssMb).padStart(12),
      ` ${outcome}`,
    );
  } catch (error) {
    console.log(
      c.name.padEnd(30),
      '-'.padStart(8),
      '-'.padStart(8),
      '-'.padStart(12),
      ` FAILED: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });
