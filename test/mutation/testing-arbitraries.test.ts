import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, createEngine, lianyungang2020, safeEvaluate, type EventKind } from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { seed } from '../support/seed.js';

/**
 * `health-code-rules/testing`: every option of every arbitrary produces only valid input
 * (FORMAT "A case", RULES §9), which the engine accepts.
 */

const sample = <T>(arb: fc.Arbitrary<T>, n = 30): T[] => fc.sample(arb, { seed, numRuns: n });
const NOW = '2020-06-01T00:00:00+08:00';

describe('testing: the arbitraries produce valid input under every option', () => {
  it('instantNearMidnight: instants in the range asked for, in any zone', () => {
    for (const opts of [{}, { from: '2020-03-01T00:00:00+08:00', to: '2020-03-05T00:00:00+08:00' }, { timeZone: 'America/New_York' }, { from: '2020-03-01T00:00:00Z', to: '2020-03-01T00:00:00Z' }]) {
      for (const at of sample(arbitraries.instantNearMidnight(opts))) {
        const ms = Date.parse(at);
        expect(Number.isNaN(ms)).toBe(false);
        if ('from' in opts) expect(ms).toBeGreaterThanOrEqual(Date.parse(opts.from));
        if ('to' in opts) expect(ms).toBeLessThanOrEqual(Date.parse(opts.to));
      }
    }
  });

  it('declaration: every facts option and a fixed submission instant give valid declarations', () => {
    for (const facts of ['any', 'none', 'no-red'] as const) {
      for (const d of sample(arbitraries.declaration({ facts, submittedAt: '2020-02-01T10:00:00+08:00' }))) {
        expect(d.submittedAt).toBe('2020-02-01T10:00:00+08:00');
        const r = safeEvaluate(d, [], NOW);
        expect(r.success).toBe(true);
        if (facts === 'none' && r.success) expect(r.data.reasons).toEqual([]);
        if (facts === 'no-red' && r.success) expect(r.data.colour).not.toBe('red');
      }
    }
  });

  it('history: every kind on its own, with and without corrections, duplicates and shuffling', () => {
    const d = sample(arbitraries.declaration({ submittedAt: '2020-02-01T10:00:00+08:00' }), 1)[0];
    const kinds = EVENT_KINDS.filter((k) => k !== 'correction');
    for (const kind of kinds) {
      for (const h of sample(arbitraries.history({ kinds: [kind] as EventKind[], maxLength: 4, daysBefore: 2, daysAfter: 5 }), 10)) {
        expect(h.every((e) => e.kind === kind || e.kind === 'correction')).toBe(true);
        expect(safeEvaluate(d, h, NOW).success).toBe(true);
      }
    }
    for (const opts of [{ corrections: false }, { duplicates: false }, { shuffle: false }, {}]) {
      for (const h of sample(arbitraries.history(opts), 20)) {
        if (opts.corrections === false) expect(h.some((e) => e.kind === 'correction')).toBe(false);
        if (opts.duplicates === false) expect(new Set(h.map((e) => e.id)).size).toBe(h.length);
        if (opts.shuffle === false) expect(h.map((e) => Date.parse(e.at))).toEqual(h.map((e) => Date.parse(e.at)).sort((a, b) => a - b));
        expect(safeEvaluate(d, h, NOW).success).toBe(true);
      }
    }
  });

  it('policy: every convention and another zone give policies an engine accepts', () => {
    for (const opts of [{}, { dayCounting: 'rolling' as const }, { dayCounting: 'inclusive-start' as const, timeZone: 'Europe/London' }]) {
      for (const p of sample(arbitraries.policy(opts), 10)) {
        if ('dayCounting' in opts) expect(p.dayCounting).toBe(opts.dayCounting);
        expect(createEngine(p).policy.timeZone).toBe(opts.timeZone ?? 'Asia/Shanghai');
      }
    }
  });

  it('case: cases of a chosen colour evaluate to that colour, under the default and another policy', () => {
    const other = { ...lianyungang2020, observationDays: 21 };
    for (const colour of ['red', 'yellow', 'green'] as const) {
      for (const policy of [undefined, other]) {
        const engine = createEngine(policy ?? lianyungang2020);
        for (const c of sample(arbitraries.case({ colour, maxLength: 4, ...(policy === undefined ? {} : { policy }) }), 5)) {
          expect(engine.evaluate(c.declaration, c.history, c.now).colour).toBe(colour);
        }
      }
    }
  });
});
