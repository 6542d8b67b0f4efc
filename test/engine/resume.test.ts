import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, defaultEngine, type Assessment, type Event, type DeclarationInput, type Resumed, type SafeResult, type Snapshot } from '../../src/index.js';
import { parseInstant, formatInstant } from '../../src/internal/iso.js';
import { arbitraries } from '../../src/testing/index.js';
import { baseRuns, seed } from '../support/seed.js';
import { minimalDeclaration } from '../support/minimal.js';

// Engine.snapshot and Engine.resume: the fold of RULES §1–§5 as a resumable state machine.

const msOf = (e: { at: string }): number => parseInstant(e.at) as number;
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Why resume may refuse a split: a correction after it of an event before it (I-13), or one id on both sides. */
function mayNeedFullHistory(prefix: readonly Event[], suffix: readonly Event[]): boolean {
  const before = new Set(prefix.map((e) => e.id));
  return suffix.some((e) => before.has(e.id) || (e.kind === 'correction' && before.has(e.voids)));
}

const splitCase = fc.record({
  c: arbitraries.case({ maxLength: 10 }),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  policy: fc.option(arbitraries.policy(), { nil: undefined }),
});

describe('Engine.resume (RULES §1–§5): resuming a snapshot gives what evaluating the whole history gives', () => {
  it('for random cases split at random instants, resume(snapshot(prefix), suffix, now) has exactly the JSON of evaluate(all, now)', () => {
    let resumed = 0;
    fc.assert(
      fc.property(splitCase, ({ c, cuts, policy }) => {
        const engine = policy === undefined ? defaultEngine : createEngine(policy);
        const submitted = parseInstant(c.declaration.submittedAt) as number;
        const now = parseInstant(c.now) as number;
        const instants = cuts.map((x) => Math.floor(submitted + x * (now - submitted))).sort((a, b) => a - b);
        const expected = json(engine.evaluate(c.declaration, c.history, c.now));
        const first = instants[0] as number;
        // A prefix can be invalid alone: a correction before the cut of an event after it (I-13).
        const start = engine.safeSnapshot(c.declaration, c.history.filter((e) => msOf(e) <= first), formatInstant(first, 480));
        if (!start.success) {
          expect(start.error.issues.map((i) => i.code)).toContain('unknown_void_target');
          return;
        }
        let snapshot: Snapshot = json(start.data) as Snapshot;
        let from = first;
        let last: Assessment | undefined;
        for (const to of [...new Set([...instants.slice(1).filter((x) => x < now), now])]) {
          // Each part: the events after the previous cut up to the next one; the last part also
          // carries the events after now, which stay future (T-5).
          const lower = from;
          const part = c.history.filter((e) => msOf(e) > lower && (msOf(e) <= to || to === now));
          const result = engine.resume(snapshot, part, formatInstant(to, 480));
          if (!result.success) {
            expect(result.error.issues.map((i) => i.code)).toEqual(['needs_full_history']);
            expect(mayNeedFullHistory(c.history.filter((e) => msOf(e) <= lower), part), JSON.stringify(result.error.issues)).toBe(true);
            return;
          }
          snapshot = json(result.data.snapshot) as Snapshot;
          last = result.data.assessment;
          from = to;
        }
        expect(from).toBe(now);
        expect(json(last)).toEqual(expected);
        resumed++;
      }),
      { seed, numRuns: baseRuns },
    );
    // Most splits resume; only a correction across a cut sends a case back to its whole history.
    expect(resumed).toBeGreaterThan(baseRuns / 2);
  });

  it('refuses with needs_full_history an event at or before the snapshot instant, a seen id, a correction of a held event, another policy, and now before the instant', () => {
    const d = minimalDeclaration() as DeclarationInput;
    const history: Event[] = [{ id: 'c1', at: '2020-02-02T09:00:00+08:00', kind: 'close-contact', of: 'case' }];
    const snapshot = defaultEngine.snapshot(d, history, '2020-02-03T00:00:00+08:00');
    const codes = (r: SafeResult<Resumed>): string[] => (r.success ? [] : r.error.issues.map((i) => `${i.code} ${i.path.join('.')}`));
    const later = '2020-02-10T00:00:00+08:00';
    expect(codes(defaultEngine.resume(snapshot, [{ id: 't', at: '2020-02-03T00:00:00+08:00', kind: 'temperature', celsius: 36.5 }], later))).toEqual(['needs_full_history events.0.at']);
    expect(codes(defaultEngine.resume(snapshot, [{ id: 'c1', at: '2020-02-04T09:00:00+08:00', kind: 'close-contact', of: 'case' }], later))).toEqual(['needs_full_history events.0.id']);
    expect(codes(defaultEngine.resume(snapshot, [{ id: 'v', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 'c1', authority: 'CDC', reason: 'wrong person' }], later))).toEqual(['needs_full_history events.0.voids']);
    expect(codes(defaultEngine.resume(snapshot, [], '2020-02-02T12:00:00+08:00'))).toEqual(['needs_full_history now']);
    const other = createEngine({ ...defaultEngine.policy, observationDays: 21 });
    expect(codes(other.resume(snapshot, [], later))).toEqual(['needs_full_history snapshot.policy']);
  });

  it('a snapshot is checked before it is trusted: a bad shape lists every problem with its path, a state that contradicts itself is inconsistent', () => {
    const d = minimalDeclaration() as DeclarationInput;
    const snapshot = defaultEngine.snapshot(d, [{ id: 'c1', at: '2020-02-02T09:00:00+08:00', kind: 'close-contact', of: 'case' }], '2020-02-03T00:00:00+08:00');
    const broken = { ...snapshot, version: 2, state: { ...snapshot.state, colour: 'blue' } };
    const r = defaultEngine.resume(broken, [], '2020-02-04T00:00:00+08:00');
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['snapshot.version', 'snapshot.state.colour']));
    const green = { ...snapshot, state: { ...snapshot.state, colour: 'green' } };
    const g = defaultEngine.resume(green, [], '2020-02-04T00:00:00+08:00');
    expect(g.success ? [] : g.error.issues.map((i) => i.code)).toEqual(['inconsistent']);
    expect(defaultEngine.resume('not a snapshot', [], '2020-02-04T00:00:00+08:00').success).toBe(false);
    const bad = defaultEngine.resume(snapshot, [{ id: 'x', at: 'yesterday', kind: 'temperature', celsius: 36.5 }], '2020-02-04T00:00:00+08:00');
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['events.0.at']);
  });

  it('the snapshot stays at the last applied event, so a later event still resumes, and a future event waits in it (T-5)', () => {
    const d = minimalDeclaration() as DeclarationInput;
    const snapshot = defaultEngine.snapshot(d, [{ id: 'f', at: '2020-02-20T09:00:00+08:00', kind: 'close-contact', of: 'case' }], '2020-02-03T00:00:00+08:00');
    expect(snapshot.pending).toHaveLength(1);
    const now = '2020-02-25T00:00:00+08:00';
    const r = defaultEngine.resume(snapshot, [{ id: 'c', at: '2020-02-04T09:00:00+08:00', kind: 'close-contact', of: 'case' }], '2020-02-10T00:00:00+08:00');
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.snapshot.at).toBe('2020-02-04T09:00:00+08:00');
    expect(r.data.snapshot.pending).toHaveLength(1);
    const again = defaultEngine.resume(r.data.snapshot, [{ id: 't', at: '2020-02-05T09:00:00+08:00', kind: 'temperature', celsius: 38.2 }], now);
    const all: Event[] = [
      { id: 'f', at: '2020-02-20T09:00:00+08:00', kind: 'close-contact', of: 'case' },
      { id: 'c', at: '2020-02-04T09:00:00+08:00', kind: 'close-contact', of: 'case' },
      { id: 't', at: '2020-02-05T09:00:00+08:00', kind: 'temperature', celsius: 38.2 },
    ];
    expect(again.success && json(again.data.assessment)).toEqual(json(defaultEngine.evaluate(d, all, now)));
  });
});
