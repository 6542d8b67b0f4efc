#!/usr/bin/env node
// A worker of the city service: one consumer of the group, reading the partition streams it
// leases (its fair share; a person's entries are thus handled by one worker at a time). For each
// entry it loads the person's state, advances it (advance.mjs), and commits the new state, the
// summary, the colour change and the acknowledgement in one atomic step guarded by the event id. Entries another consumer left pending longer than the idle timeout are taken over
// (XAUTOCLAIM). SIGTERM stops it after the batch in hand; it then prints its counters as JSON.
//
//   node examples/city-service/worker.mjs --redis redis://127.0.0.1:6379 --name w1 --now INSTANT
//     [--partitions 4] [--min-idle-ms 5000] [--lease-ms 2000] [--batch 64] [--noop | --noop-each]
//
// --noop reads and acknowledges entries without evaluating anything (one XACK per partition and
// batch): the transport's own cost, the baseline of bench/city-service.mjs; --noop-each sends one
// XACK per entry instead.
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
 * @param {number} [options.cacheSize] - how many people the worker keeps in memory at their last version
 * @param {number} [options.leaseMs] - how long a partition stays leased to a worker that stopped renewing it
 * @param {boolean | 'each'} [options.noop] - acknowledge without evaluating (the transport baseline), per batch or each entry
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
  leaseMs = 2000,
  cacheSize = 100_000,
  noop = false,
  log = () => {},
}) {
  const counts = { read: 0, redelivered: 0, applied: 0, duplicates: 0, conflicts: 0, deadLettered: 0, errors: 0, paths: {}, partitions: [] };
  let stopping = false;
  // Without snapshots every step needs the history: fetch it with the state, in the same round trip.
  const prefetchHistory = typeof engine.resume !== 'function';

  // The people this worker handled last, at the version it committed: a worker that leases a
  // partition sees the same people again, and the state it wrote need not travel back. Only a
  // version equal to Redis's own is ever used (loadMany), so a stale entry costs a read, never a
  // wrong answer.
  const cache = new Map();
  const remember = (subjectId, state) => {
    cache.delete(subjectId);
    cache.set(subjectId, { version: state.version, declaration: state.declaration, snapshot: state.snapshot, colour: state.colour, history: state.history });
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value);
  };

  async function deadLetter(entry, issues) {
    counts.deadLettered++;
    await transport.deadLetter(entry, issues);
  }

  /**
   * One batch: every person's state in one read, their entries advanced in memory in the order
   * of their stream, every result committed in one atomic script call. The entries refused with
   * 'conflict' (another worker moved the person in between) go round again from a fresh read.
   */
  async function processBatch(entries) {
    if (noop === 'each') {
      // An acknowledgement per entry, as a consumer that handles entries one by one sends them
      // (pipelined on the connection, not waited for one by one).
      await Promise.all(entries.map((entry) => transport.ack(entry)));
      counts.applied += entries.length;
      return;
    }
    if (noop) {
      await transport.ackMany(entries);
      counts.applied += entries.length;
      return;
    }
    let work = new Map();
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      if (parsed.issues) await deadLetter(entry, parsed.issues);
      // Whatever this entry does to the workers that take it, it stops here.
      else if (entry.deliveries > maxDeliveries) await deadLetter(entry, [{ path: [], code: 'max_deliveries', message: `delivered ${entry.deliveries} times` }]);
      else {
        const list = work.get(entry.subjectId);
        if (list) list.push({ entry, ...parsed });
        else work.set(entry.subjectId, [{ entry, ...parsed }]);
      }
    }
    for (let attempt = 0; work.size > 0; attempt++) {
      if (attempt > 50) throw new Error(`too many conflicts on ${[...work.keys()].slice(0, 3).join(', ')}`);
      const subjects = [...work.keys()];
      const states = await transport.loadMany(
        subjects.map((subjectId) => ({ subjectId, guards: work.get(subjectId).map((w) => w.guard) })),
        { history: prefetchHistory, cache },
      );
      const items = [];
      for (const [i, subjectId] of subjects.entries()) {
        const state = states[i];
        // Events of this batch not committed yet, for a history read from Redis (the resume path).
        const added = [];
        const loadHistory = async () => [...(await transport.history(subjectId)), ...added];
        for (const { entry, change, guard } of work.get(subjectId)) {
          const commit = { guard, expectedVersion: state.version, path: 'duplicate', hadSnapshot: state.snapshot !== null };
          if (!state.seen.has(guard)) {
            const next = await advance(engine, state, change, now, loadHistory);
            if (!next.ok) {
              await deadLetter(entry, next.issues);
              continue;
            }
            commit.path = next.path;
            // Stored as received, byte for byte (the audit trail keeps what the producer sent).
            if (change.declaration) commit.declarationJson = entry.body;
            if (change.event) commit.eventJson = entry.body;
            commit.snapshot = next.snapshot;
            if (next.assessment) {
              commit.summary = summaryOf(next.assessment);
              if (commit.summary.colour !== state.colour) {
                commit.colourChange = { from: state.colour ?? 'none', since: next.assessment.since ?? '', rules: commit.summary.rules };
              }
            }
            // The person as this commit leaves them: the next entry of theirs builds on it.
            state.version = String(Number(state.version) + 1);
            if (change.declaration) state.declaration = change.declaration;
            if (change.event && state.history) state.history = [...state.history, change.event];
            else if (change.event) added.push(change.event);
            state.snapshot = next.snapshot;
            if (commit.summary) state.colour = commit.summary.colour;
            state.seen.add(guard);
          }
          items.push({ entry, change: commit, subjectId, work: { entry, change, guard } });
        }
      }
      const results = await transport.commitMany(items);
      // What this worker now knows of each person (their version in Redis is the one it wrote):
      // the next batch reads only the version; a conflict forgets the person.
      for (const [i, subjectId] of subjects.entries()) remember(subjectId, states[i]);
      const again = new Map();
      results.forEach((result, i) => {
        const item = items[i];
        if (result === 'conflict') {
          counts.conflicts++;
          cache.delete(item.subjectId);
          const list = again.get(item.subjectId);
          if (list) list.push(item.work);
          else again.set(item.subjectId, [item.work]);
        } else if (result === 'duplicate') {
          counts.duplicates++;
          // Applied by another worker in the meantime: what this one computed is not what is stored.
          if (item.change.path !== 'duplicate') cache.delete(item.subjectId);
        }
        else {
          counts.applied++;
          counts.paths[item.change.path] = (counts.paths[item.change.path] ?? 0) + 1;
        }
      });
      work = again;
    }
  }

  const done = (async () => {
    let lastReclaim = 0;
    let lastLease = 0;
    let owned = [];
    // The next batch is read while this one is evaluated and committed (the reader has its own
    // connection), so that the worker does not sit idle for a round trip between batches.
    let prefetch = null;
    const readAhead = () => {
      prefetch = transport.poll(name, { count: batch, blockMs, partitions: owned }).catch((error) => {
        counts.errors++;
        log(`${name}: ${error.message}`);
        return [];
      });
    };
    while (!stopping || prefetch) {
      try {
        if (Date.now() - lastLease >= leaseMs / 4) {
          owned = await transport.lease(name, leaseMs);
          lastLease = Date.now();
          counts.partitions = owned;
        }
        if (owned.length === 0 && !prefetch) {
          // More workers than partitions: this one waits for a partition to become free.
          await sleep(blockMs);
          continue;
        }
        let entries = [];
        if (!stopping && owned.length > 0 && Date.now() - lastReclaim >= Math.min(1000, minIdleMs)) {
          lastReclaim = Date.now();
          entries = await transport.reclaim(name, { minIdleMs, count: batch, partitions: owned });
          counts.redelivered += entries.length;
        }
        if (entries.length === 0 && prefetch) {
          entries = await prefetch;
          prefetch = null;
        }
        if (entries.length === 0 && !stopping && owned.length > 0) entries = await transport.poll(name, { count: batch, blockMs, partitions: owned });
        counts.read += entries.length;
        // A stopping worker reads nothing more; what it has read it still commits, so that it
        // leaves nothing pending behind it.
        if (entries.length > 0 && !stopping && owned.length > 0 && !prefetch) readAhead();
        // An error leaves the batch's unacknowledged entries pending: after the idle timeout they
        // are taken over (by this worker or another).
        if (entries.length > 0) await processBatch(entries);
      } catch (error) {
        // Redis restarting or unreachable: the clients reconnect by themselves; wait and go on.
        counts.errors++;
        log(`${name}: ${error.message}`);
        await sleep(100);
        lastLease = 0;
      }
    }
    try {
      await transport.release(name);
    } catch {
      // Unreachable: the leases lapse by themselves.
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
      'lease-ms': { type: 'string', default: '2000' },
      batch: { type: 'string', default: '64' },
      noop: { type: 'boolean', default: false },
      'noop-each': { type: 'boolean', default: false },
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
    leaseMs: Number(values['lease-ms']),
    noop: values['noop-each'] ? 'each' : values.noop,
    log,
  });
  const stop = () => void worker.stop();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent process knows the worker is reading once this line is out.
  // (with the CPU time used so far, so that a benchmark can tell the run from the start-up).
  process.stdout.write(`${JSON.stringify({ ready: values.name, cpu: process.cpuUsage() })}\n`);
  const counts = await worker.done;
  await transport.close();
  process.stdout.write(`${JSON.stringify({ worker: values.name, ...counts, cpu: process.cpuUsage() })}\n`);
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (isMain) await main();
