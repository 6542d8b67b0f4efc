import type { Message } from './schema/assessment.js';
import type { Obligation } from './schema/primitives.js';
import { RULE_MODULES } from './rules/index.js';
import { evidenceList, list, symptoms, type Lang, type ReasonFacts, type Texts } from './rules/words.js';

export type { ReasonFacts } from './rules/words.js';

/**
 * Messages a person reads, rendered from the rule, the phase and the evidence (RULES §8), never
 * stored as free text, in zh-Hans, zh-Hant and en.
 */

// T-3, said in words: how the days are counted.
const CONVENTIONS: Readonly<Record<string, Texts>> = {
  'civil-code': {
    'zh-Hans': '按民法计算期间：起算当日不计入，至最后一日24时届满',
    'zh-Hant': '按民法計算期間：起算當日不計入，至最後一日24時屆滿',
    en: 'counted as the Civil Code counts periods: the start day is not counted, and the last day ends at midnight',
  },
  'inclusive-start': {
    'zh-Hans': '起算当日计为第1天，至最后一日24时届满',
    'zh-Hant': '起算當日計為第1天，至最後一日24時屆滿',
    en: 'the start day counted as day 1, and the last day ends at midnight',
  },
  rolling: { 'zh-Hans': '按与起算时刻相同的钟点计算', 'zh-Hant': '按與起算時刻相同的鐘點計算', en: 'counted to the same time of day as the start' },
};

// T-1: the zone an instant is written in, named for a person.
const ZONES: Readonly<Record<string, Texts>> = {
  'Asia/Shanghai': { 'zh-Hans': '北京时间', 'zh-Hant': '北京時間', en: 'Beijing time' },
};

/** An instant with the name of its zone, when the zone is known: `… (Beijing time)`. */
function when(lang: Lang, instant: string, zone: string | undefined): string {
  if (zone === undefined) return instant;
  const name = ZONES[zone]?.[lang] ?? zone;
  return lang === 'en' ? `${instant} (${name})` : `${instant}（${name}）`;
}

// RULES §3 obligations, as what the person must do.
const DUTIES: Readonly<Record<Obligation, Texts>> = {
  'hospital-isolation': { 'zh-Hans': '在定点医疗机构隔离治疗', 'zh-Hant': '在定點醫療機構隔離治療', en: 'stay in isolation treatment at a designated hospital' },
  'isolation-observation': { 'zh-Hans': '接受隔离医学观察', 'zh-Hant': '接受隔離醫學觀察', en: 'stay in isolation medical observation' },
  'home-isolation': { 'zh-Hans': '居家隔离医学观察', 'zh-Hant': '居家隔離醫學觀察', en: 'stay at home in home isolation observation' },
  'community-management': { 'zh-Hans': '服从社区管理', 'zh-Hant': '服從社區管理', en: 'follow the community management' },
  'daily-self-report': { 'zh-Hans': '每天主动填报健康信息', 'zh-Hant': '每天主動填報健康資訊', en: 'report your health information every day' },
};

const AWAITED: Readonly<Record<string, Texts>> = {
  'hospital-discharge': { 'zh-Hans': '出院', 'zh-Hant': '出院', en: 'hospital discharge' },
  'covid-exclusion': { 'zh-Hans': '排除新冠肺炎', 'zh-Hant': '排除新冠肺炎', en: 'COVID-19 ruled out' },
  recovery: { 'zh-Hans': '治愈', 'zh-Hant': '治癒', en: 'recovery' },
  'authority-release': { 'zh-Hans': '有关部门解除', 'zh-Hant': '有關部門解除', en: 'a release by an authority' },
};

// The kind of observation each rule's release speaks of (§3: isolation medical observation;
// §4: home isolation medical observation).
const OBSERVATION: Readonly<Record<'red' | 'yellow', Texts>> = {
  red: { 'zh-Hans': '隔离医学观察', 'zh-Hant': '隔離醫學觀察', en: 'isolation observation' },
  yellow: { 'zh-Hans': '居家隔离医学观察', 'zh-Hant': '居家隔離醫學觀察', en: 'home isolation observation' },
};

function release(lang: Lang, f: ReasonFacts): string {
  const observation = OBSERVATION[f.rule.startsWith('R') ? 'red' : 'yellow'][lang];
  if (f.releaseAt === null || f.anchor === null) {
    if (f.rule === 'R5') return '';
    const awaited = list(lang, f.awaiting.map((a) => AWAITED[a]?.[lang] ?? a));
    return {
      'zh-Hans': `尚待：${awaited}；之后再${observation}满${f.days}天。`,
      'zh-Hant': `尚待：${awaited}；之後再${observation}滿${f.days}天。`,
      en: ` Waiting for: ${awaited}; then a full ${f.days} days of ${observation}.`,
    }[lang];
  }
  const convention = CONVENTIONS[f.convention]?.[lang] ?? f.convention;
  const anchor = when(lang, f.anchor, f.timeZone);
  const releaseAt = when(lang, f.releaseAt, f.timeZone);
  const reset =
    f.resetSymptoms.length === 0
      ? ''
      : { 'zh-Hans': `期间出现${symptoms(lang, f.resetSymptoms)}则重新计算。`, 'zh-Hant': `期間出現${symptoms(lang, f.resetSymptoms)}則重新計算。`, en: ` A record of ${symptoms(lang, f.resetSymptoms)} restarts the count.` }[lang];
  const noReset = f.rule === 'R1' ? { 'zh-Hans': '出院后的症状不重新计算（I-4）。', 'zh-Hant': '出院後的癥狀不重新計算（I-4）。', en: ' Symptoms after discharge do not restart it (I-4).' }[lang] : '';
  return {
    // The end of this reason, not of the colour: another reason may keep the code red or yellow (I-1).
    'zh-Hans': `自${anchor}起${observation}满${f.days}天（${convention}），至${releaseAt}届满，本项随之解除。${reset}${noReset}`,
    'zh-Hant': `自${anchor}起${observation}滿${f.days}天（${convention}），至${releaseAt}屆滿，本項隨之解除。${reset}${noReset}`,
    en: ` A full ${f.days} days of ${observation} from ${anchor} end at ${releaseAt}; this reason ends then (${convention}).${reset}${noReset}`,
  }[lang];
}

/** What the person must do now (RULES §3), and how a reason they think wrong is corrected (I-13). */
function guidance(lang: Lang, f: ReasonFacts): string {
  if (f.obligations === undefined) return '';
  const duties = list(lang, f.obligations.map((o) => DUTIES[o][lang]));
  const todo = {
    'zh-Hans': `现在须：${duties}；不得在市内流动、进入公共场所或乘坐公共交通。`,
    'zh-Hant': `現在須：${duties}；不得在市內流動、進入公共場所或乘坐公共交通。`,
    en: ` What to do now: ${duties}; do not move about the city, enter public places or ride public transport.`,
  }[lang];
  const events = f.evidence.filter((id) => id !== 'declaration');
  const declared = events.length < f.evidence.length;
  const ids = list(lang, events);
  const byEvent =
    events.length === 0
      ? ''
      : {
          'zh-Hans': `如认为${ids}有误，可请记录该事件的部门录入更正：更正使该事件作废，健康码将不计该事件重新计算（I-13）。`,
          'zh-Hant': `如認為${ids}有誤，可請記錄該事件的部門錄入更正：更正使該事件作廢，健康碼將不計該事件重新計算（I-13）。`,
          en: ` If you think ${ids} is wrong, ask the authority that recorded it to enter a correction: a correction voids the event, and the code is worked out again without it (I-13).`,
        }[lang];
  const byDeclaration = declared
    ? {
        'zh-Hans': '如申报有误，请如实重新申报并等待审核（§8）。',
        'zh-Hant': '如申報有誤，請如實重新申報並等待審核（§8）。',
        en: ' If your declaration was wrong, declare again truthfully and wait for the review (§8).',
      }[lang]
    : '';
  return `${todo}${byEvent}${byDeclaration}`;
}

/** The message of one reason, in all three languages. */
export function reasonMessage(facts: ReasonFacts): Message {
  const render = (lang: Lang): string => `${RULE_MODULES[facts.rule].headline(lang, facts, evidenceList(lang, facts.evidence))}${release(lang, facts)}${guidance(lang, facts)}`.trim();
  return { 'zh-Hans': render('zh-Hans'), 'zh-Hant': render('zh-Hant'), en: render('en') };
}
