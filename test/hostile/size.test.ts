import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORST, worstCase, type Measurement } from '../../scripts/worst-case.mjs';
import { safeEvaluate } from '../../src/index.js';
import { evaluate } from '../support/untyped.js';
import { arbitraries } from '../../src/testing/index.js';
import { check as property } from '../support/seed.js';

/**
 * RULES §8, §9: linear, bounded results (issue 16). A trail entry lists the evidence of its own
 * transition (a re-trigger cites the new trigger, not every earlier one; the reason keeps the whole
 * evidence), so that for any valid input within the limits the result's JSON is at most ten times
 * the input's JSON plus 64 kB, and `evaluate` of 100,000 events of the worst kinds stays under
 * 1 s and 512 MB.
 */

const SLACK = 64 * 1024;
const bound = (inputBytes: number): number => 10 * inputBytes + SLACK;
const jsonBytes = (value: unknown): number => JSON.stringify(value).length;

const KINDS = Object.keys(WORST) as (keyof typeof WORST)[];

describe('RULES §8, §9: the size of a result is linear in the size of its input', () => {
  it('RULES §8, §9: for any valid generated case, the result JSON is at most 10 × the input JSON + 64 kB', () => {
    property(
      fc.property(arbitraries.case({ maxLength: 40 }), (c) => {
        const result = safeEvaluate(c.declaration, c.history, c.now);
        fc.pre(result.success);
        if (result.success) expect(jsonBytes(result.data)).toBeLessThanOrEqual(bound(jsonBytes(c)));
      }),
      'invariant',
    );
  });

  it('RULES §8, §9, I-17: for the worst kinds of history, of any length and id length, the result JSON is at most 10 × the input JSON + 64 kB, and grows by at most 10 bytes per byte of added input', () => {
    property(
      fc.property(fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 12 }), (kind, n, w) => {
        const c = worstCase(kind, n, w);
        const result = evaluate(c.declaration, c.history, c.now);
        expect(jsonBytes(result)).toBeLessThanOrEqual(bound(jsonBytes(c)));
        // Twice the events, at the same now: no growth with the square of the history.
        const twice = worstCase(kind, 2 * n, w);
        const grown = jsonBytes(evaluate(twice.declaration, twice.history, twice.now)) - jsonBytes(evaluate(c.declaration, c.history, twice.now));
        expect(grown).toBeLessThanOrEqual(10 * (jsonBytes(twice) - jsonBytes({ ...c, now: twice.now })) + 1024);
      }),
      'invariant',
    );
  });

  it('I-17, RULES §8: n re-triggers write n trail entries citing one notice each; the reason cites all n', () => {
    const c = worstCase('re-triggers', 50, 1);
    const a = evaluate(c.declaration, c.history, c.now);
    const on = a.trail.filter((e) => e.transition === 'T-R2-on');
    expect(on).toHaveLength(50);
    expect(on.map((e) => e.evidence)).toEqual(c.history.map((e) => [e['id']]));
    expect(a.reasons[0]?.evidence).toHaveLength(50);
  });
});

// Timing says nothing about a mutant of src/, and a mutation run is too noisy to time anything.
describe.skipIf(process.env['HCR_MUTATION_RUN'] === '1')('RULES §9: 100,000 events of the worst kinds', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));

  it('RULES §9: 100,000 events of each worst kind: evaluate under 1 s and 512 MB (resident, with a heap capped at 512 MB), the result JSON ≤ 10 × the input JSON + 64 kB', () => {
    if (!existsSync(`${root}dist/index.js`))
      spawnSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
    // A process of its own: a heap of 512 MB at most (it would abort beyond), and no other test's garbage.
    const run = spawnSync(process.execPath, ['--max-old-space-size=512', `${root}scripts/worst-case.mjs`, '--events', '100000'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const measured = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Measurement);
    expect(measured.map((m) => m.kind)).toEqual(KINDS);
    if (process.env['HCR_PRINT_FIGURES'] === '1') console.info(measured.map((m) => JSON.stringify(m)).join('\n'));
    for (const m of measured) {
      expect(m.ms, m.kind).toBeLessThan(1000);
      expect(m.output, m.kind).toBeLessThanOrEqual(bound(m.input));
      expect(m.peakRss, m.kind).toBeLessThan(512 * 1024 * 1024);
    }
  }, 120_000);
});
