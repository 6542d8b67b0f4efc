import { describe, expect, it } from 'vitest';
import { createEngine, formatPath, lianyungang2020, safeEvaluate } from '../../src/index.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §9: the input checks of `evaluate`, through the public API: the size limits of the policy,
 * "one id, one content", an event of an unknown kind, and the ids a correction may void (I-13).
 * Every expected issue is the input's own path, the stable code and the exact message.
 */

const NOW = '2020-02-20T12:00:00+08:00';
const declaration = minimalDeclaration;
/** A policy with small limits, so that a limit is reached with small inputs. */
const small = createEngine({ ...lianyungang2020, limits: { maxEvents: 2, maxStringLength: 64 } });
const AT_LIMIT = 'a'.repeat(64);
const OVER = 'x'.repeat(65);
const TOO_LONG = "longer than the policy's limit of 64 characters";
const KINDS =
  'test-result, diagnosis, hospital-discharge, fever-clinic-observation, covid-excluded, recovered, isolation-started, ' +
  'close-contact, key-area-visit, key-area-contact, temperature, symptoms, daily-report, high-risk-designation, ' +
  'authority-release, review-approved, review-rejected, correction';
const NOT_AN_INSTANT = 'not an ISO-8601 instant with offset (e.g. 2020-02-03T09:00:00+08:00)';

const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const correction = (id: string, voids: string) => ({
  id,
  at: '2020-02-02T09:00:00+08:00',
  kind: 'correction',
  voids,
  authority: 'CDC',
  reason: 'entered in error',
});

type Evaluator = Pick<typeof small, 'safeEvaluate'>;

function issues(d: unknown, history: unknown, now: unknown = NOW, engine: Evaluator = { safeEvaluate }) {
  const result = engine.safeEvaluate(d, history, now);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((i) => [formatPath(i.path), i.code, i.message]);
}

describe('RULES §9: string length limit of the policy', () => {
  it('RULES §9: a string of exactly the limit is allowed; one character more is too_large, and only that one', () => {
    expect(small.safeEvaluate(declaration({ id: AT_LIMIT }), [], NOW).success).toBe(true);
    expect(issues(declaration({ id: AT_LIMIT, subjectId: OVER }), [], NOW, small)).toEqual([
      ['declaration.subjectId', 'too_large', TOO_LONG],
    ]);
    expect(issues(declaration(), [{ ...approved, id: OVER }, { ...approved, id: AT_LIMIT }], NOW, small)).toEqual([
      ['history[0].id', 'too_large', TOO_LONG],
    ]);
  });

  it('RULES §9: every string over the limit is listed, in input order (keys of an object, then items of a list)', () => {
    expect(
      issues(declaration({ id: OVER, subjectId: OVER, symptoms: ['fever'] }), [{ ...approved, id: OVER, at: OVER }, { ...approved, id: 'b', at: OVER }], NOW, small)
        .filter(([, code]) => code === 'too_large')
        .map(([at]) => at),
    ).toEqual(['declaration.id', 'declaration.subjectId', 'history[0].id', 'history[0].at', 'history[1].at']);
  });

  it('RULES §9: a history of exactly the limit of events is still searched for long strings', () => {
    // Two events, the limit of `small`: not too many, so each string is checked.
    expect(issues(declaration(), [approved, { ...approved, id: OVER }], NOW, small)).toEqual([
      ['history[1].id', 'too_large', TOO_LONG],
    ]);
  });

  it('RULES §9: a field set to undefined next to a long string is skipped, not a crash', () => {
    expect(issues(declaration({ proxy: undefined, id: OVER }), [], NOW, small)).toEqual([['declaration.id', 'too_large', TOO_LONG]]);
    expect(issues(declaration(), [{ ...approved, credential: undefined, id: OVER }], NOW, small)).toEqual([
      ['history[0].id', 'too_large', TOO_LONG],
    ]);
  });

  it('RULES §9: with a long string found near the root, a string nine levels deep is reported too (every string has a limit)', () => {
    let nested: unknown = OVER;
    for (let i = 0; i < 8; i++) nested = { k: nested };
    // extra (level 1) and eight levels of k: the long string is nine levels below the declaration.
    expect(issues(declaration({ subjectId: OVER, extra: nested }), [], NOW, small)).toEqual([
      ['declaration.subjectId', 'too_large', TOO_LONG],
      ['declaration.extra.k.k.k.k.k.k.k.k', 'too_large', TOO_LONG],
      ['declaration', 'unrecognized_keys', 'Unrecognized key: "extra"'],
    ]);
    // In a list: history[0] is level one, the string at level nine is reported where it is.
    expect(issues(declaration(), [{ ...approved, id: OVER }, [[[[[[[[OVER]]]]]]]]], NOW, small).filter((i) => i[1] === 'too_large')).toEqual([
      ['history[0].id', 'too_large', TOO_LONG],
      ['history[1][0][0][0][0][0][0][0][0]', 'too_large', TOO_LONG],
    ]);
  });

  it('RULES §9: an object that contains itself is read once, never forever; a long string on the loop is reported once', () => {
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(issues(declaration({ extra: loop }), [], NOW, small)).toEqual([['declaration', 'unrecognized_keys', 'Unrecognized key: "extra"']]);
    const withLong: Record<string, unknown> = { s: OVER };
    withLong['self'] = withLong;
    expect(issues(declaration({ extra: withLong }), [], NOW, small)).toEqual([
      ['declaration.extra.s', 'too_large', TOO_LONG],
      ['declaration', 'unrecognized_keys', 'Unrecognized key: "extra"'],
    ]);
  });
});

describe('RULES §9: one id, one content', () => {
  const temperature = (celsius: number) => ({ id: 't1', at: '2020-02-02T09:00:00+08:00', kind: 'temperature', celsius });
  const rejected = (reason: string) => ({ id: 'rj', at: '2020-02-01T11:00:00+08:00', kind: 'review-rejected', reason });

  it('RULES §9: two readings under one id that differ only in the number are different content', () => {
    expect(issues(declaration(), [temperature(36.5), temperature(37.5)])).toEqual([
      ['history[1].id', 'duplicate_id', 'id "t1" is also used by history[0] with different content'],
    ]);
  });

  it('RULES §9: two reasons of the same length under one id are different content', () => {
    expect(issues(declaration(), [rejected('typo'), rejected('tyop')])).toEqual([
      ['history[1].id', 'duplicate_id', 'id "rj" is also used by history[0] with different content'],
    ]);
  });

  it('RULES §9: duplicates are found alike in a short history, in one of more than 16 events and in one with a correction, each against the first event of its id', () => {
    const at = (n: number) => `2020-02-0${2 + (n % 7)}T0${n % 10}:00:00+08:00`;
    const reading = (id: string, celsius: number, n: number) => ({ id, at: at(n), kind: 'temperature', celsius });
    // history[3] is history[0] again: an identical duplicate, no issue.
    const short = [reading('a', 36.5, 0), reading('b', 36.6, 1), reading('a', 36.7, 2), reading('a', 36.5, 0), reading('b', 36.8, 4), reading('a', 36.9, 5)];
    const expected = (shift: number) => [
      [`history[${2 + shift}].id`, 'duplicate_id', 'id "a" is also used by history[0] with different content'],
      [`history[${4 + shift}].id`, 'duplicate_id', 'id "b" is also used by history[1] with different content'],
      [`history[${5 + shift}].id`, 'duplicate_id', 'id "a" is also used by history[0] with different content'],
    ];
    expect(issues(declaration(), short)).toEqual(expected(0));
    // The same after 20 readings of their own ids: over 16 events, and the map finds them.
    const others = Array.from({ length: 20 }, (_, n) => reading(`o${n}`, 36.5, n));
    const long = [...short.slice(0, 2), ...others, ...short.slice(2)];
    expect(issues(declaration(), long)).toEqual([
      ['history[22].id', 'duplicate_id', 'id "a" is also used by history[0] with different content'],
      ['history[24].id', 'duplicate_id', 'id "b" is also used by history[1] with different content'],
      ['history[25].id', 'duplicate_id', 'id "a" is also used by history[0] with different content'],
    ]);
    expect(issues(declaration(), [...short, correction('c1', 'b')])).toEqual(expected(0));
  });

  it('RULES §9: a field set to undefined in the first copy is absent: the second copy is an ignored duplicate', () => {
    const result = safeEvaluate(declaration(), [{ ...approved, credential: undefined }, approved], NOW);
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.ignored).toEqual([{ id: 'rv', why: 'duplicate' }]);
  });
});

describe('RULES §9: an event of an unknown kind, or not an event at all', () => {
  it('RULES §9: an unknown kind is reported once, with the kinds the format knows, and nothing more when id and at are valid', () => {
    expect(issues(declaration(), [{ id: 'e1', at: NOW, kind: 'teleport' }])).toEqual([
      ['history[0].kind', 'unknown_event_kind', `unknown event kind; expected one of ${KINDS}`],
    ]);
  });

  it('RULES §9: an unknown kind does not hide a bad id or instant', () => {
    expect(issues(declaration(), [{ id: '', at: 'soon', kind: 'teleport' }])).toEqual([
      ['history[0].kind', 'unknown_event_kind', `unknown event kind; expected one of ${KINDS}`],
      ['history[0].id', 'too_small', 'must not be empty'],
      ['history[0].at', 'invalid_instant', NOT_AN_INSTANT],
    ]);
  });

  it('RULES §9: a known kind with a bad id and instant: each problem is listed once', () => {
    expect(issues(declaration(), [{ id: '', at: 'soon', kind: 'recovered' }])).toEqual([
      ['history[0].id', 'too_small', 'must not be empty'],
      ['history[0].at', 'invalid_instant', NOT_AN_INSTANT],
    ]);
  });

  it('RULES §9: an item that is not an object is invalid_type at its index, once', () => {
    expect(issues(declaration(), ['x', null, 5])).toEqual([
      ['history[0]', 'invalid_type', 'Invalid input: expected object, received string'],
      ['history[1]', 'invalid_type', 'Invalid input: expected object, received null'],
      ['history[2]', 'invalid_type', 'Invalid input: expected object, received number'],
    ]);
  });
});

describe('I-13: the ids a correction may void', () => {
  it('I-13: items that are not events carry no id; a correction of an unknown id is still reported beside them', () => {
    expect(issues(declaration(), [null, 'rv', correction('c1', 'ghost')])).toEqual([
      ['history[0]', 'invalid_type', 'Invalid input: expected object, received null'],
      ['history[1]', 'invalid_type', 'Invalid input: expected object, received string'],
      ['history[2].voids', 'unknown_void_target', 'no event with id "ghost" in the history (I-13)'],
    ]);
  });

  it('I-13: an id that is not a string does not make a target known', () => {
    expect(issues(declaration(), [{ ...approved, id: 7 }, correction('c1', '7')])).toEqual([
      ['history[0].id', 'invalid_type', 'Invalid input: expected string, received number'],
      ['history[1].voids', 'unknown_void_target', 'no event with id "7" in the history (I-13)'],
    ]);
  });
});
