#!/usr/bin/env node
// Throughput of the city service (examples/city-service) against the transport alone, side by side
// in one run: the same entries, pre-loaded into the same partition streams, drained by 2 worker
// processes of the service (load the person, evaluate, commit state + output + XACK atomically)
// and by 2 no-op consumers of the same group code (read and acknowledge, nothing else: one XACK
// per partition and batch, and, as a second baseline, one XACK per entry). The sides take turns,
// round after round; a ratio is the median of the per-round ratios. Each side is timed on the
// wall clock and also counted in CPU seconds (the workers' own, start-up left out, plus Redis's
// from INFO cpu), which other jobs on a shared machine do not stretch.
// Target (docs/performance.md): the service keeps at least half the no-op consumer's rate.
//
//   node bench/city-service.mjs [--redis URL] [--people 20000] [--events 150000] [--workers 2]
//     [--rounds 3] [--partitions 4] [--ci]
//
// Without --redis it starts its own redis-server (Debian's) on a free port, without persistence.
// --ci exits 1 when the target is missed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultEngine } from 'health-code-rules';
import { startWorker, waitDrained } from '../examples/city-service/demo.mjs';
import { population } from '../examples/city-service/population.mjs';
import { clearService, createRedisTransport, keys } from '../examples/city-service/redis-transport.mjs';

const { values } = parseArgs({
  options: {
    redis: { type: 'string' },
    people: { type: 'string', default: '20000' },
    events: { type: 'string', default: '150000' },
    workers: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    partitions: { type: 'string', default: '4' },
    ci: { type: 'boolean', default: false },
  },
});
const NOW = '2020-03-20T12:00:00+08:00';
const TARGET = 0.5;
const partitions = Number(values.partitions);
const workerCount = Number(values.workers);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function ownServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hc-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await ended;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = values.redis ? { url: values.redis, stop: async () => {} } : await ownServer();
const { records } = population({ people: Number(values.people), events: Number(values.events), seed: 2020, now: NOW });
const transport = await createRedisTransport({ url: server.url, partitions });

/** One timed drain of the pre-loaded streams by `workerCount` processes; events per second. */
async function drainOnce(side) {
  const noop = side === 'service' ? false : side === 'noop' ? true : 'each';
  await clearService(transport.client);
  for (let i = 0; i < records.length; i += 2000) await transport.publish(records.slice(i, i + 2000));
  // The gate: the group starts at the end of the pre-loaded streams, so the workers see nothing
  // until every one of them holds its share of the partitions; then the group is moved back to
  // the start and the clock starts. Neither process start-up nor the lease hand-over is timed.
  for (let p = 0; p < partitions; p++) await transport.client.xGroupCreate(keys.input(p), transport.group, '$');
  const workers = Array.from({ length: workerCount }, (_, i) => startWorker({ url: server.url, name: `${side}${i + 1}`, now: NOW, partitions, minIdleMs: 5000, noop }));
  await Promise.all(workers.map((w) => w.ready));
  const share = Math.ceil(partitions / workerCount);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const owners = await Promise.all(Array.from({ length: partitions }, (_, p) => transport.client.get(keys.lease(p))));
    const held = new Map();
    for (const owner of owners) if (owner !== null) held.set(owner, (held.get(owner) ?? 0) + 1);
    if (held.size === Math.min(workerCount, partitions) && [...held.values()].every((n) => n <= share) && owners.every((o) => o !== null)) break;
  }
  const redisCpu = async () => {
    const info = await transport.client.info('cpu');
    const read = (name) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
    return read('used_cpu_user') + read('used_cpu_sys');
  };
  const redisBefore = await redisCpu();
  for (let p = 0; p < partitions; p++) await transport.client.xGroupSetId(keys.input(p), transport.group, '0');
  const started = performance.now();
  const drained = await waitDrained(transport, records.length, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const redisSeconds = (await redisCpu()) - redisBefore;
  for (const w of workers) w.child.kill('SIGTERM');
  const exits = await Promise.all(workers.map((w) => w.exit));
  // CPU seconds of the workers during the run (their start-up left out) and of Redis.
  let workerSeconds = 0;
  for (const [i, e] of exits.entries()) {
    const start = workers[i].readyCpu;
    if (!e.counts?.cpu || !start) throw new Error(`worker ${e.name} did not report its CPU time`);
    workerSeconds += (e.counts.cpu.user + e.counts.cpu.system - start.user - start.system) / 1e6;
  }
  if (!drained) throw new Error(`${side} did not drain the streams`);
  const stats = await transport.stats();
  if (!noop && (stats.applied ?? 0) + (stats.deadLettered ?? 0) !== records.length) throw new Error(`the service processed ${stats.applied} of ${records.length}`);
  return { rate: records.length / seconds, cpuRate: records.length / (workerSeconds + redisSeconds), workerSeconds, redisSeconds };
}

/**
 * The engine's own share: the same entries replayed in this process, each person's history
 * evaluated again at every event as the service's whole-history path does, without Redis.
 * CPU µs per entry.
 */
function engineCost() {
  const people = new Map();
  const started = process.cpuUsage();
  for (const record of records) {
    let body;
    try {
      body = JSON.parse(record.body);
    } catch {
      continue;
    }
    const person = people.get(record.subjectId) ?? { declaration: null, history: [] };
    people.set(record.subjectId, person);
    if (record.kind === 'declaration') person.declaration = body;
    else person.history.push(body);
    if (person.declaration) defaultEngine.safeEvaluate(person.declaration, person.history, NOW);
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / records.length;
}

const rounds = [];
for (let round = 0; round < Number(values.rounds); round++) {
  // Rotate which side goes first, so that none always runs on a warmer (or busier) machine.
  const sides = ['noop', 'service', 'noopEach'];
  const order = [...sides.slice(round % 3), ...sides.slice(0, round % 3)];
  const r = {};
  for (const side of order) r[side] = await drainOnce(side);
  const round3 = (x) => Math.round(x * 1000) / 1000;
  rounds.push({
    noop: Math.round(r.noop.rate),
    service: Math.round(r.service.rate),
    ratio: round3(r.service.rate / r.noop.rate),
    noopPerCpuSecond: Math.round(r.noop.cpuRate),
    servicePerCpuSecond: Math.round(r.service.cpuRate),
    cpuRatio: round3(r.service.cpuRate / r.noop.cpuRate),
    noopEach: Math.round(r.noopEach.rate),
    ratioEach: round3(r.service.rate / r.noopEach.rate),
    cpuRatioEach: round3(r.service.cpuRate / r.noopEach.cpuRate),
    serviceCpu: { workers: round3(r.service.workerSeconds), redis: round3(r.service.redisSeconds) },
    noopCpu: { workers: round3(r.noop.workerSeconds), redis: round3(r.noop.redisSeconds) },
  });
  process.stderr.write(`round ${round + 1}: ${JSON.stringify(rounds.at(-1))}\n`);
}
await transport.close();
await server.stop();
const engineMicros = median([engineCost(), engineCost(), engineCost()]);
const perEvent = (rate) => Math.round((1e6 / rate) * 10) / 10;

const result = {
  events: records.length,
  workers: workerCount,
  partitions,
  noopEventsPerSecond: median(rounds.map((r) => r.noop)),
  serviceEventsPerSecond: median(rounds.map((r) => r.service)),
  ratio: median(rounds.map((r) => r.ratio)),
  noopEventsPerCpuSecond: median(rounds.map((r) => r.noopPerCpuSecond)),
  serviceEventsPerCpuSecond: median(rounds.map((r) => r.servicePerCpuSecond)),
  cpuRatio: median(rounds.map((r) => r.cpuRatio)),
  noopEachEventsPerSecond: median(rounds.map((r) => r.noopEach)),
  ratioEach: median(rounds.map((r) => r.ratioEach)),
  cpuRatioEach: median(rounds.map((r) => r.cpuRatioEach)),
  target: TARGET,
  // CPU µs per entry (workers + Redis), and the engine's share of the service's measured alone.
  cpuMicrosPerEvent: {
    service: perEvent(median(rounds.map((r) => r.servicePerCpuSecond))),
    noop: perEvent(median(rounds.map((r) => r.noopPerCpuSecond))),
    engine: Math.round(engineMicros * 10) / 10,
  },
  rounds,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
if (values.ci && result.ratio < TARGET) {
  process.stderr.write(`the service keeps ${result.ratio} of the no-op consumer's rate, under the target ${TARGET}\n`);
  process.exitCode = 1;
}
