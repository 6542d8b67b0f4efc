// Resume against evaluate (issue "one module per rule and a pure step function"): one new event on
// the snapshot of a 10,000-event history, against evaluate of the 10,001 events, side by side in
// one run (alternating rounds, median of per-round ratios: the machine's drift cancels out).
//
//   npm run build && node bench/resume.mjs          # 15 rounds, prints the ratio
//   node bench/resume.mjs --ci                       # 7 rounds; exit 1 when resume is not 10× cheaper
import { defaultEngine } from 'health-code-rules';
import { workloads } from './workloads.mjs';

const ci = process.argv.includes('--ci');
const rounds = ci ? 7 : 15;
const TARGET = 10;
const [c] = workloads(['long-10000'])['long-10000'];
const last = c.history[c.history.length - 1];
const lastMs = Date.parse(last.at);
const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');
// The snapshot at the last event; the new event an hour later, a fever reading (I-8 occurrence).
const snapshot = JSON.parse(JSON.stringify(defaultEngine.snapshot(c.declaration, c.history, last.at)));
const event = { id: 'new-1', at: iso(lastMs + 3_600_000), kind: 'temperature', celsius: 37.9, venue: 'residential' };
const all = [...c.history, event];

// Same answer first: the benchmark compares two ways of computing one assessment.
const resumed = defaultEngine.resume(snapshot, [event], c.now);
if (!resumed.success) throw resumed.error;
if (JSON.stringify(resumed.data.assessment) !== JSON.stringify(defaultEngine.evaluate(c.declaration, all, c.now))) throw new Error('resume and evaluate disagree');

function time(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}
const evaluateOnce = () => defaultEngine.evaluate(c.declaration, all, c.now);
const resumeOnce = () => {
  const r = defaultEngine.resume(snapshot, [event], c.now);
  if (!r.success) throw r.error;
};
for (let i = 0; i < 5; i++) {
  evaluateOnce();
  resumeOnce();
}
const ratios = [];
const samples = [];
for (let round = 0; round < rounds; round++) {
  const e = time(evaluateOnce, 10);
  const r = time(resumeOnce, 10);
  ratios.push(e / r);
  samples.push({ evaluateMs: e, resumeMs: r });
}
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
const ms = (k) => [...samples.map((s) => s[k])].sort((a, b) => a - b)[Math.floor(samples.length / 2)].toFixed(3);
console.log(JSON.stringify({ events: c.history.length, evaluateMs: Number(ms('evaluateMs')), resumeMs: Number(ms('resumeMs')), ratio: Number(median.toFixed(2)), target: `>= ${TARGET}x` }));
if (ci && median < TARGET) {
  console.error(`resume is ${median.toFixed(2)}x cheaper than evaluate; the target is ${TARGET}x`);
  process.exit(1);
}
