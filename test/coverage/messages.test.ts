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
        ' A full 14 days of isolation observation from 2020-02-01T10:00:00+08:00 end at 2020-02-16T00:00:00+08:00; this reason ends then' +
        ' (counted as the Civil Code counts periods: the start day is not counted, and the last day ends at midnight).' +
        ' A record of fever, dry cough, shortness of breath restarts the count.',
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
    const { symptoms: _unused, ...facts } = { ...base, rule: 'Y1' as const, resetSymptoms: [], symptoms: undefined };
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
    expect(message.en).toContain('from 2020-02-01T10:00:00+08:00 end at 2020-02-16T00:00:00+08:00; this reason ends then (lunar).');
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

describe('messages a person can decode (issue 14)', () => {
  it('T-1: with the policy zone, every instant says its zone in words: Beijing time for Asia/Shanghai, else the zone id', () => {
    const beijing = reasonMessage({ ...base, timeZone: 'Asia/Shanghai' });
    expect(beijing.en).toContain('from 2020-02-01T10:00:00+08:00 (Beijing time) end at 2020-02-16T00:00:00+08:00 (Beijing time);');
    expect(beijing['zh-Hans']).toContain('自2020-02-01T10:00:00+08:00（北京时间）起');
    expect(beijing['zh-Hant']).toContain('至2020-02-16T00:00:00+08:00（北京時間）屆滿');
    expect(reasonMessage({ ...base, timeZone: 'Europe/Paris' }).en).toContain('2020-02-16T00:00:00+08:00 (Europe/Paris)');
    expect(reasonMessage(base).en).not.toContain('Beijing');
  });

  it('T-3: the civil-code count is said in words in every language', () => {
    const message = reasonMessage(base);
    expect(message.en).toContain('the start day is not counted, and the last day ends at midnight');
    expect(message['zh-Hans']).toContain('起算当日不计入，至最后一日24时届满');
    expect(message['zh-Hant']).toContain('起算當日不計入，至最後一日24時屆滿');
    expect(reasonMessage({ ...base, convention: 'inclusive-start' }).en).toContain('the start day counted as day 1');
    expect(reasonMessage({ ...base, convention: 'rolling' }).en).toContain('counted to the same time of day as the start');
  });

  it('I-1: a reason says when it ends, never that the code turns green (another reason may keep the colour)', () => {
    const message = reasonMessage(base);
    expect(message['zh-Hans']).toContain('至2020-02-16T00:00:00+08:00届满，本项随之解除。');
    expect(message['zh-Hant']).toContain('至2020-02-16T00:00:00+08:00屆滿，本項隨之解除。');
    expect(message.en).toContain('this reason ends then');
    for (const text of Object.values(message)) expect(text).not.toMatch(/转绿|轉綠|green/);
  });

  it('I-5: a key area is named by the name the policy list gives it, with its code; an unnamed one by its code', () => {
    const message = reasonMessage({ ...base, rule: 'R3', areas: ['420100', '310000'], areaNames: { '420100': 'Wuhan' } });
    expect(message.en).toContain('a key area (Wuhan 420100, 310000)');
    expect(message['zh-Hans']).toContain('（Wuhan 420100、310000）');
  });

  it('RULES §3: with the obligations, the message says what to do now, in every language', () => {
    const message = reasonMessage({ ...base, obligations: ['home-isolation', 'community-management'] });
    expect(message.en).toContain(
      ' What to do now: stay at home in home isolation observation, follow the community management; do not move about the city, enter public places or ride public transport.',
    );
    expect(message['zh-Hans']).toContain('现在须：居家隔离医学观察、服从社区管理；');
    expect(message['zh-Hant']).toContain('現在須：居家隔離醫學觀察、服從社區管理；');
    expect(reasonMessage(base).en).not.toContain('What to do now');
  });

  it('I-13, §8: a wrong reason is corrected by the authority that recorded the event, naming it; a wrong declaration by declaring again', () => {
    const byEvent = reasonMessage({ ...base, evidence: ['n1', 'n2'], obligations: ['isolation-observation'] });
    expect(byEvent.en).toContain('If you think n1, n2 is wrong, ask the authority that recorded it to enter a correction');
    expect(byEvent.en).toContain('(I-13)');
    expect(byEvent.en).not.toContain('declare again');
    expect(byEvent['zh-Hans']).toContain('如认为n1、n2有误');
    const declared = reasonMessage({ ...base, obligations: ['isolation-observation'] });
    expect(declared.en).toContain('If your declaration was wrong, declare again truthfully and wait for the review (§8).');
    expect(declared.en).not.toContain('I-13');
    expect(declared['zh-Hant']).toContain('如申報有誤，請如實重新申報並等待審核（§8）。');
    const both = reasonMessage({ ...base, evidence: ['declaration', 'k1'], obligations: ['isolation-observation'] });
    expect(both.en).toContain('If you think k1 is wrong');
    expect(both.en).toContain('If your declaration was wrong');
  });
});
