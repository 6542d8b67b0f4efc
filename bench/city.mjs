#!/usr/bin/env node
// The city benchmark (issue 17, item 6): the CPU of the summary batch against the CPU of only reading
// the same NDJSON file and `JSON.parse`-ing every line, measured side by side in one run.
//
//   npm run bench:city            # builds dist, then: node bench/city.mjs (100,000 people)
//   node bench/city.mjs [--ci] [--count N] [--rounds N] [--seed S] [--stages]
//
// The city is scripts/gen-city.mjs's seeded city, written once to bench/city/city-<count>-<seed>.ndjson
// (git-ignored) and reused. Each round reads the whole file twice, in turn (the order alternates
// from round to round): (a) the baseline: the file read in 1 MiB chunks cut at line ends, each chunk
// decoded and split, `JSON.parse` of every line; (b) the batch: the same reading, then
// `evaluateChunk` of examples/batch/chunk.mjs with `summary: true` (the code the batch command
// line's workers run: `evaluateMany`, `JSON.stringify` of each result, the output bytes), on this
// thread. A side's cost is the process's CPU time (user + system, garbage collection included) over
// its pass; the figure is the median over rounds of the per-round ratio (b) / (a), after untimed
// passes of both (at least 200,000 cases of each); a sample of a city under 100,000 people reads
// its file several times (a pass's figure is then the mean). --ci: 20,000 people, exit 1 when the
// ratio is above 3.0.
//
// --stages adds the CPU µs per case of each stage of the summary path (JSON.parse, validation,
// timeline, fold, summary, JSON.stringify), by difference between passes that run the first 1, 2, …
// stages of every case, with the library's source bundled by esbuild (the stages are not part of
// the public API).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateChunk, readChunks } from '../examples/batch/chunk.mjs';

const { values } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    count: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string', default: '2020' },
    stages: { type: 'boolean', default: false },
  },
});
const ci = values.ci;
const count = Number(values.count ?? (ci ? 20_000 : 100_000));
const rounds = Number(values.rounds ?? 7);
const TARGET = 3.0;
const NOW = '2020-03-20T12:00:00+08:00';
const CHUNK_BYTES = 1 << 20;
if (!Number.isSafeInteger(count) || count <= 0) throw new Error(`--count must be a positive whole number, got ${values.count}`);
if (!Number.isSafeInteger(rounds) || rounds <= 0) throw new Error(`--rounds must be a positive whole number, got ${values.rounds}`);

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = `${root}bench/city`;
const file = `${dir}/city-${count}-${values.seed}.ndjson`;
if (!existsSync(file)) {
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.partial`;
  const made = spawnSync(process.execPath, [`${root}scripts/gen-city.mjs`, '--count', String(count), '--seed', values.seed, '--out', partial], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error(`scripts/gen-city.mjs failed (status ${made.status})`);
  renameSync(partial, file);
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const input = () => createReadStream(file, { highWaterMark: CHUNK_BYTES });

/** (a) Reading the file and parsing every line, nothing else. */
async function parseOnly() {
  let lines = 0;
  let bad = 0;
  let keep = 0;
  for await (const { bytes } of readChunks(input())) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const list = text.split('\n');
    if (list[list.length - 1] === '') list.pop();
    for (const line of list) {
      lines++;
      try {
        // Something of each value is read, so that no parse can be left out.
        keep += JSON.parse(line) === null ? 0 : 1;
      } catch {
        bad++;
      }
    }
  }
  return { lines, bad, keep };
}

/** (b) The summary batch over the same reading: what a worker of examples/batch/cli.mjs does. */
async function summaryBatch() {
  let lines = 0;
  let bad = 0;
  let bytesOut = 0;
  const colours = { red: 0, yellow: 0, green: 0 };
  for await (const { bytes, firstLine } of readChunks(input())) {
    const result = await evaluateChunk(bytes, firstLine, { now: NOW, summary: true });
    lines += result.lines;
    bad += result.errors.length;
    bytesOut += result.output.byteLength;
    for (const colour of ['red', 'yellow', 'green']) colours[colour] += result.colours[colour];
  }
  return { lines, bad, bytesOut, colours };
}

// A timed sample reads the file as many times as it takes to reach 100,000 cases, so that a small
// city's samples are as long as a large one's (on a short sample, one collection of the old
// generation, falling on one side or the other, decides the ratio).
const repeat = Math.max(1, Math.ceil(100_000 / count));

async function timed(task) {
  const before = cpuMs();
  let result;
  for (let pass = 0; pass < repeat; pass++) result = await task();
  return { ms: (cpuMs() - before) / repeat, result };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Untimed passes of each first, so that the code is compiled and the file is in the page cache
// (a small city needs more of them: it is the steady state that is compared).
const warmups = Math.max(1, Math.ceil(200_000 / count));
let warmParse;
let warmBatch;
for (let pass = 0; pass < warmups; pass++) {
  warmParse = await parseOnly();
  warmBatch = await summaryBatch();
}
if (warmBatch.lines !== warmParse.lines) throw new Error(`the batch wrote ${warmBatch.lines} lines for ${warmParse.lines} input lines`);

const parseMs = [];
const batchMs = [];
const ratios = [];
for (let round = 0; round < rounds; round++) {
  let a;
  let b;
  if (round % 2 === 0) {
    a = await timed(parseOnly);
    b = await timed(summaryBatch);
  } else {
    b = await timed(summaryBatch);
    a = await timed(parseOnly);
  }
  parseMs.push(a.ms);
  batchMs.push(b.ms);
  ratios.push(b.ms / a.ms);
}

const lines = warmParse.lines;
const perCase = (ms) => (ms * 1000) / lines;
const ratio = median(ratios);
const { colours } = warmBatch;
process.stdout.write(
  `city: ${lines.toLocaleString('en')} cases (${file.slice(root.length)}), ${warmBatch.bad} with input errors; ` +
    `${colours.green} green, ${colours.yellow} yellow, ${colours.red} red\n` +
    `${rounds} rounds, alternating, CPU time (user + system) per pass, median:\n` +
    `  (a) read + JSON.parse      ${(median(parseMs) / 1000).toFixed(3)} s  (${perCase(median(parseMs)).toFixed(2)} µs per case)\n` +
    `  (b) --summary batch        ${(median(batchMs) / 1000).toFixed(3)} s  (${perCase(median(batchMs)).toFixed(2)} µs per case)\n` +
    `  ratio (b) / (a), median of the per-round ratios: ${ratio.toFixed(2)}x ` +
    `(rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≤ ${TARGET.toFixed(1)}x)\n`,
);

if (values.stages) await stages();

if (ci && ratio > TARGET) {
  process.stderr.write(`bench:city: the summary batch costs ${ratio.toFixed(2)}x the CPU of reading and parsing, above the ${TARGET.toFixed(1)}x target\n`);
  process.exitCode = 1;
}

/** CPU µs per case of each stage of the summary path, timed separately (the library's source, bundled). */
async function stages() {
  const { build } = await import('esbuild');
  const outfile = `${root}node_modules/.cache/health-code-rules-bench/stages.mjs`;
  await build({
    stdin: {
      contents: [
        "export { validateCase } from './src/validate.ts';",
        "export { buildTimeline } from './src/timeline.ts';",
        "export { fold } from './src/fold.ts';",
        "export { summarizeState } from './src/assess.ts';",
        "export { compilePolicy } from './src/policy/compile.ts';",
        "export { lianyungang2020 } from './src/policy/lianyungang2020.ts';",
        // The batch reads its own parsed lines in place (where the library does).
        ...(readFileSync(`${root}src/bounds.ts`, 'utf8').includes('export function ownParsedCase') ? ["export { ownParsedCase } from './src/bounds.ts';"] : []),
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  const lib = await import(`${outfile}?${Date.now()}`);
  const cp = lib.compilePolicy(lib.lianyungang2020);
  // Stage by stage by difference: pass k runs the first k stages of every case, case by case as
  // the batch runs them (so each stage's garbage is collected as it is in the batch), and a stage
  // costs the difference between two passes of a round. The lines are in memory (no reading).
  const STAGES = ['JSON.parse', 'validateCase', 'timeline', 'fold', 'summary', 'JSON.stringify'];
  const chunks = [];
  for await (const { bytes } of readChunks(input())) {
    const list = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n');
    if (list[list.length - 1] === '') list.pop();
    chunks.push(list);
  }
  const pass = (stages) => {
    let length = 0;
    for (const text of chunks) {
      for (const line of text) {
        let c;
        try {
          c = JSON.parse(line);
        } catch {
          continue;
        }
        if (stages < 2) continue;
        lib.ownParsedCase?.(c.declaration, c.history);
        const checked = lib.validateCase(c.declaration, c.history, c.now ?? NOW, cp);
        if (!checked.ok || stages < 3) continue;
        const timeline = lib.buildTimeline(checked.value.events, checked.value.nowMs);
        if (stages < 4) continue;
        const state = lib.fold(cp, checked.value, timeline);
        if (stages < 5) continue;
        const summary = lib.summarizeState(cp, checked.value, state);
        if (stages < 6) continue;
        length += JSON.stringify(summary).length;
      }
    }
    return length;
  };
  const totals = STAGES.map(() => []);
  for (let k = 1; k <= STAGES.length; k++) pass(k);
  for (let round = 0; round < rounds; round++) {
    const order = STAGES.map((_, i) => i + 1);
    if (round % 2 === 1) order.reverse();
    for (const k of order) {
      const before = cpuMs();
      pass(k);
      totals[k - 1].push(cpuMs() - before);
    }
  }
  // A stage's cost: the median over rounds of the difference between its pass and the one before.
  const rows = Object.fromEntries(STAGES.map((name, i) => [name, totals[i].map((ms, round) => ms - (i === 0 ? 0 : (totals[i - 1][round] ?? 0)))]));
  process.stdout.write(`stages, CPU µs per case (the median over ${rounds} rounds of the difference between passes running the first k and k − 1 stages):\n`);
  for (const [name, ms] of Object.entries(rows)) process.stdout.write(`  ${name.padEnd(16)} ${perCase(median(ms)).toFixed(2)}\n`);
}
