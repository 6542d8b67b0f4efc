// The city service's one adapter to the engine (examples/city-service/advance.mjs): resume from a
// snapshot when the engine can, the whole history when it cannot or says `needs_full_history`,
// and the same assessment either way.
import { defaultEngine, evaluate } from 'health-code-rules';
import { describe, expect, it } from 'vitest';
import { advance, assessAt, pathCounts, summaryOf } from '../../examples/city-service/advance.mjs';
import { withSnapshots, withoutSnapshots } from './snapshot-engine.js';

const NOW = '2020-02-10T12:00:00+08:00';
const declaration = {
  id: 'app-1',
  subjectId: 's-1',
  submittedAt: '2020-02-01T10:00:00+08:00',
  category: 'resident',
  channel: 'self',
  attestation: true,
  symptoms: ['dry-cough'],
};
const approved = { id: 'ok', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' };
const cough = { id: 'c1', at: '2020-02-05T08:00:00+08:00', kind: 'daily-report', symptoms: ['dry-cough'] };
const report = { id: 'd1', at: '2020-02-03T08:00:00+08:00', kind: 'daily-report', symptoms: [] };

describe('advance (examples/city-service/advance.mjs)', () => {
  it('without resume on the engine: the whole history, the same assessment as evaluate (Y1 reset by a dry cough)', async () => {
    const before = pathCounts.full;
    const next = await advance(withoutSnapshots(defaultEngine), { declaration, snapshot: null, history: [approved] }, { event: cough }, NOW);
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.path).toBe('full');
    expect(next.snapshot).toBeNull();
    expect(next.assessment).toEqual(evaluate(declaration as any, [approved, cough] as any, NOW));
    expect(summaryOf(next.assessment!)).toEqual({ colour: 'yellow', rules: ['Y1'], releaseAt: '2020-02-20T00:00:00+08:00', nextChangeAt: '2020-02-20T00:00:00+08:00' });
    expect(pathCounts.full).toBe(before + 1);
  });

  it('reads the history only when it needs it', async () => {
    let reads = 0;
    const next = await advance(withoutSnapshots(defaultEngine), { declaration, snapshot: null, history: null }, { event: cough }, NOW, async () => {
      reads++;
      return [approved];
    });
    expect(reads).toBe(1);
    expect(next.ok && next.assessment?.colour).toBe('yellow');
  });

  it('with snapshots: no snapshot yet → whole history and a new snapshot; the next event in order → resume', async () => {
    const engine = withSnapshots(defaultEngine);
    const first = await advance(engine, { declaration, snapshot: null, history: [] }, { event: approved }, NOW);
    expect(first.ok && first.path).toBe('full');
    if (!first.ok) return;
    expect(first.snapshot?.at).toBe(approved.at);
    expect(engine.calls.snapshot).toBe(1);
    const second = await advance(engine, { declaration, snapshot: first.snapshot, history: null }, { event: cough }, NOW, async () => {
      throw new Error('the resume path must not read the history');
    });
    expect(second.ok && second.path).toBe('resume');
    if (!second.ok) return;
    expect(second.assessment).toEqual(evaluate(declaration as any, [approved, cough] as any, NOW));
    expect(second.snapshot?.at).toBe(cough.at);
  });

  it('an out-of-order event (dated before the snapshot) takes the whole-history path and gives what evaluate gives', async () => {
    const engine = withSnapshots(defaultEngine);
    const snapshot = engine.safeSnapshot(declaration, [approved, cough], cough.at);
    expect(snapshot.success).toBe(true);
    if (!snapshot.success) return;
    const next = await advance(engine, { declaration, snapshot: snapshot.data, history: [approved, cough] }, { event: report }, NOW);
    expect(next.ok && next.path).toBe('fallback');
    if (!next.ok) return;
    expect(next.assessment).toEqual(evaluate(declaration as any, [approved, cough, report] as any, NOW));
    // The new snapshot covers the late event too.
    expect(next.snapshot?.at).toBe(cough.at);
  });

  it('resume answering needs_full_history (an id it has seen) falls back to the whole history', async () => {
    const engine = withSnapshots(defaultEngine);
    const snapshot = engine.safeSnapshot(declaration, [approved], approved.at);
    if (!snapshot.success) throw new Error('no snapshot');
    const again = { ...approved, at: '2020-02-06T08:00:00+08:00' };
    const next = await advance(engine, { declaration, snapshot: snapshot.data, history: [approved] }, { event: again }, NOW);
    expect(engine.calls.refused).toBe(1);
    // The whole history then has the duplicate id, which evaluate reports: the entry is refused, not half applied.
    expect(next.ok).toBe(false);
  });

  it('an invalid event is refused with the engine issues at its path (it goes to the dead-letter stream)', async () => {
    const next = await advance(defaultEngine, { declaration, snapshot: null, history: [approved] }, { event: { id: 'x', at: 'yesterday', kind: 'teleport' } }, NOW);
    expect(next.ok).toBe(false);
    if (next.ok) return;
    expect(next.issues.map((i) => i.code)).toContain('unknown_event_kind');
    expect(next.issues[0]?.path[0]).toBe('history');
  });

  it('an event before any declaration is kept (path "awaiting"); an invalid one is refused', async () => {
    const kept = await advance(defaultEngine, { declaration: null, snapshot: null, history: [] }, { event: approved }, NOW);
    expect(kept).toEqual({ ok: true, path: 'awaiting', assessment: null, snapshot: null });
    const refused = await advance(defaultEngine, { declaration: null, snapshot: null, history: [] }, { event: { id: 'x', kind: 'teleport' } }, NOW);
    expect(refused.ok).toBe(false);
  });

  it('a new declaration always takes the whole history, even with a snapshot stored', async () => {
    const engine = withSnapshots(defaultEngine);
    const snapshot = engine.safeSnapshot(declaration, [approved], approved.at);
    if (!snapshot.success) throw new Error('no snapshot');
    const amended = { ...declaration, id: 'app-2', symptoms: [] };
    const next = await advance(engine, { declaration, snapshot: snapshot.data, history: [approved] }, { declaration: amended }, NOW);
    expect(next.ok && next.path).toBe('full');
    expect(next.ok && next.assessment?.colour).toBe('green');
    expect(engine.calls.resume).toBe(0);
  });

  it('assessAt: the query path gives evaluate at any instant, by resume or by the whole history', async () => {
    const engine = withSnapshots(defaultEngine);
    const snapshot = engine.safeSnapshot(declaration, [approved, cough], cough.at);
    if (!snapshot.success) throw new Error('no snapshot');
    const later = '2020-02-21T09:00:00+08:00';
    const byResume = await assessAt(engine, { declaration, snapshot: snapshot.data, history: null }, later);
    const byHistory = await assessAt(defaultEngine, { declaration, snapshot: null, history: [approved, cough] }, later);
    const expected = evaluate(declaration as any, [approved, cough] as any, later);
    expect(byResume).toEqual({ success: true, data: expected });
    expect(byHistory).toEqual({ success: true, data: expected });
    expect(expected.colour).toBe('green');
    expect(await assessAt(defaultEngine, { declaration: null, snapshot: null, history: [] }, later)).toBeNull();
  });
});
