#!/usr/bin/env node
// The city service end to end on one machine: a seeded population streamed into the partition
// streams while W worker processes consume them; with --kill-one the worker holding the most
// partitions is SIGKILLed mid-run and a replacement started. Waits until every stream is drained and nothing is pending, checks
// every person's summary against `evaluate` of their whole history, and prints one JSON line.
//
//   node examples/city-service/demo.mjs --redis redis://127.0.0.1:PORT --people 3000 --events 20000 \
//     --workers 3 --kill-one --now 2020-03-20T12:00:00+08:00 --seed 2020 [--dump DIR]
//     [--partitions 4] [--min-idle-ms 2000] [--timeout-s 600]
//
// It deletes the service's own keys (hc:*) first, and nothing else.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultEngine } from 'health-code-rules';
import { population } from './population.mjs';
import { clearService, createRedisTransport, keys } from './redis-transport.mjs';
import { verify } from './verify.mjs';

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a worker process and resolves once it reads; `exit` resolves with its counters (null
 * when it was killed).
 */
export function startWorker({ url, name, now, partitions, minIdleMs, leaseMs = 2000, noop = false, batch = 64 }) {
  const args = [WORKER, '--redis', url, '--name', name, '--now', now, '--partitions', String(partitions)];
  args.push('--min-idle-ms', String(minIdleMs), '--lease-ms', String(leaseMs), '--batch', String(batch));
  if (noop === 'each') args.push('--noop-each');
  else if (noop) args.push('--noop');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  const handle = { name, child, ready, exit: null, readyCpu: null };
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (handle.readyCpu === null && out.includes('"ready"')) {
      handle.readyCpu = JSON.parse(out.split('\n')[0]).cpu ?? null;
      markReady();
    }
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  handle.exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      markReady();
      const last = out.trim().split('\n').at(-1) ?? '';
      let counts = null;
      try {
        const parsed = JSON.parse(last);
        if (parsed.worker) counts = parsed;
      } catch {
        counts = null;
      }
      resolve({ name, code, signal, counts, stderr: err });
    });
  });
  return handle;
}

/**
 * Waits until every entry was read and acknowledged, or `timeoutMs` passes.
 * @returns {Promise<boolean>} whether the streams are drained
 */
export async function waitDrained(transport, expected, timeoutMs, onTick = async () => {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await onTick();
    try {
      const backlog = await transport.backlog();
      if (backlog.length >= expected && backlog.pending === 0 && backlog.lag === 0) return true;
    } catch {
      // Redis restarting: ask again.
    }
    await sleep(25);
  }
  return false;
}

async function main() {
  const { values } = parseArgs({
    options: {
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      people: { type: 'string', default: '3000' },
      events: { type: 'string', default: '20000' },
      workers: { type: 'string', default: '3' },
      'kill-one': { type: 'boolean', default: false },
      now: { type: 'string', default: '2020-03-20T12:00:00+08:00' },
      seed: { type: 'string', default: '2020' },
      dump: { type: 'string' },
      partitions: { type: 'string', default: '4' },
      'min-idle-ms': { type: 'string', default: '2000' },
      'timeout-s': { type: 'string', default: '600' },
    },
  });
  const url = values.redis;
  const now = values.now;
  const partitions = Number(values.partitions);
  const minIdleMs = Number(values['min-idle-ms']);
  const workerCount = Number(values.workers);
  const { cases, raw, records } = population({ people: Number(values.people), events: Number(values.events), seed: Number(values.seed), now });
  if (values.dump) {
    mkdirSync(values.dump, { recursive: true });
    writeFileSync(join(values.dump, 'cases.ndjson'), [...cases.map((c) => JSON.stringify(c)), ...raw].map((l) => `${l}\n`).join(''));
  }

  const transport = await createRedisTransport({ url, partitions });
  await clearService(transport.client);
  await transport.setup();
  let serial = 0;
  const spawnOne = () => startWorker({ url, name: `w${++serial}`, now, partitions, minIdleMs });
  const workers = Array.from({ length: workerCount }, spawnOne);
  await Promise.all(workers.map((w) => w.ready));

  const started = performance.now();
  let killed = null;
  let pendingAtKill = 0;
  const ingest = (async () => {
    for (let i = 0; i < records.length; i += 1000) await transport.publish(records.slice(i, i + 1000));
  })();
  const drained = await waitDrained(transport, records.length, Number(values['timeout-s']) * 1000, async () => {
    if (!values['kill-one'] || killed) return;
    const stats = await transport.stats();
    if ((stats.applied ?? 0) >= records.length * 0.3) {
      // Mid-run, without warning: whatever it had read and not committed stays pending, to be
      // taken over by the others after the idle timeout.
      // The worker that holds the most partitions, so that the kill takes work away.
      const owners = await Promise.all(Array.from({ length: partitions }, (_, p) => transport.client.get(keys.lease(p))));
      const held = (w) => owners.filter((o) => o === w.name).length;
      killed = workers.reduce((most, w) => (held(w) > held(most) ? w : most), workers[0]);
      killed.child.kill('SIGKILL');
      await killed.exit;
      pendingAtKill = await transport.pendingOf(killed.name);
      const replacement = spawnOne();
      workers.push(replacement);
      await replacement.ready;
    }
  });
  await ingest;
  const seconds = (performance.now() - started) / 1000;

  for (const w of workers) if (w !== killed) w.child.kill('SIGTERM');
  const exits = await Promise.all(workers.map((w) => w.exit));
  const stats = await transport.stats();
  const backlog = await transport.backlog();
  const checked = await verify({ transport, engine: defaultEngine, cases, records, now });
  if (values.dump) writeFileSync(join(values.dump, 'summaries.ndjson'), checked.summaries.map((s) => `${JSON.stringify(s)}\n`).join(''));
  await transport.close();

  const paths = {};
  for (const [key, value] of Object.entries(stats)) if (key.startsWith('path:')) paths[key.slice(5)] = value;
  const line = {
    eventsIn: records.length,
    processed: (stats.applied ?? 0) + (stats.deadLettered ?? 0),
    applied: stats.applied ?? 0,
    redelivered: stats.redelivered ?? 0,
    duplicatesSkipped: stats.duplicates ?? 0,
    colourChanges: stats.colourChanges ?? 0,
    deadLettered: stats.deadLettered ?? 0,
    mismatches: checked.mismatches,
    lost: checked.lost,
    appliedTwice: checked.appliedTwice,
    pending: backlog.pending,
    drained,
    eventsPerSecond: Math.round(records.length / seconds),
    seconds: Math.round(seconds * 100) / 100,
    people: cases.length + raw.length,
    workers: workerCount,
    killed: killed ? killed.name : null,
    pendingAtKill,
    paths,
    workerExits: exits.map((e) => ({ name: e.name, signal: e.signal, code: e.code })),
  };
  if (checked.examples.length > 0) line.mismatchExamples = checked.examples;
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.exitCode = line.mismatches === 0 && line.lost === 0 && line.appliedTwice === 0 && drained ? 0 : 1;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1]);
if (isMain) await main();
