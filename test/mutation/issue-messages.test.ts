import { describe, expect, it } from 'vitest';
import { createEngine, credentialFor, formatPath, lianyungang2020, mustApply, safeCheck, safeEvaluate, type Category, type Channel } from '../../src/index.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §9: every cross-field problem the engine finds itself (beyond the schemas) is reported at
 * its path, with its code and the message a person reads, exactly; and the counts and ids a
 * message quotes are the input's own.
 */

const NOW = '2020-02-20T12:00:00+08:00';
const declaration = minimalDeclaration;
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const correction = (id: string, voids: string, at = '2020-02-02T09:00:00+08:00') => ({
  id,
  at,
  kind: 'correction',
  voids,
  authority: 'CDC',
  reason: 'entered in error',
});

function issues(d: unknown, history: unknown, now: unknown, engine = { safeEvaluate }) {
  const result = engine.safeEvaluate(d, history, now);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((i) => [formatPath(i.path), i.code, i.message]);
}

describe('RULES §9: the problems the engine finds beyond the schemas', () => {
  it('A-2: a proxy application without the relation, and a relation without a proxy application', () => {
    expect(issues(declaration({ channel: 'proxy' }), [], NOW)).toEqual([
      ['declaration.proxy', 'proxy_required', "a proxy application records the proxy's relation (A-2)"],
    ]);
    expect(issues(declaration({ channel: 'self', proxy: { relation: 'parent' } }), [], NOW)).toEqual([
      ['declaration.proxy', 'proxy_not_allowed', 'a proxy is only recorded when the channel is "proxy" (A-2)'],
    ]);
    // An invalid or empty channel is reported once, as itself, not as a proxy problem.
    expect(issues(declaration({ channel: '', proxy: { relation: 'parent' } }), [], NOW).map((i) => i[1])).toEqual(['invalid_value']);
    expect(issues(declaration({ channel: 7, proxy: { relation: 'parent' } }), [], NOW).map((i) => i[1])).toEqual(['invalid_value']);
    // A proxy application with its relation is valid.
    expect(safeEvaluate(declaration({ channel: 'proxy', proxy: { relation: 'parent' } }), [], NOW).success).toBe(true);
  });

  it('I-3: an isolation declared as starting after the submission; at the submission instant it is valid', () => {
    expect(issues(declaration({ isolationStartedAt: '2020-02-01T10:00:00.001+08:00' }), [], NOW)).toEqual([
      ['declaration.isolationStartedAt', 'isolation_after_submission', 'an isolation declared as started cannot start after the declaration is submitted (I-3)'],
    ]);
    expect(safeEvaluate(declaration({ isolationStartedAt: '2020-02-01T10:00:00+08:00' }), [], NOW).success).toBe(true);
    expect(safeEvaluate(declaration({ isolationStartedAt: '2020-02-01T02:00:00Z' }), [], NOW).success).toBe(true);
  });

  it('RULES §9: now before the submission, by a millisecond; at the submission instant it is valid', () => {
    expect(issues(declaration(), [], '2020-02-01T09:59:59.999+08:00')).toEqual([
      ['now', 'now_before_submission', "now is earlier than the declaration's submittedAt"],
    ]);
    expect(safeEvaluate(declaration(), [], '2020-02-01T10:00:00+08:00').success).toBe(true);
  });

  it('RULES §9: history that is not a list; a history over the limit quotes both numbers', () => {
    expect(issues(declaration(), 'events', NOW)).toEqual([['history', 'invalid_type', 'expected an array of events']]);
    expect(issues(declaration(), undefined, NOW)).toEqual([['history', 'required', 'expected an array of events']]);
    const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 2, maxStringLength: 64 } });
    expect(issues(declaration(), [approved, approved, approved], NOW, small)).toEqual([['history', 'too_large', "3 events; the policy's limit is 2"]]);
    expect(issues(declaration({ id: 'x'.repeat(65) }), [], NOW, small)).toEqual([
      ['declaration.id', 'too_large', "longer than the policy's limit of 64 characters"],
    ]);
  });

  it('RULES §9: a history over the limit is one problem: its events are not looked into', () => {
    const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 2, maxStringLength: 64 } });
    const long = { ...approved, id: 'z'.repeat(65) };
    expect(issues(declaration(), [long, long, { ...approved, id: '' }], NOW, small)).toEqual([['history', 'too_large', "3 events; the policy's limit is 2"]]);
  });

  it('RULES §9: now is compared with submittedAt only when both are valid instants', () => {
    // An invalid submittedAt: only its own problem, however early now is.
    expect(issues(declaration({ submittedAt: 'soon' }), [], '2019-01-01T00:00:00+08:00').map((i) => i.slice(0, 2))).toEqual([
      ['declaration.submittedAt', 'invalid_instant'],
    ]);
    // An invalid now: only its own problem.
    expect(issues(declaration(), [], '2019-01-01')).toEqual([
      ['now', 'invalid_instant', 'not a Date or an ISO-8601 instant with offset (e.g. 2020-02-10T12:00:00+08:00)'],
    ]);
  });

  it('RULES §9: strings over the limit are found at any depth up to maxDepth; a deeper nesting is itself too_large', () => {
    const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 10, maxStringLength: 64, maxDepth: 8 } });
    const long = 'x'.repeat(65);
    // Seven levels below the declaration: reported as too long (and as unknown keys).
    let nested: unknown = long;
    for (let i = 0; i < 7; i++) nested = { k: nested };
    const found = issues(declaration({ extra: nested }), [], NOW, small);
    expect(found).toContainEqual(['declaration.extra.k.k.k.k.k.k.k', 'too_large', "longer than the policy's limit of 64 characters"]);
    expect(found).toContainEqual(['declaration', 'unrecognized_keys', 'Unrecognized key: "extra"']);
    // Nine levels below: the object at level eight is one level too deep, and nothing else is read.
    const deeper = issues(declaration({ extra: { k: nested } }), [], NOW, small);
    expect(deeper).toEqual([['declaration.extra.k.k.k.k.k.k.k', 'too_large', "nested deeper than the policy's limit of 8 levels"]]);
    // The same in a list: history[0] is level one.
    const inList = issues(declaration(), [[[[[[[[long]]]]]]]], NOW, small);
    expect(inList).toContainEqual(['history[0][0][0][0][0][0][0][0]', 'too_large', "longer than the policy's limit of 64 characters"]);
  });

  it('RULES §9: every long string of a list is reported, in input order', () => {
    const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 10, maxStringLength: 64 } });
    const long = 'y'.repeat(65);
    const found = issues(declaration({ symptoms: [long, 'fever', long] }), [], NOW, small).filter((i) => i[1] === 'too_large');
    expect(found.map((i) => i[0])).toEqual(['declaration.symptoms[0]', 'declaration.symptoms[2]']);
  });

  it('RULES §9: the reserved id "declaration", and an id used twice with different content', () => {
    expect(issues(declaration(), [{ ...approved, id: 'declaration' }], NOW)).toEqual([
      ['history[0].id', 'reserved_id', '"declaration" is the evidence id of the declaration itself'],
    ]);
    expect(issues(declaration(), [approved, { ...approved, credential: 'paper-code' }], NOW)).toEqual([
      ['history[1].id', 'duplicate_id', 'id "rv" is also used by history[0] with different content'],
    ]);
    // An absent optional field and one set to undefined are the same content.
    expect(safeEvaluate(declaration(), [approved, { ...approved, credential: undefined }], NOW).success).toBe(true);
    // Nested content is compared too.
    const s = (symptoms: string[]) => ({ id: 's1', at: '2020-02-02T09:00:00+08:00', kind: 'symptoms', symptoms });
    expect(safeEvaluate(declaration(), [s(['fever']), s(['fever'])], NOW).success).toBe(true);
    expect(issues(declaration(), [s(['fever']), s(['fatigue'])], NOW)).toEqual([
      ['history[1].id', 'duplicate_id', 'id "s1" is also used by history[0] with different content'],
    ]);
    expect(issues(declaration(), [s(['fever']), s(['fever', 'fatigue'])], NOW).map((i) => i[1])).toEqual(['duplicate_id']);
  });

  it('I-13: a correction of itself, of an unknown id, and corrections on a cycle', () => {
    expect(issues(declaration(), [correction('c1', 'c1')], NOW)).toEqual([
      ['history[0].voids', 'self_void', 'a correction cannot void itself (I-13)'],
    ]);
    expect(issues(declaration(), [correction('c1', 'ghost')], NOW)).toEqual([
      ['history[0].voids', 'unknown_void_target', 'no event with id "ghost" in the history (I-13)'],
    ]);
    expect(issues(declaration(), [approved, correction('c1', 'c2'), correction('c2', 'c3'), correction('c3', 'c1')], NOW)).toEqual([
      ['history[1].voids', 'void_cycle', 'this correction is on a cycle of corrections (I-13)'],
      ['history[2].voids', 'void_cycle', 'this correction is on a cycle of corrections (I-13)'],
      ['history[3].voids', 'void_cycle', 'this correction is on a cycle of corrections (I-13)'],
    ]);
    // A chain into a cycle: only the members of the cycle are on it.
    expect(issues(declaration(), [correction('c0', 'c1'), correction('c1', 'c2'), correction('c2', 'c1')], NOW)).toEqual([
      ['history[1].voids', 'void_cycle', 'this correction is on a cycle of corrections (I-13)'],
      ['history[2].voids', 'void_cycle', 'this correction is on a cycle of corrections (I-13)'],
    ]);
    // A chain of corrections without a cycle is valid.
    expect(safeEvaluate(declaration(), [approved, correction('c1', 'rv'), correction('c2', 'c1')], NOW).success).toBe(true);
    // An id that only an invalid event carries is still known: the target exists, the event is the problem.
    expect(issues(declaration(), [{ id: 'bad', at: 'soon', kind: 'recovered' }, correction('c1', 'bad')], NOW).map((i) => i.slice(0, 2))).toEqual([
      ['history[0].at', 'invalid_instant'],
    ]);
  });

  it('RULES §9: now, as a Date: a valid Date is an instant, an invalid Date is not', () => {
    expect(safeEvaluate(declaration(), [], new Date('2020-02-20T04:00:00Z')).success).toBe(true);
    expect(issues(declaration(), [], new Date(Number.NaN))).toEqual([['now', 'invalid_instant', 'an invalid Date']]);
    expect(issues(declaration(), [], 'tomorrow')).toEqual([
      ['now', 'invalid_instant', 'not a Date or an ISO-8601 instant with offset (e.g. 2020-02-10T12:00:00+08:00)'],
    ]);
    expect(issues(declaration(), [], new Date('2020-02-01T01:59:59.999Z'))).toEqual([
      ['now', 'now_before_submission', "now is earlier than the declaration's submittedAt"],
    ]);
    expect(safeEvaluate(declaration(), [], new Date('2020-02-01T02:00:00Z')).success).toBe(true);
  });

  it('RULES §9: every problem of every argument is listed in one error, in argument order', () => {
    const found = issues(declaration({ channel: 'proxy', attestation: false }), [{ ...approved, id: 'declaration' }, correction('c', 'c')], 'x');
    expect(found.map((i) => i[0])).toEqual(['declaration.attestation', 'declaration.proxy', 'history[0].id', 'history[1].voids', 'now']);
  });

  it('RULES §6, §9: safeCheck: no context at all, and no assessment argument at all, are required', () => {
    const ctx = { venue: 'public-place', direction: 'in', celsius: 36.5, at: NOW };
    const noContext = safeCheck(null, undefined);
    expect(noContext.success).toBe(false);
    if (!noContext.success)
      expect(noContext.error.issues).toEqual([{ path: ['context'], code: 'required', message: 'a checkpoint context { venue, direction, at, … }' }]);
    const noAssessment = safeCheck(undefined, ctx);
    expect(noAssessment.success).toBe(false);
    if (!noAssessment.success)
      expect(noAssessment.error.issues).toEqual([{ path: ['assessment'], code: 'required', message: 'an assessment, or null when no code is shown' }]);
  });
});

describe('A-1, A-2: mustApply and credentialFor outside their types', () => {
  it('A-1: an unknown category is an invalid_value at category listing the categories', () => {
    expect(mustApply('arrival')).toBe(true);
    expect(mustApply('returnee')).toBe(true);
    expect(mustApply('resident')).toBe(false);
    try {
      mustApply('tourist' as Category);
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: unknown }).issues).toEqual([
        { path: ['category'], code: 'invalid_value', message: 'expected one of resident, arrival, returnee (A-1)' },
      ]);
    }
  });

  it('A-2: an unknown channel is an invalid_value at channel listing the channels', () => {
    expect(credentialFor('self')).toBe('app-code');
    expect(credentialFor('proxy')).toBe('app-code');
    expect(credentialFor('paper-form')).toBe('pass-card');
    try {
      credentialFor('fax' as Channel);
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: unknown }).issues).toEqual([
        { path: ['channel'], code: 'invalid_value', message: 'expected one of self, proxy, paper-form (A-2)' },
      ]);
    }
  });
});

describe('RULES §9: a value that cannot be read is reported at its path, not thrown', () => {
  it('RULES §9: a throwing getter gives one unreadable issue at its path', () => {
    const d = Object.defineProperty(declaration(), 'channel', {
      enumerable: true,
      get() {
        throw new Error('unreadable');
      },
    });
    const result = safeEvaluate(d, [], NOW);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues).toEqual([
        { path: ['declaration', 'channel'], code: 'unreadable', message: 'could not be read: reading this value threw an exception' },
      ]);
  });

  it('RULES §9: a throwing getter in a checkpoint context gives one unreadable issue at its path', () => {
    const ctx = Object.defineProperty({ direction: 'in', celsius: 36.5, at: NOW }, 'venue', {
      enumerable: true,
      get() {
        throw new Error('unreadable');
      },
    });
    const result = safeCheck(null, ctx);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues).toEqual([
        { path: ['context', 'venue'], code: 'unreadable', message: 'could not be read: reading this value threw an exception' },
      ]);
  });
});
