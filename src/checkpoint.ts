import { fromZodIssues, type InputIssue } from './errors.js';
import { parseInstant } from './internal/iso.js';
import type { CompiledPolicy } from './policy/compile.js';
import { AssessmentSchema, type Assessment, type Message } from './schema/assessment.js';
import {
  CheckpointContextSchema,
  type CheckDecision,
  type CheckpointRule,
  type CheckpointStep,
  type TemperatureRecord,
} from './schema/checkpoint.js';
import type { Venue } from './schema/primitives.js';
import { readBounded } from './bounds.js';
import { outOfRange } from './policy/compile.js';
import { pushAll, type Checked } from './validate.js';

/**
 * The checkpoint table of RULES §6 (policy §7): the first row that matches decides, in the order
 * C3, C11, C6, C7, C8, C9, C10, C1, C2, C4, C5. Exits are never blocked; no entry without a
 * temperature reading; a fever is refused and recorded before the code is even looked at, so that
 * the reading reaches the history (§8) and can drive the twice rule (§5).
 */

type Texts = Message;
type Lang = keyof Message;

const VENUE_NAMES: Readonly<Record<Venue, Texts>> = {
  residential: { 'zh-Hans': '居民小区', 'zh-Hant': '居民小區', en: 'the residential compound' },
  'public-place': { 'zh-Hans': '公共场所', 'zh-Hant': '公共場所', en: 'the public place' },
  'public-transport': { 'zh-Hans': '公共交通工具', 'zh-Hant': '公共交通工具', en: 'public transport' },
};

function rulesOf(assessment: Assessment, colour: 'red' | 'yellow'): string {
  const ids = assessment.reasons.filter((r) => r.colour === colour).map((r) => r.rule);
  return ids.length === 0 ? '' : ` (${ids.join(', ')})`;
}

function each(render: (lang: Lang) => string): Message {
  return { 'zh-Hans': render('zh-Hans'), 'zh-Hant': render('zh-Hant'), en: render('en') };
}

/** C7: why there is no code to accept, and where to go next (policy §6, §8; I-12, I-18). */
function noCodeMessage(assessment: Assessment | null): Message {
  if (assessment === null)
    return {
      'zh-Hans':
        '未出示健康码，不能进入。请在“我的连云港”App 申领连易通（外来及返连人员必须申领，A-1）；老人、儿童等可由他人代为申领；未申领的本市居民可填写个人健康申报表，审核后领取健康通行卡（§6、§8）。',
      'zh-Hant':
        '未出示健康碼，不能進入。請在「我的連雲港」App 申領連易通（外來及返連人員必須申領，A-1）；老人、兒童等可由他人代為申領；未申領的本市居民可填寫個人健康申報表，審核後領取健康通行卡（§6、§8）。',
      en:
        'No health code shown: entry refused. Apply for Lianyitong in the "My Lianyungang" app (people arriving in or returning to the city must, A-1); someone else may apply for an elderly person or a child; a resident who has not applied may fill in the health declaration form and, after review, receive a health pass card (§6, §8).',
    };
  if (assessment.review === 'rejected')
    return {
      'zh-Hans': '申领未通过审核，没有有效的健康码，不能进入。请重新如实申报，或填写个人健康申报表（§6、§8，I-18）。',
      'zh-Hant': '申領未通過審核，沒有有效的健康碼，不能進入。請重新如實申報，或填寫個人健康申報表（§6、§8，I-18）。',
      en: 'The application did not pass review, so there is no valid code: entry refused. Declare again truthfully, or fill in the health declaration form (§6, §8, I-18).',
    };
  return {
    'zh-Hans': '申领尚在审核中，审核通过前不生成健康码，不能进入（§8，I-12）。',
    'zh-Hant': '申領尚在審核中，審核通過前不生成健康碼，不能進入（§8，I-12）。',
    en: 'The application is still under review; no code exists until the review approves it: entry refused (§8, I-12).',
  };
}

interface Row {
  readonly rule: CheckpointRule;
  readonly admit: boolean;
  readonly steps: readonly CheckpointStep[];
  readonly message: Message;
}

const ENTRY: readonly CheckpointStep[] = ['temperature', 'scan'];

/** The first row of the table that matches (RULES §6). */
function decideRow(
  threshold: number,
  assessment: Assessment | null,
  context: { venue: Venue; direction: 'in' | 'out'; role?: 'resident' | 'visitor' | undefined; celsius?: number | undefined },
): Row {
  const { venue, direction, role, celsius } = context;
  const place = VENUE_NAMES[venue];
  if (direction === 'out') {
    if (venue === 'public-transport')
      return {
        rule: 'C3',
        admit: true,
        steps: [],
        message: {
          'zh-Hans': '下车不查验，不受阻拦（§7）。',
          'zh-Hant': '下車不查驗，不受阻攔（§7）。',
          en: 'Leaving public transport: nothing to check, never blocked (§7).',
        },
      };
    return {
      rule: 'C3',
      admit: true,
      steps: ['scan'],
      message: each((lang) =>
        ({
          'zh-Hans': `离开${place[lang]}：扫码登记后通行，出口不受阻拦（§7）。`,
          'zh-Hant': `離開${place[lang]}：掃碼登記後通行，出口不受阻攔（§7）。`,
          en: `Leaving ${place[lang]}: scan the code on the way out; an exit is recorded, never blocked (§7).`,
        })[lang],
      ),
    };
  }
  if (celsius === undefined)
    return {
      rule: 'C11',
      admit: false,
      steps: ['temperature'],
      message: {
        'zh-Hans': '请先测量体温：未测体温不能进入（“测温+扫码”，§7）。',
        'zh-Hant': '請先測量體溫：未測體溫不能進入（「測溫+掃碼」，§7）。',
        en: 'Temperature first: no entry until a reading is taken ("temperature + scan", §7).',
      },
    };
  if (celsius >= threshold)
    return {
      rule: 'C6',
      admit: false,
      steps: ['temperature'],
      message: {
        'zh-Hans': `体温 ${celsius} °C，达到或超过 ${threshold} °C：不能进入。检查点须如实上传此次体温记录（§8）；绿码期间同一症状出现两次将转为黄码（§5）。`,
        'zh-Hant': `體溫 ${celsius} °C，達到或超過 ${threshold} °C：不能進入。檢查點須如實上傳此次體溫記錄（§8）；綠碼期間同一症狀出現兩次將轉為黃碼（§5）。`,
        en: `Temperature ${celsius} °C is at or above ${threshold} °C: entry refused. The checkpoint uploads this reading (§8); the same symptom twice while green turns the code yellow (§5).`,
      },
    };
  if (assessment === null || !assessment.issued)
    return { rule: 'C7', admit: false, steps: ENTRY, message: noCodeMessage(assessment) };
  if (assessment.colour === 'red') {
    const rules = rulesOf(assessment, 'red');
    return {
      rule: 'C8',
      admit: false,
      steps: ENTRY,
      message: each((lang) =>
        ({
          'zh-Hans': `红码${rules}：不能进入${place[lang]}；红码人员不得在市内流动（§3）。`,
          'zh-Hant': `紅碼${rules}：不能進入${place[lang]}；紅碼人員不得在市內流動（§3）。`,
          en: `Red code${rules}: may not enter ${place[lang]}; a red holder may not move about the city (§3).`,
        })[lang],
      ),
    };
  }
  if (assessment.colour === 'yellow') {
    const rules = rulesOf(assessment, 'yellow');
    if (venue !== 'residential')
      return {
        rule: 'C9',
        admit: false,
        steps: ENTRY,
        message: each((lang) =>
          ({
            'zh-Hans': `黄码${rules}：黄码人员不得进入公共场所或乘坐公共交通工具（§4）。`,
            'zh-Hant': `黃碼${rules}：黃碼人員不得進入公共場所或乘坐公共交通工具（§4）。`,
            en: `Yellow code${rules}: a yellow holder may not enter public places or ride public transport (§4).`,
          })[lang],
        ),
      };
    if (role === 'visitor')
      return {
        rule: 'C10',
        admit: false,
        steps: ENTRY,
        message: {
          'zh-Hans': `黄码${rules}：访客持黄码不能进入居民小区；黄码人员应居家隔离、接受社区管理（§4，I-11）。`,
          'zh-Hant': `黃碼${rules}：訪客持黃碼不能進入居民小區；黃碼人員應居家隔離、接受社區管理（§4，I-11）。`,
          en: `Yellow code${rules}: a visitor holding a yellow code may not enter the compound; a yellow holder stays at home under community management (§4, I-11).`,
        },
      };
    return {
      rule: 'C1',
      admit: true,
      steps: ENTRY,
      message: {
        'zh-Hans': `黄码${rules}，本小区居民：可进入回家，居家隔离观察并接受社区管理（§4，I-11）。`,
        'zh-Hant': `黃碼${rules}，本小區居民：可進入回家，居家隔離觀察並接受社區管理（§4，I-11）。`,
        en: `Yellow code${rules}, a resident: may enter to go home, in home isolation under community management (§4, I-11).`,
      },
    };
  }
  switch (venue) {
    case 'residential':
      return role === 'visitor'
        ? {
            rule: 'C2',
            admit: true,
            steps: ['temperature', 'scan', 'register'],
            message: {
              'zh-Hans': '绿码，访客：测温、扫码并登记后进入（§7）。',
              'zh-Hant': '綠碼，訪客：測溫、掃碼並登記後進入（§7）。',
              en: 'Green code, a visitor: enter after the temperature check, the scan and registration (§7).',
            },
          }
        : {
            rule: 'C1',
            admit: true,
            steps: ENTRY,
            message: {
              'zh-Hans': '绿码，本小区居民：测温、扫码后进入（§7）。',
              'zh-Hant': '綠碼，本小區居民：測溫、掃碼後進入（§7）。',
              en: 'Green code, a resident: enter after the temperature check and the scan (§7).',
            },
          };
    case 'public-place':
      return {
        rule: 'C4',
        admit: true,
        steps: ENTRY,
        message: {
          'zh-Hans': '绿码，体温正常：可进入公共场所（§5、§7）。',
          'zh-Hant': '綠碼，體溫正常：可進入公共場所（§5、§7）。',
          en: 'Green code and a normal temperature: enter the public place (§5, §7).',
        },
      };
    case 'public-transport':
      return {
        rule: 'C5',
        admit: true,
        steps: ENTRY,
        message: {
          'zh-Hans': '绿码，体温正常：可乘车（§5、§7）。',
          'zh-Hant': '綠碼，體溫正常：可乘車（§5、§7）。',
          en: 'Green code and a normal temperature: board (§5, §7).',
        },
      };
  }
}

/**
 * Validates an assessment (or `null`: no code shown) and a checkpoint context and decides
 * (RULES §6). Every problem is listed with its path, under `assessment` or `context`.
 */
export function decideCheckpoint(cp: CompiledPolicy, assessment: unknown, context: unknown): Checked<CheckDecision> {
  const issues: InputIssue[] = [];
  const limits = cp.policy.limits;
  let shown: Assessment | null = null;
  // RULES §9: both arguments are read within the policy's limits first; the schemas read the copies.
  // An assessment's messages are rendered from its evidence: they may be as long as maxMessageLength.
  const assessmentRead = readBounded(assessment, ['assessment'], limits, { messageKey: 'message' });
  const contextRead = readBounded(context, ['context'], limits);
  pushAll(issues, assessmentRead.issues);
  if (assessmentRead.complete && assessmentRead.value !== null) {
    const parsed = AssessmentSchema.safeParse(assessmentRead.value);
    if (parsed.success) shown = parsed.data;
    else if (assessmentRead.value === undefined)
      issues.push({ path: ['assessment'], code: 'required', message: 'an assessment, or null when no code is shown' });
    else pushAll(issues, fromZodIssues(parsed.error.issues, ['assessment'], assessmentRead.value));
  }
  pushAll(issues, contextRead.issues);
  if (!contextRead.complete) return { ok: false, issues };
  const parsedContext = CheckpointContextSchema.safeParse(contextRead.value);
  if (!parsedContext.success) {
    if (contextRead.value === undefined || contextRead.value === null)
      issues.push({ path: ['context'], code: 'required', message: 'a checkpoint context { venue, direction, at, … }' });
    else pushAll(issues, fromZodIssues(parsedContext.error.issues, ['context'], contextRead.value));
    return { ok: false, issues };
  }
  const ctx = parsedContext.data;
  const atMs = parseInstant(ctx.at) as number;
  // T-2: the encounter's instant in the years 1970–2199.
  if (atMs < cp.range.fromMs || atMs > cp.range.toMs) issues.push(outOfRange(['context', 'at']));
  // RULES §6, §9: the record is a history event; its id may not be the declaration's evidence id,
  // nor the id of an event the assessment already names.
  const taken = new Set<string>();
  if (shown !== null) {
    for (const id of shown.applied) taken.add(id);
    for (const item of shown.ignored) taken.add(item.id);
  }
  if (ctx.recordId === 'declaration')
    issues.push({ path: ['context', 'recordId'], code: 'reserved_id', message: '"declaration" is the evidence id of the declaration itself' });
  else if (ctx.recordId !== undefined && taken.has(ctx.recordId))
    issues.push({ path: ['context', 'recordId'], code: 'duplicate_id', message: `id "${ctx.recordId}" is already an event of the assessment's history` });
  if (issues.length > 0) return { ok: false, issues };

  const row = decideRow(cp.policy.feverThresholdCelsius, shown, ctx);
  let record: TemperatureRecord | null = null;
  if (row.rule === 'C6') {
    // §8: the checkpoint uploads the abnormal reading; as a `temperature` event it feeds §5.
    const at = cp.zone.format(atMs);
    record = { id: ctx.recordId ?? freeId(`checkpoint:${ctx.venue}:${at}`, taken), at, kind: 'temperature', celsius: ctx.celsius as number, venue: ctx.venue };
  }
  return { ok: true, value: { admit: row.admit, rule: row.rule, steps: [...row.steps], message: { ...row.message }, record } };
}

/** `base`, or `base:2`, `base:3` … the first that is not taken (RULES §6: a default record id never clashes). */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}:${n}`)) n++;
  return `${base}:${n}`;
}
