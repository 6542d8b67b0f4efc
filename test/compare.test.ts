import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, lianyungang2020, type Assessment, type CheckpointContext } from '../src/index.js';
import { mergeReports } from '../src/index.js';
import { emptyTally, reportOf, comparePolicies, tallyItem } from '../src/compare.js';
import { caseOf } from '../src/testing/arbitraries.js';
import { createEngine } from './support/untyped.js';

/** compare(): the impact of a reform, tallied over a population (issue: policy impact analysis). */

const NOW = '2020-02-20T12:00:00+08:00';
const longer = { ...lianyungang2020, id: 'observation-21', observationDays: 21 };
const literal = { ...lianyungang2020, id: 'literal-3.2', readings: { ...lianyungang2020.readings, closeContact: 'literal' as const } };
const population = (n: number) => fc.sample(caseOf(), { numRuns: n, seed: 20200201 });

/** The report computed the plain way: evaluate each case under both, count by hand. */
function independent(cases: { declaration: unknown; history: unknown; now: string }[], reform: typeof longer) {
  const b = createEngine(lianyungang2020);
  const r = createEngine(reform);
  const matrix: Record<string, Record<string, number>> = { red: { red: 0, yellow: 0, green: 0 }, yellow: { red: 0, yellow: 0, green: 0 }, green: { red: 0, yellow: 0, green: 0 } };
  const rules: Record<string, [number, number]> = {};
  const shift: Record<string, number> = {};
  let total = 0;
  let invalid = 0;
  let awaiting = 0;
  let bus = [0, 0, 0, 0];
  for (const c of cases) {
    let x: Assessment;
    let y: Assessment;
    try {
      x = b.evaluate(c.declaration, c.history, NOW);
      y = r.evaluate(c.declaration, c.history, NOW);
    } catch {
      invalid++;
      continue;
    }
    total++;
    (matrix[x.colour] as Record<string, number>)[y.colour]! += 1;
    for (const reason of x.reasons) (rules[reason.rule] ??= [0, 0])[0]++;
    for (const reason of y.reasons) (rules[reason.rule] ??= [0, 0])[1]++;
    if (x.colour !== 'green' && y.colour !== 'green') {
      if (x.releaseAt === null || y.releaseAt === null) awaiting++;
      else {
        const days = (Date.parse(`${y.releaseAt.slice(0, 10)}T00:00:00Z`) - Date.parse(`${x.releaseAt.slice(0, 10)}T00:00:00Z`)) / 86_400_000;
        shift[String(days)] = (shift[String(days)] ?? 0) + 1;
      }
    }
    const ride = (e: typeof b, a: Assessment) => e.check(a, { venue: 'public-transport', direction: 'in', celsius: 36.5, at: a.evaluatedAt } satisfies CheckpointContext).admit;
    const [p, q] = [ride(b, x), ride(r, y)];
    bus = bus.map((n, i) => n + (i === (p ? (q ? 0 : 1) : q ? 2 : 3) ? 1 : 0));
  }
  return { total, invalid, matrix, rules, shift, awaiting, bus };
}

describe('compare: the impact of a reform', () => {
  it('compare: the report equals an independent computation on a random population (minCell 0)', async () => {
    const cases = population(300).map((c) => ({ declaration: c.declaration, history: c.history, now: NOW }));
    for (const reform of [longer, literal]) {
      const report = await compare(cases, { baseline: lianyungang2020, reform, now: NOW, minCell: 0 });
      const want = independent(cases, reform as typeof longer);
      expect([report.total, report.invalid]).toEqual([want.total, want.invalid]);
      expect(report.matrix).toEqual(want.matrix);
      for (const [rule, [x, y]] of Object.entries(want.rules)) expect(report.rules[rule as 'R1']).toEqual({ baseline: x, reform: y });
      expect(report.releaseShift).toEqual({ days: want.shift, awaiting: want.awaiting });
      const bus = report.checkpoints['public-transport'];
      expect([bus.both, bus.baselineOnly, bus.reformOnly, bus.neither]).toEqual(want.bus);
      expect(report.baseline.id).toBe('lianyungang-2020');
      expect(report.reform.id).toBe(reform.id);
    }
  });

  it('compare: a longer observation can release someone earlier (I-17): an R4 trigger after the 14-day release starts a new count, while under 21 days it only adds evidence', () => {
    // Found by the monotonicity property (FC_SEED=1529332197): it does not hold in general, so it is
    // kept in test/properties/known-failures.test.ts and this case pins why.
    const at = '2020-01-20T00:00:00+08:00';
    const again = '2020-02-04T00:00:00+08:00';
    const history = [
      { id: 'e0', at, kind: 'fever-clinic-observation' },
      { id: 'e1', at, kind: 'covid-excluded' },
      { id: 'e2', at, kind: 'recovered' },
      { id: 'e4', at: again, kind: 'fever-clinic-observation' },
      { id: 'e5', at: again, kind: 'covid-excluded' },
      { id: 'e6', at: again, kind: 'recovered' },
    ];
    const engines = comparePolicies({ baseline: lianyungang2020, reform: longer, now: again });
    const t = emptyTally();
    tallyItem(t, 0, { declaration: { id: 'a', subjectId: 's', submittedAt: at, category: 'resident', channel: 'self', attestation: true }, history }, engines, again, 0);
    const report = reportOf(t, engines, again, 0);
    expect(report.releaseShift.days).toEqual({ '-8': 1 });
    expect(createEngine(lianyungang2020).evaluate({ id: 'a', subjectId: 's', submittedAt: at, category: 'resident', channel: 'self', attestation: true }, history, again).releaseAt).toBe('2020-02-19T00:00:00+08:00');
  });

  it('compare: the same policy on both sides changes nobody', async () => {
    const cases = population(100);
    const report = await compare(cases, { baseline: lianyungang2020, reform: lianyungang2020, now: NOW, minCell: 0, sample: 5 });
    expect(report.changed).toBe(0);
    expect(report.sample).toEqual([]);
    for (const x of ['red', 'yellow', 'green'] as const) for (const y of ['red', 'yellow', 'green'] as const) if (x !== y) expect(report.matrix[x][y]).toBe(0);
  });

  it('compare: counts below minCell (default 10) are suppressed; the sample is opt-in, bounded and in input order', async () => {
    const cases = population(120);
    const report = await compare(cases, { baseline: lianyungang2020, reform: longer, now: NOW });
    expect(report.minCell).toBe(10);
    const cells = [report.total, report.invalid, report.changed, ...Object.values(report.matrix).flatMap((row) => Object.values(row))];
    for (const c of cells) expect(c === 'suppressed' || (typeof c === 'number' && c >= 10)).toBe(true);
    expect(cells).toContain('suppressed');
    expect(report.sample).toEqual([]);
    const sampled = await compare(cases, { baseline: lianyungang2020, reform: longer, now: NOW, sample: 3 });
    expect(sampled.sample.length).toBeLessThanOrEqual(3);
    const indices = sampled.sample.map((s) => s.index);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(sampled.sample.length).toBeGreaterThan(0);
    const rulesOf = (side: { reasons: readonly { rule: string }[] }) => side.reasons.map((r) => r.rule).join();
    for (const s of sampled.sample)
      expect(s.baseline.colour !== s.reform.colour || s.baseline.releaseAt !== s.reform.releaseAt || rulesOf(s.baseline) !== rulesOf(s.reform)).toBe(true);
    expect(await compare(cases, { baseline: lianyungang2020, reform: longer, now: NOW, sample: 3 })).toEqual(sampled);
  });

  it('compare: an invalid case is counted, never dropped; a bad policy or now is an input error with its path', async () => {
    const report = await compare(['not json', { declaration: {}, history: [] }, ...population(3)], { baseline: lianyungang2020, reform: longer, now: NOW, minCell: 0 });
    expect(report.invalid).toBeGreaterThanOrEqual(2);
    expect(Number(report.total) + Number(report.invalid)).toBe(5);
    await expect(compare([], { baseline: lianyungang2020, reform: { ...longer, observationDays: -1 }, now: NOW })).rejects.toThrow(/reform\.observationDays/);
    await expect(compare([], { baseline: lianyungang2020, reform: longer, now: 'soon' })).rejects.toThrow(/now/);
  });

  it('mergeReports: the reports of parts of a population (minCell 0, their indexOffset) give the report of the whole', async () => {
    const cases = population(60);
    const options = { baseline: lianyungang2020, reform: longer, now: NOW, sample: 4 };
    const whole = await compare(cases, options);
    const parts = await Promise.all([0, 25, 40].map((from, i, all) => compare(cases.slice(from, all[i + 1] ?? cases.length), { ...options, minCell: 0, indexOffset: from })));
    expect(mergeReports(parts.reverse(), { sample: 4 })).toEqual(whole);
    expect(() => mergeReports([whole])).toThrow(/minCell/);
    expect(() => mergeReports([])).toThrow(/at least one/);
  });
});
