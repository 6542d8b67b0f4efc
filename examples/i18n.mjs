// Words the example CLI prints, in the three languages of the library's messages. The engine's own
// messages (reasons, checkpoint decisions) come from the library; this file only labels them.

/** The languages the CLI speaks (`--lang`). */
export const LANGS = ['en', 'zh-Hant', 'zh-Hans'];

const L = (en, zhHant, zhHans) => ({ en, 'zh-Hant': zhHant, 'zh-Hans': zhHans });

/** Labels of the text output. */
export const LABELS = {
  colour: L('Colour', '顏色', '颜色'),
  since: L('since', '自', '自'),
  red: L('RED', '紅碼', '红码'),
  yellow: L('YELLOW', '黃碼', '黄码'),
  green: L('GREEN', '綠碼', '绿码'),
  code: L('Code', '健康碼', '健康码'),
  issued: L('issued', '已生成', '已生成'),
  notIssued: L('not issued', '未生成', '未生成'),
  pending: L('review pending', '審核中', '审核中'),
  approved: L('review approved', '審核通過', '审核通过'),
  rejected: L('review rejected', '審核未通過', '审核未通过'),
  'app-code': L('app code', 'App 健康碼', 'App 健康码'),
  'paper-code': L('printed paper code', '紙質健康碼', '纸质健康码'),
  'pass-card': L('health pass card', '健康通行卡', '健康通行卡'),
  reasons: L('Reasons', '原因', '原因'),
  none: L('none', '無', '无'),
  releaseAt: L('Turns green at', '轉綠時間', '转绿时间'),
  noRelease: L('no date yet', '尚無日期', '尚无日期'),
  awaiting: L('Waiting for', '尚待', '尚待'),
  nextChangeAt: L('Next colour change', '下次變色', '下次变色'),
  obligations: L('Obligations', '義務', '义务'),
  permissions: L('Permissions', '許可', '许可'),
  cityTravel: L('move about the city', '市內流動', '市内流动'),
  publicPlaces: L('public places', '公共場所', '公共场所'),
  publicTransport: L('public transport', '公共交通', '公共交通'),
  yes: L('yes', '可', '可'),
  no: L('no', '不可', '不可'),
  missed: L('Missed daily reports', '漏報日期', '漏报日期'),
  ignored: L('Not applied', '未採用的事件', '未采用的事件'),
  future: L('future', '未來', '未来'),
  void: L('void', '已撤銷', '已撤销'),
  duplicate: L('duplicate', '重複', '重复'),
  policy: L('Policy', '政策', '政策'),
  evaluatedAt: L('Evaluated at', '評估時間', '评估时间'),
  admit: L('ADMIT', '放行', '放行'),
  refuse: L('REFUSE', '不放行', '不放行'),
  steps: L('Steps', '步驟', '步骤'),
  temperature: L('temperature', '測溫', '测温'),
  scan: L('scan', '掃碼', '扫码'),
  register: L('register', '登記', '登记'),
  record: L('Event to record and upload (add it to the history)', '須記錄並上傳的事件（加入歷史記錄）', '须记录并上传的事件（加入历史记录）'),
  timeline: L('Timeline', '時間線', '时间线'),
  evidence: L('evidence', '依據', '依据'),
  relies: L('relies on', '適用解釋', '适用解释'),
  declaration: L('the declaration', '申報', '申报'),
  nextColour: L('to', '轉為', '转为'),
  zone: L('Beijing time, UTC+8', '北京時間，UTC+8', '北京时间，UTC+8'),
  instantsIn: L('instants in', '時間均為', '时间均为'),
  by: L('by', '由', '由'),
  reason: L('reason', '理由', '理由'),
  basis: L('basis', '依據', '依据'),
  policySection: L('policy', '政策', '政策'),
  badInput: L('Invalid input', '輸入有誤', '输入有误'),
  problems: L('problem(s)', '個問題', '个问题'),
  'hospital-isolation': L('isolation treatment in hospital', '定點醫療機構隔離治療', '定点医疗机构隔离治疗'),
  'isolation-observation': L('isolation medical observation', '隔離醫學觀察', '隔离医学观察'),
  'home-isolation': L('home isolation observation', '居家隔離觀察', '居家隔离观察'),
  'community-management': L('community management', '社區管理', '社区管理'),
  'daily-self-report': L('report health information every day', '每天主動填報健康資訊', '每天主动填报健康信息'),
  'hospital-discharge': L('hospital discharge', '出院', '出院'),
  'covid-exclusion': L('COVID-19 ruled out', '排除新冠肺炎', '排除新冠肺炎'),
  recovery: L('recovery', '治癒', '治愈'),
  'authority-release': L('a release by an authority', '有關部門解除', '有关部门解除'),
};

/** Input problems by issue code, for `--lang zh-*` (the library's own messages are English, for logs). */
export const ISSUE_TEXT = {
  required: L('required', '缺少必填項', '缺少必填项'),
  invalid_type: L('wrong type', '類型不符', '类型不符'),
  invalid_value: L('not an allowed value', '取值無效', '取值无效'),
  invalid_instant: L('not an ISO-8601 instant with offset', '不是帶時區偏移的 ISO-8601 時間（例如 2020-02-03T09:00:00+08:00）', '不是带时区偏移的 ISO-8601 时间（例如 2020-02-03T09:00:00+08:00）'),
  invalid_day: L('not a calendar day', '不是存在的日曆日 YYYY-MM-DD', '不是存在的日历日 YYYY-MM-DD'),
  invalid_time_zone: L('not an IANA time zone', '不是 IANA 時區', '不是 IANA 时区'),
  unrecognized_keys: L('unknown key', '含有未知欄位', '含有未知字段'),
  unknown_event_kind: L('unknown event kind', '未知的事件類型', '未知的事件类型'),
  too_small: L('too small or too short', '過小或過短', '过小或过短'),
  too_big: L('too big or too long', '過大或過長', '过大或过长'),
  too_large: L('over the size limit', '超出大小限制', '超出大小限制'),
  out_of_range: L('out of range', '超出允許範圍', '超出允许范围'),
  attestation_required: L('the truthfulness attestation must be true (A-3)', '須確認如實申報（A-3）', '须确认如实申报（A-3）'),
  proxy_required: L('a proxy application needs the proxy relation (A-2)', '代辦申報須填寫代辦人關係（A-2）', '代办申报须填写代办人关系（A-2）'),
  proxy_not_allowed: L('a proxy only on the proxy channel (A-2)', '非代辦申報不得填寫代辦人（A-2）', '非代办申报不得填写代办人（A-2）'),
  visit_order: L('the end is before the start', '結束日期早於開始日期', '结束日期早于开始日期'),
  reserved_id: L('a reserved id', '該編號為保留編號', '该编号为保留编号'),
  duplicate_id: L('the same id with different content', '編號重複且內容不同', '编号重复且内容不同'),
  unknown_void_target: L('the corrected event is not in the history (I-13)', '更正所指事件不存在（I-13）', '更正所指事件不存在（I-13）'),
  self_void: L('a correction cannot void itself (I-13)', '更正不能撤銷自身（I-13）', '更正不能撤销自身（I-13）'),
  void_cycle: L('the corrections form a cycle (I-13)', '更正形成循環（I-13）', '更正形成循环（I-13）'),
  now_before_submission: L('the instant is before the declaration', '評估時間早於申報時間', '评估时间早于申报时间'),
  isolation_after_submission: L('the isolation start is after the declaration', '申報的隔離開始時間晚於申報時間', '申报的隔离开始时间晚于申报时间'),
  role_required: L('an entry to a residential compound needs the role', '進入住宅小區須說明身分：居民或訪客（--role）', '进入住宅小区须说明身份：居民或访客（--role）'),
  invalid: L('invalid', '無效', '无效'),
};

/** Codes whose English message carries details (allowed values, the file name) worth showing in every language. */
export const DETAILED_ISSUES = new Set(['invalid', 'invalid_type', 'invalid_value', 'unrecognized_keys', 'too_small', 'too_big', 'too_large', 'out_of_range']);

/** What each transition of RULES §5 means, for the `explain` timeline. */
export const TRANSITION_TEXT = {
  'T-app-submitted': L('declaration submitted; the code exists from now', '提交申報，健康碼自此存在', '提交申报，健康码自此存在'),
  'T-app-approved': L('review approved: the code is issued', '審核通過，生成健康碼', '审核通过，生成健康码'),
  'T-app-rejected': L('review rejected: no valid code', '審核未通過，沒有有效健康碼', '审核未通过，没有有效健康码'),
  'T-R1-on': L('R1 starts: confirmed, suspected or positive', 'R1 開始：確診、疑似或陽性', 'R1 开始：确诊、疑似或阳性'),
  'T-R1-discharge': L('R1: discharged from hospital, the 14 days start', 'R1：出院，開始計算14天', 'R1：出院，开始计算14天'),
  'T-R1-off': L('R1 released: a full 14 days after discharge', 'R1 解除：出院後滿14天', 'R1 解除：出院后满14天'),
  'T-R2-on': L('R2 starts: close contact of a case', 'R2 開始：病例的密切接觸者', 'R2 开始：病例的密切接触者'),
  'T-R2-reset': L('R2: a symptom restarts the observation', 'R2：出現症狀，重新計算觀察期', 'R2：出现症状，重新计算观察期'),
  'T-R2-off': L('R2 released: a full 14 days without symptoms', 'R2 解除：滿14天無症狀', 'R2 解除：满14天无症状'),
  'T-R3-on': L('R3 starts: key-area travel or contact within 14 days', 'R3 開始：14天內到過重點地區或有接觸', 'R3 开始：14天内到过重点地区或有接触'),
  'T-R3-reset': L('R3: a symptom restarts the observation', 'R3：出現症狀，重新計算觀察期', 'R3：出现症状，重新计算观察期'),
  'T-R3-off': L('R3 released: a full 14 days without symptoms', 'R3 解除：滿14天無症狀', 'R3 解除：满14天无症状'),
  'T-R4-on': L('R4 starts: observation at a fever clinic', 'R4 開始：發熱門診留觀', 'R4 开始：发热门诊留观'),
  'T-R4-excluded': L('R4: COVID-19 ruled out', 'R4：排除新冠肺炎', 'R4：排除新冠肺炎'),
  'T-R4-recovered': L('R4: recovered', 'R4：已治癒', 'R4：已治愈'),
  'T-R4-confirmed': L('R4 ends: confirmed, suspected or positive (R1 follows)', 'R4 結束：確診、疑似或陽性（轉 R1）', 'R4 结束：确诊、疑似或阳性（转 R1）'),
  'T-R4-reset': L('R4: an anomaly restarts the observation', 'R4：出現異常，重新計算觀察期', 'R4：出现异常，重新计算观察期'),
  'T-R4-off': L('R4 released: a full 14 days without anomaly', 'R4 解除：滿14天無異常', 'R4 解除：满14天无异常'),
  'T-R5-on': L('R5 starts: designated high-risk by an authority', 'R5 開始：被有關部門列為高風險', 'R5 开始：被有关部门列为高风险'),
  'T-R5-off': L('R5 released by an authority', 'R5 由有關部門解除', 'R5 由有关部门解除'),
  'T-Y1-on': L('Y1 starts: symptoms declared', 'Y1 開始：申報時有症狀', 'Y1 开始：申报时有症状'),
  'T-Y1-reset': L('Y1: a symptom restarts the home observation', 'Y1：出現症狀，重新計算居家觀察期', 'Y1：出现症状，重新计算居家观察期'),
  'T-Y1-off': L('Y1 released: a full 14 days without symptoms', 'Y1 解除：滿14天無症狀', 'Y1 解除：满14天无症状'),
  'T-Y2-on': L('Y2 starts: close contact of a fever-clinic observee', 'Y2 開始：發熱門診留觀人員的密切接觸者', 'Y2 开始：发热门诊留观人员的密切接触者'),
  'T-Y2-reset': L('Y2: a symptom restarts the home observation', 'Y2：出現症狀，重新計算居家觀察期', 'Y2：出现症状，重新计算居家观察期'),
  'T-Y2-off': L('Y2 released: a full 14 days without symptoms', 'Y2 解除：滿14天無症狀', 'Y2 解除：满14天无症状'),
  'T-GY-first': L('a symptom recorded while green (once is not twice)', '綠碼期間記錄一次症狀（一次不算兩次）', '绿码期间记录一次症状（一次不算两次）'),
  'T-GY-on': L('GY starts: the same symptom a second time while green', 'GY 開始：綠碼期間同一症狀第二次出現', 'GY 开始：绿码期间同一症状第二次出现'),
  'T-GY-reset': L('GY: a symptom restarts the home observation', 'GY：出現症狀，重新計算居家觀察期', 'GY：出现症状，重新计算居家观察期'),
  'T-GY-off': L('GY released: a full 14 days without symptoms', 'GY 解除：滿14天無症狀', 'GY 解除：满14天无症状'),
  'T-colour': L('the colour changes', '顏色改變', '颜色改变'),
  'T-void': L('a correction voids an event', '更正撤銷一項事件', '更正撤销一项事件'),
};

const COMMANDS = `  npm run example -- evaluate CASE.json [--now INSTANT] [--policy POLICY.json] [--json] [--lang en|zh-Hant|zh-Hans]
  npm run example -- check CASE.json --venue residential|public-place|public-transport --direction in|out
                       [--role resident|visitor] [--celsius 36.6] [--record-id ID] [--now INSTANT] [--policy P] [--json] [--lang L]
  npm run example -- check --no-code --venue … --direction … [--celsius …] [--now INSTANT]
  npm run example -- explain CASE.json [--now INSTANT] [--policy POLICY.json] [--json] [--lang L]
                       [--svg TIMELINE.svg] [--png TIMELINE.png] [--width PX]
  npm run example -- diagram
  npm run example -- compare CITY.ndjson --baseline POLICY.json --reform POLICY.json --now INSTANT [--min-cell 10] [--sample N]
                       [--workers N] [--html REPORT.html] [--json]
  npm run example -- keygen --out DIR [--kid ID]
  npm run example -- code CASE.json --key PRIVATE.jwk --kid ID --issuer ID [--credential app-code|paper-code|pass-card]
                       [--holder HINT] [--now INSTANT] [--policy P] --out CODE.svg|CODE.png [--json] [--lang L]
  npm run example -- scan TEXT|- --trust TRUST.json --venue … --direction … [--role …] [--celsius …] [--revoked IDS.json]
                       [--now INSTANT] [--policy P] [--json] [--lang L]
`;

/** Usage text, by language. */
export const USAGE = {
  en: `Usage:
${COMMANDS}
CASE.json is { "declaration": …, "history": [ … ], "now"?: INSTANT } (see examples/README.md); "-" reads standard input.
INSTANT is ISO-8601 with an offset, e.g. 2020-02-10T12:00:00+08:00. --now wins over the file's "now"; without either, the current time.
check --no-code: a person who shows no code at all.
Exit codes: 0 done (a refusal at a checkpoint included), 2 invalid input (every problem is listed with its path), 1 any other error.
`,
  'zh-Hant': `用法：
${COMMANDS}
CASE.json 為 { "declaration": …, "history": [ … ], "now"?: 時間 }（見 examples/README.md）；以「-」讀取標準輸入。
時間須為帶時區偏移的 ISO-8601 格式，例如 2020-02-10T12:00:00+08:00。--now 優先於檔案中的 "now"；兩者皆無時使用當前時間。
check --no-code：未出示任何健康碼的人員。
結束碼：0 完成（包括檢查點不放行），2 輸入有誤（逐項列出問題及其路徑），1 其他錯誤。
`,
  'zh-Hans': `用法：
${COMMANDS}
CASE.json 为 { "declaration": …, "history": [ … ], "now"?: 时间 }（见 examples/README.md）；以“-”读取标准输入。
时间须为带时区偏移的 ISO-8601 格式，例如 2020-02-10T12:00:00+08:00。--now 优先于文件中的 "now"；两者皆无时使用当前时间。
check --no-code：未出示任何健康码的人员。
退出码：0 完成（包括检查点不放行），2 输入有误（逐项列出问题及其路径），1 其他错误。
`,
};

/** The hint after a usage error, by language. */
export const HELP_HINT = { en: 'Run with --help for usage.', 'zh-Hant': '使用 --help 查看用法。', 'zh-Hans': '使用 --help 查看用法。' };
