// The example CLI's compare command: a population (NDJSON, one case a line) under a baseline and a
// reform policy, as a report (text, --json, --html). With --workers N the lines are compared in
// parts on N worker threads and the parts added up (mergeReports): the same report for any N.
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { compare, mergeReports } from 'health-code-rules';
import { reportHtml } from './compare-html.mjs';

const PART = 2000;

/** The lines of an NDJSON file (a byte-order mark at its start dropped; blank lines skipped). */
async function* lines(name, ctx) {
  let stream;
  try {
    stream = name === '-' ? process.stdin : createReadStream(name, { encoding: 'utf8' });
    await new Promise((resolve, reject) => {
      if (name === '-') resolve();
      else stream.once('open', resolve).once('error', reject);
    });
  } catch (error) {
    throw ctx.usage(['CITY.ndjson'], `cannot read ${name}: ${error.code ?? error.message}`);
  }
  let first = true;
  for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
    const line = first && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    first = false;
    if (line.trim() !== '') yield line;
  }
}

function count(values, name, fallback, ctx) {
  if (values[name] === undefined) return fallback;
  const n = Number(values[name]);
  if (!Number.isSafeInteger(n) || n < 0) throw ctx.usage([`--${name}`], `a whole number, got ${values[name]}`);
  return n;
}

/** The report of the whole file, computed on `workers` threads (0: this thread). */
async function reportOf(file, options, workers, ctx) {
  if (workers === 0) return compare(lines(file, ctx), options);
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./compare-worker.mjs', import.meta.url)));
  const pending = new Map();
  let next = 0;
  for (const w of pool)
    w.on('message', ({ id, report, error }) => {
      const job = pending.get(id);
      pending.delete(id);
      if (error === undefined) job.resolve(report);
      else job.reject(new Error(error));
    });
  const parts = [];
  let part = [];
  let offset = 0;
  const send = (chunk, from) => {
    const id = next++;
    const worker = pool[id % pool.length];
    parts.push(new Promise((resolve, reject) => pending.set(id, { resolve, reject })));
    worker.postMessage({ id, lines: chunk, options: { ...options, minCell: 0, indexOffset: from } });
  };
  try {
    for await (const line of lines(file, ctx)) {
      part.push(line);
      if (part.length === PART) {
        send(part, offset);
        offset += part.length;
        part = [];
      }
    }
    if (part.length > 0 || parts.length === 0) send(part, offset);
    return mergeReports(await Promise.all(parts), { minCell: options.minCell, sample: options.sample });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

const cellText = (c) => String(c);

function printReport(r) {
  const colours = ['red', 'yellow', 'green'];
  const out = [
    `baseline ${r.baseline.id} ${r.baseline.version}, reform ${r.reform.id} ${r.reform.version}, at ${r.now} (counts under ${r.minCell} suppressed)`,
    `people ${cellText(r.total)}, changed ${cellText(r.changed)}, invalid ${cellText(r.invalid)}`,
    '',
    `baseline \\ reform  ${colours.map((c) => c.padStart(12)).join('')}`,
    ...colours.map((b) => `${b.padEnd(18)} ${colours.map((c) => cellText(r.matrix[b][c]).padStart(12)).join('')}`),
    '',
    `rules (baseline → reform): ${Object.entries(r.rules).map(([k, v]) => `${k} ${cellText(v.baseline)}→${cellText(v.reform)}`).join(', ')}`,
    `release shift in days: ${Object.entries(r.releaseShift.days).map(([d, c]) => `${d}: ${cellText(c)}`).join(', ') || 'none'}; without a release date: ${cellText(r.releaseShift.awaiting)}`,
    `may ride a bus: both ${cellText(r.checkpoints['public-transport'].both)}, only baseline ${cellText(r.checkpoints['public-transport'].baselineOnly)}, only reform ${cellText(r.checkpoints['public-transport'].reformOnly)}`,
  ];
  return out.join('\n');
}

/** `compare CITY.ndjson --baseline A.json --reform B.json --now INSTANT [--json] [--html FILE] [--min-cell N] [--sample N] [--workers N]` */
export async function compareCommand(values, file, ctx) {
  if (file === undefined) throw ctx.usage(['CITY.ndjson'], 'compare needs an NDJSON file of cases ("-" for standard input)');
  for (const flag of ['baseline', 'reform', 'now']) if (values[flag] === undefined) throw ctx.usage([`--${flag}`], `compare needs --${flag}`);
  const baseline = ctx.readJson(values.baseline, '--baseline');
  const reform = ctx.readJson(values.reform, '--reform');
  const options = { baseline, reform, now: values.now, minCell: count(values, 'min-cell', 10, ctx), sample: count(values, 'sample', 0, ctx) };
  const report = await reportOf(file, options, count(values, 'workers', 0, ctx), ctx);
  if (values.html !== undefined)
    try {
      writeFileSync(values.html, reportHtml(report, baseline, reform));
    } catch (error) {
      throw ctx.usage(['--html'], `cannot write ${values.html}: ${error.code ?? error.message}`);
    }
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${printReport(report)}\n`);
  return 0;
}
