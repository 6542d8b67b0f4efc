import type { Message } from './schema/assessment.js';
import type { Designation } from './fold.js';
import type { Obligation } from './schema/primitives.js';

/**
 * Messages a person reads, rendered from the rule, the phase and the evidence (RULES §8), never
 * stored as free text, in zh-Hans, zh-Hant and en.
 */

/** A language of messages. */
export type Lang = keyof Message;

type Texts = Readonly<Record<Lang, string>>;

const SYMPTOM_NAMES: Readonly<Record<string, Texts>> = {
  fever: { 'zh-Hans': '发热', 'zh-Hant': '發熱', en: 'fever' },
  'dry-cough': { 'zh-Hans': '干咳', 'zh-Hant': '乾咳', en: 'dry cough' },
  'shortness-of-breath': { 'zh-Hans': '气促', 'zh-Hant': '氣促', en: 'shortness of breath' },
  fatigue: { 'zh-Hans': '乏力', 'zh-Hant': '乏力', en: 'fatigue' },
};

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

function list(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

function symptoms(lang: Lang, kinds: readonly string[]): string {
  return list(lang, kinds.map((kind) => SYMPTOM_NAMES[kind]?.[lang] ?? kind));
}

/** The facts a reason message is rendered from. */
export interface ReasonFacts {
  readonly rule: string;
  readonly phase: 'treatment' | 'observation' | 'designated';
  readonly evidence: readonly string[];
  readonly startedAt: string;
  readonly releaseAt: string | null;
  readonly anchor: string | null;
  readonly days: number;
  readonly convention: string;
  readonly resetSymptoms: readonly string[];
  readonly awaiting: readonly string[];
  readonly clinical?: string | undefined;
  readonly symptoms?: readonly string[] | undefined;
  readonly areas?: readonly string[] | undefined;
  readonly designations?: readonly Designation[] | undefined;
  readonly lookbackDays: number;
  /** The policy's time zone: instants are followed by its name ("Beijing time"), T-1. */
  readonly timeZone?: string | undefined;
  /** The names of key areas by code, from the policy's list (I-5). */
  readonly areaNames?: Readonly<Record<string, string>> | undefined;
  /** The reason's obligations (RULES §3): with them, the message says what to do now and how a wrong reason is corrected. */
  readonly obligations?: readonly Obligation[] | undefined;
}

const AWAITED: Readonly<Record<string, Texts>> = {
  'hospital-discharge': { 'zh-Hans': '出院', 'zh-Hant': '出院', en: 'hospital discharge' },
  'covid-exclusion': { 'zh-Hans': '排除新冠肺炎', 'zh-Hant': '排除新冠肺炎', en: 'COVID-19 ruled out' },
  recovery: { 'zh-Hans': '治愈', 'zh-Hant': '治癒', en: 'recovery' },
  'authority-release': { 'zh-Hans': '有关部门解除', 'zh-Hant': '有關部門解除', en: 'a release by an authority' },
};

function headline(lang: Lang, f: ReasonFacts): string {
  const ev = list(lang, f.evidence.map((id) => (id === 'declaration' ? { 'zh-Hans': '申报', 'zh-Hant': '申報', en: 'declaration' }[lang] : id)));
  const areas = f.areas !== undefined && f.areas.length > 0 ? list(lang, f.areas.map((a) => (f.areaNames?.[a] === undefined ? a : `${f.areaNames[a]} ${a}`))) : null;
  switch (f.rule) {
    case 'R1':
      return {
        'zh-Hans': `红码 R1（§3.1）：确诊、疑似或检测阳性（依据：${ev}）。`,
        'zh-Hant': `紅碼 R1（§3.1）：確診、疑似或檢測陽性（依據：${ev}）。`,
        en: `Red, R1 (§3.1): confirmed, suspected or tested positive (evidence: ${ev}).`,
      }[lang];
    case 'R2':
      return {
        'zh-Hans': `红码 R2（§3.2）：确诊、疑似或阳性者的密切接触者（依据：${ev}）。`,
        'zh-Hant': `紅碼 R2（§3.2）：確診、疑似或陽性者的密切接觸者（依據：${ev}）。`,
        en: `Red, R2 (§3.2): close contact of a confirmed, suspected or positive person (evidence: ${ev}).`,
      }[lang];
    case 'R3':
      return {
        'zh-Hans': `红码 R3（§3.3）：${f.lookbackDays}天内到过重点地区或接触过来自重点地区的人员${areas === null ? '' : `（${areas}）`}（依据：${ev}）。`,
        'zh-Hant': `紅碼 R3（§3.3）：${f.lookbackDays}天內到過重點地區或接觸過來自重點地區的人員${areas === null ? '' : `（${areas}）`}（依據：${ev}）。`,
        en: `Red, R3 (§3.3): in or in contact with a key area${areas === null ? '' : ` (${areas})`} within ${f.lookbackDays} days (evidence: ${ev}).`,
      }[lang];
    case 'R4':
      return {
        'zh-Hans': `红码 R4（§3.4）：在定点发热门诊留观（依据：${ev}）。`,
        'zh-Hant': `紅碼 R4（§3.4）：在定點發熱門診留觀（依據：${ev}）。`,
        en: `Red, R4 (§3.4): under observation at a designated fever clinic (evidence: ${ev}).`,
      }[lang];
    case 'R5': {
      const quoted = (f.designations ?? [])
        .map((d) => ({ 'zh-Hans': `${d.authority}认定，理由“${d.reason}”，依据“${d.basis}”`, 'zh-Hant': `${d.authority}認定，理由「${d.reason}」，依據「${d.basis}」`, en: `${d.authority}: reason "${d.reason}", basis "${d.basis}"` })[lang])
        .join(lang === 'en' ? '; ' : '；');
      return {
        'zh-Hans': `红码 R5（§3.5）：被列为高风险人员管理（${quoted}）。政策本身未规定解除条件，只有有关部门解除才转绿（I-6）。`,
        'zh-Hant': `紅碼 R5（§3.5）：被列為高風險人員管理（${quoted}）。政策本身未規定解除條件，只有有關部門解除才轉綠（I-6）。`,
        en: `Red, R5 (§3.5): designated high-risk (${quoted}). The policy itself gives no release rule: only a release by an authority ends it (I-6).`,
      }[lang];
    }
    case 'Y1':
      return {
        'zh-Hans': `黄码 Y1（§4.1）：申报时有${symptoms(lang, f.symptoms ?? [])}等症状。`,
        'zh-Hant': `黃碼 Y1（§4.1）：申報時有${symptoms(lang, f.symptoms ?? [])}等癥狀。`,
        en: `Yellow, Y1 (§4.1): symptoms declared: ${symptoms(lang, f.symptoms ?? [])}.`,
      }[lang];
    case 'Y2':
      return {
        'zh-Hans': `黄码 Y2（§4.2）：发热门诊留观人员的密切接触者（依据：${ev}）。`,
        'zh-Hant': `黃碼 Y2（§4.2）：發熱門診留觀人員的密切接觸者（依據：${ev}）。`,
        en: `Yellow, Y2 (§4.2): close contact of a person under fever-clinic observation (evidence: ${ev}).`,
      }[lang];
    default:
      return {
        'zh-Hans': `黄码 GY（§5）：绿码期间${symptoms(lang, f.symptoms ?? [])}出现两次（依据：${ev}）；须每天主动填报健康信息。`,
        'zh-Hant': `黃碼 GY（§5）：綠碼期間${symptoms(lang, f.symptoms ?? [])}出現兩次（依據：${ev}）；須每天主動填報健康資訊。`,
        en: `Yellow, GY (§5): ${symptoms(lang, f.symptoms ?? [])} recorded twice while green (evidence: ${ev}); a daily health report is required.`,
      }[lang];
  }
}

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
  const render = (lang: Lang): string => `${headline(lang, facts)}${release(lang, facts)}${guidance(lang, facts)}`.trim();
  return { 'zh-Hans': render('zh-Hans'), 'zh-Hant': render('zh-Hant'), en: render('en') };
}
