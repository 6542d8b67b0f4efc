import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lianyungang2020, type Event } from '../../src/index.js';
import { createEngine } from '../support/untyped.js';
import { canonicalJson, policyHash } from '../../src/policy/canonical.js';

/**
 * RULES §8 and FORMAT "Policy": the policy hash is the SHA-256 of the RFC 8785 (JCS) form of the
 * validated policy; the key-area list is read by area and by day (I-5).
 */

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

describe('RULES §8: canonical JSON and the policy hash', () => {
  it('RULES §8: keys sorted by UTF-16 code units, no white space, undefined members dropped, arrays kept in order', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { d: null, c: 'x' }], é: true, Z: false })).toBe('{"Z":false,"a":[3,1,{"c":"x","d":null}],"b":1,"é":true}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2 })).toBe('{"\u{1F600}":1,"\uFFFF":2}');
    expect(canonicalJson({ b: 1, a: 1 })).toBe(canonicalJson({ a: 1, b: 1 }));
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(37.3)).toBe('37.3');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('RULES §8: the hash is sha256: and the hex SHA-256 of the canonical JSON', () => {
    expect(policyHash({ b: 1, a: 'x' })).toBe(sha256('{"a":"x","b":1}'));
    expect(policyHash([])).toBe(sha256('[]'));
  });

  it('RULES §8: an engine reports the hash of its validated policy (defaults filled in, unknown keys stripped)', () => {
    const { limits: _limits, ...withoutLimits } = lianyungang2020;
    const engine = createEngine({ ...withoutLimits, comment: 'not part of the policy' });
    const defaults = {
      maxEvents: 100_000,
      maxStringLength: 1000,
      maxArrayLength: 1_000_000,
      maxKeys: 1000,
      maxKeyLength: 1000,
      maxDepth: 32,
      maxValues: 10_000_000,
      maxMessageLength: 10_000_000,
    };
    expect(engine.policy.limits).toEqual(defaults);
    const expected = sha256(canonicalJson({ ...lianyungang2020, limits: defaults }));
    const result = engine.evaluate(
      { id: 'a', subjectId: 's', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true },
      [],
      '2020-02-02T10:00:00+08:00',
    );
    expect(result.policy).toEqual({ id: 'lianyungang-2020', version: '1.1.0', hash: expected });
    expect(Object.isFrozen(engine.policy)).toBe(true);
    expect(Object.isFrozen(engine.policy.keyAreas[0])).toBe(true);
  });
});

describe('I-5: the key-area list, by area and by day', () => {
  const declaration = { id: 'a', subjectId: 's', submittedAt: '2019-12-01T10:00:00+08:00', category: 'arrival', channel: 'self', attestation: true };
  const policy = {
    ...lianyungang2020,
    keyAreas: [
      { area: '420100', name: 'Wuhan', from: '2020-01-01', to: null },
      { area: '310000', from: '2020-01-20', to: '2020-01-25' },
      { area: '310000', from: '2020-01-28', to: '2020-01-28' },
    ],
  };
  const engine = createEngine(policy);
  // A visit of the two days before the report, a contact the day before it.
  const dayBefore = (at: string, n: number): string => new Date(Date.parse(at) + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
  const visit = (area: string, at: string): Event => ({ id: 'v', at, kind: 'key-area-visit', area, from: dayBefore(at, 2), to: dayBefore(at, 1) });
  const contact = (area: string, at: string): Event => ({ id: 'c', at, kind: 'key-area-contact', on: dayBefore(at, 1), area });
  // Evaluated an hour after the report, while an observation it starts is still running.
  const rulesAt = (events: [Event]) => {
    const now = new Date(Date.parse(events[0].at) + 3_600_000);
    return engine.evaluate(declaration, events, now).reasons.map((r) => r.rule);
  };

  it('I-5: an area is key on a day when one of its entries covers that day, both ends included', () => {
    for (const [day, key] of [
      ['2020-01-19', false],
      ['2020-01-20', true],
      ['2020-01-25', true],
      ['2020-01-26', false],
      ['2020-01-27', false],
      ['2020-01-28', true],
      ['2020-01-29', false],
    ] as const) {
      const at = `${day}T12:00:00+08:00`;
      expect(rulesAt([visit('310000', at)]), `visit reported ${day}`).toEqual(key ? ['R3'] : []);
      expect(rulesAt([contact('310000', at)]), `contact reported ${day}`).toEqual(key ? ['R3'] : []);
    }
  });

  it('I-5: every entry of an area counts, whichever comes first in the list (the engine built in the test itself)', () => {
    for (const keyAreas of [policy.keyAreas, [...policy.keyAreas].reverse()]) {
      const own = createEngine({ ...lianyungang2020, keyAreas });
      const rulesOn = (day: string) => own.evaluate(declaration, [visit('310000', `${day}T12:00:00+08:00`)], `${day}T13:00:00+08:00`).reasons.map((r) => r.rule);
      expect(rulesOn('2020-01-22'), JSON.stringify(keyAreas)).toEqual(['R3']);
      expect(rulesOn('2020-01-28'), JSON.stringify(keyAreas)).toEqual(['R3']);
      expect(rulesOn('2020-01-27'), JSON.stringify(keyAreas)).toEqual([]);
      expect(own.evaluate(declaration, [visit('420100', '2020-06-01T12:00:00+08:00')], '2020-06-01T13:00:00+08:00').reasons.map((r) => r.rule)).toEqual(['R3']);
    }
  });

  it('I-5: an entry without an end is in force from its first day on; an area not on the list never is', () => {
    expect(rulesAt([visit('420100', '2020-01-12T12:00:00+08:00')])).toEqual(['R3']);
    expect(rulesAt([visit('420100', '2019-12-31T12:00:00+08:00')])).toEqual([]);
    expect(rulesAt([visit('999999', '2020-01-12T12:00:00+08:00')])).toEqual([]);
  });

  it('I-5: the day is the policy zone\'s: 23:30 UTC on the 19th is already the 20th in Shanghai', () => {
    expect(rulesAt([visit('310000', '2020-01-19T16:00:00Z')])).toEqual(['R3']);
    expect(rulesAt([visit('310000', '2020-01-19T15:59:59Z')])).toEqual([]);
  });

  it('I-5: an area is key on the day of the report, not on the days of the visit', () => {
    // Reported on 01-20 (in force) for a visit on 01-18 and 01-19 (not yet in force): key.
    expect(rulesAt([visit('310000', '2020-01-20T12:00:00+08:00')])).toEqual(['R3']);
    // Reported on 01-26 (no longer in force) for a visit on 01-24 and 01-25: not key.
    expect(rulesAt([visit('310000', '2020-01-26T12:00:00+08:00')])).toEqual([]);
  });

  it('I-5: a contact that names no area counts as a contact with a person from a key area', () => {
    const { area: _area, ...withoutArea } = contact('999999', '2020-03-10T12:00:00+08:00') as Event & { area: string };
    expect(rulesAt([withoutArea as Event])).toEqual(['R3']);
  });

  it('I-8: the fever threshold, the twice-rule symptoms and the reset lists are the policy\'s own', () => {
    const declaration = { id: 'a', subjectId: 's', submittedAt: '2020-02-01T10:00:00+08:00', category: 'arrival', channel: 'self', attestation: true };
    const strict = createEngine({
      ...lianyungang2020,
      feverThresholdCelsius: 37,
      greenToYellow: { occurrences: 1, windowDays: 14, symptoms: ['fatigue'] },
    });
    const approved: Event = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
    const now = '2020-02-03T12:00:00+08:00';
    const colourWith = (e: Event) => strict.evaluate(declaration, [approved, e], now).colour;
    expect(colourWith({ id: 't', at: '2020-02-02T08:00:00+08:00', kind: 'temperature', celsius: 37 })).toBe('green');
    expect(colourWith({ id: 's', at: '2020-02-02T08:00:00+08:00', kind: 'symptoms', symptoms: ['fatigue'] })).toBe('yellow');
    expect(colourWith({ id: 's', at: '2020-02-02T08:00:00+08:00', kind: 'symptoms', symptoms: ['dry-cough'] })).toBe('green');
  });
});

describe('I-5, issue 14: key areas are named in messages by the policy list', () => {
  it('a named area is "name code"; an area with an empty or no name is its code alone', async () => {
    const { compilePolicy } = await import('../../src/policy/compile.js');
    const cp = compilePolicy({
      ...lianyungang2020,
      keyAreas: [
        { area: '420100', name: 'Wuhan', from: '2020-01-01', to: null },
        { area: '310000', name: '', from: '2020-01-01', to: null },
        { area: '110000', from: '2020-01-01', to: null },
      ],
    });
    expect({ ...cp.areaNames }).toEqual({ '420100': 'Wuhan' });
    expect(Object.keys(cp.areaNames)).toEqual(['420100']);
    expect(Object.isFrozen(cp.areaNames)).toBe(true);
    const engine = createEngine(cp.policy);
    const a = engine.evaluate(
      { id: 'a', subjectId: 's', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true,
        keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-26' }, { area: '310000', from: '2020-01-25', to: '2020-01-26' }, { area: '110000', from: '2020-01-25', to: '2020-01-26' }] },
      [],
      '2020-02-02T10:00:00+08:00',
    );
    expect(a.reasons[0]?.message.en).toContain('a key area (Wuhan 420100, 310000, 110000)');
  });
});
