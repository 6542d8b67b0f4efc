import { describe, expect, it } from 'vitest';
import { defaultEngine, type DeclarationInput, type Event } from '../../src/index.js';
import { minimalDeclaration } from '../support/minimal.js';

// R1 (§3.1) and I-4: a declared R1 starts in its observation when the person was discharged before
// the submission, after every positive test and diagnosis before it; the count runs from the first
// such discharge.

const at = (d: string): string => `2020-${d}T09:00:00+08:00`;
const declared = minimalDeclaration({ clinical: 'confirmed', submittedAt: at('02-10') }) as DeclarationInput;
const now = at('02-12');
/** The R1 entries the declaration writes at the submission. */
const atSubmission = (history: Event[]) =>
  defaultEngine
    .evaluate(declared, history, now)
    .trail.filter((e) => e.at === at('02-10') && e.rule === 'R1')
    .map((e) => `${e.transition} ${e.evidence.join(',')}`);

describe('R1: a declared R1 and the discharges before the submission (I-4)', () => {
  it('I-4: discharged before the submission after the positive test, its count already over: R1 starts and ends at the submission (T-7)', () => {
    const history: Event[] = [
      { id: 'p', at: at('01-01'), kind: 'test-result', result: 'positive' },
      { id: 'h', at: at('01-05'), kind: 'hospital-discharge' },
    ];
    expect(atSubmission(history)).toEqual(['T-R1-on declaration,h', 'T-R1-off declaration,h']);
    expect(defaultEngine.evaluate(declared, history, now).colour).toBe('green');
  });

  it('I-4: a discharge before a later positive test does not count; the discharge after it does', () => {
    expect(
      atSubmission([
        { id: 'h1', at: at('01-02'), kind: 'hospital-discharge' },
        { id: 'p', at: at('01-03'), kind: 'test-result', result: 'positive' },
        { id: 'h2', at: at('01-04'), kind: 'hospital-discharge' },
      ]),
    ).toEqual(['T-R1-on declaration,h2', 'T-R1-off declaration,h2']);
    expect(
      atSubmission([
        { id: 'h1', at: at('01-02'), kind: 'hospital-discharge' },
        { id: 'dx', at: at('01-03'), kind: 'diagnosis', status: 'suspected' },
        { id: 'h2', at: at('01-04'), kind: 'hospital-discharge' },
      ]),
    ).toEqual(['T-R1-on declaration,h2', 'T-R1-off declaration,h2']);
  });

  it('I-4: of two discharges after the last positive test, the first anchors the count', () => {
    expect(
      atSubmission([
        { id: 'p', at: at('01-01'), kind: 'test-result', result: 'positive' },
        { id: 'h1', at: at('01-04'), kind: 'hospital-discharge' },
        { id: 'h2', at: at('01-06'), kind: 'hospital-discharge' },
      ]),
    ).toEqual(['T-R1-on declaration,h1', 'T-R1-off declaration,h1']);
  });

  it('I-4: a negative test is no trigger; without a discharge the declared R1 waits in treatment', () => {
    expect(
      atSubmission([
        { id: 'p', at: at('01-01'), kind: 'test-result', result: 'positive' },
        { id: 'h', at: at('01-04'), kind: 'hospital-discharge' },
        { id: 'n', at: at('01-06'), kind: 'test-result', result: 'negative' },
      ]),
    ).toEqual(['T-R1-on declaration,h', 'T-R1-off declaration,h']);
    const a = defaultEngine.evaluate(declared, [], now);
    expect(a.reasons.map((r) => `${r.rule} ${r.phase} ${r.awaiting.join(',')}`)).toEqual(['R1 treatment hospital-discharge']);
  });
});

describe('the message of a declared fact names the declaration (RULES §8)', () => {
  it('R2 declared: the evidence reads "declaration", 申报, 申報', () => {
    const a = defaultEngine.evaluate(minimalDeclaration({ closeContactOfCase: true }) as DeclarationInput, [], at('02-03'));
    const m = a.reasons[0]?.message;
    expect(m?.en).toContain('(evidence: declaration)');
    expect(m?.['zh-Hans']).toContain('（依据：申报）');
    expect(m?.['zh-Hant']).toContain('（依據：申報）');
  });
});

describe('Engine.snapshot throws on bad input, as evaluate does', () => {
  it('an invalid declaration is a HealthCodeInputError with its path', () => {
    expect(() => defaultEngine.snapshot({ id: '' } as unknown as DeclarationInput, [], at('02-03'))).toThrow(/declaration/);
    expect(defaultEngine.safeSnapshot({ id: '' }, [], at('02-03')).success).toBe(false);
  });
});
