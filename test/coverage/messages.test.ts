import { describe, expect, it } from 'vitest';
import { reasonMessage, type ReasonFacts } from '../../src/messages.js';

// Facts written by hand (RULES §3, §8): a declared close contact (R2) submitted on
// 2020-02-01T10:00+08:00, observed from the submission, 14 days, civil-code count (T-3):
// day(anchor) = 02-01, release at startOfDay(02-01 + 14 + 1) = 2020-02-16T00:00+08:00.
const base: ReasonFacts = {
  rule: 'R2',
  phase: 'observation',
  evidence: ['declaration'],
  startedAt: '2020-02-01T10:00:00+08:00',
  releaseAt: '2020-02-16T00:00:00+08:00',
  anchor: '2020-02-01T10:00:00+08:00',
  days: 14,
  convention: 'civil-code',
  resetSymptoms: ['fever', 'dry-cough', 'shortness-of-breath'],
  awaiting: [],
  lookbackDays: 14,
};

describe('messages (RULES §8): rendered from rule, phase and evidence', () => {
  it('R2, T-3: an observation message names the anchor, the days, the civil-code convention, the release and the reset symptoms', () => {
    const message = reasonMessage(base);
    expect(message.en).toBe(
      'Red, R2 (§3.2): close contact of a confirmed, suspected or positive person (evidence: declaration).' +
        ' A full 14 days of isolation observation from 2020-02-01T10:00:00+08:00 (Civil Code count, the start day not counted)' +
        ' end at 2020-02-16T00:00:00+08:00. A record of fever, dry cough, shortness of breath restarts the count.',
    );
    expect(message['zh-Hans']).toContain('申报');
    expect(message['zh-Hans']).toContain('发热、干咳、气促');
    expect(message['zh-Hant']).toContain('申報');
    expect(message['zh-Hant']).toContain('發熱、乾咳、氣促');
  });

  it('Y1, §4.1: a symptom kind without a translation is written as its id, in every language', () => {
    const message = reasonMessage({ ...base, rule: 'Y1', symptoms: ['fatigue', 'loss-of-smell'], resetSymptoms: [] });
    expect(message.en).toContain('symptoms declared: fatigue, loss-of-smell.');
    expect(message['zh-Hans']).toContain('乏力、loss-of-smell');
    expect(message['zh-Hant']).toContain('乏力、loss-of-smell');
  });

  it('Y1, §4.1: without a symptom list the message still names Y1, its section and the release, and names no symptom', () => {
    const { symptoms: _unused, ...facts } = { ...base, rule: 'Y1', resetSymptoms: [], symptoms: undefined };
    const message = reasonMessage(facts);
    expect(message.en).toMatch(/^Yellow, Y1 \(§4\.1\): symptoms declared: \. /);
    expect(message.en).toContain('home isolation observation');
    expect(message.en).toContain('2020-02-16T00:00:00+08:00');
    // No reset symptoms: no "restarts the count" sentence.
    expect(message.en).not.toContain('restarts');
    expect(message['zh-Hans']).toContain('黄码 Y1（§4.1）：申报时有等症状。');
    expect(message['zh-Hant']).toContain('黃碼 Y1（§4.1）：申報時有等癥狀。');
  });

  it('GY, §5, I-9: without a symptom list the message still says a daily report is required, in every language', () => {
    const message = reasonMessage({ ...base, rule: 'GY', evidence: ['t1', 't2'] });
    expect(message.en).toContain('Yellow, GY (§5):  recorded twice while green (evidence: t1, t2); a daily health report is required.');
    expect(message['zh-Hans']).toContain('（依据：t1、t2）；须每天主动填报健康信息。');
    expect(message['zh-Hant']).toContain('（依據：t1、t2）；須每天主動填報健康資訊。');
    expect(message.en).toContain('home isolation observation');
  });

  it('R5, I-6: a reason with no designation facts still says the policy gives no release rule, and has no release sentence', () => {
    const message = reasonMessage({ ...base, rule: 'R5', releaseAt: null, anchor: null, awaiting: ['authority-release'], evidence: ['d1'] });
    expect(message.en).toBe(
      'Red, R5 (§3.5): designated high-risk (). The policy itself gives no release rule: only a release by an authority ends it (I-6).',
    );
    expect(message.en).not.toContain('Waiting for');
    expect(message['zh-Hans']).toContain('只有有关部门解除才转绿（I-6）');
  });

  it('R1, §3.1: an awaited event without a translation is written as its id', () => {
    const message = reasonMessage({ ...base, rule: 'R1', phase: 'treatment', releaseAt: null, anchor: null, awaiting: ['hospital-discharge', 'court-order'] });
    expect(message.en).toContain('Waiting for: hospital discharge, court-order; then a full 14 days of isolation observation.');
    expect(message['zh-Hans']).toContain('尚待：出院、court-order；之后再隔离医学观察满14天。');
  });

  it('T-3: a day-counting convention without a translation is written as its name', () => {
    const message = reasonMessage({ ...base, convention: 'lunar' });
    expect(message.en).toContain('from 2020-02-01T10:00:00+08:00 (lunar) end at 2020-02-16T00:00:00+08:00.');
    expect(message['zh-Hant']).toContain('（lunar）');
  });

  it('R3, I-5: the areas named by the evidence are listed; none listed gives no parentheses', () => {
    const withAreas = reasonMessage({ ...base, rule: 'R3', areas: ['420100', '420200'] });
    expect(withAreas.en).toContain('in or in contact with a key area (420100, 420200) within 14 days');
    expect(withAreas['zh-Hans']).toContain('（420100、420200）');
    const without = reasonMessage({ ...base, rule: 'R3', areas: [] });
    expect(without.en).toContain('in or in contact with a key area within 14 days');
  });
});
