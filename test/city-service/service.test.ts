// The reference city service (examples/city-service, docs/service.md) against a real redis-server:
// at-least-once delivery from the consumer group, effectively-once results from the commit script
// guarded by the event id, crash recovery by XAUTOCLAIM, poison entries dead-lettered, a Redis
// restart survived, and every final summary equal to `evaluate` of the person's whole history.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultEngine, evaluate, safeEvaluate } from 'health-code-rules';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { summaryOf } from '../../examples/city-service/advance.mjs';
import { startWorker, waitDrained } from '../../examples/city-service/demo.mjs';
import { population } from '../../examples/city-service/population.mjs';
import { assessmentFor, checkFor, summaryFor } from '../../examples/city-service/query.mjs';
import { clearService, createRedisTransport, keys, type Transport } from '../../examples/city-service/redis-transport.mjs';
import { verify } from '../../examples/city-service/verify.mjs';
import { runWorker } from '../../examples/city-service/worker.mjs';
import { hasRedisServer, startRedisServer, type RedisServer } from './redis-server.js';
import { withSnapshots, withoutSnapshots } from './snapshot-engine.js';

const DEMO = fileURLToPath(new URL('../../examples/city-service/demo.mjs', import.meta.url));
const NOW = '2020-03-20T12:00:00+08:00';

if (!hasRedisServer) {
  console.warn('test/city-service/service.test.ts: SKIPPED, redis-server is not installed (apt-get install -y redis-server; .ci/run installs it)');
}

const declaration = (subjectId: string, extra: Record<string, unknown> = {}) => ({
  id: `app-${subjectId}`,
  subjectId,
  submittedAt: '2020-03-01T10:00:00+08:00',
  category: 'resident',
  channel: 'self',
  attestation: true,
  ...extra,
});
const approved = { id: 'ok', at: '2020-03-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' };
const declared = (d: object) => ({ subjectId: (d as { subjectId: string }).subjectId, kind: 'declaration', body: JSON.stringify(d) });
const happened = (subjectId: string, e: object) => ({ subjectId, kind: 'event', body: JSON.stringify(e) });

/** Runs one in-process worker until every entry so far is acknowledged, then stops it. */
async function drain(transport: Transport, url: string, options: Partial<Parameters<typeof runWorker>[0]> = {}) {
  const own = await createRedisTransport({ url, partitions: transport.partitions });
  const worker = runWorker({ transport: own, name: options.name ?? 'in-process', now: NOW, minIdleMs: 1000, ...options });
  const { length } = await transport.backlog();
  const drained = await waitDrained(transport, length, 20_000);
  const counts = await worker.stop();
  await own.close();
  expect(drained).toBe(true);
  return counts;
}

function runDemo(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DEMO, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!hasRedisServer)('city service on a real redis-server', () => {
  let server: RedisServer;
  let transport: Transport;
  let dump: string;

  beforeAll(async () => {
    server = await startRedisServer();
    transport = await createRedisTransport({ url: server.url, partitions: 4 });
    dump = mkdtempSync(join(tmpdir(), 'hc-city-'));
  });
  afterAll(async () => {
    await transport?.close();
    await server?.dispose();
    if (dump) rmSync(dump, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await clearService(transport.client);
    await transport.setup();
  });

  it('the demo: 3 workers, 20,000 events, one SIGKILLed mid-run: nothing pending, lost or applied twice; every summary = evaluate at --now', async () => {
    const args = ['--redis', server.url, '--people', '3000', '--events', '20000', '--workers', '3', '--kill-one'];
    args.push('--now', NOW, '--seed', '7', '--dump', dump, '--min-idle-ms', '1000');
    const run = await runDemo(args, 150_000);
    expect(run.stderr).toBe('');
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ eventsIn: 20_000, processed: 20_000, mismatches: 0, lost: 0, appliedTwice: 0, pending: 0, drained: true });
    expect(run.code).toBe(0);
    expect(line.workerExits.find((w: { name: string }) => w.name === line.killed).signal).toBe('SIGKILL');
    // The killed worker held entries it had read and not committed (its batch in hand and the
    // one read ahead): all of them were taken over by the others (XAUTOCLAIM).
    expect(line.pendingAtKill).toBeGreaterThan(0);
    expect(line.redelivered).toBeGreaterThanOrEqual(line.pendingAtKill);
    // The others stopped on SIGTERM after their batch in hand, and gave their partitions back.
    const graceful = line.workerExits.filter((w: { name: string }) => w.name !== line.killed);
    expect(graceful.map((w: { code: number | null }) => w.code)).toEqual([0, 0, 0]);
    for (let p = 0; p < 4; p++) expect(await transport.client.get(keys.lease(p))).toBeNull();
    expect(line.applied + line.deadLettered).toBe(20_000);

    // Independently of the demo's own check: the dumped cases evaluated here, against the
    // summaries the service stored in Redis.
    const cases = readFileSync(join(dump, 'cases.ndjson'), 'utf8').trim().split('\n');
    expect(cases).toHaveLength(3000);
    let compared = 0;
    for (const text of cases) {
      let parsed: { declaration: { subjectId: string }; history: unknown[] };
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      const result = safeEvaluate(parsed.declaration, parsed.history, NOW);
      const stored = await transport.summary(String(parsed.declaration.subjectId));
      expect(stored).toEqual(result.success ? summaryOf(result.data) : null);
      compared++;
    }
    expect(compared).toBeGreaterThan(2990);
    const summaries = readFileSync(join(dump, 'summaries.ndjson'), 'utf8').trim().split('\n');
    expect(summaries).toHaveLength(compared);
    // The consumer group itself: nothing pending, nothing unread, on every partition.
    for (let p = 0; p < 4; p++) {
      const [group] = await transport.client.xInfoGroups(keys.input(p));
      expect(group).toMatchObject({ pending: 0, lag: 0 });
    }
    expect(await transport.client.xLen(keys.out)).toBe(line.colourChanges);
  }, 170_000);

  it('redelivery of an already-applied entry changes nothing: the second commit only acknowledges', async () => {
    const d = declaration('s-redeliver');
    await transport.publish([declared(d)]);
    // Consumer "slow" reads the entry and computes its change, then stalls past the idle timeout.
    const [entry] = await transport.poll('slow', { count: 10, blockMs: 100 });
    expect(entry).toBeDefined();
    const stored = await transport.load('s-redeliver', `d:${d.id}`);
    // Consumer "fast" takes it over and applies it.
    const claimed = await transport.reclaim('fast', { minIdleMs: 0 });
    expect(claimed.map((e) => e.id)).toEqual([entry!.id]);
    expect(claimed[0]!.redelivered).toBe(true);
    const summary = summaryOf(evaluate(d as any, [], NOW));
    const change = { guard: `d:${d.id}`, expectedVersion: stored.version, path: 'full', declaration: d, summary, colourChange: { from: 'none', since: NOW, rules: [] } };
    expect(await transport.commit(claimed[0]!, change)).toBe('applied');
    const before = { person: await transport.client.hGetAll(keys.person('s-redeliver')), out: await transport.client.xLen(keys.out) };
    // "slow" wakes up and commits the same entry: nothing changes.
    expect(await transport.commit(entry!, change)).toBe('duplicate');
    expect(await transport.client.hGetAll(keys.person('s-redeliver'))).toEqual(before.person);
    expect(await transport.client.xLen(keys.out)).toBe(before.out);
    // The same event appended again (a client that retried its upload) is skipped by a worker too.
    await transport.publish([happened('s-redeliver', approved), happened('s-redeliver', approved)]);
    const counts = await drain(transport, server.url);
    expect(counts.applied).toBe(1);
    expect(counts.duplicates).toBe(1);
    expect(await transport.history('s-redeliver')).toEqual([approved]);
    expect(await transport.stats()).toMatchObject({ applied: 2, duplicates: 2 });
    expect((await transport.backlog()).pending).toBe(0);
  });

  it('two workers on one person: the commit computed on a stale version is refused (conflict) and redone on the fresh state', async () => {
    const d = declaration('s-race', { submittedAt: '2020-03-10T10:00:00+08:00' });
    const ok = { ...approved, at: '2020-03-10T11:00:00+08:00' };
    const fever = { id: 'f1', at: '2020-03-12T08:00:00+08:00', kind: 'temperature', celsius: 37.8, venue: 'public-place' };
    const cough = { id: 's1', at: '2020-03-14T08:00:00+08:00', kind: 'symptoms', symptoms: ['fever'], source: 'self' };
    await transport.publish([declared(d), happened('s-race', ok)]);
    await drain(transport, server.url);
    await transport.publish([happened('s-race', fever), happened('s-race', cough)]);
    const [first, second] = await transport.poll('A', { count: 10, blockMs: 100 });
    // A reads the person to apply the fever reading...
    const seenByA = await transport.load('s-race', 'e:f1');
    // ... while B (having taken over the second entry) applies the symptoms report first.
    const byB = summaryOf(evaluate(d as any, [ok, cough] as any, NOW));
    expect(await transport.commit(second!, { guard: 'e:s1', expectedVersion: seenByA.version, path: 'full', event: cough, summary: byB })).toBe('applied');
    const staleA = summaryOf(evaluate(d as any, [ok, fever] as any, NOW));
    expect(await transport.commit(first!, { guard: 'e:f1', expectedVersion: seenByA.version, path: 'full', event: fever, summary: staleA })).toBe('conflict');
    expect(await transport.history('s-race')).toEqual([ok, cough]);
    // A's entry stays pending; taken over, it is applied on top of B's change.
    const counts = await drain(transport, server.url, { minIdleMs: 0 });
    expect(counts.applied).toBe(1);
    expect(await transport.history('s-race')).toEqual([ok, cough, fever]);
    const whole = summaryOf(evaluate(d as any, [ok, cough, fever] as any, NOW));
    expect(await transport.summary('s-race')).toEqual(whole);
    // GY: the same symptom (fever) twice while green (RULES GY), which neither worker saw alone.
    expect(whole.rules).toContain('GY');
    expect(staleA.rules).not.toContain('GY');
  });

  it('an out-of-order event takes the whole-history path; the summary is evaluate of the whole history', async () => {
    const d = declaration('s-late', { symptoms: ['fatigue'], submittedAt: '2020-03-10T10:00:00+08:00' });
    const ok = { ...approved, at: '2020-03-10T11:00:00+08:00' };
    const early = { id: 'dr1', at: '2020-03-12T08:00:00+08:00', kind: 'daily-report', symptoms: ['dry-cough'] };
    const later = { id: 't1', at: '2020-03-15T08:00:00+08:00', kind: 'temperature', celsius: 36.6, venue: 'public-place' };
    const engine = withSnapshots(defaultEngine);
    await transport.publish([declared(d), happened('s-late', ok), happened('s-late', later)]);
    let counts = await drain(transport, server.url, { engine });
    expect(counts.paths).toEqual({ full: 1, resume: 2 });
    // The dry-cough report of 03-12 arrives after the reading of 03-15: before the snapshot.
    await transport.publish([happened('s-late', early)]);
    counts = await drain(transport, server.url, { engine });
    expect(counts.paths).toEqual({ fallback: 1 });
    const whole = [ok, later, early];
    const expected = summaryOf(evaluate(d as any, whole as any, NOW));
    expect(await transport.summary('s-late')).toEqual(expected);
    expect(await transport.history('s-late')).toEqual(whole);
    // Y1 counted again from the dry cough of 03-12 (RULES Y1 reset), not from the declaration of 03-10.
    expect(expected).toMatchObject({ colour: 'yellow', rules: ['Y1'], releaseAt: '2020-03-27T00:00:00+08:00' });
    // And with the engine's own snapshots (Engine.resume), and without any: the same summary.
    await clearService(transport.client);
    await transport.setup();
    await transport.publish([declared(d), happened('s-late', ok), happened('s-late', later), happened('s-late', early)]);
    counts = await drain(transport, server.url, { engine: defaultEngine });
    expect(counts.paths).toEqual({ full: 1, resume: 2, fallback: 1 });
    expect(await transport.summary('s-late')).toEqual(expected);
    await clearService(transport.client);
    await transport.setup();
    await transport.publish([declared(d), happened('s-late', ok), happened('s-late', later), happened('s-late', early)]);
    counts = await drain(transport, server.url, { engine: withoutSnapshots(defaultEngine) });
    expect(counts.paths).toEqual({ full: 4 });
    expect(await transport.summary('s-late')).toEqual(expected);
  });

  it('poison entries (invalid JSON, invalid input, an entry that keeps failing) are dead-lettered with their issues and acknowledged', async () => {
    const d = declaration('s-poison');
    await transport.publish([
      declared(d),
      { subjectId: 's-poison', kind: 'event', body: '{"id":"t1","at":' },
      happened('s-poison', { id: 't2', at: '2020-03-02T08:00:00+08:00', kind: 'teleport' }),
      happened('s-poison', { id: 't3', at: '2020-03-02T09:00:00+08:00', kind: 'temperature', celsius: 36.5, venue: 'public-place' }),
    ]);
    // A fifth entry that a consumer takes and never finishes, over and over (a worker it crashes).
    await transport.publish([happened('s-poison', { id: 't4', at: '2020-03-02T10:00:00+08:00', kind: 'temperature', celsius: 36.4, venue: 'residential' })]);
    const taken = await transport.poll('doomed', { count: 100, blockMs: 100 });
    const t4 = taken.find((e) => e.body.includes('"t4"'))!;
    for (let i = 0; i < 5; i++) await transport.client.xClaim(t4.stream, transport.group, 'doomed', 0, t4.id);
    // Only t4 stays with "doomed"; the others go back by being claimed by the worker at once.
    for (const e of taken) if (e.id !== t4.id) await transport.client.xClaim(e.stream, transport.group, 'other', 0, e.id);
    await drain(transport, server.url, { minIdleMs: 0, maxDeliveries: 5 });
    const dead = (await transport.client.xRange(keys.dead, '-', '+')) ?? [];
    const issues: Record<string, { code: string }[]> = Object.fromEntries(dead.map(({ message }) => [message.body, JSON.parse(message.issues!)]));
    expect(dead).toHaveLength(3);
    expect(issues['{"id":"t1","at":']?.[0]?.code).toBe('invalid_json');
    const teleport = Object.entries(issues).find(([body]) => body.includes('teleport'))![1];
    expect(teleport.map((i) => i.code)).toContain('unknown_event_kind');
    const doomed = Object.entries(issues).find(([body]) => body.includes('"t4"'))![1];
    expect(doomed[0]?.code).toBe('max_deliveries');
    // Acknowledged, never retried: nothing pending, and the valid event alone is in the history.
    expect((await transport.backlog()).pending).toBe(0);
    expect((await transport.history('s-poison')).map((e) => e.id)).toEqual(['t3']);
    expect(await transport.stats()).toMatchObject({ deadLettered: 3, applied: 2 });
  });

  it('query: the stored summary, the assessment at a later instant, and check from it (RULES §6 trusted back-end path)', async () => {
    const red = declaration('s-red', { closeContactOfCase: true, submittedAt: '2020-03-15T10:00:00+08:00' });
    const redOk = { ...approved, at: '2020-03-15T11:00:00+08:00' };
    const green = declaration('s-green');
    await transport.publish([declared(red), happened('s-red', redOk), declared(green), happened('s-green', approved)]);
    await drain(transport, server.url);
    expect(await summaryFor(transport, 's-red')).toEqual(summaryOf(evaluate(red as any, [redOk] as any, NOW)));
    expect((await summaryFor(transport, 's-red'))?.colour).toBe('red');
    const at = '2020-03-20T12:05:00+08:00';
    const assessed = await assessmentFor(transport, 's-red', at);
    expect(assessed).toEqual({ success: true, data: evaluate(red as any, [redOk] as any, at) });
    const context = { venue: 'public-place' as const, direction: 'in' as const, celsius: 36.6, at };
    const refused = await checkFor(transport, 's-red', context);
    expect(refused.success && [refused.data.admit, refused.data.rule]).toEqual([false, 'C8']);
    const admitted = await checkFor(transport, 's-green', context);
    expect(admitted.success && [admitted.data.admit, admitted.data.rule]).toEqual([true, 'C4']);
    // Someone the service has no declaration for shows no code (C7).
    const unknown = await checkFor(transport, 's-nobody', context);
    expect(unknown.success && unknown.data.rule).toBe('C7');
    expect(await summaryFor(transport, 's-nobody')).toBeNull();
  });
});

describe.skipIf(!hasRedisServer)('city service across a Redis restart', () => {
  let server: RedisServer;

  beforeAll(async () => {
    // An append-only file, fsynced on every write: what a restart must keep (without persistence a
    // restart empties the streams, and there is nothing left to deliver).
    server = await startRedisServer({ persist: true });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('Redis killed and restarted on the same port mid-run: the workers reconnect, nothing is lost or applied twice', async () => {
    const transport = await createRedisTransport({ url: server.url, partitions: 4 });
    await transport.setup();
    const { cases, records } = population({ people: 600, events: 4000, seed: 11, now: NOW });
    for (let i = 0; i < records.length; i += 1000) await transport.publish(records.slice(i, i + 1000));
    await transport.close();
    const workers = ['r1', 'r2'].map((name) => startWorker({ url: server.url, name, now: NOW, partitions: 4, minIdleMs: 1000 }));
    await Promise.all(workers.map((w) => w.ready));
    const watcher = await createRedisTransport({ url: server.url, partitions: 4 });
    const deadline = Date.now() + 30_000;
    const applied = async () => (await watcher.stats()).applied ?? 0;
    while ((await applied()) < 800 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const appliedAtRestart = await applied();
    await watcher.close();
    await server.restart();
    const after = await createRedisTransport({ url: server.url, partitions: 4 });
    const drained = await waitDrained(after, records.length, 60_000);
    for (const w of workers) w.child.kill('SIGTERM');
    const exits = await Promise.all(workers.map((w) => w.exit));
    expect(drained).toBe(true);
    // Both workers lived through the outage (their reads failed while it lasted) and stopped cleanly.
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    expect(exits.some((e) => (e.counts?.errors as number) > 0)).toBe(true);
    const stats = await after.stats();
    // Mid-run: part of the work was done before the crash, the rest after the restart.
    expect(appliedAtRestart).toBeGreaterThanOrEqual(800);
    expect(appliedAtRestart).toBeLessThan(records.length);
    expect(stats.applied).toBe(records.length);
    const checked = await verify({ transport: after, engine: defaultEngine, cases, records, now: NOW });
    expect({ mismatches: checked.mismatches, lost: checked.lost, appliedTwice: checked.appliedTwice }).toEqual({ mismatches: 0, lost: 0, appliedTwice: 0 });
    expect((await after.backlog()).pending).toBe(0);
    await after.close();
  }, 120_000);
});
