import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../src/testing/vitest.js';
import {
  DeclarationSchema,
  EVENT_KINDS,
  EventSchema,
  HealthCodeInputError,
  evaluate,
  lianyungang2020,
  type EventKind,
} from '../src/index.js';
import {
  declaration,
  describeAssessment,
  event,
  scenario,
  toBeColour,
  toHaveReason,
  toHaveTransition,
  toReleaseAt,
  arbitraries,
} from '../src/testing/index.js';
import { arbitraries as propertyArbitraries } from '../src/testing/arbitraries.js';
import { check } from './support/seed.js';

const camel = (kind: string): string => kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

// One call per builder, with the arguments a test would write; `at` is the same for all.
const AT = '2020-02-03T09:00:00+08:00';
const samples: Record<keyof typeof event, () => { kind: string }> = {
  testResult: () => event.testResult(AT),
  diagnosis: () => event.diagnosis(AT, 'suspected'),
  hospitalDischarge: () => event.hospitalDischarge(AT),
  feverClinicObservation: () => event.feverClinicObservation(AT),
  covidExcluded: () => event.covidExcluded(AT),
  recovered: () => event.recovered(AT),
  isolationStarted: () => event.isolationStarted(AT, 'home'),
  closeContact: () => event.closeContact(AT, 'case'),
  keyAreaVisit: () => event.keyAreaVisit(AT, '2020-01-20', '2020-01-22'),
  keyAreaContact: () => event.keyAreaContact(AT, '2020-01-25'),
  temperature: () => event.temperature(AT, 37.6),
  symptoms: () => event.symptoms(AT, ['dry-cough']),
  dailyReport: () => event.dailyReport(AT),
  highRiskDesignation: () => event.highRiskDesignation(AT),
  authorityRelease: () => event.authorityRelease(AT),
  reviewApproved: () => event.reviewApproved(AT),
  reviewRejected: () => event.reviewRejected(AT),
  correction: () => event.correction(AT, 'some-earlier-event'),
};

describe('declaration()', () => {
  it('RULES §10 example 1: the default is a valid resident self-application with no facts, green', () => {
    const d = declaration();
    expect(DeclarationSchema.safeParse(d).success).toBe(true);
    expect(d).toMatchObject({ category: 'resident', channel: 'self', attestation: true, symptoms: [] });
    expect(evaluate(d, [], d.submittedAt)).toBeColour('green');
  });

  it('Y1: an override of the symptoms is applied and the rest keeps its defaults', () => {
    const d = declaration({ symptoms: ['fatigue'] });
    expect(d.symptoms).toEqual(['fatigue']);
    expect(d.channel).toBe(declaration().channel);
    expect(evaluate(d, [], d.submittedAt)).toHaveReason('Y1');
  });

  it('A-2: a proxy channel records a relation by default, and another channel drops a given proxy', () => {
    expect(declaration({ channel: 'proxy' }).proxy?.relation).toBeTruthy();
    expect(declaration({ channel: 'proxy', proxy: { relation: 'spouse' } }).proxy).toEqual({ relation: 'spouse' });
    expect(declaration({ channel: 'self', proxy: { relation: 'spouse' } })).not.toHaveProperty('proxy');
    const viaProxy = declaration({ channel: 'proxy' });
    expect(evaluate(viaProxy, [], viaProxy.submittedAt).colour).toBe('green');
  });

  it('T-2: an override that makes the declaration invalid throws HealthCodeInputError with its path', () => {
    let caught: unknown;
    try {
      declaration({ submittedAt: '2020-02-01 10:00' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HealthCodeInputError);
    expect((caught as HealthCodeInputError).issues.map((i) => i.path.join('.'))).toContain('declaration.submittedAt');
  });
});

describe('event.<kind>()', () => {
  it('FORMAT "Events": there is exactly one builder per event kind, named after it', () => {
    expect(Object.keys(event).sort()).toEqual(EVENT_KINDS.map(camel).sort());
  });

  it.each(EVENT_KINDS.map((kind) => [kind] as [EventKind]))('FORMAT "Events": the %s builder makes a valid event of that kind', (kind) => {
    const sample = samples[camel(kind) as keyof typeof event];
    const built = sample();
    expect(built.kind).toBe(kind);
    expect(EventSchema.safeParse(built).success).toBe(true);
  });

  it('RULES §9: events of different content get different ids, and an identical event built twice is applied once as a duplicate', () => {
    const ids = Object.values(samples).map((sample) => (sample() as unknown as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(event.temperature(AT, 37.6).id).not.toBe(event.temperature(AT, 37.7).id);
    const twice = [event.temperature(AT, 37.6), event.temperature(AT, 37.6)];
    expect(twice[0]?.id).toBe(twice[1]?.id);
    const a = evaluate(declaration(), twice, AT);
    expect(a.ignored).toEqual([{ id: twice[1]?.id, why: 'duplicate' }]);
  });

  it('I-8: two distinct fever readings count twice however they were built, and an explicit id is kept', () => {
    const first = event.temperature('2020-03-01T09:00:00+08:00', 37.6, { id: 'mall-reading', venue: 'public-place' });
    expect(first.id).toBe('mall-reading');
    expect(first.venue).toBe('public-place');
    const second = event.symptoms('2020-03-04T08:00:00+08:00', 'fever', { source: 'checkpoint' });
    const d = declaration({ submittedAt: '2020-03-01T08:00:00+08:00' });
    expect(evaluate(d, [first, second], '2020-03-04T12:00:00+08:00')).toHaveReason('GY');
  });

  it('I-13: a correction built from an event voids that event', () => {
    const notice = event.closeContact('2020-02-10T12:00:00+08:00', 'case');
    const fix = event.correction('2020-02-11T09:00:00+08:00', notice);
    expect(fix.voids).toBe(notice.id);
    const a = evaluate(declaration(), [notice, fix], '2020-02-12T00:00:00+08:00');
    expect(a).toBeColour('green');
    expect(a).toHaveTransition('T-void', fix.at);
  });

  it('T-2: an invalid instant or reading throws HealthCodeInputError naming the field', () => {
    expect(() => event.temperature('2020-02-03', 37.6)).toThrow(/event\.at/);
    expect(() => event.temperature(AT, 52)).toThrow(/event\.celsius/);
    expect(() => event.temperature(AT, 52)).toThrow(HealthCodeInputError);
  });
});

describe('scenario()', () => {
  it('T-1: day(0) is the local day of the declaration in the policy zone, not in UTC', () => {
    // 20:00 UTC on 02-29 is 04:00 on 03-01 in Asia/Shanghai.
    const s = scenario({ declaration: { submittedAt: '2020-02-29T20:00:00Z' } });
    expect(s.day(0).date).toBe('2020-03-01');
    expect(s.day(0).instant).toBe('2020-03-01T00:00:00+08:00');
    expect(s.day(-1).date).toBe('2020-02-29');
    expect(s.day(3).at('09:00').instant).toBe('2020-03-04T09:00:00+08:00');
  });

  it('T-1: wall-clock times follow the policy zone, with its offset on each day', () => {
    const policy = { ...lianyungang2020, timeZone: 'America/Sao_Paulo' };
    // Brazil ended daylight saving on 2019-02-17: -02:00 before, -03:00 after.
    const s = scenario({ policy, declaration: { submittedAt: '2019-02-15T12:00:00-02:00' } });
    expect(s.day(0).at('09:00').instant).toBe('2019-02-15T09:00:00-02:00');
    expect(s.day(3).at('09:00').instant).toBe('2019-02-18T09:00:00-03:00');
    expect(s.policy.timeZone).toBe('America/Sao_Paulo');
  });

  it('T-3: a wall-clock time in a daylight-saving gap moves forward by the gap', () => {
    const policy = { ...lianyungang2020, timeZone: 'America/New_York' };
    const s = scenario({ policy, declaration: { submittedAt: '2020-03-07T12:00:00-05:00' } });
    expect(s.day(1).at('02:30').instant).toBe('2020-03-08T03:30:00-04:00');
  });

  it('each event method returns a new scenario and leaves the earlier one unchanged', () => {
    const s0 = scenario();
    const s1 = s0.day(1).at('09:00').temperature(37.6);
    expect(s0.history).toHaveLength(0);
    expect(s1.history).toHaveLength(1);
    expect(s1.last?.kind).toBe('temperature');
    expect(s1.toCase()).toEqual({ declaration: s1.declaration, history: s1.history });
  });

  it('RULES §10 example 5: two fevers three days apart make a green resident yellow GY until 2020-03-19', () => {
    const s = scenario({ declaration: { submittedAt: '2020-03-01T08:00:00+08:00' } })
      .day(0).at('08:30').reviewApproved()
      .day(0).at('09:00').temperature(37.6, { venue: 'public-place' })
      .day(3).at('08:00').temperature(37.5, { venue: 'public-transport' });
    const afterFirst = s.day(1).at('12:00').evaluate();
    expect(afterFirst).toBeColour('green');
    expect(afterFirst).toHaveTransition('T-GY-first', s.day(0).at('09:00').instant);
    const a = s.day(3).at('12:00').evaluate();
    expect(a).toBeColour('yellow');
    expect(a).toHaveReason('GY', { phase: 'observation' });
    expect(a).toReleaseAt('2020-03-19T00:00:00+08:00');
    expect(a.obligations).toContain('daily-self-report');
  });

  it('RULES §10 example 2: a declared dry cough is Y1 until 02-16, and a dry-cough report on 02-05 moves it to 02-20 (T-Y1-reset)', () => {
    const s = scenario({ declaration: { symptoms: ['dry-cough'] } });
    expect(s.day(0).at('12:00').evaluate()).toReleaseAt('2020-02-16');
    const later = s.day(4).at('08:00').symptoms('dry-cough');
    const a = later.day(5).at('12:00').evaluate();
    expect(a).toReleaseAt('2020-02-20T00:00:00+08:00');
    expect(a).toHaveTransition('T-Y1-reset', later.day(4).at('08:00').instant);
  });

  it('T-7: negative days lay out events before the declaration, and a correction can void the last event', () => {
    const s = scenario().day(-2).at('10:00').closeContact('case');
    expect(s.last?.at).toBe('2020-01-30T10:00:00+08:00');
    expect(s.day(0).at('12:00').evaluate()).toHaveReason('R2');
    const voided = s.day(1).at('09:00').correction(s.last?.id ?? '');
    expect(voided.day(1).at('12:00').evaluate()).toBeColour('green');
  });

  it('a time that is not HH:mm and a day that is not an integer are refused', () => {
    expect(() => scenario().day(1).at('9am')).toThrow(RangeError);
    expect(() => scenario().day(1).at('24:00')).toThrow(RangeError);
    expect(() => scenario().day(1.5)).toThrow(RangeError);
  });
});

describe('matchers', () => {
  const gy = scenario({ declaration: { submittedAt: '2020-03-01T08:00:00+08:00' } })
    .day(0).at('09:00').temperature(37.6)
    .day(3).at('08:00').temperature(37.5);
  const yellow = gy.day(3).at('12:00').evaluate();

  it('RULES §5: a failing toBeColour names both colours and prints every transition of the trail', () => {
    const result = toBeColour(yellow, 'red');
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toContain('expected the colour to be red, but it is yellow');
    for (const entry of yellow.trail) expect(message).toContain(`${entry.at}  ${entry.transition}`);
    expect(yellow.trail.length).toBeGreaterThan(2);
  });

  it('RULES §5: the .not message of a passing matcher also prints the trail', () => {
    const result = toBeColour(yellow, 'yellow');
    expect(result.pass).toBe(true);
    expect(result.message()).toContain('expected the colour not to be yellow');
    expect(result.message()).toContain(describeAssessment(yellow));
  });

  it('T-3: toReleaseAt compares instants whatever their offset, matches a local day, and rejects what is neither', () => {
    const release = yellow.releaseAt as string;
    const sameInstantInUtc = new Date(release).toISOString();
    expect(toReleaseAt(yellow, sameInstantInUtc).pass).toBe(true);
    expect(toReleaseAt(yellow, new Date(release)).pass).toBe(true);
    expect(toReleaseAt(yellow, release.slice(0, 10)).pass).toBe(true);
    expect(toReleaseAt(yellow, null).pass).toBe(false);
    expect(toReleaseAt(yellow, 'the 19th').message()).toContain('calendar day YYYY-MM-DD');
    const green = scenario().day(0).at('12:00').evaluate();
    expect(toReleaseAt(green, null).pass).toBe(true);
    expect(toReleaseAt(green, release).message()).toContain('but releaseAt is null');
  });

  it('RULES §8: toHaveReason checks the rule, its phase and its release, and lists the reasons present', () => {
    expect(toHaveReason(yellow, 'GY', { phase: 'observation', releaseAt: yellow.releaseAt }).pass).toBe(true);
    const wrong = toHaveReason(yellow, 'R2');
    expect(wrong.pass).toBe(false);
    expect(wrong.message()).toContain('expected a reason R2 (reasons: GY)');
    expect(toHaveReason(yellow, 'GY', { phase: 'treatment' }).pass).toBe(false);
  });

  it('RULES §5: toHaveTransition finds a transition, at an instant if one is given', () => {
    const on = yellow.trail.find((entry) => entry.transition === 'T-GY-on');
    expect(on).toBeDefined();
    expect(toHaveTransition(yellow, 'T-GY-on').pass).toBe(true);
    expect(toHaveTransition(yellow, 'T-GY-on', on?.at).pass).toBe(true);
    expect(toHaveTransition(yellow, 'T-GY-on', yellow.evaluatedAt).pass).toBe(false);
    expect(toHaveTransition(yellow, 'T-R1-on').message()).toContain('expected the trail to hold T-R1-on');
  });

  it('RULES §9: a failed safeEvaluate is reported with its issues, a successful one is unwrapped', () => {
    const failed = gy.safeEvaluate('2020-01-01T00:00:00+08:00');
    expect(failed.success).toBe(false);
    const result = toBeColour(failed, 'green');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('failed evaluation');
    expect(result.message()).toContain('now_before_submission');
    expect(toBeColour(gy.safeEvaluate(yellow.evaluatedAt), 'yellow').pass).toBe(true);
    expect(toBeColour({ colour: 'green' }, 'green').message()).toContain('expected an Assessment');
    expect(toBeColour(undefined, 'green').message()).toContain('received undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(toBeColour(cyclic, 'green').message()).toContain('received [object Object]');
  });

  it('vitest registration: expect(...).toBeColour fails with the trail in the error, and .not works', () => {
    expect(yellow).not.toBeColour('green');
    expect(() => expect(yellow).toBeColour('green')).toThrow(/T-GY-on/);
    expect(() => expect(yellow).not.toHaveReason('GY')).toThrow(/expected no reason GY/);
  });
});

describe('one source for apps and the library', () => {
  it('the arbitraries of health-code-rules/testing are the generators the property tests import', () => {
    expect(arbitraries).toBe(propertyArbitraries);
  });

  it('RULES §9: a history of corrections only (or of no kind) is an empty history, not an error', () => {
    for (const kinds of [['correction'], []] as const) {
      const samples = fc.sample(arbitraries.history({ kinds: [...kinds] }), { numRuns: 5, seed: 1 });
      expect(samples.every((history) => Array.isArray(history) && history.length === 0)).toBe(true);
    }
  });

  it('T-6: for any generated case, a scenario of its declaration and history evaluates exactly as evaluate does', () => {
    check(
      fc.property(arbitraries.case(), (c) => {
        const s = scenario({ declaration: c.declaration }).with(...c.history);
        expect(s.evaluate(c.now)).toEqual(evaluate(c.declaration, c.history, c.now));
      }),
      'invariant',
    );
  });
});

// An oracle independent of the engine's calendar: the host's Intl data, asked for the policy zone.
function localOf(instant: string, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

function offsetMinutes(ms: number, timeZone: string): number {
  const local = localOf(new Date(ms).toISOString(), timeZone);
  const wall = Date.parse(`${local.date}T${local.time}:00Z`);
  return Math.round((wall - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

const ZONES = ['Asia/Shanghai', 'America/Sao_Paulo', 'America/New_York', 'Pacific/Apia', 'Australia/Lord_Howe'] as const;

describe('scenario() calendar properties', () => {
  it('T-1: in any zone, day(0) is the local day of the declaration and day(n) the n-th local day after it', () => {
    check(
      fc.property(
        fc.constantFrom(...ZONES).chain((timeZone) =>
          fc.tuple(
            fc.constant(timeZone),
            arbitraries.instantNearMidnight({ timeZone, from: '2019-01-01T00:00:00Z', to: '2021-12-31T00:00:00Z' }),
            fc.integer({ min: -20, max: 60 }),
          ),
        ),
        ([timeZone, submittedAt, n]) => {
          const s = scenario({ policy: { ...lianyungang2020, timeZone }, declaration: { submittedAt } });
          expect(s.day(0).date).toBe(localOf(submittedAt, timeZone).date);
          const expected = new Date(Date.parse(`${s.day(0).date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
          expect(s.day(n).date).toBe(expected);
          expect(localOf(s.day(n).instant, timeZone).date).toBe(expected);
        },
      ),
      'invariant',
    );
  });

  it('T-3: day(n).at(HH:mm) is that wall-clock time on that local day, or later the same day when a gap skips it', () => {
    check(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('2019-01-01T00:00:00Z'), max: Date.parse('2021-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (timeZone, ms, hour, minute) => {
          const s = scenario({ policy: { ...lianyungang2020, timeZone }, declaration: { submittedAt: new Date(ms).toISOString() } });
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const moment = s.day(1).at(time);
          const local = localOf(moment.instant, timeZone);
          expect(local.date).toBe(s.day(1).date);
          expect(local.time >= time).toBe(true);
          // Only a gap moves the time: the zone's offset changed within the hour before, and the
          // move is never longer than the largest gap of these zones (1 h).
          const moved = Number(local.time.slice(0, 2)) * 60 + Number(local.time.slice(3)) - (hour * 60 + minute);
          expect(moved).toBeLessThanOrEqual(60);
          if (moved > 0) expect(offsetMinutes(Date.parse(moment.instant) - 3_600_000, timeZone)).not.toBe(offsetMinutes(Date.parse(moment.instant), timeZone));
        },
      ),
      'invariant',
    );
  });
});
