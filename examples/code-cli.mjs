// The example command line's code commands (RULES §11): keygen, code, scan. Like the rest of the
// CLI, this is where files, randomness and the clock are read; the library itself never does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import QRCode from 'qrcode';
import { checkCode, issueCode, verifyCode } from 'health-code-rules/code';

const COLOURS = { green: '#1f9d55', yellow: '#f2c200', red: '#d32f2f' };
const WORDS = {
  green: { en: 'GREEN', 'zh-Hans': '绿码', 'zh-Hant': '綠碼' },
  yellow: { en: 'YELLOW', 'zh-Hans': '黄码', 'zh-Hant': '黃碼' },
  red: { en: 'RED', 'zh-Hans': '红码', 'zh-Hant': '紅碼' },
};

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const escapeXml = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** `keygen --out DIR [--kid ID]`: a P-256 key pair as JWK files, and a trust list naming the public key. */
export function keygen(values, ctx) {
  if (values.out === undefined) throw ctx.usage(['--out'], 'keygen needs --out DIR');
  const kid = values.kid ?? 'issuer-key-1';
  const secret = p256.utils.randomSecretKey();
  const point = p256.getPublicKey(secret, false);
  const pub = { kty: 'EC', crv: 'P-256', x: b64url(point.slice(1, 33)), y: b64url(point.slice(33)) };
  try {
    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, 'private.jwk'), `${JSON.stringify({ ...pub, d: b64url(secret), kid }, null, 2)}\n`, { mode: 0o600 });
    writeFileSync(join(values.out, 'public.jwk'), `${JSON.stringify({ ...pub, kid }, null, 2)}\n`);
    writeFileSync(join(values.out, 'trust.json'), `${JSON.stringify([{ kid, key: pub }], null, 2)}\n`);
  } catch (error) {
    throw ctx.usage(['--out'], `cannot write to ${values.out}: ${error.code ?? error.message}`);
  }
  process.stdout.write(`${join(values.out, 'private.jwk')}\n${join(values.out, 'public.jwk')}\n${join(values.out, 'trust.json')}\n`);
  return 0;
}

/** The QR's dark modules as one SVG path, `size` modules square, at (x, y) with module size `m`. */
function qrPath(qr, x, y, m) {
  const { size, data } = qr.modules;
  let d = '';
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) if (data[r * size + c]) d += `M${x + c * m} ${y + r * m}h${m}v${m}h${-m}z`;
  return `<path d="${d}" fill="#000"/>`;
}

/** The code as a phone shows it: the QR in a frame of the code's colour, with the colour in words. */
function appSvg(qr, claims, lang) {
  const m = 6;
  const quiet = 4 * m;
  const side = qr.modules.size * m + 2 * quiet;
  const frame = 24;
  const W = side + 2 * frame;
  const H = W + 40;
  const label = `${WORDS[claims.colour][lang]} · ${claims.issued ? claims.credential : 'not issued'}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${escapeXml(`${WORDS[claims.colour].en} health code, valid until ${claims.validUntil}`)}</title>
<rect width="${W}" height="${H}" fill="${COLOURS[claims.colour]}"/>
<rect x="${frame}" y="${frame}" width="${side}" height="${side}" fill="#fff"/>
${qrPath(qr, frame + quiet, frame + quiet, m)}
<text x="${W / 2}" y="${W + 26}" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#000">${escapeXml(label)}</text>
</svg>
`;
}

/** A printable A6 page (105 × 148 mm): the colour, the validity, the QR and the code text; no personal data. */
function paperSvg(qr, claims, text) {
  const m = 0.85; // mm per module
  const qrSide = (qr.modules.size + 8) * m;
  const x0 = (105 - qrSide) / 2;
  const lines = [];
  for (let i = 0; i < text.length; i += 62) lines.push(text.slice(i, i + 62));
  const textLines = lines
    .map((l, i) => `<text x="6" y="${24 + qrSide + 24 + i * 2.6}" font-family="monospace" font-size="2.2">${escapeXml(l)}</text>`)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="105mm" height="148mm" viewBox="0 0 105 148">
<title>${escapeXml(`Paper health code: ${WORDS[claims.colour].en}, valid until ${claims.validUntil}`)}</title>
<rect width="105" height="148" fill="#fff"/>
<rect x="0" y="0" width="105" height="16" fill="${COLOURS[claims.colour]}"/>
<text x="52.5" y="11" font-family="sans-serif" font-size="8" text-anchor="middle" fill="#000">${escapeXml(`${WORDS[claims.colour]['zh-Hans']} ${WORDS[claims.colour].en}`)}</text>
<rect x="${x0}" y="20" width="${qrSide}" height="${qrSide}" fill="#fff"/>
${qrPath(qr, x0 + 4 * m, 20 + 4 * m, m)}
<text x="6" y="${24 + qrSide + 4}" font-family="sans-serif" font-size="3.2">${escapeXml(`连易通 Lianyitong · ${claims.credential}${claims.issued ? '' : ' · NOT ISSUED'}`)}</text>
<text x="6" y="${24 + qrSide + 9}" font-family="sans-serif" font-size="3.2">${escapeXml(`有效期至 Valid until: ${claims.validUntil}`)}</text>
<text x="6" y="${24 + qrSide + 14}" font-family="sans-serif" font-size="3.2">${escapeXml(`签发 Issued: ${claims.issuedAt} · ${claims.issuer}`)}</text>
<text x="6" y="${24 + qrSide + 18.5}" font-family="monospace" font-size="2.6">${escapeXml(`code ${claims.id}`)}</text>
${textLines}
</svg>
`;
}

/** `code CASE.json --key PRIVATE.jwk --kid ID --issuer ID [--credential …] [--holder …] [--now …] --out FILE.svg|FILE.png` */
export function code(values, file, ctx) {
  if (file === undefined) throw ctx.usage(['CASE.json'], 'code needs a case file ("-" for standard input)');
  for (const flag of ['key', 'kid', 'issuer', 'out']) if (values[flag] === undefined) throw ctx.usage([`--${flag}`], `code needs --${flag}`);
  if (!/\.(svg|png)$/.test(values.out)) throw ctx.usage(['--out'], 'the output is a .svg or a .png file');
  const issues = [];
  const kase = ctx.readCase(file, issues);
  const engine = ctx.engineFor(values);
  const key = ctx.readJson(values.key, '--key');
  const a = ctx.evaluateCase(engine, kase, ctx.nowOf(values, kase), issues);
  // eslint-disable-next-line no-unused-vars -- the kid is dropped from the JWK, given as --kid
  const { kid: _kid, ...jwk } = key ?? {};
  const text = issueCode(a, {
    key: jwk,
    kid: values.kid,
    issuer: values.issuer,
    policy: engine.policy,
    ...(values.credential === undefined ? {} : { credential: values.credential }),
    ...(values.holder === undefined ? {} : { holder: values.holder }),
  });
  // Read back what was just signed, to draw it: the drawing shows only what the code says.
  const point = p256.getPublicKey(Buffer.from(jwk.d, 'base64url'), false);
  const self = [{ kid: values.kid, key: { kty: 'EC', crv: 'P-256', x: b64url(point.slice(1, 33)), y: b64url(point.slice(33)) } }];
  const verified = verifyCode(text, { trust: self, at: a.evaluatedAt, policy: engine.policy });
  if (!verified.success) throw new Error(`the issued code does not verify: ${verified.error.code}`);
  const claims = verified.data;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const svg = claims.credential === 'app-code' ? appSvg(qr, claims, values.lang) : paperSvg(qr, claims, text);
  let bytes = svg;
  if (values.out.endsWith('.png')) {
    const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js');
    bytes = new Resvg(svg, { fitTo: { mode: 'width', value: claims.credential === 'app-code' ? 600 : 1240 }, background: '#fff' }).render().asPng();
  }
  try {
    writeFileSync(values.out, bytes);
  } catch (error) {
    throw ctx.usage(['--out'], `cannot write ${values.out}: ${error.code ?? error.message}`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ text, version: qr.version, claims }, null, 2)}\n`);
  else
    process.stdout.write(
      `${text}\n${claims.colour} ${claims.credential}, valid until ${claims.validUntil}; ${text.length} characters, QR version ${qr.version}-M; ${values.out}\n`,
    );
  return 0;
}

/** `scan TEXT|- --trust TRUST.json --venue … --direction … [--role …] [--celsius …] [--revoked FILE] [--now …]` */
export function scan(values, textArg, ctx) {
  if (textArg === undefined) throw ctx.usage(['TEXT'], 'scan needs the scanned text ("-" for standard input)');
  if (values.trust === undefined) throw ctx.usage(['--trust'], 'scan needs --trust TRUST.json');
  const text = textArg === '-' ? ctx.readSource('-', 'TEXT').trim() : textArg;
  const trust = ctx.readJson(values.trust, '--trust');
  const revoked = values.revoked === undefined ? undefined : ctx.readJson(values.revoked, '--revoked');
  const engine = ctx.engineFor(values);
  const now = values.now ?? new Date().toISOString();
  const context = ctx.contextOf(values, now);
  const options = { trust, policy: engine.policy, ...(revoked === undefined ? {} : { revoked }) };
  const verified = verifyCode(text, { ...options, at: now });
  if (!verified.success && verified.error.code === 'invalid_options') throw ctx.usage(['--trust'], verified.error.message);
  const decision = checkCode(text, context, options);
  if (values.json) process.stdout.write(`${JSON.stringify({ verification: verified, decision }, null, 2)}\n`);
  else {
    const lines = verified.success
      ? [`verified: ${verified.data.colour} (${verified.data.rules.join(', ') || 'no rule'}), ${verified.data.issued ? 'issued' : 'not issued'}, ${verified.data.credential}, subject ${verified.data.subjectId}, valid until ${verified.data.validUntil}, issuer ${verified.data.issuer} (${verified.data.kid}), code ${verified.data.id}`]
      : [`not verified: ${verified.error.code} (${verified.error.message})`];
    process.stdout.write(`${lines.join('\n')}\n${ctx.printDecision(decision, values.lang)}\n`);
  }
  return 0;
}
