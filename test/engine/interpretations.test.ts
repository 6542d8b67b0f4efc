import { describe, expect, it } from 'vitest';
import { lianyungang2020 } from '../../src/index.js';
import { createEngine } from '../support/untyped.js';
import { approved, decl, ev, rules, run, transitionIds } from './support.js';

const NOW = '2020-02-10T12:00:00+08:00';

describe('RULES §4 interpretations', () => {
  it('I-1: red dominates yellow; each condition keeps its own clock', () => {
    const a = run(decl({ closeContactOfCase: true }), [approved, ev('close-contact', '2020-02-05T12:00:00+08:00', { of: 'fever-clinic-observee' })], NOW);
    expect(a.colour).toBe('red');
    expect(a.reasons.map((r) => [r.rule, r.releaseAt])).toEqual([
      ['R2', '2020-02-16T00:00:00+08:00'],
      ['Y2', '2020-02-20T00:00:00+08:00'],
    ]);
    expect(a.reasons[0]?.interpretations).toContain('I-1');
  });

  it('I-2: a declared close contact of a case is R2 even without a recorded isolation', () => {
    const a = run(decl({ closeContactOfCase: true }), [approved], NOW);
    expect(rules(a)).toEqual(['R2']);
    expect(a.reasons[0]?.interpretations).toContain('I-2');
  });

  describe('I-3: where the isolation observation starts', () => {
    it('I-3 (1): the declared isolationStartedAt anchors a declaration-based condition', () => {
      const a = run(decl({ closeContactOfCase: true, isolationStartedAt: '2020-01-30T08:00:00+08:00' }), [approved], NOW);
      expect(a.releaseAt).toBe('2020-02-14T00:00:00+08:00');
      expect(a.reasons[0]?.count?.anchor).toBe('2020-01-30T08:00:00+08:00');
      expect(a.reasons[0]?.interpretations).toContain('I-3');
    });

    it('I-3 (2): else the latest isolation-started event at or before the submission', () => {
      const early = ev('isolation-started', '2020-01-27T09:00:00+08:00', { place: 'home' });
      const late = ev('isolation-started', '2020-01-29T09:00:00+08:00', { place: 'centralized' });
      const a = run(decl({ closeContactOfCase: true }), [approved, late, early], NOW);
      expect(a.releaseAt).toBe('2020-02-13T00:00:00+08:00');
      expect(a.reasons[0]?.evidence).toContain(late['id']);
    });

    it('I-3 (2): an isolation start at the submission instant counts, even when an earlier count is already over', () => {
      const early = ev('isolation-started', '2020-01-05T23:59:59.999+08:00', { place: 'home' });
      const atSubmission = ev('isolation-started', '2020-01-20T00:00:00+08:00', { place: 'centralized' });
      const a = run(decl({ submittedAt: '2020-01-20T00:00:00+08:00', closeContactOfCase: true }), [early, atSubmission], '2020-01-20T00:00:00+08:00');
      expect(a.colour).toBe('red');
      expect(a.releaseAt).toBe('2020-02-04T00:00:00+08:00');
    });

    it('I-3 (3): else the first isolation-started at or after the start; later ones do not move it', () => {
      const notice = ev('close-contact', '2020-02-03T10:00:00+08:00', { of: 'case' });
      const first = ev('isolation-started', '2020-02-04T10:00:00+08:00', { place: 'home' });
      const moved = ev('isolation-started', '2020-02-06T10:00:00+08:00', { place: 'centralized' });
      const a = run(decl(), [approved, notice, first, moved], NOW);
      expect(a.releaseAt).toBe('2020-02-19T00:00:00+08:00');
      expect(a.reasons[0]?.evidence).toEqual([notice['id'], first['id']]);
    });

    it('I-3 (3): an isolation start at the same instant counts whatever T-6 does with the tie', () => {
      const iso = { id: 'a-iso', at: '2020-02-03T10:00:00+08:00', kind: 'isolation-started', place: 'home' };
      const notice = { id: 'b-notice', at: '2020-02-03T10:00:00+08:00', kind: 'close-contact', of: 'case' };
      const a = run(decl(), [approved, notice, iso], NOW);
      expect(a.reasons[0]?.evidence).toEqual(['b-notice', 'a-iso']);
      expect(a.reasons[0]?.interpretations).toContain('I-3');
    });

    it('I-3 (4): with no isolation recorded, the count runs from the condition start', () => {
      const a = run(decl({ closeContactOfCase: true }), [approved], NOW);
      expect(a.reasons[0]?.count?.anchor).toBe('2020-02-01T10:00:00+08:00');
      expect(a.reasons[0]?.interpretations).not.toContain('I-3');
    });
  });

  it('I-4: after discharge, symptoms do not restart R1; a new positive test starts R1 again in treatment', () => {
    const positive = ev('test-result', '2020-02-03T09:00:00+08:00', { result: 'positive' });
    const discharge = ev('hospital-discharge', '2020-02-05T15:00:00+08:00');
    const fever = ev('symptoms', '2020-02-08T15:00:00+08:00', { symptoms: ['fever'], source: 'self' });
    const a = run(decl(), [approved, positive, discharge, fever], NOW);
    expect(a.releaseAt).toBe('2020-02-20T00:00:00+08:00');
    expect(transitionIds(a)).not.toContain('T-R1-reset');
    expect(a.reasons[0]?.interpretations).toContain('I-4');
    const again = run(decl(), [approved, positive, discharge, ev('test-result', '2020-02-09T09:00:00+08:00', { result: 'positive' })], NOW);
    expect(again.reasons[0]?.phase).toBe('treatment');
    expect(again.awaiting).toEqual(['hospital-discharge']);
  });

  it('I-5: a key area counts only while on the list; a named contact area must be on it, an unnamed one counts', () => {
    const engine = createEngine({ ...lianyungang2020, keyAreas: [{ area: '420100', name: 'Wuhan', from: '2020-01-01', to: '2020-01-31' }] });
    const visit = decl({ keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-26' }] });
    expect(engine.evaluate(visit, [], NOW).colour).toBe('green');
    expect(run(visit, [], NOW).colour).toBe('red');
    expect(run(decl({ keyAreaContacts: [{ on: '2020-01-25', area: '310100' }] }), [], NOW).colour).toBe('green');
    expect(run(decl({ keyAreaContacts: [{ on: '2020-01-25', area: '420100' }] }), [], NOW).colour).toBe('red');
    expect(run(decl({ keyAreaContacts: [{ on: '2020-01-25' }] }), [], NOW).colour).toBe('red');
    expect(run(decl({ keyAreaContacts: [{ on: '2020-01-17' }] }), [], NOW).colour).toBe('green');
  });

  it('I-6: R5 is released only by an authority; its message quotes authority, reason and basis', () => {
    const designation = ev('high-risk-designation', '2020-02-03T09:00:00+08:00', {
      authority: 'District health commission',
      reason: 'shared a workplace with a cluster',
      basis: 'notice 12',
    });
    const a = run(decl(), [approved, designation], '2020-03-30T12:00:00+08:00');
    expect(a.colour).toBe('red');
    expect(a.releaseAt).toBeNull();
    expect(a.awaiting).toEqual(['authority-release']);
    expect(a.obligations).toEqual(['isolation-observation']);
    expect(a.reasons[0]?.message.en).toContain('District health commission');
    expect(a.reasons[0]?.message.en).toContain('shared a workplace with a cluster');
    expect(a.reasons[0]?.message.en).toContain('notice 12');
    expect(a.reasons[0]?.message.en).toContain('no release rule');
    const release = ev('authority-release', '2020-02-20T09:00:00+08:00', { authority: 'District health commission', reason: 'cleared' });
    expect(run(decl(), [approved, designation, release], '2020-03-30T12:00:00+08:00').colour).toBe('green');
  });

  it('I-7: a reset symptom restarts the count from itself; a non-reset symptom does not; declared symptoms do not', () => {
    const declared = run(decl({ closeContactOfCase: true, symptoms: ['dry-cough'] }), [approved], NOW);
    expect(declared.reasons[0]?.count?.anchor).toBe('2020-02-01T10:00:00+08:00');
    const cough = ev('symptoms', '2020-02-04T20:00:00+08:00', { symptoms: ['dry-cough'], source: 'clinic' });
    const reset = run(decl({ closeContactOfCase: true }), [approved, cough], NOW);
    expect(reset.releaseAt).toBe('2020-02-19T00:00:00+08:00');
    expect(transitionIds(reset)).toContain('T-R2-reset');
    const fatigue = ev('symptoms', '2020-02-04T20:00:00+08:00', { symptoms: ['fatigue'], source: 'self' });
    expect(run(decl({ closeContactOfCase: true }), [approved, fatigue], NOW).releaseAt).toBe('2020-02-16T00:00:00+08:00');
  });

  describe('I-8: the twice rule', () => {
    const fever = (at: string) => ev('temperature', at, { celsius: 37.3, venue: 'public-place' });
    it('I-8: the same kind twice within 14 calendar days turns green into yellow; 15 days apart does not', () => {
      expect(run(decl(), [fever('2020-03-01T23:00:00+08:00'), fever('2020-03-15T01:00:00+08:00')], '2020-03-16T00:00:00+08:00').colour).toBe('yellow');
      expect(run(decl(), [fever('2020-03-01T23:00:00+08:00'), fever('2020-03-16T01:00:00+08:00')], '2020-03-17T00:00:00+08:00').colour).toBe('green');
    });
    it('I-8: 37.2 °C is not a fever; 37.3 °C is', () => {
      const cool = ev('temperature', '2020-03-02T09:00:00+08:00', { celsius: 37.2 });
      expect(run(decl(), [fever('2020-03-01T09:00:00+08:00'), cool], '2020-03-03T00:00:00+08:00').colour).toBe('green');
      expect(run(decl(), [fever('2020-03-01T09:00:00+08:00'), fever('2020-03-02T09:00:00+08:00')], '2020-03-03T00:00:00+08:00').colour).toBe('yellow');
    });
    it('I-8: occurrences before the subject last turned green do not count; fatigue never counts', () => {
      const designation = ev('high-risk-designation', '2020-02-02T09:00:00+08:00', { authority: 'A', reason: 'r', basis: 'b' });
      const release = ev('authority-release', '2020-02-10T09:00:00+08:00', { authority: 'A', reason: 'cleared' });
      const a = run(decl(), [designation, fever('2020-02-05T09:00:00+08:00'), release, fever('2020-02-12T09:00:00+08:00')], '2020-02-13T00:00:00+08:00');
      expect(a.colour).toBe('green');
      expect(transitionIds(a).at(-1)).toBe('T-GY-first');
      const tired = (at: string) => ev('symptoms', at, { symptoms: ['fatigue'], source: 'self' });
      expect(run(decl(), [tired('2020-03-01T09:00:00+08:00'), tired('2020-03-02T09:00:00+08:00')], '2020-03-03T00:00:00+08:00').colour).toBe('green');
    });
    it('I-8: a fever in a daily report counts like a reading; one event with two kinds counts once per kind', () => {
      const report = ev('daily-report', '2020-03-01T09:00:00+08:00', { symptoms: ['fever', 'dry-cough'] });
      const cough = ev('symptoms', '2020-03-03T09:00:00+08:00', { symptoms: ['dry-cough'], source: 'checkpoint' });
      const a = run(decl(), [report, cough], '2020-03-04T00:00:00+08:00');
      expect(a.colour).toBe('yellow');
      expect(a.reasons[0]?.evidence).toEqual([report['id'], cough['id']]);
    });
  });

  it('I-9: the GY yellow is released a full 14 days after the second occurrence', () => {
    const a = run(decl(), [ev('temperature', '2020-03-01T09:00:00+08:00', { celsius: 38 }), ev('temperature', '2020-03-04T08:00:00+08:00', { celsius: 38 })], '2020-03-18T23:59:59.999+08:00');
    expect(a.colour).toBe('yellow');
    expect(a.releaseAt).toBe('2020-03-19T00:00:00+08:00');
  });

  it('I-10: days between the GY start day and today without a daily report are missed; today is not', () => {
    const a = run(
      decl(),
      [
        ev('temperature', '2020-03-01T09:00:00+08:00', { celsius: 38 }),
        ev('temperature', '2020-03-04T08:00:00+08:00', { celsius: 38 }),
        ev('daily-report', '2020-03-06T20:00:00+08:00', { symptoms: [] }),
      ],
      '2020-03-09T07:00:00+08:00',
    );
    expect(a.missedDailyReports).toEqual(['2020-03-05', '2020-03-07', '2020-03-08']);
    expect(a.colour).toBe('yellow');
  });

  it('I-12: without review approval the code is not issued, and the colour is still computed', () => {
    const a = run(decl({ symptoms: ['fever'] }), [], NOW);
    expect(a.issued).toBe(false);
    expect(a.review).toBe('pending');
    expect(a.colour).toBe('yellow');
  });

  describe('I-13: corrections', () => {
    const positive = { id: 'pos', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
    const fix = { id: 'fix', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 'pos', authority: 'lab', reason: 'sample mix-up' };
    it('I-13: a correction voids the event: the result is that of the history without it, plus T-void', () => {
      const a = run(decl(), [approved, positive, fix], NOW);
      const without = run(decl(), [approved], NOW);
      expect(a.colour).toBe('green');
      expect(a.trail.filter((t) => t.transition !== 'T-void')).toEqual(without.trail);
      expect(a.trail.at(-1)).toMatchObject({ transition: 'T-void', at: '2020-02-04T09:00:00+08:00', evidence: ['fix', 'pos'] });
      expect(a.ignored).toEqual([{ id: 'pos', why: 'void' }]);
    });
    it('I-13: evaluated before the correction, the original result shows; a correction of the correction restores it', () => {
      expect(run(decl(), [approved, positive, fix], '2020-02-03T12:00:00+08:00').colour).toBe('red');
      const unfix = { id: 'unfix', at: '2020-02-05T09:00:00+08:00', kind: 'correction', voids: 'fix', authority: 'lab', reason: 'the sample was right' };
      const a = run(decl(), [approved, positive, fix, unfix], NOW);
      expect(a.colour).toBe('red');
      expect(a.ignored).toEqual([{ id: 'fix', why: 'void' }]);
    });
    it('I-13: an event both future and voided is listed as future', () => {
      const later = { ...positive, id: 'later', at: '2020-02-20T09:00:00+08:00' };
      const voidLater = { ...fix, voids: 'later' };
      expect(run(decl(), [approved, later, voidLater], NOW).ignored).toEqual([{ id: 'later', why: 'future' }]);
    });
  });

  it('I-14: R4 counts from the later of exclusion and recovery; any anomaly restarts it', () => {
    const clinic = ev('fever-clinic-observation', '2020-02-02T09:00:00+08:00');
    const excluded = ev('covid-excluded', '2020-02-04T09:00:00+08:00');
    const recovered = ev('recovered', '2020-02-03T09:00:00+08:00');
    const waiting = run(decl(), [approved, clinic, recovered], NOW);
    expect(waiting.awaiting).toEqual(['covid-exclusion']);
    const a = run(decl(), [approved, clinic, excluded, recovered], NOW);
    expect(a.reasons[0]?.phase).toBe('observation');
    expect(a.releaseAt).toBe('2020-02-19T00:00:00+08:00');
    const tired = ev('symptoms', '2020-02-06T09:00:00+08:00', { symptoms: ['fatigue'], source: 'self' });
    expect(run(decl(), [approved, clinic, excluded, recovered, tired], NOW).releaseAt).toBe('2020-02-21T00:00:00+08:00');
    const hot = ev('temperature', '2020-02-07T09:00:00+08:00', { celsius: 37.3 });
    const b = run(decl(), [approved, clinic, excluded, recovered, hot], NOW);
    expect(b.releaseAt).toBe('2020-02-22T00:00:00+08:00');
    expect(transitionIds(b)).toContain('T-R4-reset');
  });

  it('I-15: R2 also starts from a close-contact notice after the declaration', () => {
    const a = run(decl(), [approved, ev('close-contact', '2020-02-05T09:00:00+08:00', { of: 'case' })], NOW);
    expect(rules(a)).toEqual(['R2']);
    expect(a.reasons[0]?.interpretations).toContain('I-15');
  });

  it('I-16: at the declaration, Y1 and Y2 do not start under a red condition, and a declared R1 fact stops R4', () => {
    const a = run(decl({ closeContactOfCase: true, symptoms: ['fever'], closeContactOfFeverClinicObservee: true }), [approved], NOW);
    expect(rules(a)).toEqual(['R2']);
    const b = run(decl({ clinical: 'positive', feverClinicObservation: true }), [approved], NOW);
    expect(rules(b)).toEqual(['R1']);
    const c = run(decl({ symptoms: ['fatigue'] }), [approved, ev('close-contact', '2020-02-03T09:00:00+08:00', { of: 'case' })], NOW);
    expect(rules(c)).toEqual(['R2', 'Y1']);
  });

  describe('I-17: a new trigger for an active condition', () => {
    it('I-17: a later close-contact notice moves the R2 anchor and writes T-R2-on again; a declared one only adds evidence', () => {
      const notice = ev('close-contact', '2020-02-05T09:00:00+08:00', { of: 'case' });
      const a = run(decl({ closeContactOfCase: true }), [approved, notice], NOW);
      expect(a.releaseAt).toBe('2020-02-20T00:00:00+08:00');
      expect(transitionIds(a).filter((id) => id === 'T-R2-on')).toHaveLength(2);
      expect(a.reasons[0]?.evidence).toEqual(['declaration', notice['id']]);
    });
    it('I-17: any R1 trigger during R4 ends R4 (T-R4-confirmed, then T-R1-on)', () => {
      const clinic = ev('fever-clinic-observation', '2020-02-02T09:00:00+08:00');
      const diagnosis = ev('diagnosis', '2020-02-04T09:00:00+08:00', { status: 'suspected' });
      const a = run(decl(), [approved, clinic, diagnosis], NOW);
      expect(rules(a)).toEqual(['R1']);
      const ids = transitionIds(a);
      expect(ids.indexOf('T-R4-confirmed')).toBeGreaterThan(-1);
      expect(ids.indexOf('T-R1-on')).toBe(ids.indexOf('T-R4-confirmed') + 1);
    });
    it('I-17: R5 gains a second designation as evidence, and one release ends it', () => {
      const d1 = ev('high-risk-designation', '2020-02-02T09:00:00+08:00', { authority: 'A', reason: 'r1', basis: 'b1', obligations: ['home-isolation'] });
      const d2 = ev('high-risk-designation', '2020-02-03T09:00:00+08:00', { authority: 'B', reason: 'r2', basis: 'b2', obligations: ['isolation-observation'] });
      const a = run(decl(), [approved, d1, d2], NOW);
      expect(a.reasons[0]?.evidence).toEqual([d1['id'], d2['id']]);
      expect(a.obligations).toEqual(['isolation-observation', 'home-isolation']);
      const release = ev('authority-release', '2020-02-05T09:00:00+08:00', { authority: 'A', reason: 'cleared' });
      expect(run(decl(), [approved, d1, d2, release], NOW).colour).toBe('green');
    });
  });

  it('I-18: the latest review decision stands: a rejection after an approval withdraws the code', () => {
    const reject = ev('review-rejected', '2020-02-02T09:00:00+08:00', { reason: 'declaration incomplete' });
    const a = run(decl(), [approved, reject], NOW);
    expect(a.issued).toBe(false);
    expect(a.review).toBe('rejected');
    expect(transitionIds(a)).toEqual(['T-app-submitted', 'T-app-approved', 'T-app-rejected']);
    const again = ev('review-approved', '2020-02-03T09:00:00+08:00', { credential: 'paper-code' });
    const b = run(decl(), [approved, reject, again], NOW);
    expect(b.issued).toBe(true);
    expect(b.credential).toBe('paper-code');
  });
});
