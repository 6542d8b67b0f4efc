import { describe, expect, it } from 'vitest';
import { type Assessment } from '../../src/index.js';
import { evaluate } from '../support/untyped.js';
import { minimalDeclaration } from '../support/minimal.js';

/**
 * RULES §3 and §8: what an assessment projects from the active conditions (obligations, awaited
 * events, release dates, nextChangeAt, interpretations), and T-5, T-6, I-13, RULES §9: which
 * events are applied, in which order, and how the others are listed in `ignored`.
 * Every expected value below is worked from the rule book (dates: T-3, civil-code, N = 14).
 */

const D = minimalDeclaration(); // resident, submitted 2020-02-01T10:00+08:00, no facts
const approved = { id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' };
const positive = { id: 't1', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
const feverClinic = { id: 'fc', at: '2020-02-03T09:00:00+08:00', kind: 'fever-clinic-observation' };
const excluded = { id: 'ex', at: '2020-02-05T09:00:00+08:00', kind: 'covid-excluded' };
const recovered = { id: 'rc', at: '2020-02-07T09:00:00+08:00', kind: 'recovered' };

const byRule = (a: Assessment, rule: string) => {
  const reason = a.reasons.find((r) => r.rule === rule);
  if (reason === undefined) throw new Error(`no reason ${rule}`);
  return reason;
};

describe('RULES §3: obligations and awaited events of each condition', () => {
  it('R1 (policy §3 case 1): in treatment, hospital isolation awaiting discharge; after discharge, isolation observation', () => {
    const treatment = evaluate(D, [approved, positive], '2020-02-05T12:00:00+08:00');
    expect(treatment.reasons.map((r) => [r.rule, r.phase, r.obligations, r.awaiting])).toEqual([['R1', 'treatment', ['hospital-isolation'], ['hospital-discharge']]]);
    expect(treatment.obligations).toEqual(['hospital-isolation']);

    // Worked example 4: discharge 2020-02-20T15:00 → a full 14 days → 2020-03-06T00:00 (leap year).
    const discharge = { id: 'dis', at: '2020-02-20T15:00:00+08:00', kind: 'hospital-discharge' };
    const observation = evaluate(D, [approved, positive, discharge], '2020-02-21T12:00:00+08:00');
    const r1 = byRule(observation, 'R1');
    expect([r1.phase, r1.obligations, r1.awaiting, r1.releaseAt]).toEqual(['observation', ['isolation-observation'], [], '2020-03-06T00:00:00+08:00']);
    expect(observation.obligations).toEqual(['isolation-observation']);
    expect(observation.awaiting).toEqual([]);
  });

  it('I-4: the message of R1 after discharge names no reset symptom and says symptoms do not restart the count', () => {
    const discharge = { id: 'dis', at: '2020-02-20T15:00:00+08:00', kind: 'hospital-discharge' };
    const r1 = byRule(evaluate(D, [approved, positive, discharge], '2020-02-21T12:00:00+08:00'), 'R1');
    expect(r1.message.en).toContain(
      'end at 2020-03-06T00:00:00+08:00 (Beijing time); this reason ends then (counted as the Civil Code counts periods: the start day is not counted, and the last day ends at midnight). Symptoms after discharge do not restart it (I-4).',
    );
    expect(r1.message.en).not.toContain('restarts the count');
    expect(r1.message['zh-Hans']).toContain('出院后的症状不重新计算（I-4）');
    expect(r1.message['zh-Hans']).not.toContain('重新计算。出院');
  });

  it('R4 (policy §3 case 4): in treatment it awaits exclusion and recovery; once both hold, isolation observation awaiting nothing', () => {
    const start = evaluate(D, [approved, feverClinic], '2020-02-04T12:00:00+08:00');
    const r4 = byRule(start, 'R4');
    expect([r4.phase, r4.obligations, r4.awaiting, r4.releaseAt, r4.count]).toEqual(['treatment', ['hospital-isolation'], ['covid-exclusion', 'recovery'], null, null]);
    expect([start.obligations, start.awaiting, start.releaseAt, start.nextChangeAt]).toEqual([['hospital-isolation'], ['covid-exclusion', 'recovery'], null, null]);

    const halfway = byRule(evaluate(D, [approved, feverClinic, excluded], '2020-02-06T12:00:00+08:00'), 'R4');
    expect([halfway.phase, halfway.obligations, halfway.awaiting]).toEqual(['treatment', ['hospital-isolation'], ['recovery']]);

    // Recovered 2020-02-07T09:00, the later of the two: a full 14 days end at 2020-02-22T00:00.
    const observing = evaluate(D, [approved, feverClinic, excluded, recovered], '2020-02-08T12:00:00+08:00');
    const r4o = byRule(observing, 'R4');
    expect([r4o.phase, r4o.obligations, r4o.awaiting, r4o.releaseAt]).toEqual(['observation', ['isolation-observation'], [], '2020-02-22T00:00:00+08:00']);
    expect([observing.obligations, observing.awaiting, observing.releaseAt]).toEqual([['isolation-observation'], [], '2020-02-22T00:00:00+08:00']);
  });

  it('R3 (policy §3 case 3): isolation observation; worked example 3 releases 2020-02-16T00:00', () => {
    const a = evaluate({ ...D, keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }, [approved], '2020-02-02T12:00:00+08:00');
    const r3 = byRule(a, 'R3');
    expect([r3.obligations, r3.awaiting, r3.releaseAt]).toEqual([['isolation-observation'], [], '2020-02-16T00:00:00+08:00']);
    expect(a.obligations).toEqual(['isolation-observation']);
  });

  it('I-6: a designation that lists no obligations owes isolation observation; one that lists them owes exactly those', () => {
    const designation = { id: 'hr', at: '2020-02-03T09:00:00+08:00', kind: 'high-risk-designation', authority: 'District CDC', reason: 'travel', basis: 'notice 7' };
    const plain = evaluate(D, [approved, designation], '2020-02-04T12:00:00+08:00');
    expect([byRule(plain, 'R5').obligations, plain.obligations, plain.awaiting]).toEqual([['isolation-observation'], ['isolation-observation'], ['authority-release']]);
    const listed = evaluate(D, [approved, { ...designation, obligations: ['home-isolation'] }], '2020-02-04T12:00:00+08:00');
    expect([byRule(listed, 'R5').obligations, listed.obligations]).toEqual([['home-isolation'], ['home-isolation']]);
  });

  it('RULES §3: under a red code a yellow condition adds no home-isolation duty (worked example 6 at 2020-02-12)', () => {
    const notice = { id: 'cc', at: '2020-02-10T12:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' };
    const a = evaluate({ ...D, closeContactOfCase: true }, [approved, notice], '2020-02-12T12:00:00+08:00');
    expect(a.reasons.map((r) => r.rule)).toEqual(['R2', 'Y2']);
    expect(a.obligations).toEqual(['isolation-observation']);
    // The Y2 reason keeps its own obligations; only the code's list is by colour.
    expect(byRule(a, 'Y2').obligations).toEqual(['home-isolation', 'community-management']);
    // Red until R2 ends at 2020-02-16T00:00, yellow until Y2 ends at 2020-02-25T00:00.
    expect([a.nextChangeAt, a.releaseAt]).toEqual(['2020-02-16T00:00:00+08:00', '2020-02-25T00:00:00+08:00']);
  });

  it('RULES §3, I-10: while GY is active under a red code the daily self-report is still owed, and missed days still counted', () => {
    // Fever twice while green (2020-03-01, 2020-03-04: GY, worked example 5), then a close contact of a case (R2).
    const fever = (id: string, at: string) => ({ id, at, kind: 'symptoms', symptoms: ['fever'], source: 'checkpoint' });
    const history = [approved, fever('s1', '2020-03-01T09:00:00+08:00'), fever('s2', '2020-03-04T08:00:00+08:00'), { id: 'cc', at: '2020-03-05T09:00:00+08:00', kind: 'close-contact', of: 'case' }];
    const a = evaluate(D, history, '2020-03-06T12:00:00+08:00');
    expect([a.colour, a.reasons.map((r) => r.rule)]).toEqual(['red', ['R2', 'GY']]);
    expect(a.obligations).toEqual(['isolation-observation', 'daily-self-report']);
    expect(a.missedDailyReports).toEqual(['2020-03-05']);
  });
});

describe('RULES §8: release dates, counts and nextChangeAt of conditions awaiting an outside event', () => {
  // R2 declared 2020-02-01T10:00 (release 2020-02-16T00:00), then a positive test (R1, treatment).
  const a = evaluate({ ...D, closeContactOfCase: true }, [approved, positive], '2020-02-05T12:00:00+08:00');

  it('RULES §8: a reason awaiting discharge has no release date and no count; the one with a count keeps both', () => {
    const r1 = byRule(a, 'R1');
    expect([r1.releaseAt, r1.count, r1.awaiting]).toEqual([null, null, ['hospital-discharge']]);
    const r2 = byRule(a, 'R2');
    expect([r2.releaseAt, r2.count]).toEqual(['2020-02-16T00:00:00+08:00', { anchor: '2020-02-01T10:00:00+08:00', days: 14, convention: 'civil-code' }]);
  });

  it('RULES §8: the code stays red while R1 awaits discharge, so neither releaseAt nor nextChangeAt is projected', () => {
    expect([a.colour, a.releaseAt, a.nextChangeAt, a.awaiting]).toEqual(['red', null, null, ['hospital-discharge']]);
    expect(a.obligations).toEqual(['hospital-isolation', 'isolation-observation']);
  });

  it('RULES §8: each reason\'s message cites its evidence', () => {
    expect(byRule(a, 'R1').message.en).toContain('(evidence: t1)');
    expect(byRule(a, 'R2').message.en).toContain('(evidence: declaration)');
    expect(byRule(a, 'R2').message['zh-Hans']).toContain('（依据：申报）');
  });
});

describe('RULES §8: nextChangeAt and the plain-data result', () => {
  it('RULES §8: with R2 ending on 02-16 and R3 on 02-20 the next change is 02-20 (red until both end), not 02-16', () => {
    // R2 declared 2020-02-01T10:00 → 2020-02-16T00:00; a key-area travel report on 2020-02-05 (I-15, I-5) → R3 until 2020-02-20T00:00.
    const travel = { id: 'kv', at: '2020-02-05T09:00:00+08:00', kind: 'key-area-visit', area: '420100', from: '2020-02-03', to: '2020-02-04' };
    const a = evaluate({ ...D, closeContactOfCase: true }, [approved, travel], '2020-02-06T12:00:00+08:00');
    expect(a.reasons.map((r) => [r.rule, r.releaseAt])).toEqual([
      ['R2', '2020-02-16T00:00:00+08:00'],
      ['R3', '2020-02-20T00:00:00+08:00'],
    ]);
    expect([a.nextChangeAt, a.releaseAt]).toEqual(['2020-02-20T00:00:00+08:00', '2020-02-20T00:00:00+08:00']);
  });

  it('RULES §8: the result is plain data: a JSON round trip gives it back exactly, trail entries without a rule or a from included', () => {
    const discharge = { id: 'dis', at: '2020-02-20T15:00:00+08:00', kind: 'hospital-discharge' };
    const a = evaluate({ ...D, closeContactOfCase: true }, [approved, positive, discharge], '2020-03-10T12:00:00+08:00');
    const submitted = a.trail[0];
    expect(submitted?.transition).toBe('T-app-submitted');
    expect(submitted !== undefined && ('rule' in submitted || 'from' in submitted)).toBe(false);
    expect(a.trail.some((t) => 'rule' in t) && a.trail.some((t) => 'from' in t)).toBe(true);
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
  });
});

describe('RULES §4: the interpretations a reason cites, in number order', () => {
  const number = (id: string): number => Number(id.slice(2));
  const sortedByNumber = (ids: readonly string[]): boolean => ids.every((id, i) => i === 0 || number(ids[i - 1] as string) < number(id));

  it('I-1: with several conditions each reason cites I-1 first; I-15 (an event after the declaration) after it', () => {
    const a = evaluate({ ...D, closeContactOfCase: true }, [approved, positive], '2020-02-05T12:00:00+08:00');
    expect(byRule(a, 'R1').interpretations).toEqual(['I-1', 'I-15']);
    expect(byRule(a, 'R2').interpretations).toEqual(['I-1', 'I-2']);
  });

  it('I-1, I-8, I-9, I-10: ids are ordered by number, not as strings (I-8 before I-10)', () => {
    const fever = (id: string, at: string) => ({ id, at, kind: 'symptoms', symptoms: ['fever'], source: 'self' });
    const history = [approved, fever('s1', '2020-03-01T09:00:00+08:00'), fever('s2', '2020-03-04T08:00:00+08:00'), { id: 'cc', at: '2020-03-05T09:00:00+08:00', kind: 'close-contact', of: 'case' }];
    const a = evaluate(D, history, '2020-03-06T12:00:00+08:00');
    expect(byRule(a, 'GY').interpretations).toEqual(['I-1', 'I-8', 'I-9', 'I-10']);
    for (const r of a.reasons) expect(sortedByNumber(r.interpretations), r.rule).toBe(true);
  });
});

describe('T-6: the order events are applied in', () => {
  const at = '2020-02-03T09:00:00+08:00';
  // Every input order of a short history.
  const orders = <T>(items: readonly T[]): T[][] =>
    items.length <= 1 ? [[...items]] : items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

  it('T-6: at one instant a rank-1 close contact is applied before a rank-2 temperature, whatever the ids and the input order', () => {
    const temperature = { id: 'a', at, kind: 'temperature', celsius: 36.5, venue: 'public-place' };
    const contact = { id: 'b', at, kind: 'close-contact', of: 'case' };
    for (const history of orders([approved, temperature, contact])) {
      const r = evaluate(D, history, '2020-02-04T12:00:00+08:00');
      expect(r.applied).toEqual(['rv', 'b', 'a']);
    }
  });

  it('T-6: at one instant and one rank the smaller id is applied first, whatever the input order', () => {
    const diagnosis = { id: 'a', at, kind: 'diagnosis', status: 'confirmed' };
    const contact = { id: 'b', at, kind: 'close-contact', of: 'case' };
    for (const history of orders([approved, diagnosis, contact])) {
      const r = evaluate(D, history, '2020-02-04T12:00:00+08:00');
      expect(r.applied).toEqual(['rv', 'a', 'b']);
      // The colour turns red with the first of them (T-colour right after it).
      expect(r.trail.filter((t) => t.at === at).map((t) => t.transition)).toEqual(['T-R1-on', 'T-colour', 'T-R2-on']);
    }
  });
});

describe('T-5, I-13, RULES §9: the events left out', () => {
  const temperature = (id: string, at: string, celsius = 36.5) => ({ id, at, kind: 'temperature', celsius, venue: 'public-place' });
  const copy = temperature('d', '2020-02-02T09:00:00+08:00');
  const voided = temperature('v', '2020-02-03T09:00:00+08:00', 36.6);
  const correction = { id: 'c', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 'v', authority: 'District CDC', reason: 'wrong person' };
  const future = { id: 'f', at: '2020-02-10T09:00:00+08:00', kind: 'diagnosis', status: 'confirmed' };
  const now = '2020-02-05T12:00:00+08:00';

  it('T-5, I-13, RULES §9: a duplicate, a voided and a future event are each listed once with their reason, in T-6 order', () => {
    for (const history of [
      [approved, copy, copy, voided, correction, future],
      [future, correction, copy, voided, approved, copy],
    ]) {
      const r = evaluate(D, history, now);
      expect(r.applied).toEqual(['rv', 'd', 'c']);
      expect(r.ignored).toEqual([
        { id: 'd', why: 'duplicate' },
        { id: 'v', why: 'void' },
        { id: 'f', why: 'future' },
      ]);
    }
  });

  it('T-5, I-13, RULES §9: the extra copy of a future or voided event is a duplicate, listed with the first copy\'s reason', () => {
    const r = evaluate(D, [approved, future, future, voided, voided, correction], now);
    expect(r.applied).toEqual(['rv', 'c']);
    // Same instant, rank and id: the copies of one event sit together, `duplicate` before the other reason.
    expect(r.ignored).toEqual([
      { id: 'v', why: 'duplicate' },
      { id: 'v', why: 'void' },
      { id: 'f', why: 'duplicate' },
      { id: 'f', why: 'future' },
    ]);
  });
});

describe('I-7: the reason names the symptoms that restart its count', () => {
  it('I-7: R2 says which records restart its 14 days (the policy reset list); R1, with no count of its own yet, says none', () => {
    const a = evaluate({ ...D, clinical: 'confirmed', closeContactOfCase: true }, [], '2020-02-02T10:00:00+08:00');
    expect(byRule(a, 'R2').message.en).toContain(' A record of fever, dry cough, shortness of breath restarts the count.');
    expect(byRule(a, 'R2').message['zh-Hans']).toContain('期间出现发热、干咳、气促则重新计算。');
    expect(byRule(a, 'R1').message.en).not.toContain('restarts the count');
  });
});

describe('issue 14: a reason message a person can act on', () => {
  it('RULES §3: the message says what to do now from the reason\'s own obligations, which change with the phase (R1)', () => {
    const treatment = byRule(evaluate(D, [approved, positive], '2020-02-05T12:00:00+08:00'), 'R1');
    expect(treatment.message.en).toContain('What to do now: stay in isolation treatment at a designated hospital;');
    const discharged = byRule(
      evaluate(D, [approved, positive, { id: 'dis', at: '2020-02-20T15:00:00+08:00', kind: 'hospital-discharge' }], '2020-02-21T12:00:00+08:00'),
      'R1',
    );
    expect(discharged.message.en).toContain('What to do now: stay in isolation medical observation;');
    const y1 = byRule(evaluate({ ...D, symptoms: ['fatigue'] }, [approved], '2020-02-05T12:00:00+08:00'), 'Y1');
    expect(y1.message['zh-Hans']).toContain('现在须：居家隔离医学观察、服从社区管理；');
  });

  it('T-1, I-5: instants are in Beijing time, and key areas carry the name the policy list gives them', () => {
    const r3 = byRule(evaluate({ ...D, keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }, [approved], '2020-02-05T12:00:00+08:00'), 'R3');
    expect(r3.message.en).toContain('a key area (Wuhan 420100)');
    expect(r3.message.en).toContain('end at 2020-02-16T00:00:00+08:00 (Beijing time)');
    expect(r3.message['zh-Hant']).toContain('2020-02-16T00:00:00+08:00（北京時間）');
  });

  it('I-13: the message names the event a correction would void', () => {
    const r1 = byRule(evaluate(D, [approved, positive], '2020-02-05T12:00:00+08:00'), 'R1');
    expect(r1.message.en).toContain('If you think t1 is wrong, ask the authority that recorded it to enter a correction');
  });
});

describe('RULES §8, issue 14: nextColour, the colour at nextChangeAt', () => {
  const closeContact = (id: string, at: string, of: string) => ({ id, at, kind: 'close-contact', of });

  it('example 6: R2 then Y2: red now, yellow at 02-16 (not green), then green at 02-25', () => {
    const history = [approved, closeContact('y2', '2020-02-10T12:00:00+08:00', 'fever-clinic-observee')];
    const red = evaluate({ ...D, closeContactOfCase: true }, history, '2020-02-12T12:00:00+08:00');
    expect([red.colour, red.nextChangeAt, red.nextColour]).toEqual(['red', '2020-02-16T00:00:00+08:00', 'yellow']);
    const yellow = evaluate({ ...D, closeContactOfCase: true }, history, '2020-02-16T00:00:00+08:00');
    expect([yellow.colour, yellow.nextChangeAt, yellow.nextColour]).toEqual(['yellow', '2020-02-25T00:00:00+08:00', 'green']);
  });

  it('red R2 and R3 ending on different days: the next change is the later one, to green', () => {
    const a = evaluate(
      { ...D, closeContactOfCase: true },
      [approved, { id: 'k', at: '2020-02-05T09:00:00+08:00', kind: 'key-area-visit', area: '420100', from: '2020-02-01', to: '2020-02-03' }],
      '2020-02-10T12:00:00+08:00',
    );
    expect([a.nextChangeAt, a.nextColour]).toEqual(['2020-02-20T00:00:00+08:00', 'green']);
  });

  it('green, or a condition awaiting an outside event (R1 before discharge): no change projected, nextColour null', () => {
    const green = evaluate(D, [approved], '2020-02-10T12:00:00+08:00');
    expect([green.nextChangeAt, green.nextColour]).toEqual([null, null]);
    const r1 = evaluate(D, [approved, positive], '2020-02-05T12:00:00+08:00');
    expect([r1.nextChangeAt, r1.nextColour]).toEqual([null, null]);
  });

  it('R1 awaiting discharge with Y2 underneath: Y2 ending changes no colour, so nothing is projected', () => {
    const a = evaluate(D, [approved, closeContact('y2', '2020-02-02T12:00:00+08:00', 'fever-clinic-observee'), positive], '2020-02-05T12:00:00+08:00');
    expect(a.colour).toBe('red');
    expect([a.nextChangeAt, a.nextColour]).toEqual([null, null]);
  });
});
