import type * as z from 'zod';
import { projectChange } from './assess.js';
import { fromZodIssues, type InputIssue } from './errors.js';
import { colourOf } from './fold.js';
import { parseInstant } from './internal/iso.js';
import type { CompiledPolicy } from './policy/compile.js';
import { AssessmentSchema, type Assessment, type Message } from './schema/assessment.js';
import {
  CheckpointContextSchema,
  contextWithInstant,
  type CheckDecision,
  type CheckpointRule,
  type CheckpointStep,
  type TemperatureRecord,
} from './schema/checkpoint.js';
import type { Colour, RuleId, Venue } from './schema/primitives.js';
import { readBounded } from './bounds.js';
import { outOfRange } from './policy/compile.js';
import { pushAll, type Checked } from './validate.js';

/**
 * The checkpoint table of RULES §6 (policy §7): the first row that matches decides, in the order
 * C3, C11, C12, C6, C7, C8, C9, C10, C1, C2, C4, C5. What is shown must be current and
 * trustworthy first (C12: a stale bare assessment, or a signed code that fails verification). Exits are never blocked; no entry without a
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

/**
 * What a checkpoint reads of what is shown: a bare assessment from a trusted back end, or the
 * verified claims of a signed code (RULES §11). `review` is null for a code: its claims carry only
 * `issued`.
 */
export interface Shown {
  readonly colour: Colour;
  readonly issued: boolean;
  readonly review: 'pending' | 'approved' | 'rejected' | null;
  readonly rules: readonly RuleId[];
}

/**
 * Why what is shown is not valid now (C12): its message, and whether its subject is known, so that
 * a fever reading can still be recorded (a stale bare assessment, or a code whose signature held).
 */
export interface Invalid {
  readonly message: Message;
  readonly subjectKnown: boolean;
}

function rulesOf(shown: Shown, colour: 'red' | 'yellow'): string {
  // A red or yellow code has at least one rule of its colour: the consistency checks (RULES §6)
  // and the code's claims (§11) both require it.
  return ` (${shown.rules.filter((rule) => colourOf([rule]) === colour).join(', ')})`;
}

function each(render: (lang: Lang) => string): Message {
  return { 'zh-Hans': render('zh-Hans'), 'zh-Hant': render('zh-Hant'), en: render('en') };
}

/** C7: why there is no code to accept, and where to go next (policy §6, §8; I-12, I-18). */
function noCodeMessage(shown: Shown | null): Message {
  if (shown === null)
    return {
      'zh-Hans':
        '未出示健康码，不能进入。请在“我的连云港”App 申领连易通（外来及返连人员必须申领，A-1）；老人、儿童等可由他人代为申领；未申领的本市居民可填写个人健康申报表，审核后领取健康通行卡（§6、§8）。',
      'zh-Hant':
        '未出示健康碼，不能進入。請在「我的連雲港」App 申領連易通（外來及返連人員必須申領，A-1）；老人、兒童等可由他人代為申領；未申領的本市居民可填寫個人健康申報表，審核後領取健康通行卡（§6、§8）。',
      en:
        'No health code shown: entry refused. Apply for Lianyitong in the "My Lianyungang" app (people arriving in or returning to the city must, A-1); someone else may apply for an elderly person or a child; a resident who has not applied may fill in the health declaration form and, after review, receive a health pass card (§6, §8).',
    };
  if (shown.review === 'rejected')
    return {
      'zh-Hans': '申领未通过审核，没有有效的健康码，不能进入。请重新如实申报，或填写个人健康申报表（§6、§8，I-18）。',
      'zh-Hant': '申領未通過審核，沒有有效的健康碼，不能進入。請重新如實申報，或填寫個人健康申報表（§6、§8，I-18）。',
      en: 'The application did not pass review, so there is no valid code: entry refused. Declare again truthfully, or fill in the health declaration form (§6, §8, I-18).',
    };
  if (shown.review === null)
    return {
      'zh-Hans': '此码签发时申领尚未通过审核（或已被撤回），不是有效的健康码，不能进入。请待审核通过后刷新健康码，或填写个人健康申报表（§6、§8，I-12）。',
      'zh-Hant': '此碼簽發時申領尚未通過審核（或已被撤回），不是有效的健康碼，不能進入。請待審核通過後刷新健康碼，或填寫個人健康申報表（§6、§8，I-12）。',
      en: 'This code was issued while the application had no approved review (pending, or withdrawn): it is not a valid health code, entry refused. Refresh the code once the review approves it, or fill in the health declaration form (§6, §8, I-12).',
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

/** C3 (§7): leaving is never blocked. */
function exitRow(venue: Venue, place: Texts): Row {
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
        'zh-Hans': `离开${place[lang]}：出门扫码后通行，出口不受阻拦（§7）。`,
        'zh-Hant': `離開${place[lang]}：出門掃碼後通行，出口不受阻攔（§7）。`,
        en: `Leaving ${place[lang]}: scan the code on the way out; an exit is never blocked (§7).`,
      })[lang],
    ),
  };
}

/** C8, C9, C10, C1 (§3, §4, I-11): a red or a yellow code at the door. */
function heldRow(shown: Shown, venue: Venue, role: 'resident' | 'visitor' | undefined, place: Texts): Row {
  if (shown.colour === 'red') {
    const rules = rulesOf(shown, 'red');
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
  // Yellow.
  const rules = rulesOf(shown, 'yellow');
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

/** C1, C2, C4, C5 (§5, §7): a green code and a normal temperature. */
function greenRow(venue: Venue, role: 'resident' | 'visitor' | undefined): Row {
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

/** The first row of the table that matches (RULES §6). */
function decideRow(
  threshold: number,
  shown: Shown | null,
  invalid: Invalid | null,
  context: { venue: Venue; direction: 'in' | 'out'; role?: 'resident' | 'visitor' | undefined; celsius?: number | undefined },
): Row {
  const { venue, direction, role, celsius } = context;
  const place = VENUE_NAMES[venue];
  if (direction === 'out') return exitRow(venue, place);
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
  if (invalid !== null) return { rule: 'C12', admit: false, steps: ENTRY, message: invalid.message };
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
  if (shown === null || !shown.issued) return { rule: 'C7', admit: false, steps: ENTRY, message: noCodeMessage(shown) };
  if (shown.colour !== 'green') return heldRow(shown, venue, role, place);
  return greenRow(venue, role);
}

/** A checkpoint context as validated, with its instant read once and the ids a record may not take. */
export interface ValidContext {
  readonly context: z.output<typeof CheckpointContextSchema>;
  readonly atMs: number;
  readonly taken: ReadonlySet<string>;
}

/**
 * Validates a checkpoint context, read within the policy's limits first (RULES §9); every problem
 * goes into `issues` under `context`. `taken` are the ids of the events of the assessment shown:
 * the record is a history event, so its id may be none of them, nor `declaration` (RULES §6).
 */
export function checkContext(cp: CompiledPolicy, context: unknown, issues: InputIssue[], taken: ReadonlySet<string> = new Set()): ValidContext | undefined {
  const read = readBounded(contextWithInstant(context), ['context'], cp.policy.limits);
  pushAll(issues, read.issues);
  if (!read.complete) return undefined;
  const parsed = CheckpointContextSchema.safeParse(read.value);
  if (!parsed.success) {
    if (read.value === undefined || read.value === null)
      issues.push({ path: ['context'], code: 'required', message: 'a checkpoint context { venue, direction, at, … }' });
    else pushAll(issues, fromZodIssues(parsed.error.issues, ['context'], read.value));
    return undefined;
  }
  const ctx = parsed.data;
  // CheckpointContextSchema accepts only instants that parseInstant reads.
  const atMs = parseInstant(ctx.at) as number;
  const before = issues.length;
  // T-2: the encounter's instant in the years 1970–2199.
  if (atMs < cp.range.fromMs || atMs > cp.range.toMs) issues.push(outOfRange(['context', 'at']));
  if (ctx.recordId === 'declaration')
    issues.push({ path: ['context', 'recordId'], code: 'reserved_id', message: '"declaration" is the evidence id of the declaration itself' });
  else if (ctx.recordId !== undefined && taken.has(ctx.recordId))
    issues.push({ path: ['context', 'recordId'], code: 'duplicate_id', message: `id "${ctx.recordId}" is already an event of the assessment's history` });
  return issues.length === before ? { context: ctx, atMs, taken } : undefined;
}

/**
 * Decides an encounter from what was shown (RULES §6): the first row that matches, and for C6
 * (and C12 when the subject is known) the `temperature` event to upload (§8).
 */
export function decideEncounter(cp: CompiledPolicy, shown: Shown | null, invalid: Invalid | null, valid: ValidContext): CheckDecision {
  const ctx = valid.context;
  const threshold = cp.policy.feverThresholdCelsius;
  // readings.feverAtHome "admit-home" (RULES §12): a resident entering their compound skips C6.
  const home = cp.policy.readings.feverAtHome === 'admit-home' && ctx.venue === 'residential' && ctx.direction === 'in' && ctx.role === 'resident';
  const row = decideRow(home ? Number.POSITIVE_INFINITY : threshold, shown, invalid, ctx);
  let record: TemperatureRecord | null = null;
  const fever = ctx.celsius !== undefined && ctx.celsius >= threshold;
  const skipped = home && fever && row.rule !== 'C12' && row.rule !== 'C11';
  const message = skipped ? withReadingNote(row.message, ctx.celsius as number, threshold) : row.message;
  if (row.rule === 'C6' || skipped || (row.rule === 'C12' && fever && invalid?.subjectKnown === true)) {
    // §8: the checkpoint uploads the abnormal reading; as a `temperature` event it feeds §5.
    const at = cp.zone.format(valid.atMs);
    record = { id: ctx.recordId ?? freeId(`checkpoint:${ctx.venue}:${at}`, valid.taken), at, kind: 'temperature', celsius: ctx.celsius as number, venue: ctx.venue };
  }
  return { admit: row.admit, rule: row.rule, steps: [...row.steps], message: { ...message }, record };
}

/** `base`, or `base:2`, `base:3` … the first that is not taken (RULES §6: a default record id never clashes). */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}:${n}`)) n++;
  return `${base}:${n}`;
}

/** The note a decision carries when readings.feverAtHome "admit-home" skipped C6 (RULES §12). */
function withReadingNote(message: Message, celsius: number, threshold: number): Message {
  return {
    'zh-Hans': `${message['zh-Hans']}（体温 ${celsius} °C 达到 ${threshold} °C：按 readings.feverAtHome 的“admit-home”解读，本小区居民不适用 C6，检查点仍须上传此次体温记录，§7、§8。）`,
    'zh-Hant': `${message['zh-Hant']}（體溫 ${celsius} °C 達到 ${threshold} °C：按 readings.feverAtHome 的「admit-home」解讀，本小區居民不適用 C6，檢查點仍須上傳此次體溫記錄，§7、§8。）`,
    en: `${message.en} (Temperature ${celsius} °C is at or above ${threshold} °C: under the reading readings.feverAtHome "admit-home", C6 does not apply to a resident entering their compound; the checkpoint still uploads this reading, §7, §8.)`,
  };
}

const msOf = (instant: string): number => parseInstant(instant) as number;

/**
 * The contradictions of RULES §6 (a)–(e) between an assessment's fields: its colour, `issued`,
 * `releaseAt`, `nextChangeAt` and `permissions` must be those its reasons and review give.
 */
function inconsistencies(a: Assessment): InputIssue[] {
  const issues: InputIssue[] = [];
  const at = (path: (string | number)[], message: string): void => {
    issues.push({ path: ['assessment', ...path], code: 'inconsistent', message });
  };
  const evaluatedMs = msOf(a.evaluatedAt);
  const active = a.reasons.map((r) => ({ rule: r.rule, releaseAt: r.releaseAt === null ? null : msOf(r.releaseAt) }));
  a.reasons.forEach((reason, i) => {
    const colour = colourOf([reason.rule]);
    if (reason.colour !== colour) at(['reasons', i, 'colour'], `a ${reason.rule} reason is ${colour}, not ${reason.colour} (§3, §4, §5)`);
    const release = active[i]?.releaseAt ?? null;
    if (release !== null && release <= evaluatedMs)
      at(['reasons', i, 'releaseAt'], `a condition released at ${reason.releaseAt}, at or before evaluatedAt, is no longer active (T-3)`);
  });
  const colour = colourOf(a.reasons.map((r) => r.rule));
  if (a.colour !== colour) at(['colour'], `the colour is ${a.colour}, but the reasons give ${colour} (I-1)`);
  const issued = a.review === 'approved';
  if (a.issued !== issued) at(['issued'], `issued is ${String(a.issued)}, but the review is ${a.review} (I-12, I-18)`);
  const releases = active.map((r) => r.releaseAt);
  const releaseMs = releases.length === 0 || releases.includes(null) ? null : Math.max(...(releases as number[]));
  const shownRelease = a.releaseAt === null ? null : msOf(a.releaseAt);
  if (shownRelease !== releaseMs)
    at(['releaseAt'], `releaseAt is ${a.releaseAt ?? 'null'}, but the reasons give ${releaseMs === null ? 'null' : 'their latest releaseAt'} (§8)`);
  const change = projectChange(active, colour);
  const changeMs = change?.at ?? null;
  const shownChange = a.nextChangeAt === null ? null : msOf(a.nextChangeAt);
  if (shownChange !== changeMs)
    at(['nextChangeAt'], `nextChangeAt is ${a.nextChangeAt ?? 'null'}, but the reasons give ${changeMs === null ? 'null' : 'another instant'} (§8)`);
  if (a.nextColour !== undefined && a.nextColour !== (change?.colour ?? null))
    at(['nextColour'], `nextColour is ${a.nextColour ?? 'null'}, but the reasons give ${change?.colour ?? 'null'} (§8)`);
  const green = a.colour === 'green';
  const p = a.permissions;
  if (p.cityTravel !== green || p.publicPlaces !== green || p.publicTransport !== green)
    at(['permissions'], `the permissions are not those of a ${a.colour} code (§3)`);
  return issues;
}

/** Why a bare assessment is stale at `atMs` (RULES §6), or null when it is current. */
function staleness(cp: CompiledPolicy, a: Assessment, atMs: number): Invalid | null {
  const evaluatedMs = msOf(a.evaluatedAt);
  const at = cp.zone.format(atMs);
  const evaluated = cp.zone.format(evaluatedMs);
  if (atMs < evaluatedMs)
    return {
      subjectKnown: true,
      message: {
        'zh-Hans': `此评估结果的评估时间（${evaluated}）晚于本次查验（${at}），不能据此放行。请在查验时重新评估（§6，C12）。`,
        'zh-Hant': `此評估結果的評估時間（${evaluated}）晚於本次查驗（${at}），不能據此放行。請在查驗時重新評估（§6，C12）。`,
        en: `This assessment was evaluated at ${evaluated}, after this encounter (${at}): it cannot decide it. Evaluate again at the encounter (§6, C12).`,
      },
    };
  const nextChange = a.nextChangeAt === null ? Number.POSITIVE_INFINITY : msOf(a.nextChangeAt);
  const until = Math.min(evaluatedMs + cp.maxAssessmentAgeMs, nextChange);
  if (atMs < until) return null;
  const changed = atMs >= nextChange;
  return {
    subjectKnown: true,
    message: {
      'zh-Hans': `此评估结果（评估于 ${evaluated}）在 ${at} 已${changed ? `过期：其颜色预计于 ${a.nextChangeAt} 改变` : `超过 ${cp.policy.maxAssessmentAge} 的有效期`}，不能据此放行。请重新评估，或刷新健康码（§6，C12）。`,
      'zh-Hant': `此評估結果（評估於 ${evaluated}）在 ${at} 已${changed ? `過期：其顏色預計於 ${a.nextChangeAt} 改變` : `超過 ${cp.policy.maxAssessmentAge} 的有效期`}，不能據此放行。請重新評估，或刷新健康碼（§6，C12）。`,
      en: `This assessment (evaluated at ${evaluated}) is stale at ${at}: ${changed ? `its colour was projected to change at ${a.nextChangeAt}` : `it is older than ${cp.policy.maxAssessmentAge}`}. Evaluate again, or refresh the code (§6, C12).`,
    },
  };
}

/**
 * An assessment that is one of this policy's and consistent (RULES §6), or undefined with every
 * problem in `issues` under `assessment`: a schema failure, another policy's hash
 * (`policy_mismatch`), contradicting fields (`inconsistent`). A code is issued only from such an
 * assessment (§11), and a checkpoint decides only on one.
 */
export function readAssessment(cp: CompiledPolicy, assessment: unknown, issues: InputIssue[]): Assessment | undefined {
  // RULES §9: read within the policy's limits first; an assessment's messages are rendered from
  // its evidence, so they may be as long as maxMessageLength.
  const read = readBounded(assessment, ['assessment'], cp.policy.limits, { messageKey: 'message' });
  pushAll(issues, read.issues);
  if (!read.complete) return undefined;
  const parsed = AssessmentSchema.safeParse(read.value);
  if (!parsed.success) {
    if (read.value === undefined) issues.push({ path: ['assessment'], code: 'required', message: 'an assessment, or null when no code is shown' });
    else pushAll(issues, fromZodIssues(parsed.error.issues, ['assessment'], read.value));
    return undefined;
  }
  const a = parsed.data;
  const found =
    a.policy.hash === cp.hash
      ? inconsistencies(a)
      : [
          {
            path: ['assessment', 'policy', 'hash'],
            code: 'policy_mismatch',
            message: `evaluated under another policy (${a.policy.id} ${a.policy.version}); this engine runs ${cp.ref.id} ${cp.ref.version} (${cp.hash})`,
          } satisfies InputIssue,
        ];
  issues.push(...found);
  return found.length === 0 ? a : undefined;
}

/**
 * Validates an assessment (or `null`: no code shown) and a checkpoint context and decides
 * (RULES §6). Every problem is listed with its path, under `assessment` or `context`: a schema
 * failure, another policy's hash (`policy_mismatch`), contradicting fields (`inconsistent`). A
 * stale assessment is not an input error: it is refused at entry (C12).
 */
export function decideCheckpoint(cp: CompiledPolicy, assessment: unknown, context: unknown): Checked<CheckDecision> {
  const issues: InputIssue[] = [];
  const shown = assessment === null ? null : (readAssessment(cp, assessment, issues) ?? null);
  const taken = new Set<string>();
  if (shown !== null) {
    for (const id of shown.applied) taken.add(id);
    for (const item of shown.ignored) taken.add(item.id);
  }
  const valid = checkContext(cp, context, issues, taken);
  if (valid === undefined || issues.length > 0) return { ok: false, issues };
  const invalid = shown === null ? null : staleness(cp, shown, valid.atMs);
  const facts: Shown | null =
    shown === null ? null : { colour: shown.colour, issued: shown.issued, review: shown.review, rules: shown.reasons.map((r) => r.rule) };
  return { ok: true, value: decideEncounter(cp, facts, invalid, valid) };
}
