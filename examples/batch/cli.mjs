#!/usr/bin/env node
// Batch evaluation of a whole city: NDJSON cases in (a file or standard input), NDJSON results out
// (standard output or --out), one output line per input line, in input order.
//
//   node examples/batch/cli.mjs [FILE|-] --now INSTANT|now [--summary] [--workers N] [--out FILE] [--no-progress]
//
// Each input line is a case `{ "declaration": …, "history": […], "now"?: … }`. Each output line is
// the assessment (or, with --summary, `{ subject, colour, rules, releaseAt, nextChangeAt }`), or,
// for a line that cannot be evaluated, `{ "line": N, "ok": false, "issues": [...] }`; such lines are
// also listed on standard error with their line number, and the batch goes on. A progress bar is
// drawn on standard error when it is a terminal. --workers N evaluates on N worker threads (0: on
// the main thread). Cases without their own "now" are evaluated at --now, which is required: an
// ISO-8601 instant with offset, or the word `now` for the clock (read once at start), so that a
// city of 2020 is never evaluated at today's date by accident.
// Exit status: 0 when every line was evaluated, 1 when some lines had input errors or the batch
// stopped, 2 on a usage error (a bad option, --now, input file or --out), each with one line.
import { closeSync, createReadStream, createWriteStream, openSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { safeEvaluate } from 'health-code-rules';
import { evaluateChunk, readChunks } from './chunk.mjs';

const USAGE = 'usage: batch [FILE|-] --now INSTANT|now [--summary] [--workers N] [--out FILE] [--no-progress]';

/** A usage error: one line on standard error, exit 2. */
function fail(message) {
  process.stderr.write(`batch: ${message}\n`);
  process.exit(2);
}

// A reader that stops early (`… | head`) is not an error of the batch.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  fail(`cannot write the output: ${error.code ?? error.message}`);
});
const CHUNK_BYTES = 1 << 20;
const IN_FLIGHT_PER_WORKER = 3;
const MAX_ERRORS_SHOWN = 50;

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      summary: { type: 'boolean', default: false },
      workers: { type: 'string', default: '0' },
      now: { type: 'string' },
      out: { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const workers = Number(values.workers);
if (!Number.isSafeInteger(workers) || workers < 0 || workers > 64) {
  process.stderr.write(`--workers must be a whole number from 0 to 64 (this machine has ${availableParallelism()} cores)\n`);
  process.exit(2);
}
if (positionals.length > 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const file = positionals[0] ?? '-';
if (values.now === undefined) fail('--now is required: an ISO-8601 instant with offset (e.g. 2020-03-20T12:00:00+08:00), or `now` for the current time');
const now = values.now === 'now' ? new Date().toISOString() : values.now;
// T-2: the instant is checked once, up front, with the library's own rule (not on every line).
const probe = safeEvaluate({ id: 'probe', subjectId: 'probe', submittedAt: '1970-01-01T00:00:00Z', category: 'resident', channel: 'self', attestation: true }, [], now);
const badNow = probe.success ? undefined : probe.error.issues.find((issue) => issue.path[0] === 'now');
if (badNow !== undefined) fail(`--now ${values.now}: ${badNow.message}`);
const options = { now, summary: values.summary };

let totalBytes = 0;
let input = process.stdin;
if (file !== '-') {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) fail(`${file} is not a file`);
    totalBytes = stat.size;
    closeSync(openSync(file, 'r'));
  } catch (error) {
    fail(`cannot read ${file}: ${error.code ?? error.message}`);
  }
  input = createReadStream(file, { highWaterMark: CHUNK_BYTES });
}
let output = process.stdout;
if (values.out !== undefined) {
  let fd;
  try {
    fd = openSync(values.out, 'w');
  } catch (error) {
    fail(`cannot write ${values.out}: ${error.code ?? error.message}`);
  }
  output = createWriteStream('', { fd });
  output.on('error', (error) => fail(`cannot write ${values.out}: ${error.code ?? error.message}`));
}

// The bar only on a terminal: piped into a log it would be noise.
const showProgress = !values['no-progress'] && process.stderr.isTTY === true;
const bar = new cliProgress.SingleBar(
  {
    stream: process.stderr,
    format: totalBytes > 0 ? 'batch [{bar}] {percentage}% | {lines} lines | {rate} lines/s | ETA {eta}s' : 'batch {lines} lines | {rate} lines/s',
    etaBuffer: 50,
    fps: 5,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    hideCursor: false,
  },
  cliProgress.Presets.shades_classic,
);
if (showProgress) bar.start(totalBytes || 1, 0, { lines: 0, rate: 0 });

const started = performance.now();
const totals = { lines: 0, errors: 0, bytes: 0, red: 0, yellow: 0, green: 0 };
let errorsShown = 0;

// Results come back from the workers in any order; they are written in input order.
const pending = new Map();
let nextToWrite = 0;
async function deliver(seq, result, size) {
  pending.set(seq, { result, size });
  while (pending.has(nextToWrite)) {
    const { result: r, size: s } = pending.get(nextToWrite);
    pending.delete(nextToWrite);
    nextToWrite++;
    totals.lines += r.lines;
    totals.bytes += s;
    for (const colour of ['red', 'yellow', 'green']) totals[colour] += r.colours[colour];
    for (const error of r.errors) {
      totals.errors++;
      if (errorsShown < MAX_ERRORS_SHOWN) {
        errorsShown++;
        if (showProgress) bar.clearLine?.();
        process.stderr.write(`line ${error.line}: ${error.issues.join('; ')}\n`);
      }
    }
    if (!output.write(r.output)) await new Promise((resolve) => output.once('drain', resolve));
    if (showProgress) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(totalBytes > 0 ? totals.bytes : 1, { lines: totals.lines, rate: Math.round(totals.lines / Math.max(seconds, 1e-3)) });
    }
  }
}

async function runOnMainThread() {
  let seq = 0;
  for await (const { bytes, firstLine } of readChunks(input)) {
    const size = bytes.byteLength;
    await deliver(seq++, await evaluateChunk(bytes, firstLine, options), size);
  }
}

async function runOnWorkers(count) {
  const url = new URL('./worker.mjs', import.meta.url);
  const pool = Array.from({ length: count }, () => ({ worker: new Worker(url, { workerData: options }), busy: 0 }));
  const sizes = new Map();
  let freed = null;
  let failure = null;
  for (const slot of pool) {
    slot.worker.on('message', (message) => {
      slot.busy--;
      const size = sizes.get(message.seq);
      sizes.delete(message.seq);
      deliver(message.seq, message, size).then(() => freed?.(), (error) => (failure = error));
    });
    slot.worker.on('error', (error) => {
      failure = error;
      freed?.();
    });
  }
  let seq = 0;
  for await (const { bytes, firstLine } of readChunks(input)) {
    for (;;) {
      if (failure !== null) throw failure;
      const slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (slot.busy < IN_FLIGHT_PER_WORKER && pending.size < count * IN_FLIGHT_PER_WORKER) {
        slot.busy++;
        sizes.set(seq, bytes.byteLength);
        slot.worker.postMessage({ seq, bytes, firstLine }, [bytes.buffer]);
        seq++;
        break;
      }
      await new Promise((resolve) => (freed = resolve));
    }
  }
  while (nextToWrite < seq) {
    if (failure !== null) throw failure;
    await new Promise((resolve) => (freed = resolve));
  }
  await Promise.all(pool.map((slot) => slot.worker.terminate()));
}

try {
  if (workers === 0) await runOnMainThread();
  else await runOnWorkers(workers);
} catch (error) {
  if (showProgress) bar.stop();
  process.stderr.write(`batch stopped: ${error instanceof Error ? error.message : typeof error}\n`);
  process.exit(1);
}
if (showProgress) bar.stop();
if (output !== process.stdout) await new Promise((resolve) => output.end(resolve));
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `${totals.lines} lines in ${seconds.toFixed(1)} s (${Math.round(totals.lines / seconds)} lines/s): ` +
    `${totals.green} green, ${totals.yellow} yellow, ${totals.red} red, ${totals.errors} with input errors` +
    `${totals.errors > errorsShown ? ` (first ${errorsShown} listed)` : ''}\n`,
);
process.exitCode = totals.errors > 0 ? 1 : 0;
