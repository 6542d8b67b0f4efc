#!/usr/bin/env node
// A worker of the city service: one consumer of the group, reading every partition stream. For
// each entry it loads the person's state, advances it (advance.mjs), and commits the new state,
// the summary, the colour change and the acknowledgement in one atomic step guarded by the event
// id. Entries another consumer left pending longer than the idle timeout are taken over
// (XAUTOCLAIM). SIGTERM stops it after the batch in hand; it then prints its counters as JSON.
//
//   node examples/city-service/worker.mjs --redis redis://127.0.0.1:6379 --name w1 --now INSTANT
//     [--partitions 4] [--min-idle-ms 5000] [--batch 64] [--noop]
//
// --noop reads and acknowledges entries without evaluating anything: the transport's own cost,
// the baseline of bench/city-service.mjs.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultEngine } from 'health-code-rules';
import { advance, summaryOf } from './advance.mjs';
import { createRedisTransport } from './redis-transport.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What an entry asks: a declaration, an event, or nothing readable (a poison entry). */
function parseEntry(entry) {
  let body;
  try {
    body = JSON.parse(entry.body);
  } catch (error) {
    return { issues: [{ path: ['body'], code: 'invalid_json', message: error.message }] };
  }
  if (entry.kind === 'declaration') {
    if (body === null || typeof body !== 'object' || typeof body.id !== 'string') {
      return { issues: [{ path: ['declaration', 'id'], code: 'invalid_type', message: 'a declaration needs a string id' }] };
    }
    return { change: { declaration: body }, guard: `d:${body.id}` };
  }
  if (entry.kind === 'event') {
    if (body === null || typeof body !== 'object' || typeof body.id !== 'string') {
      return { issues: [{ path: ['event', 'id'], code: 'invalid_type', message: 'an event needs a string id' }] };
    }
    return { change: { event: body }, guard: `e:${body.id}` };
  }
  return { issues: [{ path: ['kind'], code: 'unknown_entry_kind', message: `unknown entry kind ${JSON.stringify(entry.kind)}` }] };
}

/**
 * Runs one worker until `stop()`; resolves `done` with its counters.
 *
 * @param {object} options
 * @param {Awaited<ReturnType<typeof createRedisTransport>>} options.transport
 * @param {import('health-code-rules').Engine} [options.engine]
 * @param {string} options.name - the consumer name, unique in the group
 * @param {string} options.now - the evaluation instant (a real service passes the clock)
 * @param {number} [options.batch] - entries per partition per read
 * @param {number} [options.minIdleMs] - idle time after which another consumer's pending entry is taken over
 * @param {number} [options.maxDeliveries] - deliveries after which an entry is dead-lettered
 * @param {boolean} [options.noop] - acknowledge without evaluating (the transport baseline)
 * @param {(line: string) => void} [options.log]
 */
export function runWorker({
  transport,
  engine = defaultEngine,
  name,
  now,
  batch = 64,
  blockMs = 200,
  minIdleMs = 5000,
  maxDeliveries = 5,
  noop = false,
  log = () => {},
}) {
  const counts = { read: 0, redelivered: 0, applied: 0, duplicates: 0, conflicts: 0, deadLettered: 0, errors: 0, paths: {} };
  let stopping = false;
  // Without snapshots every step needs the history: fetch it with the state, in the same round trip.
  const prefetchHistory = typeof engine.resume !== 'function';

  async function processEntry(entry) {
    if (noop) {
      await transport.ack(entry);
      counts.applied++;
      return;
    }
    const parsed = parseEntry(entry);
    if (parsed.issues) {
      counts.deadLettered++;
      await transport.deadLetter(entry, parsed.issues);
      return;
    }
    if (entry.deliveries > maxDeliveries) {
      // Whatever this entry does to the workers that take it, it stops here.
      counts.deadLettered++;
      await transport.deadLetter(entry, [{ path: [], code: 'max_deliveries', message: `delivered ${entry.deliveries} times` }]);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      const stored = await transport.load(entry.subjectId, parsed.guard, { history: prefetchHistory });
      const commit = { guard: parsed.guard, expectedVersion: stored.version, path: 'duplicate' };
      if (!stored.seen) {
        const next = await advance(engine, stored, parsed.change, now, () => transport.history(entry.subjectId));
        if (!next.ok) {
          counts.deadLettered++;
          await transport.deadLetter(entry, next.issues);
          return;
        }
        commit.path = next.path;
        if (parsed.change.declaration) commit.declaration = parsed.change.declaration;
        if (parsed.change.event) commit.event = parsed.change.event;
        commit.snapshot = next.snapshot;
        if (next.assessment) {
          commit.summary = summaryOf(next.assessment);
          if (commit.summary.colour !== stored.colour) {
            commit.colourChange = { from: stored.colour ?? 'none', since: next.assessment.since ?? '', rules: commit.summary.rules };
          }
        }
      }
      const result = await transport.commit(entry, commit);
      if (result === 'conflict') {
        // Another worker changed this person between the read and the commit: read it again.
        counts.conflicts++;
        if (attempt > 50) throw new Error(`entry ${entry.stream}/${entry.id}: too many conflicts`);
        continue;
      }
      if (result === 'duplicate') counts.duplicates++;
      else {
        counts.applied++;
        counts.paths[commit.path] = (counts.paths[commit.path] ?? 0) + 1;
      }
      return;
    }
  }

  // One person's entries in their order; different people at once (their commands share the
  // connection's pipeline, which is where the throughput comes from).
  async function processBatch(entries) {
    const bySubject = new Map();
    for (const entry of entries) {
      const list = bySubject.get(entry.subjectId);
      if (list) list.push(entry);
      else bySubject.set(entry.subjectId, [entry]);
    }
    await Promise.all(
      [...bySubject.values()].map(async (list) => {
        for (const entry of list) {
          try {
            await processEntry(entry);
          } catch (error) {
            // Left pending: after the idle timeout it is taken over (by this worker or another).
            counts.errors++;
            log(`${name}: ${entry.stream}/${entry.id}: ${error.message}`);
          }
        }
      }),
    );
  }

  const done = (async () => {
    let lastReclaim = 0;
    while (!stopping) {
      try {
        let entries = [];
        if (Date.now() - lastReclaim >= Math.min(1000, minIdleMs)) {
          lastReclaim = Date.now();
          entries = await transport.reclaim(name, { minIdleMs, count: batch });
          counts.redelivered += entries.length;
        }
        if (entries.length === 0) entries = await transport.poll(name, { count: batch, blockMs });
        counts.read += entries.length;
        if (entries.length > 0) await processBatch(entries);
      } catch (error) {
        // Redis restarting or unreachable: the clients reconnect by themselves; wait and go on.
        counts.errors++;
        log(`${name}: ${error.message}`);
        await sleep(100);
      }
    }
    return counts;
  })();

  return {
    counts,
    done,
    stop() {
      stopping = true;
      return done;
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      name: { type: 'string', default: `worker-${process.pid}` },
      now: { type: 'string' },
      partitions: { type: 'string', default: '4' },
      'min-idle-ms': { type: 'string', default: '5000' },
      batch: { type: 'string', default: '64' },
      noop: { type: 'boolean', default: false },
    },
  });
  const now = values.now ?? new Date().toISOString();
  const log = (line) => process.stderr.write(`${line}\n`);
  const transport = await createRedisTransport({ url: values.redis, partitions: Number(values.partitions), onError: () => {} });
  await transport.setup();
  const worker = runWorker({
    transport,
    name: values.name,
    now,
    batch: Number(values.batch),
    minIdleMs: Number(values['min-idle-ms']),
    noop: values.noop,
    log,
  });
  const stop = () => void worker.stop();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent process knows the worker is reading once this line is out.
  process.stdout.write(`${JSON.stringify({ ready: values.name })}\n`);
  const counts = await worker.done;
  await transport.close();
  process.stdout.write(`${JSON.stringify({ worker: values.name, ...counts })}\n`);
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (isMain) await main();
