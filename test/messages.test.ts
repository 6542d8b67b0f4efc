import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/index.js';
import { declaration, event } from '../src/testing/index.js';

const NOW = '2020-02-10T12:00:00+08:00';

describe('messages (RULES §8): rendered from rule, phase and evidence, in three languages', () => {
  const cases = {
    R1: evaluate(declaration({ clinical: 'confirmed' }), [], NOW),
    R2: evaluate(declaration({ closeContactOfCase: true }), [], NOW),
    R3: evaluate(declaration({ keyAreaContacts: [{ on: '2020-01-25', area: '420100' }] }), [], NOW),
    R4: evaluate(declaration({ feverClinicObservation: true }), [], NOW),
    R5: evaluate(declaration(), [event.highRiskDesignation('2020-02-02T09:00:00+08:00', { authority: 'Haizhou district', reason: 'cluster', basis: 'notice 7' })], NOW),
    Y1: evaluate(declaration({ symptoms: ['fatigue'] }), [], NOW),
    Y2: evaluate(declaration({ closeContactOfFeverClinicObservee: true }), [], NOW),
    GY: evaluate(declaration(), [event.temperature('2020-02-03T09:00:00+08:00', 38), event.temperature('2020-02-05T09:00:00+08:00', 38)], NOW),
  };

  for (const [rule, assessment] of Object.entries(cases)) {
    it(`${rule}: the message names the rule and its policy section in zh-Hans, zh-Hant and en`, () => {
      const reason = assessment.reasons.find((r) => r.rule === rule);
      expect(reason).toBeDefined();
      for (const text of Object.values(reason?.message ?? {})) {
        expect(text).toContain(rule);
        expect(text).toMatch(/§[345]/);
      }
      if (reason?.releaseAt !== null && reason?.releaseAt !== undefined) {
        for (const text of Object.values(reason.message)) expect(text).toContain(reason.releaseAt);
      }
    });
  }

  it('R1, R4: a condition waiting for an outside event says what it waits for instead of a date', () => {
    expect(cases.R1.reasons[0]?.message.en).toContain('hospital discharge');
    expect(cases.R4.reasons[0]?.message.en).toContain('COVID-19 ruled out');
    expect(cases.R4.reasons[0]?.message['zh-Hant']).toContain('治癒');
  });

  it('Y1: a yellow release speaks of home isolation, a red one of isolation observation (§3, §4)', () => {
    expect(cases.Y1.reasons[0]?.message['zh-Hant']).toContain('居家隔離醫學觀察');
    expect(cases.R2.reasons[0]?.message['zh-Hant']).not.toContain('居家');
    expect(cases.Y1.reasons[0]?.message.en).toContain('home isolation observation');
  });

  it('R5: the message quotes authority, reason and basis, and says the policy gives no release rule (I-6)', () => {
    const text = cases.R5.reasons[0]?.message;
    for (const part of ['Haizhou district', 'cluster', 'notice 7']) {
      expect(text?.en).toContain(part);
      expect(text?.['zh-Hant']).toContain(part);
    }
    expect(text?.en).toContain('no release rule');
  });
});
