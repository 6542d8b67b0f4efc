#!/usr/bin/env node
// The benchmark: every workload and baseline measured side by side in one run, in several rounds
// (each round runs every task once with tinybench). A figure is the median over the rounds of the
// time per evaluation in a round (total / evaluations, so garbage collection is included), and a
// ratio the median of the per-round ratios, so that a shared machine's drift cancels out.
//
//   npm run bench                 # builds dist, then: node bench/run.mjs (writes bench/results.json)
//   npm run bench:ci              # node bench/run.mjs --ci: a short run, exit 1 if a target is missed
//   node bench/run.mjs [--ci] [--phases] [--rounds N] [--time MS] [--clock cpu|wall] [--out FILE]
//
// It measures the BUILT library (dist, through the package's own name), as users run it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { Bench } from 'tinybench';
import * as z from 'zod';
import { DeclarationSchema, EventSchema, createEngine, defaultEngine, lianyungang2020 } from 'health-code-rules';
import { handClassifier, jsonRulesEngineClassifier } from './baselines.mjs';
import { bigKeyAreaList, workloads } from './workloads.mjs';

const { values } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    time: { type: 'string' },
    out: { type: 'string' },
    clock: { type: 'string', default: 'cpu' },
    phases: { type: 'boolean', default: false },
  },
});
if (values.clock !== 'cpu' && values.clock !== 'wall') throw new Error('--clock is cpu or wall');
// On a shared machine other processes stretch wall time; the process's CPU time (user + system, all
// threads, garbage collection included) measures the work itself. --clock wall measures elapsed time.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const ci = values.ci;
const rounds = Number(values.rounds ?? (ci ? 5 : 7));
const timeMs = Number(values.time ?? (ci ? 80 : 400));
const out = values.out ?? (ci ? null : fileURLToPath(new URL('./results.json', import.meta.url)));
const command = `node bench/run.mjs${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;

// The naive day-by-day oracle of the property tests is TypeScript: bundle it once for Node.
const root = fileURLToPath(new URL('..', import.meta.url));
const oracleFile = `${root}node_modules/.cache/health-code-rules-bench/naive.mjs`;
mkdirSync(`${root}node_modules/.cache/health-code-rules-bench`, { recursive: true });
await build({ entryPoints: [`${root}test/oracle/naive.ts`], bundle: true, platform: 'node', format: 'esm', outfile: oracleFile, logLevel: 'warning' });
const { naiveEvaluate } = await import(oracleFile);

const policy = lianyungang2020;
const manyAreas = createEngine(bigKeyAreaList(policy));
const hand = handClassifier(policy);
const jre = jsonRulesEngineClassifier(policy);
const CaseSchema = z.object({ declaration: DeclarationSchema, history: z.array(EventSchema) });

// All workloads are in memory and every task runs once per round, in the order below. With
// --phases, the short workloads are measured first with only them in memory, then the long ones:
// a 10,000-event case leaves garbage whose collection (and live data whose marking) then falls
// inside no short workload's timing. The two sides of every ratio are in the same phase.
const ALL = ['application', 'resident-10', 'mixed-50', 'long-10', 'long-1000', 'long-10000'];
const PHASES = values.phases
  ? [
      ['application', 'resident-10', 'mixed-50'],
      ['long-10', 'long-1000', 'long-10000'],
    ]
  : [ALL];
let W = {};

/** Every contender must give the same answers on the same workload before it is timed. */
async function verify() {
  for (const c of W.application ?? []) {
    const a = defaultEngine.evaluate(c.declaration, c.history, c.now);
    const expected = JSON.stringify({ colour: a.colour, rules: a.reasons.map((r) => r.rule) });
    for (const [name, got] of [['hand-written', hand(c.declaration)], ['json-rules-engine', await jre(c.declaration)]])
      if (JSON.stringify(got) !== expected) throw new Error(`${name} disagrees with evaluate on ${c.declaration.id}: ${JSON.stringify(got)} vs ${expected}`);
    if (manyAreas.evaluate(c.declaration, c.history, c.now).colour !== a.colour) throw new Error('the long key-area list changed a result');
  }
  for (const [name, cases] of Object.entries(W)) {
    if (name === 'application' || (ci && (name === 'long-1000' || name === 'long-10000'))) continue;
    for (const c of cases) {
      const a = defaultEngine.evaluate(c.declaration, c.history, c.now);
      const n = naiveEvaluate(c.declaration, c.history, c.now, policy);
      if (n.colour !== a.colour || JSON.stringify(n.rules) !== JSON.stringify(a.reasons.map((r) => r.rule)))
        throw new Error(`the naive oracle disagrees with evaluate on ${name}`);
    }
  }
}

// A task evaluates `batch` cases per iteration (cycling through the workload's cases), so that an
// iteration lasts long enough for the timer; figures are per evaluation.
const tasks = [];
function task(workload, contender, batch, fn, { async = false, once = false } = {}) {
  let i = 0;
  const body = async
    ? async () => {
        const cases = W[workload];
        for (let k = 0; k < batch; k++) await fn(cases[i++ % cases.length]);
      }
    : () => {
        const cases = W[workload];
        for (let k = 0; k < batch; k++) fn(cases[i++ % cases.length]);
      };
  tasks.push({ workload, contender, batch, once, name: `${workload} · ${contender}`, body });
}
const evaluate = (c) => defaultEngine.evaluate(c.declaration, c.history, c.now);
const zodOnly = (c) => {
  if (!CaseSchema.safeParse(c).success) throw new Error('invalid case');
};
const naive = (c) => naiveEvaluate(c.declaration, c.history, c.now, policy);

// The two sides of each target ratio run one right after the other in every round.
task('application', 'evaluate', 64, evaluate);
task('application', 'json-rules-engine', 64, (c) => jre(c.declaration), { async: true });
task('application', 'evaluate, 5,000 key areas', 64, (c) => manyAreas.evaluate(c.declaration, c.history, c.now));
task('application', 'hand-written', 1024, (c) => hand(c.declaration));
task('application', 'createEngine', 1, () => createEngine(policy));
task('resident-10', 'evaluate', 16, evaluate);
task('resident-10', 'zod only', 16, zodOnly);
task('long-10', 'evaluate', 16, evaluate);
task('long-10000', 'evaluate', 1, evaluate);
task('resident-10', 'naive oracle', 4, naive);
task('mixed-50', 'evaluate', 4, evaluate);
task('mixed-50', 'zod only', 4, zodOnly);
task('mixed-50', 'naive oracle', 1, naive);
task('long-10', 'zod only', 16, zodOnly);
task('long-1000', 'evaluate', 1, evaluate);
task('long-1000', 'zod only', 1, zodOnly);
task('long-10000', 'zod only', 1, zodOnly);
if (!ci) {
  task('long-10', 'naive oracle', 4, naive);
  task('long-1000', 'naive oracle', 1, naive);
  // Seconds per evaluation: timed in the first round only, twice.
  task('long-10000', 'naive oracle', 1, naive, { once: true });
}

const loadBefore = loadavg();
const samples = new Map(tasks.map((t) => [t.name, []]));
for (const phase of PHASES) {
  W = workloads(phase);
  await verify();
  const inPhase = tasks.filter((t) => phase.includes(t.workload));
  for (let round = 0; round < rounds; round++) {
    const clock = values.clock === 'cpu' ? { now: cpuNow } : {};
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(100, timeMs / 2), warmupIterations: 3, iterations: 3, ...clock });
    for (const t of inPhase) if (!t.once) bench.add(t.name, t.body);
    await bench.run();
    const slow = new Bench({ time: 0, warmup: false, iterations: 2, ...clock });
    if (round === 0) for (const t of inPhase) if (t.once) slow.add(t.name, t.body);
    await slow.run();
    for (const t of [...bench.tasks, ...slow.tasks]) {
      const result = t.result;
      if (result.state !== 'completed') throw new Error(`${t.name}: ${result.state} ${result.error ?? ''}`);
      const meta = tasks.find((x) => x.name === t.name);
      // The mean of a round (total time / evaluations) spreads the garbage collection an evaluation
      // causes over the evaluations, whatever their size; a median of iterations would leave it out
      // for small cases (most of their iterations see no collection) but not for large ones.
      samples.get(t.name).push({ mean: (result.period * 1000) / meta.batch, p50: (result.latency.p50 * 1000) / meta.batch, runs: result.latency.samplesCount });
    }
    process.stderr.write(`${PHASES.length > 1 ? `${phase.join(', ')}: ` : ''}round ${round + 1}/${rounds} done\n`);
  }
  W = {};
}
const loadAfter = loadavg();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const perEval = (name) => median(samples.get(name).map((s) => s.mean));
/** The median over rounds of `a / b` (per-round means), side by side. */
const ratio = (a, b) => median(samples.get(a).map((s, i) => s.mean / samples.get(b)[i].mean));

const rows = [...tasks].sort((a, b) => ALL.indexOf(a.workload) - ALL.indexOf(b.workload)).map((t) => {
  const base = `${t.workload} · evaluate`;
  return {
    workload: t.workload,
    contender: t.contender,
    'µs per evaluation': Number(perEval(t.name).toPrecision(4)),
    'µs, median iteration': Number(median(samples.get(t.name).map((s) => s.p50)).toPrecision(4)),
    'vs evaluate': t.name === base || !samples.has(base) || t.contender === 'createEngine' ? '' : `${ratio(t.name, base).toFixed(2)}×`,
  };
});

const r10 = perEval('resident-10 · evaluate');
const targets = [
  {
    id: 'application-vs-json-rules-engine',
    text: 'validated evaluate on application at least 10× faster than json-rules-engine',
    measured: ratio('application · json-rules-engine', 'application · evaluate'),
    pass: (x) => x >= 10,
    unit: '× faster',
  },
  {
    id: 'resident-10-vs-zod',
    text: 'resident-10 at most 5 µs per evaluation, or within 3× of zod alone validating the same case',
    measured: ratio('resident-10 · evaluate', 'resident-10 · zod only'),
    pass: (x) => r10 <= 5 || x <= 3,
    unit: `× zod alone (${r10.toFixed(2)} µs per evaluation)`,
  },
  {
    id: 'long-10000-vs-long-10',
    text: 'long-10000 at most 1,000× long-10 per evaluation (linear, never quadratic)',
    measured: ratio('long-10000 · evaluate', 'long-10 · evaluate'),
    pass: (x) => x <= 1000,
    unit: '× long-10 (1,000× more events)',
  },
  {
    id: 'policy-size',
    text: 'no per-call work that depends only on the policy: a 5,001-area key-area list costs at most 1.5× per evaluate',
    measured: ratio('application · evaluate, 5,000 key areas', 'application · evaluate'),
    pass: (x) => x <= 1.5,
    unit: '× the built-in policy',
  },
].map((t) => ({
  id: t.id,
  target: t.text,
  measured: Number(t.measured.toFixed(2)),
  unit: t.unit,
  pass: t.pass(t.measured),
}));

const table = (items) => {
  const keys = Object.keys(items[0]);
  const width = keys.map((k) => Math.max(k.length, ...items.map((r) => String(r[k]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(width[i]) : String(c).padEnd(width[i]))).join(' | ')} |`;
  return [line(keys), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...items.map((r) => line(keys.map((k) => r[k])))].join('\n');
};
console.log(table(rows));
console.log();
console.log(table(targets.map((t) => ({ target: t.target, measured: `${t.measured}${t.unit.startsWith('×') ? '' : ' '}${t.unit}`, result: t.pass ? 'PASS' : 'FAIL' }))));

// The floor of the linearity target: how validation alone grows with the history.
const growth = {
  'evaluate: long-10000 / long-10': Number(ratio('long-10000 · evaluate', 'long-10 · evaluate').toFixed(1)),
  'zod alone: long-10000 / long-10': Number(ratio('long-10000 · zod only', 'long-10 · zod only').toFixed(1)),
  'evaluate: long-10000 / long-1000': Number(ratio('long-10000 · evaluate', 'long-1000 · evaluate').toFixed(2)),
  'zod alone: long-10000 / long-1000': Number(ratio('long-10000 · zod only', 'long-1000 · zod only').toFixed(2)),
};
console.log(`\ngrowth with the history (×): ${Object.entries(growth).map(([k, v]) => `${k} ${v}`).join('; ')}`);

const version = (name) => JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')).version;
if (out !== null) {
  const cpu = cpus();
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        command,
        date: new Date().toISOString(),
        machine: {
          cpu: cpu[0]?.model ?? 'unknown',
          cores: cpu.length,
          memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
          freeMemoryGiB: Number((freemem() / 2 ** 30).toFixed(1)),
          os: `${platform()} ${release()}`,
          node: process.version,
          loadAverageBefore: loadBefore.map((x) => Number(x.toFixed(2))),
          loadAverageAfter: loadAfter.map((x) => Number(x.toFixed(2))),
        },
        versions: { tinybench: version('tinybench'), zod: version('zod'), 'json-rules-engine': version('json-rules-engine') },
        method: {
          clock: values.clock === 'cpu' ? 'process CPU time (user + system, all threads)' : 'wall time (performance.now)',
          rounds,
          timePerTaskPerRoundMs: timeMs,
          statistic: 'per evaluation: the median over rounds of (time of the round / evaluations in the round); ratios: the median over rounds of the per-round ratio',
        },
        results: rows,
        targets,
        growth,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwritten: ${out}`);
}
// The run fails on any missed target.
const failed = targets.filter((t) => !t.pass);
if (failed.length > 0) {
  console.error(`missed: ${failed.map((t) => t.id).join(', ')}`);
  process.exitCode = 1;
}
