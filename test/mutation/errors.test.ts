import { describe, expect, it } from 'vitest';
import { HealthCodeInputError, createEngine, formatPath, lianyungang2020, safeEvaluate } from '../../src/index.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §9: the shape of an input error, exactly. Every issue has a path printed the way the
 * message prints it, a stable code, and a message; the error's own message lists them all.
 */

const NOW = '2020-02-20T12:00:00+08:00';
const declaration = minimalDeclaration;

function issuesOf(d: unknown, ...rest: [] | [history: unknown, now: unknown]) {
  const result = rest.length === 0 ? safeEvaluate(d, [], NOW) : safeEvaluate(d, rest[0], rest[1]);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((i) => ({ at: formatPath(i.path), code: i.code, message: i.message }));
}

describe('RULES §9: formatPath', () => {
  it('RULES §9: prints keys with dots, indexes in brackets, and the root as (root)', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['history', 3, 'at'])).toBe('history[3].at');
    expect(formatPath(['declaration', 'keyAreaVisits', 0, 'to'])).toBe('declaration.keyAreaVisits[0].to');
    expect(formatPath([0])).toBe('[0]');
    expect(formatPath([2, 'x', 1])).toBe('[2].x[1]');
    expect(formatPath(['now'])).toBe('now');
  });
});

describe('RULES §9: HealthCodeInputError', () => {
  it('RULES §9: names itself, keeps the issues, and lists each as "path: message [code]" after a count', () => {
    const issues = [{ path: ['history', 3, 'at'], code: 'invalid_instant', message: 'not an instant' }] as const;
    const one = new HealthCodeInputError(issues);
    expect(one).toBeInstanceOf(Error);
    expect(one.name).toBe('HealthCodeInputError');
    expect(one.issues).toBe(issues);
    expect(one.message).toBe('Invalid input: 1 problem\n  history[3].at: not an instant [invalid_instant]');
    const two = new HealthCodeInputError(
      [
        { path: [], code: 'invalid', message: 'a' },
        { path: ['now'], code: 'required', message: 'b' },
      ],
      'policy',
    );
    expect(two.message).toBe('Invalid policy: 2 problems\n  (root): a [invalid]\n  now: b [required]');
    expect(new HealthCodeInputError([]).message).toBe('Invalid input: 0 problems\n');
  });

  it('createEngine: an invalid policy is an error about the policy, with paths under policy', () => {
    let caught: unknown;
    try {
      createEngine({ ...lianyungang2020, observationDays: 0, timeZone: 'Mars/Olympus' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HealthCodeInputError);
    const error = caught as HealthCodeInputError;
    expect(error.message.startsWith('Invalid policy: 2 problems\n')).toBe(true);
    expect(error.issues.map((i) => [formatPath(i.path), i.code])).toEqual([
      ['policy.timeZone', 'invalid_time_zone'],
      ['policy.observationDays', 'out_of_range'],
    ]);
  });
});

describe('RULES §9: issue codes', () => {
  it('RULES §9: a missing field is required ("is required"); a field present with the wrong type is invalid_type', () => {
    const { id: _omitted, ...withoutId } = declaration();
    expect(issuesOf(withoutId)).toEqual([{ at: 'declaration.id', code: 'required', message: 'is required' }]);
    const wrong = issuesOf(declaration({ id: 7 }));
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ at: 'declaration.id', code: 'invalid_type' });
    expect(wrong[0]?.message).not.toBe('is required');
    expect(issuesOf(declaration({ id: null }))[0]?.code).toBe('invalid_type');
  });

  it('RULES §9: an absent argument is required; null, a number or a string as an argument is invalid_type', () => {
    expect(issuesOf(undefined, [], NOW)).toEqual([{ at: 'declaration', code: 'required', message: 'is required' }]);
    expect(issuesOf(null, [], NOW)[0]).toMatchObject({ at: 'declaration', code: 'invalid_type' });
    expect(issuesOf(declaration(), undefined, NOW)).toEqual([expect.objectContaining({ at: 'history', code: 'required' })]);
    expect(issuesOf(declaration(), {}, NOW)).toEqual([expect.objectContaining({ at: 'history', code: 'invalid_type' })]);
    expect(issuesOf(declaration(), [], undefined)).toEqual([expect.objectContaining({ at: 'now', code: 'required' })]);
    expect(issuesOf(declaration(), [], 12)).toEqual([expect.objectContaining({ at: 'now', code: 'invalid_instant' })]);
  });

  it('A-3: an attestation that is not true is attestation_required; another enum value is invalid_value', () => {
    for (const attestation of [false, 'true', 1]) {
      expect(issuesOf(declaration({ attestation }))).toEqual([
        expect.objectContaining({ at: 'declaration.attestation', code: 'attestation_required' }),
      ]);
    }
    expect(issuesOf(declaration({ category: 'tourist' }))).toEqual([
      expect.objectContaining({ at: 'declaration.category', code: 'invalid_value' }),
    ]);
  });

  it('RULES §9: an unknown event kind lists the kinds the format knows', () => {
    const [issue] = issuesOf(declaration(), [{ id: 'e1', at: NOW, kind: 'teleport' }], NOW);
    expect(issue?.at).toBe('history[0].kind');
    expect(issue?.code).toBe('unknown_event_kind');
    expect(issue?.message.startsWith('unknown event kind; expected one of test-result, diagnosis, hospital-discharge,')).toBe(true);
    expect(issue?.message.endsWith('review-approved, review-rejected, correction')).toBe(true);
  });

  it('RULES §9: an empty string or list is too_small; a number out of its range is out_of_range', () => {
    expect(issuesOf(declaration({ subjectId: '' }))).toEqual([expect.objectContaining({ at: 'declaration.subjectId', code: 'too_small' })]);
    expect(issuesOf(declaration(), [{ id: 's', at: NOW, kind: 'symptoms', symptoms: [] }], NOW)).toEqual([
      expect.objectContaining({ at: 'history[0].symptoms', code: 'too_small' }),
    ]);
    for (const celsius of [29.9, 45.1]) {
      expect(issuesOf(declaration(), [{ id: 't', at: NOW, kind: 'temperature', celsius }], NOW)).toEqual([
        expect.objectContaining({ at: 'history[0].celsius', code: 'out_of_range' }),
      ]);
    }
  });

  it('RULES §9: refinements carry their own codes (invalid_instant, invalid_day, visit_order)', () => {
    expect(issuesOf(declaration({ submittedAt: '2020-02-01' }))).toEqual([
      expect.objectContaining({ at: 'declaration.submittedAt', code: 'invalid_instant' }),
    ]);
    expect(issuesOf(declaration({ keyAreaContacts: [{ on: '2020-02-30' }] }))).toEqual([
      expect.objectContaining({ at: 'declaration.keyAreaContacts[0].on', code: 'invalid_day' }),
    ]);
    expect(issuesOf(declaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-19' }] }))).toEqual([
      expect.objectContaining({ at: 'declaration.keyAreaVisits[0].to', code: 'visit_order' }),
    ]);
  });
});

describe('RULES §9: the message of a schema problem', () => {
  it('RULES §9: a problem the schemas find keeps the schema\'s own message, which states the rule broken', () => {
    expect(
      issuesOf(
        declaration({
          subjectId: '',
          submittedAt: '2020-02-01',
          attestation: false,
          keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-19' }],
          keyAreaContacts: [{ on: '2020-02-30' }],
        }),
        [{ id: 't', at: NOW, kind: 'temperature', celsius: 45.1 }],
        NOW,
      ),
    ).toEqual([
      { at: 'declaration.subjectId', code: 'too_small', message: 'must not be empty' },
      { at: 'declaration.submittedAt', code: 'invalid_instant', message: 'not an ISO-8601 instant with offset (e.g. 2020-02-03T09:00:00+08:00)' },
      { at: 'declaration.attestation', code: 'attestation_required', message: 'the truthfulness attestation must be true (A-3)' },
      { at: 'declaration.keyAreaVisits[0].to', code: 'visit_order', message: '`to` is before `from`' },
      { at: 'declaration.keyAreaContacts[0].on', code: 'invalid_day', message: 'not a calendar day YYYY-MM-DD that exists' },
      { at: 'history[0].celsius', code: 'out_of_range', message: 'a body temperature is between 30 and 45 °C' },
    ]);
  });

  it('RULES §9: a field of the wrong type names the type expected and the type received', () => {
    expect(issuesOf(declaration({ id: 7 }))).toEqual([
      { at: 'declaration.id', code: 'invalid_type', message: 'Invalid input: expected string, received number' },
    ]);
    expect(issuesOf(declaration({ category: 'tourist' }))).toEqual([
      { at: 'declaration.category', code: 'invalid_value', message: 'Invalid option: expected one of "resident"|"arrival"|"returnee"' },
    ]);
  });
});
