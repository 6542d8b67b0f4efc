import type { Message } from './schema/assessment.js';

/**
 * The interpretations (I-1 … I-19) and time rules (T-1 … T-7) that reasons and transitions cite,
 * each said in a few words in zh-Hans, zh-Hant and en, with the policy section it rests on; so
 * that an id shown to a person can always be put in words (docs/glossary.md says more).
 */

/** One id of the rule book, in words. */
export interface GlossaryEntry {
  /** The id, as results cite it (`I-5`, `T-3`). */
  readonly id: string;
  /** The section of the source policy it rests on. */
  readonly section: string;
  /** What it means, in a few words. */
  readonly text: Message;
}

/** One id of the rule book, with its literal id. */
type Entry<I extends string> = GlossaryEntry & { readonly id: I };

/* @__NO_SIDE_EFFECTS__ */
const e = <const I extends string>(id: I, section: string, en: string, zhHans: string, zhHant: string): Entry<I> =>
  Object.freeze({ id, section, text: Object.freeze({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en }) });

/**
 * Every interpretation and time rule a result or a transition cites, in words.
 *
 * @example
 * glossary.find((g) => g.id === 'I-5')?.text.en // 'a key area is one on the policy list on that day; …'
 */
export const glossary = /* @__PURE__ */ Object.freeze([
  e('T-1', '§1', 'days are counted in the policy time zone (Beijing time), never the device’s', '日期按政策时区（北京时间）计算，与设备时区无关', '日期按政策時區（北京時間）計算，與設備時區無關'),
  e('T-2', '§8', 'instants carry their offset; a date alone is a day in the policy zone', '时间须带时区偏移；仅有日期时按政策时区的日历日', '時間須帶時區偏移；僅有日期時按政策時區的日曆日'),
  e('T-3', '§3, §4', 'a full 14 days: the start day is not counted, and the last day ends at midnight', '满14天：起算当日不计入，至最后一日24时届满', '滿14天：起算當日不計入，至最後一日24時屆滿'),
  e('T-4', '§3.3', 'within 14 days: the 14 calendar days before the day, and that day', '14天内：当日及其前14个日历日', '14天內：當日及其前14個日曆日'),
  e('T-5', '§1', 'an event dated after the evaluation is not applied yet', '晚于评估时间的事件暂不采用', '晚於評估時間的事件暫不採用'),
  e('T-6', '§1', 'events are applied in time order, whatever order they are listed in', '事件按时间先后采用，与列出顺序无关', '事件按時間先後採用，與列出順序無關'),
  e('T-7', '§8', 'events before the application count from their own dates; the code exists from the application', '申报前的事件自其本身日期起算；健康码自申报时起存在', '申報前的事件自其本身日期起算；健康碼自申報時起存在'),
  e('I-1', '§2', 'red outranks yellow, yellow outranks green; each condition keeps its own clock', '红码优先于黄码，黄码优先于绿码；各项条件各自计时', '紅碼優先於黃碼，黃碼優先於綠碼；各項條件各自計時'),
  e('I-2', '§3.2', 'a close contact of a case is red, whether or not the isolation has begun', '病例的密切接触者即为红码，不论隔离是否已开始', '病例的密切接觸者即為紅碼，不論隔離是否已開始'),
  e('I-3', '§3, §4', 'the observation starts at the first recorded isolation start, else when the condition started', '观察期自最早记录的隔离开始时起算，没有则自条件开始时起算', '觀察期自最早記錄的隔離開始時起算，沒有則自條件開始時起算'),
  e('I-4', '§3.1', 'after discharge, symptoms do not restart the 14 days', '出院后出现症状不重新计算14天', '出院後出現症狀不重新計算14天'),
  e('I-5', '§3.3', 'a key area is one on the policy list on that day; a stay counts if any of its days is within the 14 days', '重点地区以当日政策名单为准；停留期间任何一天在14天内即计入', '重點地區以當日政策名單為準；停留期間任何一天在14天內即計入'),
  e('I-6', '§3.5', 'a high-risk designation ends only when an authority releases it', '高风险认定只能由有关部门解除', '高風險認定只能由有關部門解除'),
  e('I-7', '§3, §4', 'a symptom during the observation restarts the 14 days from that symptom', '观察期内出现症状，自该症状起重新计算14天', '觀察期內出現症狀，自該症狀起重新計算14天'),
  e('I-8', '§5', 'twice means the same symptom in two records within 14 days, while green', '两次指绿码期间14天内同一种症状有两次记录', '兩次指綠碼期間14天內同一種症狀有兩次記錄'),
  e('I-9', '§4, §5', 'the yellow of the twice rule ends as any yellow does, counted from the second record', '因两次症状转黄后，按黄码规则自第二次记录起计算', '因兩次症狀轉黃後，按黃碼規則自第二次記錄起計算'),
  e('I-10', '§5', 'while that yellow lasts, a health report is due every day; a missed day does not change the colour', '其间须每天填报健康信息；漏报不改变颜色', '其間須每天填報健康資訊；漏報不改變顏色'),
  e('I-11', '§4, §7', 'a yellow resident may enter their own compound to go home; a yellow visitor may not', '黄码居民可进入自己居住的小区回家；黄码访客不可进入', '黃碼居民可進入自己居住的小區回家；黃碼訪客不可進入'),
  e('I-12', '§8', 'a code is shown and accepted only after the review approves it', '审核通过后才生成并接受健康码', '審核通過後才生成並接受健康碼'),
  e('I-13', '§1', 'a correction voids the event it names; nothing is deleted', '更正使所指事件作废，但不删除任何记录', '更正使所指事件作廢，但不刪除任何記錄'),
  e('I-14', '§3.4', 'after a fever clinic, the observation is counted like the others and any anomaly restarts it', '发热门诊后的观察期同样计算，任何异常都重新计算', '發熱門診後的觀察期同樣計算，任何異常都重新計算'),
  e('I-15', '§1', 'a red condition or Y2 may also start from an event after the application', '红码条件及Y2也可由申报后的事件触发', '紅碼條件及Y2也可由申報後的事件觸發'),
  e('I-16', '§4', 'at the application, yellow starts only if no red condition holds', '申报时只有不符合红码条件才为黄码', '申報時只有不符合紅碼條件才為黃碼'),
  e('I-17', '§3', 'a new trigger of an active condition adds evidence or restarts its count', '已生效的条件再次触发时，增加依据或重新计算', '已生效的條件再次觸發時，增加依據或重新計算'),
  e('I-18', '§8', 'the latest review decision stands', '以最近一次审核结果为准', '以最近一次審核結果為準'),
  e('I-19', '§1', 'an event that finds nothing to act on changes nothing', '无可作用对象的事件不改变任何状态', '無可作用對象的事件不改變任何狀態'),
] as const);

/** An interpretation (I-1 … I-19) or time rule (T-1 … T-7) of the rule book. */
export type InterpretationId = (typeof glossary)[number]['id'];

/** The readings of RULES §12 a reason cites by name when the policy does not take the default. */
export const READINGS = ['readings.closeContact', 'readings.triggers'] as const;

/** A reading of RULES §12, as a reason cites it. */
export type ReadingId = (typeof READINGS)[number];
