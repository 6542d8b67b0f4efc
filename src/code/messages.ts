import type { Message } from '../schema/assessment.js';
import type { CodeFailure } from './index.js';

/**
 * C12's message for a code that failed verification (RULES §6, §11): what is wrong with it and
 * what the person does next, in the three languages; the detail of the failure is appended.
 */
const WHY: Readonly<Record<CodeFailure, Message>> = {
  too_large: {
    'zh-Hans': '所扫内容过长，不是健康码',
    'zh-Hant': '所掃內容過長，不是健康碼',
    en: 'What was scanned is too long to be a health code',
  },
  malformed: {
    'zh-Hans': '所扫内容不是有效的健康码（无法读取或已被改动）',
    'zh-Hant': '所掃內容不是有效的健康碼（無法讀取或已被改動）',
    en: 'What was scanned is not a valid health code (unreadable, or altered)',
  },
  unsupported_alg: {
    'zh-Hans': '此码的签名方式不被接受',
    'zh-Hant': '此碼的簽名方式不被接受',
    en: 'This code is signed in a way that is not accepted',
  },
  unknown_key: {
    'zh-Hans': '此码不是由受信任的签发机构签发的',
    'zh-Hant': '此碼不是由受信任的簽發機構簽發的',
    en: 'This code was not signed by a trusted issuer',
  },
  bad_signature: {
    'zh-Hans': '此码的签名不成立，可能是伪造或被改动的',
    'zh-Hant': '此碼的簽名不成立，可能是偽造或被改動的',
    en: 'The signature of this code does not hold: it may be forged or altered',
  },
  revoked: {
    'zh-Hans': '此码已被撤销',
    'zh-Hant': '此碼已被撤銷',
    en: 'This code has been revoked',
  },
  not_yet_valid: {
    'zh-Hans': '此码的签发时间晚于本次查验（请核对设备时间）',
    'zh-Hant': '此碼的簽發時間晚於本次查驗（請核對設備時間）',
    en: 'This code was issued after this encounter (check the device clock)',
  },
  expired: {
    'zh-Hans': '此码已过有效期',
    'zh-Hant': '此碼已過有效期',
    en: 'This code has expired',
  },
  internal: {
    'zh-Hans': '此码无法核验（系统内部错误）',
    'zh-Hant': '此碼無法核驗（系統內部錯誤）',
    en: 'This code could not be verified (an internal error)',
  },
  invalid_options: {
    'zh-Hans': '无法核验此码',
    'zh-Hant': '無法核驗此碼',
    en: 'This code could not be verified',
  },
};

const NEXT: Message = {
  'zh-Hans': '不能进入。请在 App 中刷新健康码，或重新申领纸质健康码；如有疑问请联系签发机构（§6、§8，C12）。',
  'zh-Hant': '不能進入。請在 App 中刷新健康碼，或重新申領紙質健康碼；如有疑問請聯繫簽發機構（§6、§8，C12）。',
  en: 'Entry refused. Refresh the code in the app, or get a new paper code; ask the issuer if in doubt (§6, §8, C12).',
};

/** The C12 message of a verification failure, with its detail (in English, as verifyCode gives it). */
export function failureMessage(code: CodeFailure, detail: string): Message {
  const why = WHY[code];
  return {
    'zh-Hans': `${why['zh-Hans']}（${code}：${detail}）。${NEXT['zh-Hans']}`,
    'zh-Hant': `${why['zh-Hant']}（${code}：${detail}）。${NEXT['zh-Hant']}`,
    en: `${why.en} (${code}: ${detail}). ${NEXT.en}`,
  };
}
