import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from './support/untyped.js';

// Every case file of examples/cases states, in its own "expect" field, what RULES.md gives for it
// (worked out by hand, not copied from a run): this test holds the engine to those statements.

const dir = fileURLToPath(new URL('../examples/cases/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const readme = readFileSync(fileURLToPath(new URL('../examples/README.md', import.meta.url)), 'utf8');

interface Expectation {
  colour: string;
  rules: string[];
  releaseAt: string | null;
  nextChangeAt?: string | null;
  awaiting?: string[];
  issued?: boolean;
  credential?: string | null;
  missedDailyReports?: string[];
  obligations?: string[];
}

interface CaseFile {
  note: string;
  declaration: unknown;
  history: unknown;
  now: string;
  expect: Expectation;
}

const load = (name: string): CaseFile => JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as CaseFile;

describe('examples/cases', () => {
  it('has one case per rule, the six worked examples of RULES §10 and the proxy and paper-form channels (A-2)', () => {
    for (const rule of ['r1', 'r2', 'r3', 'r4', 'r5', 'y1', 'y2', 'gy']) expect(files.some((f) => f.startsWith(`${rule}-`))).toBe(true);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(files.some((f) => f.startsWith(`example-${n}-`))).toBe(true);
    expect(files).toContain('proxy-application.json');
    expect(files).toContain('paper-form-application.json');
  });

  for (const name of files) {
    const kase = load(name);
    it(`${name}: ${kase.note}`, () => {
      expect(typeof kase.now).toBe('string');
      const a = evaluate(kase.declaration, kase.history, kase.now);
      const want = kase.expect;
      expect(a.colour).toBe(want.colour);
      expect(a.reasons.map((r) => r.rule)).toEqual(want.rules);
      expect(a.releaseAt).toBe(want.releaseAt);
      if (want.nextChangeAt !== undefined) expect(a.nextChangeAt).toBe(want.nextChangeAt);
      if (want.awaiting !== undefined) expect(a.awaiting).toEqual(want.awaiting);
      if (want.issued !== undefined) expect(a.issued).toBe(want.issued);
      if (want.credential !== undefined) expect(a.credential).toBe(want.credential);
      if (want.missedDailyReports !== undefined) expect(a.missedDailyReports).toEqual(want.missedDailyReports);
      if (want.obligations !== undefined) expect(a.obligations).toEqual(want.obligations);
    });

    it(`${name} has a line in examples/README.md`, () => {
      expect(readme).toContain(`cases/${name}`);
    });
  }
});
