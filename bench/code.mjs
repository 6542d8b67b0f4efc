// RULES §11 benchmark: verifyCode of a typical code against a bare P-256 signature verification of
// the same bytes by @noble/curves, side by side in every round (the machine is shared: only the
// ratio is reported, the median of the per-round ratios).
//   npm run bench:code            # node bench/code.mjs
//   node bench/code.mjs --ci      # a short run; exit 1 when verifyCode costs more than 1.5× the signature
import { createRequire } from 'node:module';
import { p256 } from '@noble/curves/nist.js';
import { decode, encode } from 'cborg';
import { unzlibSync } from 'fflate';
import QRCode from 'qrcode';
import { Bench } from 'tinybench';
import { evaluate } from 'health-code-rules';
import { issueCode, verifyCode } from 'health-code-rules/code';

const ci = process.argv.includes('--ci');
const LIMIT = 1.5;

const secret = p256.utils.randomSecretKey();
const point = p256.getPublicKey(secret, false);
const b64 = (b) => Buffer.from(b).toString('base64url');
const pub = { kty: 'EC', crv: 'P-256', x: b64(point.slice(1, 33)), y: b64(point.slice(33)) };
const trust = [{ kid: 'lyg-2020-1', key: pub }];

// A typical code: a red R3 resident of the bundled case, approved, in the app.
const a = evaluate(
  { id: 'app-1', subjectId: 's-7f3a9c2e', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true, keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] },
  [{ id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' }],
  '2020-02-10T12:00:00+08:00',
);
const text = issueCode(a, { key: { ...pub, d: b64(secret) }, kid: 'lyg-2020-1', issuer: 'lianyungang' });
const at = '2020-02-10T12:30:00+08:00';
if (!verifyCode(text, { trust, at }).success) throw new Error('the typical code does not verify');

// The same bytes the signature covers, for the bare verification.
const tags = [];
tags[18] = (inner) => inner;
// Base45 by the `base45` package, so that the bare side's bytes are not decoded by the code measured.
const { decode: base45 } = createRequire(import.meta.url)('base45');
const [protectedBytes, , payload, signature] = decode(unzlibSync(base45(text.slice(5))), { useMaps: true, tags });
const signed = encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
if (!p256.verify(signature, signed, point)) throw new Error('bare verification failed');

const rounds = ci ? 5 : 15;
const ratios = [];
for (let r = 0; r < rounds; r++) {
  const bench = new Bench({ time: ci ? 150 : 400, warmupTime: 50 });
  bench.add('verifyCode', () => verifyCode(text, { trust, at }));
  bench.add('p256.verify', () => p256.verify(signature, signed, point));
  await bench.run();
  const [v, s] = bench.tasks.map((t) => t.result.latency?.mean ?? t.result.mean);
  ratios.push(v / s);
}
ratios.sort((x, y) => x - y);
const ratio = ratios[Math.floor(ratios.length / 2)];
const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
console.log(`typical code: ${text.length} characters, QR version ${qr.version}-M (${qr.modules.size}×${qr.modules.size} modules)`);
console.log(`verifyCode / bare p256.verify of the same bytes: ${ratio.toFixed(3)}× (median of ${rounds} rounds; target at most ${LIMIT}×) ${ratio <= LIMIT ? 'PASS' : 'FAIL'}`);
if (ci && ratio > LIMIT) process.exitCode = 1;
