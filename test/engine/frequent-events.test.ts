import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeclarationSchema, EventSchema } from '../../src/index.js';
import { SYMPTOMS, VENUES } from '../../src/schema/primitives.js';
import { parseFrequentEvent, parsePlainDeclaration } from '../../src/schema/frequent.js';
import { arbitraries } from '../../src/testing/index.js';
import { check } from '../support/seed.js';

/**
 * RULES §9 and FORMAT "Events": the shortcut that validates plain temperature readings and daily
 * reports without zod accepts only what `EventSchema` accepts, returns exactly what it returns,
 * and leaves every other input to it.
 */

const AT = '2020-02-03T09:00:00+08:00';

/** What `EventSchema` returns for `raw`, or `undefined` when it rejects it. */
function byZod(raw: unknown): unknown {
  const parsed = EventSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Same keys in the same order, same values: what `sameContent` (one id, one content) compares. */
function expectSameAsZod(raw: unknown): void {
  const quick = parseFrequentEvent(raw);
  const zod = byZod(raw);
  expect(quick).toBeDefined();
  expect(quick).toStrictEqual(zod);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(zod));
}

describe('frequent events: the shortcut past zod (RULES §9, FORMAT "Events")', () => {
  it('accepts a plain reading or daily report and returns what EventSchema returns, defaults included', () => {
    expectSameAsZod({ id: 't1', at: AT, kind: 'temperature', celsius: 36.4 });
    expectSameAsZod({ id: 't2', at: AT, kind: 'temperature', celsius: 37.3, venue: 'public-transport' });
    expectSameAsZod({ venue: 'residential', celsius: 30, kind: 'temperature', at: AT, id: 'keys in another order' });
    expectSameAsZod({ id: 't4', at: '2020-02-03T01:00:00Z', kind: 'temperature', celsius: 45 });
    expectSameAsZod({ id: 'd1', at: AT, kind: 'daily-report' });
    expectSameAsZod({ id: 'd2', at: AT, kind: 'daily-report', symptoms: [] });
    expectSameAsZod({ id: 'd3', at: AT, kind: 'daily-report', symptoms: ['fever', 'dry-cough', 'fever'] });
    expect(parseFrequentEvent({ id: 'd1', at: AT, kind: 'daily-report' })).toEqual({ id: 'd1', at: AT, kind: 'daily-report', symptoms: [] });
  });

  it('RULES §9: accepts a plain symptom report or close-contact notice and returns what EventSchema returns, the default source included', () => {
    expectSameAsZod({ id: 's1', at: AT, kind: 'symptoms', symptoms: ['fever'] });
    expectSameAsZod({ id: 's2', at: AT, kind: 'symptoms', symptoms: ['dry-cough', 'fever'], source: 'clinic' });
    expectSameAsZod({ source: 'checkpoint', symptoms: ['fatigue'], kind: 'symptoms', at: AT, id: 'keys in another order' });
    expectSameAsZod({ id: 'c1', at: AT, kind: 'close-contact', of: 'case' });
    expectSameAsZod({ of: 'fever-clinic-observee', kind: 'close-contact', at: AT, id: 'c2' });
    expect(parseFrequentEvent({ id: 's1', at: AT, kind: 'symptoms', symptoms: ['fever'] })).toEqual({ id: 's1', at: AT, kind: 'symptoms', symptoms: ['fever'], source: 'self' });
    const notFrequent: [string, unknown][] = [
      ['no symptom', { id: 's', at: AT, kind: 'symptoms', symptoms: [] }],
      ['an unknown source', { id: 's', at: AT, kind: 'symptoms', symptoms: ['fever'], source: 'app' }],
      ['source present but undefined', { id: 's', at: AT, kind: 'symptoms', symptoms: ['fever'], source: undefined }],
      ['an extra field on a report', { id: 's', at: AT, kind: 'symptoms', symptoms: ['fever'], note: 'x' }],
      ['an extra field beside a source', { id: 's', at: AT, kind: 'symptoms', symptoms: ['fever'], source: 'self', note: 'x' }],
      ['symptoms not a list', { id: 's', at: AT, kind: 'symptoms', symptoms: 'fever' }],
      ['no of', { id: 'c', at: AT, kind: 'close-contact' }],
      ['an unknown of', { id: 'c', at: AT, kind: 'close-contact', of: 'contact' }],
      ['an extra field on a notice', { id: 'c', at: AT, kind: 'close-contact', of: 'case', note: 'x' }],
    ];
    for (const [what, raw] of notFrequent) expect(parseFrequentEvent(raw), what).toBeUndefined();
  });

  it('copies what it returns: the caller\'s symptom list is not shared', () => {
    const symptoms = ['fatigue'];
    const quick = parseFrequentEvent({ id: 'd', at: AT, kind: 'daily-report', symptoms }) as { symptoms: string[] };
    expect(quick.symptoms).toEqual(['fatigue']);
    expect(quick.symptoms).not.toBe(symptoms);
  });

  it('leaves to EventSchema every other kind and every unusual form, valid or not', () => {
    const nonEnumerableId = Object.defineProperty({ at: AT, kind: 'temperature', celsius: 36.5, venue: undefined }, 'id', { value: 'hidden', enumerable: false });
    const hiddenIdReport = Object.defineProperty({ at: AT, kind: 'daily-report', symptoms: undefined }, 'id', { value: 'hidden', enumerable: false });
    const hiddenIdExtra = Object.defineProperty({ at: AT, kind: 'daily-report', note: 'x' }, 'id', { value: 'hidden', enumerable: false });
    const nullPrototype = Object.assign(Object.create(null) as object, { id: 'n', at: AT, kind: 'temperature', celsius: 36.5 });
    const inherited = Object.assign(Object.create({ venue: 'residential' }) as object, { id: 'i', at: AT, kind: 'temperature', celsius: 36.5 });
    const holey: unknown[] = [];
    holey[1] = 'fever';
    const cases: [string, unknown][] = [
      ['another kind', { id: 's', at: AT, kind: 'key-area-contact', on: '2020-02-01' }],
      ['no kind', { id: 's', at: AT, celsius: 36.5 }],
      ['not an object', 'temperature'],
      ['null', null],
      ['an array', [{ id: 't', at: AT, kind: 'temperature', celsius: 36.5 }]],
      ['a null prototype', nullPrototype],
      ['an inherited field', inherited],
      ['a field that for…in does not list, with venue undefined', nonEnumerableId],
      ['a report\'s field that for…in does not list, and an extra field', hiddenIdExtra],
      ['no id', { at: AT, kind: 'temperature', celsius: 36.5 }],
      ['an empty id', { id: '', at: AT, kind: 'temperature', celsius: 36.5 }],
      ['a numeric id', { id: 7, at: AT, kind: 'temperature', celsius: 36.5 }],
      ['no at', { id: 't', kind: 'temperature', celsius: 36.5 }],
      ['an at without offset', { id: 't', at: '2020-02-03T09:00:00', kind: 'temperature', celsius: 36.5 }],
      ['an at as a number', { id: 't', at: 1580691600000, kind: 'temperature', celsius: 36.5 }],
      ['no celsius', { id: 't', at: AT, kind: 'temperature' }],
      ['celsius under 30', { id: 't', at: AT, kind: 'temperature', celsius: 29.9 }],
      ['celsius over 45', { id: 't', at: AT, kind: 'temperature', celsius: 45.1 }],
      ['celsius NaN', { id: 't', at: AT, kind: 'temperature', celsius: Number.NaN }],
      ['celsius as text', { id: 't', at: AT, kind: 'temperature', celsius: '36.5' }],
      ['an unknown venue', { id: 't', at: AT, kind: 'temperature', celsius: 36.5, venue: 'mall' }],
      ['venue present but undefined', { id: 't', at: AT, kind: 'temperature', celsius: 36.5, venue: undefined }],
      ['venue null', { id: 't', at: AT, kind: 'temperature', celsius: 36.5, venue: null }],
      ['an extra field on a reading', { id: 't', at: AT, kind: 'temperature', celsius: 36.5, note: 'x' }],
      ['an extra field on a reading with a venue', { id: 't', at: AT, kind: 'temperature', celsius: 36.5, venue: 'residential', note: 'x' }],
      ['a daily report\'s field on a reading', { id: 't', at: AT, kind: 'temperature', celsius: 36.5, symptoms: [] }],
      ['a __proto__ key', JSON.parse(`{"id":"t","at":"${AT}","kind":"temperature","celsius":36.5,"__proto__":{}}`)],
      ['symptoms not a list', { id: 'd', at: AT, kind: 'daily-report', symptoms: 'fever' }],
      ['symptoms array-like, not a list', { id: 'd', at: AT, kind: 'daily-report', symptoms: { 0: 'fever', length: 1 } }],
      ['an unknown symptom', { id: 'd', at: AT, kind: 'daily-report', symptoms: ['fever', 'cough'] }],
      ['a hole in the symptoms', { id: 'd', at: AT, kind: 'daily-report', symptoms: holey }],
      ['symptoms present but undefined', { id: 'd', at: AT, kind: 'daily-report', symptoms: undefined }],
      ['an extra field on a report', { id: 'd', at: AT, kind: 'daily-report', note: 'x' }],
      ['an extra field on a report with symptoms', { id: 'd', at: AT, kind: 'daily-report', symptoms: [], note: 'x' }],
      ['a reading\'s field on a report', { id: 'd', at: AT, kind: 'daily-report', celsius: 36.5 }],
    ];
    for (const [what, raw] of cases) expect(parseFrequentEvent(raw), what).toBeUndefined();
    // Some of these are valid: EventSchema decides them, so nothing valid is lost.
    // A key that for…in does not list is read all the same; with `symptoms` undefined, zod fills in
    // the default as the shortcut does (a reading keeps a `venue: undefined` key instead, above).
    expectSameAsZod(hiddenIdReport);
    expect(byZod(nonEnumerableId)).toHaveProperty('venue', undefined);
    expect(byZod(nullPrototype)).toEqual({ id: 'n', at: AT, kind: 'temperature', celsius: 36.5 });
    expect(byZod(inherited)).toEqual({ id: 'i', at: AT, kind: 'temperature', celsius: 36.5, venue: 'residential' });
    expect(byZod({ id: 's', at: AT, kind: 'key-area-contact', on: '2020-02-01' })).toBeDefined();
  });

  const id = fc.string({ minLength: 1, maxLength: 6 });
  const at = arbitraries.instantNearMidnight();
  const reading = fc.record(
    { id, at, kind: fc.constant('temperature'), celsius: fc.double({ min: 30, max: 45, noNaN: true }), venue: fc.constantFrom(...VENUES) },
    { requiredKeys: ['id', 'at', 'kind', 'celsius'], noNullPrototype: true },
  );
  const report = fc.record(
    { id, at, kind: fc.constant('daily-report'), symptoms: fc.array(fc.constantFrom(...SYMPTOMS), { maxLength: 5 }) },
    { requiredKeys: ['id', 'at', 'kind'], noNullPrototype: true },
  );
  const symptomReport = fc.record(
    { id, at, kind: fc.constant('symptoms'), symptoms: fc.array(fc.constantFrom(...SYMPTOMS), { minLength: 1, maxLength: 5 }), source: fc.constantFrom('self', 'checkpoint', 'clinic') },
    { requiredKeys: ['id', 'at', 'kind', 'symptoms'], noNullPrototype: true },
  );
  const notice = fc.record({ id, at, kind: fc.constant('close-contact'), of: fc.constantFrom('case', 'fever-clinic-observee') }, { noNullPrototype: true });
  const words = fc.string({ minLength: 1, maxLength: 4 });
  const simple = (kind: string, fields: Record<string, fc.Arbitrary<unknown>>, optional: string[] = []): fc.Arbitrary<Record<string, unknown>> => {
    const model: Record<string, fc.Arbitrary<unknown>> = { id, at, kind: fc.constant(kind), ...fields };
    return fc.record(model, { requiredKeys: ['id', 'at', 'kind', ...Object.keys(fields).filter((k) => !optional.includes(k))], noNullPrototype: true });
  };
  const simpleKinds = fc.oneof(
    simple('test-result', { result: fc.constantFrom('positive', 'negative') }),
    simple('diagnosis', { status: fc.constantFrom('confirmed', 'suspected') }),
    simple('hospital-discharge', {}),
    simple('fever-clinic-observation', {}),
    simple('covid-excluded', {}),
    simple('recovered', {}),
    simple('isolation-started', { place: fc.constantFrom('hospital', 'centralized', 'home') }, ['place']),
    simple('high-risk-designation', { authority: words, reason: words, basis: words, obligations: fc.array(fc.constantFrom('home-isolation', 'daily-self-report')) }, ['obligations']),
    simple('authority-release', { authority: words, reason: words }),
    simple('review-approved', { credential: fc.constantFrom('app-code', 'paper-code', 'pass-card') }, ['credential']),
    simple('review-rejected', { reason: words }),
    simple('correction', { voids: words, authority: words, reason: words }),
  );
  const frequent = fc.oneof(reading, report, symptomReport, notice, simpleKinds) as fc.Arbitrary<Record<string, unknown>>;
  const key = fc.constantFrom('id', 'at', 'kind', 'celsius', 'venue', 'symptoms', 'source', 'of', 'result', 'status', 'place', 'authority', 'reason', 'basis', 'obligations', 'credential', 'voids', 'note', '__proto__', 'constructor');
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom<unknown>(undefined, null, '', 29.99, 45.01, Number.NaN, Infinity, -0, 'temperature', 'daily-report', 'symptoms', 'close-contact', 'case', 'self', 'clinic', 'mall', ['fever'], ['x'], [], AT, '2020-02-30T09:00:00+08:00', 'recovered', 'correction', 'positive', 'home', 'app-code', ['home-isolation']),
  );
  /** A generated event with one to three fields set, deleted or added: near-misses and valid variants alike. */
  const nearMiss = fc.tuple(frequent, fc.array(fc.tuple(key, fc.option(value, { nil: undefined }), fc.boolean()), { minLength: 1, maxLength: 3 })).map(([event, edits]) => {
    const copy: Record<string, unknown> = { ...event };
    for (const [k, v, remove] of edits) {
      if (remove) delete copy[k];
      else Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });

  it('accepts every generated plain reading, daily report, symptom report, close-contact notice and event of a simple kind (the optional obligations left to EventSchema), with the result EventSchema gives', () => {
    check(
      fc.property(frequent, (raw) => {
        if ('obligations' in raw) expect(parseFrequentEvent(raw)).toBeUndefined();
        else expectSameAsZod(raw);
      }),
      'fuzz',
    );
  });

  it('on near-misses, accepts only what EventSchema accepts, with the same result; EventSchema decides the rest', () => {
    check(
      fc.property(nearMiss, (raw) => {
        const quick = parseFrequentEvent(raw);
        if (quick === undefined) return;
        expectSameAsZod(raw);
      }),
      'fuzz',
    );
  });
});

describe('the review approval, the simple kinds and the plain declaration: shortcuts past zod (RULES §9, FORMAT "Events", "Declaration")', () => {
  it('accepts a plain review approval, with or without a credential, and returns what EventSchema returns', () => {
    expectSameAsZod({ id: 'ok', at: AT, kind: 'review-approved' });
    expectSameAsZod({ credential: 'paper-code', kind: 'review-approved', at: AT, id: 'ok' });
    const notFrequent: [string, unknown][] = [
      ['credential present but undefined', { id: 'ok', at: AT, kind: 'review-approved', credential: undefined }],
      ['an unknown credential', { id: 'ok', at: AT, kind: 'review-approved', credential: 'qr' }],
      ['an extra field', { id: 'ok', at: AT, kind: 'review-approved', note: 'x' }],
      ['an extra field beside a credential', { id: 'ok', at: AT, kind: 'review-approved', credential: 'app-code', note: 'x' }],
      ['no at', { id: 'ok', kind: 'review-approved' }],
    ];
    for (const [what, raw] of notFrequent) expect(parseFrequentEvent(raw), what).toBeUndefined();
    expect(byZod({ id: 'ok', at: AT, kind: 'review-approved', credential: undefined })).toHaveProperty('credential', undefined);
  });

  const SUBMITTED = '2020-02-01T10:00:00+08:00';
  const base = { id: 'a', subjectId: 's', submittedAt: SUBMITTED, category: 'resident', channel: 'self', attestation: true };

  /** What `DeclarationSchema` returns for `raw`, or `undefined` when it rejects it. */
  function declarationByZod(raw: unknown): unknown {
    const parsed = DeclarationSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }
  function expectDeclarationSameAsZod(raw: unknown): void {
    const quick = parsePlainDeclaration(raw);
    const zod = declarationByZod(raw);
    expect(quick).toBeDefined();
    expect(quick).toStrictEqual(zod);
    expect(JSON.stringify(quick)).toBe(JSON.stringify(zod));
  }

  it('accepts a plain declaration and returns what DeclarationSchema returns, defaults included, keys in its order', () => {
    expectDeclarationSameAsZod(base);
    expectDeclarationSameAsZod({ attestation: true, channel: 'paper-form', category: 'returnee', submittedAt: '2020-02-01T02:00:00Z', subjectId: 's', id: 'a' });
    expectDeclarationSameAsZod({ ...base, clinical: 'suspected', feverClinicObservation: true, closeContactOfCase: false, closeContactOfFeverClinicObservee: true });
    expectDeclarationSameAsZod({ ...base, isolationStartedAt: null, keyAreaVisits: [], keyAreaContacts: [], symptoms: [] });
    expectDeclarationSameAsZod({ ...base, isolationStartedAt: '2020-01-30T08:00:00+08:00', symptoms: ['fever', 'fatigue', 'fever'] });
    expectDeclarationSameAsZod({ ...base, keyAreaVisits: [{ to: '2020-01-22', from: '2020-01-20', area: '420100' }, { area: 'x', from: '2020-01-20', to: '2020-01-20' }] });
    expectDeclarationSameAsZod({ ...base, keyAreaContacts: [{ on: '2020-01-20' }, { area: '420100', on: '2020-01-21' }] });
  });

  it('copies what it returns: the caller\'s symptom list is not shared', () => {
    const symptoms = ['fatigue'];
    const quick = parsePlainDeclaration({ ...base, symptoms }) as { symptoms: string[] };
    expect(quick.symptoms).toEqual(['fatigue']);
    expect(quick.symptoms).not.toBe(symptoms);
  });

  it('leaves to DeclarationSchema every other declaration, valid or not', () => {
    const inherited = Object.assign(Object.create({ clinical: 'confirmed' }) as object, base);
    const hidden = Object.defineProperty({ ...base }, 'clinical', { value: 'positive', enumerable: false });
    const cases: [string, unknown][] = [
      ['a proxy', { ...base, channel: 'proxy', proxy: { relation: 'child' } }],
      ['a proxy present but undefined', { ...base, proxy: undefined }],
      ['a visit in the wrong order', { ...base, keyAreaVisits: [{ area: '420100', from: '2020-01-22', to: '2020-01-20' }] }],
      ['a visit on a day that does not exist', { ...base, keyAreaVisits: [{ area: '420100', from: '2020-02-30', to: '2020-03-01' }] }],
      ['a visit with an extra key', { ...base, keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22', note: 'x' }] }],
      ['a visit without an area', { ...base, keyAreaVisits: [{ area: '', from: '2020-01-20', to: '2020-01-22' }] }],
      ['a visit that is not an object', { ...base, keyAreaVisits: ['420100'] }],
      ['a contact with its area undefined', { ...base, keyAreaContacts: [{ on: '2020-01-20', area: undefined }] }],
      ['a contact on no day', { ...base, keyAreaContacts: [{ on: '20 January' }] }],
      ['a contact with an extra key', { ...base, keyAreaContacts: [{ on: '2020-01-20', at: AT }] }],
      ['visits not a list', { ...base, keyAreaVisits: {} }],
      ['a default present but undefined', { ...base, clinical: undefined }],
      ['a flag present but undefined', { ...base, closeContactOfCase: undefined }],
      ['an unknown clinical status', { ...base, clinical: 'recovered' }],
      ['a flag as text', { ...base, feverClinicObservation: 'true' }],
      ['an isolation without offset', { ...base, isolationStartedAt: '2020-01-30T08:00:00' }],
      ['an isolation as a number', { ...base, isolationStartedAt: 0 }],
      ['an unknown symptom', { ...base, symptoms: ['cough'] }],
      ['symptoms not a list', { ...base, symptoms: 'fever' }],
      ['an extra field', { ...base, note: 'x' }],
      ['a __proto__ key', JSON.parse(`{"id":"a","subjectId":"s","submittedAt":"${SUBMITTED}","category":"resident","channel":"self","attestation":true,"__proto__":{}}`)],
      ['no attestation', { ...base, attestation: undefined }],
      ['attestation false', { ...base, attestation: false }],
      ['an empty id', { ...base, id: '' }],
      ['an empty subject', { ...base, subjectId: '' }],
      ['no submittedAt', { ...base, submittedAt: undefined }],
      ['a bad submittedAt', { ...base, submittedAt: 'yesterday' }],
      ['an unknown category', { ...base, category: 'visitor' }],
      ['an unknown channel', { ...base, channel: 'phone' }],
      ['an inherited field', inherited],
      ['a field that for…in does not list', hidden],
      ['a null prototype', Object.assign(Object.create(null) as object, base)],
      ['an array', [base]],
      ['null', null],
    ];
    for (const [what, raw] of cases) expect(parsePlainDeclaration(raw), what).toBeUndefined();
    expect(declarationByZod({ ...base, clinical: undefined })).toBeDefined();
    expect(declarationByZod(inherited)).toHaveProperty('clinical', 'confirmed');
  });

  const text = fc.string({ minLength: 1, maxLength: 6 });
  const declaration = fc.record(
    {
      id: text,
      subjectId: text,
      submittedAt: arbitraries.instantNearMidnight(),
      category: fc.constantFrom('resident', 'arrival', 'returnee'),
      channel: fc.constantFrom('self', 'paper-form'),
      attestation: fc.constant(true),
      clinical: fc.constantFrom('none', 'confirmed', 'suspected', 'positive'),
      feverClinicObservation: fc.boolean(),
      closeContactOfCase: fc.boolean(),
      closeContactOfFeverClinicObservee: fc.boolean(),
      isolationStartedAt: fc.option(arbitraries.instantNearMidnight(), { nil: null }),
      keyAreaVisits: fc.array(
        fc.tuple(text, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 40 })).map(([area, start, length]) => ({
          area,
          from: new Date(Date.UTC(2019, 0, 1 + start)).toISOString().slice(0, 10),
          to: new Date(Date.UTC(2019, 0, 1 + start + length)).toISOString().slice(0, 10),
        })),
        { maxLength: 3 },
      ),
      keyAreaContacts: fc.array(
        fc.record({ on: fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.UTC(2019, 0, 1 + d)).toISOString().slice(0, 10)), area: text }, { requiredKeys: ['on'], noNullPrototype: true }),
        { maxLength: 3 },
      ),
      symptoms: fc.array(fc.constantFrom(...SYMPTOMS), { maxLength: 4 }),
    },
    { requiredKeys: ['id', 'subjectId', 'submittedAt', 'category', 'channel', 'attestation'], noNullPrototype: true },
  ) as fc.Arbitrary<Record<string, unknown>>;
  const key = fc.constantFrom(...Object.keys(DeclarationSchema.shape), 'note', '__proto__', 'constructor');
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom<unknown>(undefined, null, '', true, false, 'none', 'confirmed', 'resident', 'self', 'proxy', { relation: 'child' }, ['fever'], ['x'], [], [{ on: '2020-01-20' }], [{ on: '2020-01-20', area: undefined }], [{ on: '2020-02-30' }], [{ area: 'a', from: '2020-01-20', to: '2020-01-19' }], [{ area: 'a', from: '2020-01-20', to: '2020-01-20' }], [{ area: '', from: '2020-01-20', to: '2020-01-21' }], SUBMITTED, '2020-02-30T09:00:00+08:00'),
  );
  const nearMiss = fc.tuple(declaration, fc.array(fc.tuple(key, fc.option(value, { nil: undefined }), fc.boolean()), { minLength: 1, maxLength: 3 })).map(([raw, edits]) => {
    const copy: Record<string, unknown> = { ...raw };
    for (const [k, v, remove] of edits) {
      if (remove) delete copy[k];
      else Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });

  it('accepts every generated plain declaration, with the result DeclarationSchema gives', () => {
    check(fc.property(declaration, (raw) => expectDeclarationSameAsZod(raw)), 'fuzz');
  });

  it('on near-misses, accepts only what DeclarationSchema accepts, with the same result; DeclarationSchema decides the rest', () => {
    check(
      fc.property(nearMiss, (raw) => {
        if (parsePlainDeclaration(raw) === undefined) return;
        expectDeclarationSameAsZod(raw);
      }),
      'fuzz',
    );
  });
});
