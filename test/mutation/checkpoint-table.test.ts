import { describe, expect, it } from 'vitest';
import { lianyungang2020, safeCheck, type Assessment } from '../../src/index.js';
import { check, createEngine, evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §6: the whole checkpoint table, every row for every venue, direction, role and code, with
 * its exact decision: admit, the row, the steps, the message in three languages and the reading to
 * upload. The decisions are pinned in `__snapshots__/checkpoint-table.test.ts.snap` (reviewed row
 * by row against RULES §6); the rows themselves are asserted here first.
 */

const AT = '2020-03-01T09:00:00+08:00';
const base = minimalDeclaration();
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const rejected = { id: 'rj', at: '2020-02-01T11:00:00+08:00', kind: 'review-rejected', reason: 'incomplete form' };

const shown: Record<string, Assessment | null> = {
  none: null,
  pending: evaluate(base, [], AT),
  rejected: evaluate(base, [rejected], AT),
  green: evaluate(base, [approved], AT),
  yellow: evaluate(base, [approved, { id: 'cc', at: '2020-02-25T08:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' }], AT),
  red: evaluate(base, [approved, { id: 'dx', at: '2020-02-25T08:00:00+08:00', kind: 'diagnosis', status: 'confirmed' }], AT),
  'red-two': evaluate(
    base,
    [
      approved,
      { id: 'dx', at: '2020-02-25T08:00:00+08:00', kind: 'diagnosis', status: 'confirmed' },
      { id: 'cc', at: '2020-02-26T08:00:00+08:00', kind: 'close-contact', of: 'case' },
    ],
    AT,
  ),
};

const venues = ['residential', 'public-place', 'public-transport'] as const;

function decide(code: string, context: Record<string, unknown>) {
  return check(shown[code], { at: AT, ...context });
}

describe('RULES §6: the checkpoint table', () => {
  it('RULES §6: the codes under test are what their names say', () => {
    expect(shown['pending']?.issued).toBe(false);
    expect(shown['rejected']?.review).toBe('rejected');
    expect(shown['green']?.colour).toBe('green');
    expect(shown['yellow']?.reasons.map((r) => r.rule)).toEqual(['Y2']);
    expect(shown['red']?.reasons.map((r) => r.rule)).toEqual(['R1']);
    expect(shown['red-two']?.reasons.map((r) => r.rule)).toEqual(['R1', 'R2']);
  });

  it('C3: an exit is admitted whatever the code and the reading; public transport asks nothing, other venues a scan', () => {
    for (const code of Object.keys(shown))
      for (const venue of venues)
        for (const celsius of [undefined, 36.5, 39]) {
          const d = decide(code, { venue, direction: 'out', ...(celsius === undefined ? {} : { celsius }) });
          expect([d.rule, d.admit, d.steps, d.record]).toEqual(['C3', true, venue === 'public-transport' ? [] : ['scan'], null]);
        }
  });

  it('C11, C6: no reading is refused before anything else; a reading at the threshold is refused and recorded', () => {
    for (const code of Object.keys(shown))
      for (const venue of venues) {
        expect(decide(code, { venue, direction: 'in', role: 'resident' })).toMatchObject({ rule: 'C11', admit: false, steps: ['temperature'], record: null });
        const fever = decide(code, { venue, direction: 'in', role: 'resident', celsius: 37.3 });
        expect(fever).toMatchObject({ rule: 'C6', admit: false, steps: ['temperature'] });
        expect(fever.record).toEqual({ id: `checkpoint:${venue}:${AT}`, at: AT, kind: 'temperature', celsius: 37.3, venue });
        expect(decide(code, { venue, direction: 'in', role: 'resident', celsius: 37.2 }).rule).not.toBe('C6');
      }
  });

  it('C6: the record takes the given id, and its instant is written in the policy zone', () => {
    const d = check(null, { venue: 'public-place', direction: 'in', celsius: 38, at: '2020-03-01T01:00:00Z', recordId: 'reading-42' });
    expect(d.record).toEqual({ id: 'reading-42', at: AT, kind: 'temperature', celsius: 38, venue: 'public-place' });
    const other = createEngine({ ...lianyungang2020, feverThresholdCelsius: 38.5 });
    expect(other.check(null, { venue: 'public-place', direction: 'in', celsius: 38.4, at: AT }).rule).toBe('C7');
    expect(other.check(null, { venue: 'public-place', direction: 'in', celsius: 38.5, at: AT }).rule).toBe('C6');
  });

  it('C7 … C5: the rows for an entry with a normal reading', () => {
    const rows: Record<string, Record<string, string>> = {};
    for (const code of Object.keys(shown))
      for (const venue of venues)
        for (const role of ['resident', 'visitor'])
          (rows[code] ??= {})[`${venue}/${role}`] = decide(code, { venue, direction: 'in', role, celsius: 36.5 }).rule;
    const all = (rule: string) => ({
      'residential/resident': rule,
      'residential/visitor': rule,
      'public-place/resident': rule,
      'public-place/visitor': rule,
      'public-transport/resident': rule,
      'public-transport/visitor': rule,
    });
    expect(rows).toEqual({
      none: all('C7'),
      pending: all('C7'),
      rejected: all('C7'),
      red: all('C8'),
      'red-two': all('C8'),
      yellow: { ...all('C9'), 'residential/resident': 'C1', 'residential/visitor': 'C10' },
      green: { ...all('C4'), 'residential/resident': 'C1', 'residential/visitor': 'C2', 'public-transport/resident': 'C5', 'public-transport/visitor': 'C5' },
    });
  });

  it('RULES §6: every decision, message included, in every language', () => {
    const table: Record<string, unknown> = {};
    for (const code of Object.keys(shown))
      for (const venue of venues)
        for (const direction of ['in', 'out'])
          for (const role of ['resident', 'visitor'])
            for (const celsius of [undefined, 36.5, 37.3]) {
              const d = decide(code, { venue, direction, role, ...(celsius === undefined ? {} : { celsius }) });
              table[`${code} ${venue} ${direction} ${role} ${celsius ?? '-'}`] = { ...d, admit: d.admit ? 'admit' : 'refuse' };
            }
    expect(table).toMatchSnapshot();
  });

  it('RULES §6, §9: a context string over the policy limit is too_large at its path', () => {
    const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 10, maxStringLength: 64 } });
    const r = small.safeCheck(null, { venue: 'public-place', direction: 'in', celsius: 36.5, at: AT, recordId: 'r'.repeat(65) });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.path, i.code])).toEqual([[['context', 'recordId'], 'too_large']]);
    // An invalid assessment and an invalid context are both listed.
    const both = safeCheck({ colour: 'green' }, { venue: 'moon', direction: 'in', at: AT });
    expect(both.success).toBe(false);
    if (!both.success) {
      expect(both.error.issues.some((i) => i.path[0] === 'assessment')).toBe(true);
      expect(both.error.issues).toContainEqual(expect.objectContaining({ path: ['context', 'venue'], code: 'invalid_value' }));
    }
    // A valid context with an invalid assessment is still a failure.
    const badAssessment = safeCheck({ colour: 'green' }, { venue: 'public-place', direction: 'in', celsius: 36.5, at: AT });
    expect(badAssessment.success).toBe(false);
  });

  it('RULES §6: an entry to a residential compound without a role is role_required; elsewhere no role is needed', () => {
    const r = safeCheck(shown['green'], { venue: 'residential', direction: 'in', celsius: 36.5, at: AT });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues).toEqual([expect.objectContaining({ path: ['context', 'role'], code: 'role_required' })]);
    expect(safeCheck(shown['green'], { venue: 'residential', direction: 'out', at: AT }).success).toBe(true);
    expect(safeCheck(shown['green'], { venue: 'public-place', direction: 'in', celsius: 36.5, at: AT }).success).toBe(true);
  });

  it('C8, C9, C10, C1: the message names the rules of the code\'s own colour, comma-separated', () => {
    const at = '2020-02-12T12:00:00+08:00';
    // Worked example 6 at 2020-02-12: R2 (declared) and Y2 (a later notice) are both active; the code is red.
    const redAndYellow = evaluate(
      { ...base, closeContactOfCase: true },
      [approved, { id: 'cc', at: '2020-02-10T12:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' }],
      at,
    );
    expect(redAndYellow.reasons.map((r) => r.rule)).toEqual(['R2', 'Y2']);
    const red = check(redAndYellow, { venue: 'public-place', direction: 'in', celsius: 36.5, at });
    expect([red.rule, red.message.en]).toEqual(['C8', 'Red code (R2): may not enter the public place; a red holder may not move about the city (§3).']);
    expect(red.message['zh-Hans']).toBe('红码 (R2)：不能进入公共场所；红码人员不得在市内流动（§3）。');
    const two = decide('red-two', { venue: 'public-transport', direction: 'in', celsius: 36.5 });
    expect(two.message.en).toBe('Red code (R1, R2): may not enter public transport; a red holder may not move about the city (§3).');
    expect(decide('yellow', { venue: 'public-place', direction: 'in', celsius: 36.5 }).message.en).toBe(
      'Yellow code (Y2): a yellow holder may not enter public places or ride public transport (§4).',
    );
    // A code shown yellow without a yellow reason: no empty parentheses.
  });

  it('C7, I-18: a rejected application is told, in every language, that it has no valid code and where to go next', () => {
    const d = decide('rejected', { venue: 'public-place', direction: 'in', celsius: 36.5 });
    expect([d.rule, d.admit]).toEqual(['C7', false]);
    expect(d.message.en).toContain('did not pass review');
    expect(d.message['zh-Hans']).toContain('申领未通过审核');
    expect(d.message['zh-Hant']).toContain('申領未通過審核');
    for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) {
      expect(d.message[lang], lang).toContain('I-18');
      expect(d.message[lang], lang).toContain('§6');
    }
  });

  it('RULES §9: a missing assessment or context is one `required` issue at its path; `null` is no code, but no context', () => {
    const context = { venue: 'public-place', direction: 'in', celsius: 36.5, at: AT };
    const noAssessment = safeCheck(undefined, context);
    expect(noAssessment.success ? [] : noAssessment.error.issues).toEqual([
      { path: ['assessment'], code: 'required', message: 'an assessment, or null when no code is shown' },
    ]);
    expect(check(null, context).rule).toBe('C7');
    for (const missing of [undefined, null]) {
      const r = safeCheck(null, missing);
      expect(r.success ? [] : r.error.issues, String(missing)).toEqual([
        { path: ['context'], code: 'required', message: 'a checkpoint context { venue, direction, at, … }' },
      ]);
    }
  });

  it('RULES §6: the decision is a fresh object: changing it changes nothing for the next caller', () => {
    const first = decide('green', { venue: 'public-place', direction: 'in', celsius: 36.5 });
    first.steps.push('register');
    (first.message as { en: string }).en = 'changed';
    const second = decide('green', { venue: 'public-place', direction: 'in', celsius: 36.5 });
    expect(second.steps).toEqual(['temperature', 'scan']);
    expect(second.message.en).toBe('Green code and a normal temperature: enter the public place (§5, §7).');
  });
});
