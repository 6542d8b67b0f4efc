import type { Message } from './schema/assessment.js';
import type { Designation } from './fold.js';

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

const CONVENTIONS: Readonly<Record<string, Texts>> = {
  'civil-code': { 'zh-Hans': '按民法计算期间，起算日不计入', 'zh-Hant': '按民法計算期間，起算日不計入', en: 'Civil Code count, the start day not counted' },
  'inclusive-start': { 'zh-Hans': '起算日计为第1天', 'zh-Hant': '起算日計為第1天', en: 'the start day counted as day 1' },
  rolling: { 'zh-Hans': '按同一钟点滚动计算', 'zh-Hant': '按同一鐘點滾動計算', en: 'to the same time of day' },
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
}

const AWAITED: Readonly<Record<string, Texts>> = {
  'hospital-discharge': { 'zh-Hans': '出院', 'zh-Hant': '出院', en: 'hospital discharge' },
  'covid-exclusion': { 'zh-Hans': '排除新冠肺炎', 'zh-Hant': '排除新冠肺炎', en: 'COVID-19 ruled out' },
  recovery: { 'zh-Hans': '治愈', 'zh-Hant': '治癒', en: 'recovery' },
  'authority-release': { 'zh-Hans': '有关部门解除', 'zh-Hant': '有關部門解除', en: 'a release by an authority' },
};

function headline(lang: Lang, f: ReasonFacts): string {
  const ev = list(lang, f.evidence.map((id) => (id === 'declaration' ? { 'zh-Hans': '申报', 'zh-Hant': '申報', en: 'declaration' }[lang] : id)));
  const areas = f.areas !== undefined && f.areas.length > 0 ? list(lang, f.areas) : null;
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
  const reset =
    f.resetSymptoms.length === 0
      ? ''
      : { 'zh-Hans': `期间出现${symptoms(lang, f.resetSymptoms)}则重新计算。`, 'zh-Hant': `期間出現${symptoms(lang, f.resetSymptoms)}則重新計算。`, en: ` A record of ${symptoms(lang, f.resetSymptoms)} restarts the count.` }[lang];
  const noReset = f.rule === 'R1' ? { 'zh-Hans': '出院后的症状不重新计算（I-4）。', 'zh-Hant': '出院後的癥狀不重新計算（I-4）。', en: ' Symptoms after discharge do not restart it (I-4).' }[lang] : '';
  return {
    'zh-Hans': `自${f.anchor}起${observation}满${f.days}天（${convention}），${f.releaseAt}起可转绿。${reset}${noReset}`,
    'zh-Hant': `自${f.anchor}起${observation}滿${f.days}天（${convention}），${f.releaseAt}起可轉綠。${reset}${noReset}`,
    en: ` A full ${f.days} days of ${observation} from ${f.anchor} (${convention}) end at ${f.releaseAt}.${reset}${noReset}`,
  }[lang];
}

/** The message of one reason, in all three languages. */
export function reasonMessage(facts: ReasonFacts): Message {
  const render = (lang: Lang): string => `${headline(lang, facts)}${release(lang, facts)}`.trim();
  return { 'zh-Hans': render('zh-Hans'), 'zh-Hant': render('zh-Hant'), en: render('en') };
}
