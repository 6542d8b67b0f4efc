import type { Message } from '../schema/assessment.js';

/**
 * The words of the timeline picture in the three languages of the library's messages (RULES §8).
 * Only labels live here; the sentences of `<title>` and `<desc>` are built in `./describe.js`.
 */

/** A language the picture speaks. */
export type PictureLang = keyof Message;

type Texts = Readonly<Record<PictureLang, string>>;

const L = (en: string, zhHant: string, zhHans: string): Texts => ({ en, 'zh-Hant': zhHant, 'zh-Hans': zhHans });

/** Labels of the picture, its legend and its description. */
export const WORDS = {
  red: L('RED', '紅碼', '红码'),
  yellow: L('YELLOW', '黃碼', '黄码'),
  green: L('GREEN', '綠碼', '绿码'),
  treatment: L('treatment', '治療', '治疗'),
  observation: L('observation', '觀察', '观察'),
  designated: L('designated', '指定管控', '指定管控'),
  band: L('Code colour', '健康碼顏色', '健康码颜色'),
  projected: L('projected', '預計', '预计'),
  now: L('evaluated', '評估時間', '评估时间'),
  reset: L('reset (evidence)', '重新計算（依據）', '重新计算（依据）'),
  start: L('start (evidence)', '開始（依據）', '开始（依据）'),
  release: L('projected release', '預計轉綠', '预计转绿'),
  count: L('day of the count', '計數第幾天', '计数第几天'),
  noRelease: L('no date yet', '尚無日期', '尚无日期'),
  awaiting: L('waiting for', '尚待', '尚待'),
  corrections: L('Corrections', '更正', '更正'),
  voided: L('event voided (I-13)', '事件已撤銷（I-13）', '事件已撤销（I-13）'),
  noCondition: L('No active condition', '沒有生效的條件', '没有生效的条件'),
  legend: L('Legend', '圖例', '图例'),
  leftOut: L('not drawn', '未畫出', '未画出'),
  'hospital-discharge': L('hospital discharge', '出院', '出院'),
  'covid-exclusion': L('COVID-19 ruled out', '排除新冠肺炎', '排除新冠肺炎'),
  recovery: L('recovery', '治癒', '治愈'),
  'authority-release': L('a release by an authority', '有關部門解除', '有关部门解除'),
} as const satisfies Readonly<Record<string, Texts>>;

/** The label `key` in `lang`; an unknown key (a value added to the format later) is shown as is. */
export function word(lang: PictureLang, key: string): string {
  return (WORDS as Readonly<Record<string, Texts>>)[key]?.[lang] ?? key;
}
