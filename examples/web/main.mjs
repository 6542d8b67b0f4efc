/* global document, window, location, history, btoa, atob */
// The explainer page (issue 15): the engine, the picture and the code subpath bundled into one
// page that runs wholly in the browser. The case lives in the URL fragment, so a link reproduces
// what is shown; nothing is sent anywhere (the page's Content-Security-Policy forbids connections).
import { check, formatPath, safeEvaluate } from 'health-code-rules';
import { issueCode, verifyCode } from 'health-code-rules/code';
import { timelineSvg } from 'health-code-rules/picture';
import { p256 } from '@noble/curves/nist.js';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import QRCode from 'qrcode';
import { LABELS } from '../i18n.mjs';

const CASES = Object.fromEntries(
  Object.entries(import.meta.glob('../cases/*.json', { eager: true, import: 'default' }))
    .map(([path, kase]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), kase])
    .sort(([a], [b]) => a.localeCompare(b)),
);

const L = (en, zhHant, zhHans) => ({ en, 'zh-Hant': zhHant, 'zh-Hans': zhHans });
const PAGE = {
  heading: L('Lianyitong health code explainer', '連易通健康碼說明', '连易通健康码说明'),
  'lang-label': L('Language', '語言', '语言'),
  offline: L('Runs offline: nothing leaves this page.', '離線運行：資料不會離開本頁。', '离线运行：数据不会离开本页。'),
  'case-heading': L('Case', '個案', '个案'),
  'case-select-label': L('A bundled case', '內建個案', '内置个案'),
  'case-text-label': L('Or paste a case (JSON: declaration, history, now)', '或貼上個案（JSON：declaration、history、now）', '或粘贴个案（JSON：declaration、history、now）'),
  evaluate: L('Evaluate', '評估', '评估'),
  'checkpoint-heading': L('Checkpoint', '檢查點', '检查点'),
  'venue-label': L('Venue', '場所', '场所'),
  'direction-label': L('Direction', '方向', '方向'),
  'role-label': L('Role (residential)', '身份（住宅小區）', '身份（住宅小区）'),
  'celsius-label': L('Temperature °C', '體溫 °C', '体温 °C'),
  'timeline-heading': L('Timeline', '時間線', '时间线'),
  'decision-heading': L('Checkpoint decision', '檢查點決定', '检查点决定'),
  'code-heading': L('Signed code', '簽名健康碼', '签名健康码'),
};
/** The words of the checkpoint's choices, by select and value. */
const OPTIONS = {
  venue: {
    'public-place': L('public place', '公共場所', '公共场所'),
    'public-transport': L('public transport', '公共交通', '公共交通'),
    residential: L('residential compound', '住宅小區', '住宅小区'),
  },
  direction: { in: L('in', '進入', '进入'), out: L('out', '離開', '离开') },
  role: { resident: L('resident', '住戶', '住户'), visitor: L('visitor', '訪客', '访客') },
};
const WORDS = {
  pasted: L('(pasted)', '（貼上）', '（粘贴）'),
  rule: L('Rule', '規則', '规则'),
  message: L('Message', '說明', '说明'),
  demo: L(
    'DEMO: signed with a key generated in this page just now. No checkpoint trusts it; it shows what a real code carries.',
    '演示：以本頁剛產生的金鑰簽名，任何檢查點都不信任它，只用來展示真正的健康碼包含甚麼。',
    '演示：以本页刚生成的密钥签名，任何检查点都不信任它，只用来展示真正的健康码包含什么。',
  ),
  verified: L('verifies with the demo key', '可用演示金鑰驗證', '可用演示密钥验证'),
  notVerified: L('does not verify', '驗證失敗', '验证失败'),
  validUntil: L('valid until', '有效期至', '有效期至'),
  characters: L('characters', '個字元', '个字符'),
};

const $ = (id) => document.getElementById(id);
const state = { lang: 'en', venue: 'public-place', direction: 'in', role: 'resident', celsius: '36.5', name: 'r3-key-area', text: '' };

// One demo key per page load, from the browser's own random source (crypto.getRandomValues).
const demoSecret = p256.utils.randomSecretKey();
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const demoPoint = p256.getPublicKey(demoSecret, false);
const demoPublic = { kty: 'EC', crv: 'P-256', x: b64url(demoPoint.slice(1, 33)), y: b64url(demoPoint.slice(33)) };
const DEMO_KID = 'demo-key-in-this-page';

const encodeCase = (text) => b64url(deflateSync(strToU8(text), { level: 9 }));
function decodeCase(packed) {
  const b64 = packed.replace(/-/g, '+').replace(/_/g, '/');
  return strFromU8(inflateSync(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
}

/** The fragment: `#lang=…&venue=…&direction=…&role=…&celsius=…&case=NAME` or `&data=DEFLATED`. */
function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const key of ['lang', 'venue', 'direction', 'role', 'celsius']) if (params.has(key)) state[key] = params.get(key);
  if (!['en', 'zh-Hans', 'zh-Hant'].includes(state.lang)) state.lang = 'en';
  if (params.has('data')) {
    try {
      state.text = decodeCase(params.get('data'));
      state.name = '';
      return;
    } catch {
      state.text = '';
    }
  }
  if (params.has('case') && CASES[params.get('case')] !== undefined) state.name = params.get('case');
  state.text = JSON.stringify(CASES[state.name] ?? CASES['r3-key-area'], null, 2);
}

function writeFragment() {
  const params = new URLSearchParams({ lang: state.lang, venue: state.venue, direction: state.direction, role: state.role, celsius: state.celsius });
  // A bundled case, unedited, is named; anything else travels whole, deflated, in the fragment.
  if (state.name !== '' && state.text === JSON.stringify(CASES[state.name], null, 2)) params.set('case', state.name);
  else params.set('data', encodeCase(state.text));
  history.replaceState(null, '', `#${params.toString()}`);
}

const t = (key) => LABELS[key]?.[state.lang] ?? key;
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
};

function renderIssues(issues) {
  $('issues').replaceChildren(...issues.map((i) => el('li', { 'data-path': formatPath(i.path) }, `${formatPath(i.path) || '(case)'}: ${i.message} [${i.code}]`)));
}

function render() {
  document.documentElement.lang = state.lang;
  for (const [id, text] of Object.entries(PAGE)) $(id).textContent = text[state.lang];
  for (const [id, words] of Object.entries(OPTIONS)) for (const option of $(id).options) option.textContent = words[option.value][state.lang];
  $('case-select').options[0].textContent = WORDS.pasted[state.lang];
  $('lang').value = state.lang;
  $('venue').value = state.venue;
  $('direction').value = state.direction;
  $('role').value = state.role;
  $('celsius').value = state.celsius;
  $('case-select').value = state.name;
  $('case-text').value = state.text;
  for (const id of ['summary', 'timeline', 'decision', 'code']) $(id).replaceChildren();
  let kase;
  try {
    kase = JSON.parse(state.text);
  } catch (error) {
    renderIssues([{ path: [], code: 'invalid_json', message: String(error.message) }]);
    return;
  }
  if (kase === null || typeof kase !== 'object' || Array.isArray(kase)) {
    renderIssues([{ path: [], code: 'invalid', message: 'a case is an object { "declaration": …, "history": [ … ], "now": … }' }]);
    return;
  }
  // The case's own instant; a case without one is evaluated now (the only clock the page reads).
  const result = safeEvaluate(kase.declaration, kase.history ?? [], kase.now ?? new Date().toISOString());
  if (!result.success) {
    renderIssues(result.error.issues);
    return;
  }
  renderIssues([]);
  const a = result.data;
  const dl = el('dl');
  const row = (term, ...value) => dl.append(el('dt', {}, term), el('dd', {}, ...value));
  row(t('colour'), el('span', { id: 'colour', 'data-colour': a.colour }, t(a.colour)));
  row(t('code'), a.issued ? `${t('issued')}, ${t(a.credential ?? 'app-code')}` : `${t('notIssued')}, ${t(a.review)}`);
  row(
    t('reasons'),
    a.reasons.length === 0
      ? t('none')
      : el('ul', { id: 'reasons' }, ...a.reasons.map((r) => el('li', { 'data-rule': r.rule }, el('strong', {}, r.rule), ' ', r.message[state.lang]))),
  );
  row(t('releaseAt'), el('span', { id: 'release' }, a.colour === 'green' ? '—' : (a.releaseAt ?? t('noRelease'))));
  row(t('awaiting'), el('span', { id: 'awaiting' }, a.awaiting.length === 0 ? t('none') : a.awaiting.map(t).join(', ')));
  if (a.nextChangeAt !== null) row(t('nextChangeAt'), a.nextChangeAt);
  if (a.obligations.length > 0) row(t('obligations'), a.obligations.map(t).join(', '));
  row(t('evaluatedAt'), a.evaluatedAt);
  $('summary').replaceChildren(dl);
  $('timeline').innerHTML = timelineSvg(a, { lang: state.lang, width: 900 });

  const context = { venue: state.venue, direction: state.direction, at: a.evaluatedAt };
  if (state.venue === 'residential') context.role = state.role;
  if (state.celsius.trim() !== '') context.celsius = Number(state.celsius);
  try {
    const d = check(a, context);
    $('decision').replaceChildren(
      el('p', {}, el('strong', { id: 'decision-rule' }, d.rule), ' ', el('span', { id: 'decision-admit', 'data-admit': String(d.admit) }, t(d.admit ? 'admit' : 'refuse'))),
      el('p', {}, `${t('steps')}: ${d.steps.length === 0 ? t('none') : d.steps.map(t).join(' + ')}`),
      el('p', {}, d.message[state.lang]),
    );
  } catch (error) {
    $('decision').replaceChildren(el('ul', {}, ...(error.issues ?? [{ path: [], message: String(error) }]).map((i) => el('li', {}, `${formatPath(i.path)}: ${i.message}`))));
  }

  const text = issueCode(a, { key: { ...demoPublic, d: b64url(demoSecret) }, kid: DEMO_KID, issuer: 'demo-issuer' });
  const verified = verifyCode(text, { trust: [{ kid: DEMO_KID, key: demoPublic }], at: a.evaluatedAt });
  const qr = el('div', { id: 'qr' });
  QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }).then((svg) => {
    qr.innerHTML = svg;
  });
  $('code').replaceChildren(
    el('div', { class: 'demo' }, el('strong', {}, WORDS.demo[state.lang])),
    qr,
    el(
      'p',
      {},
      `${verified.success ? WORDS.verified[state.lang] : WORDS.notVerified[state.lang]}`,
      verified.success ? ` · ${t(verified.data.colour)} · ${WORDS.validUntil[state.lang]} ${verified.data.validUntil}` : '',
      ` · ${text.length} ${WORDS.characters[state.lang]}`,
    ),
  );
}

function update(changes) {
  Object.assign(state, changes);
  writeFragment();
  render();
}

$('case-select').replaceChildren(
  el('option', { value: '' }, WORDS.pasted.en),
  ...Object.keys(CASES).map((name) => el('option', { value: name }, name)),
);
$('case-select').addEventListener('change', (e) => {
  const name = e.target.value;
  if (name !== '') update({ name, text: JSON.stringify(CASES[name], null, 2) });
});
$('evaluate').addEventListener('click', () => update({ name: '', text: $('case-text').value }));
for (const key of ['lang', 'venue', 'direction', 'role', 'celsius']) $(key).addEventListener('change', (e) => update({ [key]: e.target.value }));
window.addEventListener('hashchange', () => {
  readFragment();
  render();
});

readFragment();
render();
