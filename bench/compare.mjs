// Policy impact analysis against a city batch: compare() of two policies over a population
// against one --summary batch (evaluateMany with summary) over the same population, side by side
// in each round (the machine is shared: only the median of the per-round ratios is reported).
//   node bench/compare.mjs [--count 20000] [--rounds 5] [--ci]   (--ci: exit 1 above 2.2×)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, evaluateMany, lianyungang2020 } from 'health-code-rules';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' }, ci: { type: 'boolean', default: false } } });
const LIMIT = 2.2;
const NOW = '2020-03-20T12:00:00+08:00';
const file = join(mkdtempSync(join(tmpdir(), 'hcr-bench-compare-')), 'city.ndjson');
execFileSync(process.execPath, [new URL('../scripts/gen-city.mjs', import.meta.url).pathname, '--count', values.count, '--out', file]);
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const reform = { ...lianyungang2020, id: 'observation-21', observationDays: 21 };

const cpu = async (fn) => {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const summaryBatch = async () => {
  let n = 0;
  for await (const r of evaluateMany(lines, { now: NOW, summary: true })) if (r.ok) n++;
  return n;
};
const ratios = [];
const times = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const batch = await cpu(summaryBatch);
  const impact = await cpu(() => compare(lines, { baseline: lianyungang2020, reform, now: NOW }));
  ratios.push(impact / batch);
  times.push([batch, impact]);
}
ratios.sort((a, b) => a - b);
const ratio = ratios[Math.floor(ratios.length / 2)];
console.log(`${lines.length} cases; CPU ms per round [summary batch, compare]: ${times.map(([b, c]) => `[${b.toFixed(0)}, ${c.toFixed(0)}]`).join(' ')}`);
console.log(`compare (two policies) / one --summary batch: ${ratio.toFixed(2)}× (median of ${ratios.length} rounds; target at most ${LIMIT}×) ${ratio <= LIMIT ? 'PASS' : 'FAIL'}`);
if (values.ci && ratio > LIMIT) process.exitCode = 1;
