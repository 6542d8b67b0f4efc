import { p256 } from '@noble/curves/nist.js';
import { unzlibSync, zlibSync } from 'fflate';
import { decode, encode, type TagDecoder } from 'cborg';
import { describe, expect, it } from 'vitest';
import { lianyungang2020, type Assessment } from '../../src/index.js';
import { createEngine, evaluate } from '../support/untyped.js';
import { checkCode, issueCode, verifyCode, type TrustEntry } from '../../src/code/index.js';
import { decodeBase45, encodeBase45 } from '../../src/code/base45.js';
import { keyPair } from '../support/keys.js';

/** RULES §11: the signed code, issued from an assessment and verified offline at a checkpoint. */

const issuerKey = keyPair('lianyungang issuer 1');
const otherKey = keyPair('somebody else');
const KID = 'lyg-2020-1';
const trust: TrustEntry[] = [{ kid: KID, key: issuerKey.publicJwk }];
const ISSUE = { key: issuerKey.privateJwk, kid: KID, issuer: 'lianyungang' } as const;

const SUBMITTED = '2020-02-01T10:00:00+08:00';
const EVALUATED = '2020-02-10T12:00:00+08:00';
const approved = (credential = 'app-code') => ({ id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential });
const declaration = (extra: Record<string, unknown> = {}) => ({
  id: 'app-1',
  subjectId: 's-7f3a',
  submittedAt: SUBMITTED,
  category: 'resident',
  channel: 'self',
  attestation: true,
  ...extra,
});
const green = (at = EVALUATED): Assessment => evaluate(declaration(), [approved()], at);
const red = (at = EVALUATED): Assessment =>
  evaluate(declaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }), [approved()], at);
const yellow = (at = EVALUATED): Assessment => evaluate(declaration({ symptoms: ['dry-cough'] }), [approved()], at);
const pending = (at = EVALUATED): Assessment => evaluate(declaration(), [], at);

const entry = (at: string, extra: Record<string, unknown> = {}) => ({ venue: 'public-place', direction: 'in', celsius: 36.5, at, ...extra });

/** The COSE_Sign1 parts of a code text, decoded with the test's own CBOR settings. */
const tags: TagDecoder[] = [];
tags[18] = (inner: unknown) => inner;
const cbor = {
  decode: (bytes: Uint8Array): unknown => decode(bytes, { useMaps: true, tags }),
  encode: (value: unknown): Uint8Array => encode(value),
  /** COSE_Sign1_Tagged: tag 18 (0xd2) before the array. */
  tagged: (value: unknown): Uint8Array => new Uint8Array([0xd2, ...encode(value)]),
};
function open(text: string): { protectedBytes: Uint8Array; payload: Uint8Array; signature: Uint8Array; claims: Map<number, unknown> } {
  const [protectedBytes, , payload, signature] = cbor.decode(unzlibSync(decodeBase45(text.slice(5)) as Uint8Array)) as Uint8Array[];
  return { protectedBytes: protectedBytes!, payload: payload!, signature: signature!, claims: cbor.decode(payload!) as Map<number, unknown> };
}
/** A code text from its parts, signed by `secret` over the RULES §11 structure. */
function seal(protectedBytes: Uint8Array, payload: Uint8Array, secret: Uint8Array, unprotected: Map<unknown, unknown> = new Map()): string {
  const signature = p256.sign(cbor.encode(['Signature1', protectedBytes, new Uint8Array(0), payload]), secret);
  return `LYT1:${encodeBase45(zlibSync(cbor.tagged([protectedBytes, unprotected, payload, signature]), { level: 9 }))}`;
}

describe('RULES §11: issuing and verifying', () => {
  it('§11: a round trip for every colour and credential form: the claims are the assessment\'s', () => {
    const cases: [string, Assessment][] = [
      ['green', green()],
      ['yellow', yellow()],
      ['red', red()],
      ['pending', pending()],
      ['paper', evaluate(declaration({ channel: 'paper-form' }), [approved('paper-code')], EVALUATED)],
      ['pass-card', evaluate(declaration({ channel: 'paper-form' }), [approved('pass-card')], EVALUATED)],
    ];
    for (const [name, a] of cases) {
      const text = issueCode(a, ISSUE);
      const r = verifyCode(text, { trust, at: EVALUATED });
      expect(r.success, name).toBe(true);
      if (!r.success) continue;
      expect(r.data).toMatchObject({
        subjectId: a.subjectId,
        colour: a.colour,
        since: a.since,
        releaseAt: a.releaseAt,
        nextChangeAt: a.nextChangeAt,
        rules: a.reasons.map((x) => x.rule),
        issued: a.issued,
        policy: a.policy,
        issuer: 'lianyungang',
        kid: KID,
        issuedAt: EVALUATED,
        holder: null,
      });
      expect(r.data.credential).toBe(a.credential ?? 'app-code');
      expect(r.data.id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('§11: every character is in the QR alphanumeric set, behind LYT1:', () => {
    for (const a of [green(), red(), yellow()]) expect(issueCode(a, { ...ISSUE, holder: '张*' })).toMatch(/^LYT1:[0-9A-Z $%*+\-./:]+$/);
  });

  it('§11: the same input gives the same text (RFC 6979); another kid, issuer or holder another', () => {
    const a = red();
    const text = issueCode(a, ISSUE);
    expect(issueCode(structuredClone(a), { ...ISSUE })).toBe(text);
    expect(issueCode(a, { ...ISSUE, kid: 'lyg-2020-2' })).not.toBe(text);
    expect(issueCode(a, { ...ISSUE, issuer: 'jiangsu' })).not.toBe(text);
    expect(issueCode(a, { ...ISSUE, holder: '李*' })).not.toBe(text);
  });

  it('§11: the holder hint is carried as given, and only when given', () => {
    const r = verifyCode(issueCode(green(), { ...ISSUE, holder: '王*明' }), { trust, at: EVALUATED });
    expect(r.success && r.data.holder).toBe('王*明');
  });

  it('§11: cti is the first 16 bytes of SHA-256 over subjectId, iat, policy hash, credential and iss', async () => {
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const { bytesToHex, utf8ToBytes } = await import('@noble/hashes/utils.js');
    const a = green();
    const iat = Date.parse(a.evaluatedAt) / 1000;
    const expected = bytesToHex(sha256(utf8ToBytes([a.subjectId, String(iat), a.policy.hash, 'app-code', 'lianyungang'].join('\n'))).slice(0, 16));
    const r = verifyCode(issueCode(a, ISSUE), { trust, at: EVALUATED });
    expect(r.success && r.data.id).toBe(expected);
    expect(bytesToHex(open(issueCode(a, ISSUE)).claims.get(7) as Uint8Array)).toBe(expected);
  });

  it('§11: the envelope is COSE_Sign1_Tagged over CWT claims 1, 4, 6, 7, -65537 with alg -7 and the kid', () => {
    const { protectedBytes, claims, signature } = open(issueCode(green(), ISSUE));
    const header = cbor.decode(protectedBytes) as Map<number, unknown>;
    expect([...header.keys()]).toEqual([1, 4]);
    expect(header.get(1)).toBe(-7);
    expect(new TextDecoder().decode(header.get(4) as Uint8Array)).toBe(KID);
    expect([...claims.keys()]).toEqual([1, 4, 6, 7, -65537]);
    expect(claims.get(6)).toBe(Date.parse(EVALUATED) / 1000);
    expect(signature.length).toBe(64);
    const code = claims.get(-65537) as Map<string, unknown>;
    // Keys in the length-first order of RFC 7049 §3.9, so that one claim set has one encoding.
    expect([...code.keys()]).toEqual(['v', 'rules', 'since', 'colour', 'issued', 'policy', 'releaseAt', 'subjectId', 'credential', 'nextChangeAt']);
    expect(code.get('v')).toBe(1);
  });
});

describe('RULES §11: validUntil', () => {
  const untilOf = (a: Assessment, credential?: 'app-code' | 'paper-code' | 'pass-card') => {
    const r = verifyCode(issueCode(a, { ...ISSUE, ...(credential === undefined ? {} : { credential }) }), { trust, at: a.evaluatedAt });
    return r.success ? r.data.validUntil : r.error.code;
  };

  it('§11: app-code 24 hours, paper-code and pass-card 7 days (elapsed time)', () => {
    expect(untilOf(green())).toBe('2020-02-11T12:00:00+08:00');
    expect(untilOf(green(), 'paper-code')).toBe('2020-02-17T12:00:00+08:00');
    expect(untilOf(green(), 'pass-card')).toBe('2020-02-17T12:00:00+08:00');
  });

  it('§11: capped by nextChangeAt (red R3 turns green at 2020-02-16T00:00)', () => {
    expect(red().nextChangeAt).toBe('2020-02-16T00:00:00+08:00');
    expect(untilOf(red(), 'paper-code')).toBe('2020-02-16T00:00:00+08:00');
    expect(untilOf(red('2020-02-15T12:00:00+08:00'))).toBe('2020-02-16T00:00:00+08:00');
  });

  it('§11: codeValidity is policy data', () => {
    const engine = createEngine({ ...lianyungang2020, codeValidity: { 'app-code': 'PT2H', 'paper-code': 'P1D', 'pass-card': 'P1W' } });
    const a = engine.evaluate(declaration(), [approved()], EVALUATED);
    const r = verifyCode(issueCode(a, { ...ISSUE, policy: engine.policy }), { trust, at: EVALUATED });
    expect(r.success && r.data.validUntil).toBe('2020-02-10T14:00:00+08:00');
    const pass = verifyCode(issueCode(a, { ...ISSUE, policy: engine.policy, credential: 'pass-card' }), { trust, at: EVALUATED });
    expect(pass.success && pass.data.validUntil).toBe('2020-02-17T12:00:00+08:00');
  });

  it('§11: valid 1 ms before validUntil, expired at it; iat and exp are whole seconds rounded down', () => {
    const a = green('2020-02-10T12:00:00.750+08:00');
    const text = issueCode(a, ISSUE);
    const ok = verifyCode(text, { trust, at: '2020-02-11T11:59:59.999+08:00' });
    expect(ok.success && [ok.data.issuedAt, ok.data.validUntil]).toEqual(['2020-02-10T12:00:00+08:00', '2020-02-11T12:00:00+08:00']);
    const late = verifyCode(text, { trust, at: '2020-02-11T12:00:00+08:00' });
    expect(late.success ? 'ok' : late.error.code).toBe('expired');
  });

  it('§11: not_yet_valid before iat (a checkpoint clock behind the issuer\'s)', () => {
    const text = issueCode(green(), ISSUE);
    const r = verifyCode(text, { trust, at: '2020-02-10T11:59:59.999+08:00' });
    expect(r.success ? 'ok' : r.error.code).toBe('not_yet_valid');
    expect(verifyCode(text, { trust, at: new Date(Date.parse(EVALUATED)) }).success).toBe(true);
  });
});

describe('RULES §11: every verification failure, in order', () => {
  const text = issueCode(green(), ISSUE);
  const codeOf = (t: unknown, opts: Partial<Parameters<typeof verifyCode>[1]> = {}) => {
    const r = verifyCode(t, { trust, at: EVALUATED, ...opts });
    return r.success ? 'ok' : r.error.code;
  };

  it('too_large: a 10 MB text, answered at once', () => {
    const started = performance.now();
    expect(codeOf(`LYT1:${'A'.repeat(10_000_000)}`)).toBe('too_large');
    expect(codeOf('x'.repeat(4097))).toBe('too_large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('malformed: a wrong prefix, a truncated text, bad Base45, not a string', () => {
    expect(codeOf(text.replace('LYT1:', 'HC1:'))).toBe('malformed');
    expect(codeOf(text.replace('LYT1:', 'lyt1:'))).toBe('malformed');
    for (const cut of [5, 6, 20, text.length - 1, text.length - 3]) expect(codeOf(text.slice(0, cut))).toBe('malformed');
    expect(codeOf(`${text.slice(0, 10)}a${text.slice(11)}`)).toBe('malformed');
    expect(codeOf('LYT1:::::')).toBe('malformed');
    for (const v of [undefined, null, 42, {}, ['LYT1:'], new Uint8Array(3)]) expect(codeOf(v)).toBe('malformed');
  });

  it('malformed: anything outside the signature changed (unprotected header, untagged re-encoding, zlib level)', () => {
    const { protectedBytes, payload, signature } = open(text);
    const stuffed = `LYT1:${encodeBase45(zlibSync(cbor.tagged([protectedBytes, new Map([[99, 'x']]), payload, signature]), { level: 9 }))}`;
    expect(codeOf(stuffed)).toBe('malformed');
    const level1 = `LYT1:${encodeBase45(zlibSync(cbor.tagged([protectedBytes, new Map(), payload, signature]), { level: 1 }))}`;
    expect(level1).not.toBe(text);
    expect(codeOf(level1)).toBe('malformed');
  });

  it('§11: an untagged COSE_Sign1 is accepted', () => {
    const { protectedBytes, payload, signature } = open(text);
    const untagged = `LYT1:${encodeBase45(zlibSync(cbor.encode([protectedBytes, new Map(), payload, signature]), { level: 9 }))}`;
    expect(codeOf(untagged)).toBe('ok');
  });

  it('unsupported_alg: an alg other than ES256, none, or no alg at all, even when signed', () => {
    const { payload } = open(text);
    const kid = new TextEncoder().encode(KID);
    for (const header of [new Map<number, unknown>([[1, -35], [4, kid]]), new Map<number, unknown>([[1, 'none'], [4, kid]]), new Map<number, unknown>([[4, kid]])])
      expect(codeOf(seal(cbor.encode(header), payload, issuerKey.secret))).toBe('unsupported_alg');
  });

  it('unknown_key: a kid not on the list, or a trusted kid outside its window', () => {
    expect(codeOf(text, { trust: [{ kid: 'other', key: issuerKey.publicJwk }] })).toBe('unknown_key');
    expect(codeOf(text, { trust: [] })).toBe('unknown_key');
    const window = (from?: string, until?: string) => codeOf(text, { trust: [{ kid: KID, key: issuerKey.publicJwk, ...(from ? { from } : {}), ...(until ? { until } : {}) }] });
    expect(window('2020-02-10T12:00:00+08:00')).toBe('ok');
    expect(window('2020-02-10T12:00:01+08:00')).toBe('unknown_key');
    expect(window(undefined, '2020-02-10T12:00:00+08:00')).toBe('unknown_key');
    expect(window(undefined, '2020-02-10T12:00:01+08:00')).toBe('ok');
  });

  it('§11 key rollover: two keys under one kid, each in its window', () => {
    const rolled = issueCode(green(), { ...ISSUE, key: otherKey.privateJwk });
    const list = [
      { kid: KID, key: issuerKey.publicJwk, until: '2020-02-10T00:00:00+08:00' },
      { kid: KID, key: otherKey.publicJwk, from: '2020-02-10T00:00:00+08:00' },
    ];
    expect(codeOf(rolled, { trust: list })).toBe('ok');
    expect(codeOf(text, { trust: list })).toBe('bad_signature');
  });

  it('bad_signature: a payload re-signed by an untrusted key under the trusted kid, or a signature of another length', () => {
    const { protectedBytes, payload } = open(text);
    expect(codeOf(seal(protectedBytes, payload, otherKey.secret))).toBe('bad_signature');
    const forged = issueCode(red(), { ...ISSUE, key: otherKey.privateJwk });
    expect(codeOf(forged)).toBe('bad_signature');
    const short = `LYT1:${encodeBase45(zlibSync(cbor.tagged([protectedBytes, new Map(), payload, new Uint8Array(0)]), { level: 9 }))}`;
    expect(codeOf(short)).toBe('bad_signature');
  });

  it('revoked: a cti on the revocation list (checked after the signature)', () => {
    const r = verifyCode(text, { trust, at: EVALUATED });
    const id = r.success ? r.data.id : '';
    expect(codeOf(text, { revoked: [id] })).toBe('revoked');
    expect(codeOf(text, { revoked: ['0'.repeat(32)] })).toBe('ok');
    const { protectedBytes, payload } = open(text);
    expect(codeOf(seal(protectedBytes, payload, otherKey.secret), { revoked: [id] })).toBe('bad_signature');
  });

  it('the order: a forged code that is also expired is bad_signature; a revoked one also expired is revoked', () => {
    const forged = issueCode(green(), { ...ISSUE, key: otherKey.privateJwk });
    expect(codeOf(forged, { at: '2021-01-01T00:00:00+08:00' })).toBe('bad_signature');
    const r = verifyCode(text, { trust, at: EVALUATED });
    expect(codeOf(text, { at: '2021-01-01T00:00:00+08:00', revoked: [r.success ? r.data.id : ''] })).toBe('revoked');
  });

  it('§11: a changed character anywhere in the text is never verified', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    const seen = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      const replacement = alphabet[(alphabet.indexOf(c) + 1 + (i % 44)) % 45] as string;
      const edited = text.slice(0, i) + (replacement === c ? '0' : replacement) + text.slice(i + 1);
      if (edited === text) continue;
      const code = codeOf(edited);
      expect(code, `position ${i}`).not.toBe('ok');
      seen.add(code);
    }
    expect(seen.has('malformed')).toBe(true);
  });

  it('invalid_options: a bad trust list, instant or revocation list is the caller\'s error, never thrown', () => {
    expect(codeOf(text, { trust: 'everyone' as never })).toBe('invalid_options');
    expect(codeOf(text, { trust: [{ kid: KID, key: { kty: 'RSA' } }] })).toBe('invalid_options');
    expect(codeOf(text, { trust: [{ kid: KID, key: { ...issuerKey.publicJwk, x: issuerKey.publicJwk['y'] } }] })).toBe('invalid_options');
    expect(codeOf(text, { at: 'tomorrow' })).toBe('invalid_options');
    expect(codeOf(text, { revoked: ['ABC'] })).toBe('invalid_options');
    expect(verifyCode(text, undefined as never)).toMatchObject({ success: false, error: { code: 'invalid_options' } });
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(verifyCode(text, hostile as never)).toMatchObject({ success: false, error: { code: 'invalid_options' } });
  });
});

describe('RULES §11: issueCode refuses what it must not sign', () => {
  const issuesOf = (assessment: unknown, options: Record<string, unknown> = {}) => {
    try {
      issueCode(assessment, { ...ISSUE, ...options } as never);
      return [];
    } catch (error) {
      return (error as { issues: { path: unknown[]; code: string }[] }).issues.map((i) => `${i.path.join('.')}:${i.code}`);
    }
  };

  it('§11, §6: an inconsistent assessment, one of another policy, or not an assessment', () => {
    const a = red();
    expect(issuesOf({ ...a, colour: 'green', permissions: { cityTravel: true, publicPlaces: true, publicTransport: true } })).toEqual(['assessment.colour:inconsistent']);
    expect(issuesOf({ ...a, policy: { ...a.policy, hash: `sha256:${'1'.repeat(64)}` } })).toEqual(['assessment.policy.hash:policy_mismatch']);
    expect(issuesOf(null)).toContain('assessment:invalid_type');
  });

  it('invalid_key: a public key, a key of another curve, a d that is not the key\'s', () => {
    expect(issuesOf(green(), { key: issuerKey.publicJwk })).toEqual(['key.d:invalid_key']);
    expect(issuesOf(green(), { key: { ...issuerKey.privateJwk, crv: 'P-384' } })).toEqual(['key:invalid_key']);
    expect(issuesOf(green(), { key: { ...issuerKey.privateJwk, d: otherKey.privateJwk['d'] } })).toEqual(['key:invalid_key']);
    expect(issuesOf(green(), { key: 'secret' })).toEqual(['key:invalid_key']);
  });

  it('every other option is checked, and all problems are listed at once', () => {
    expect(issuesOf(green(), { kid: '', issuer: '', credential: 'tattoo', holder: 'x'.repeat(65) })).toEqual([
      'kid:invalid',
      'issuer:invalid',
      'credential:invalid_value',
      'holder:invalid',
    ]);
    expect(issuesOf(green(), { kid: '密钥' })).toEqual(['kid:invalid']);
  });
});

describe('RULES §6, C12: deciding an encounter from a code', () => {
  const decide = (t: unknown, context: Record<string, unknown>, revoked?: string[]) => checkCode(t, context, { trust, ...(revoked ? { revoked } : {}) });

  it('C4, C5, C8, C9, C7: a verified code is decided by its colour and issued', () => {
    expect(decide(issueCode(green(), ISSUE), entry(EVALUATED)).rule).toBe('C4');
    expect(decide(issueCode(green(), ISSUE), entry(EVALUATED, { venue: 'public-transport' })).rule).toBe('C5');
    expect(decide(issueCode(red(), ISSUE), entry(EVALUATED)).rule).toBe('C8');
    expect(decide(issueCode(yellow(), ISSUE), entry(EVALUATED)).rule).toBe('C9');
    const unissued = decide(issueCode(pending(), ISSUE), entry(EVALUATED));
    expect([unissued.rule, unissued.admit]).toEqual(['C7', false]);
    expect(unissued.message.en).toContain('no approved review');
    expect(decide(issueCode(red(), ISSUE), entry(EVALUATED)).message.en).toContain('(R3)');
  });

  it('C12: a forged code is refused, with why in three languages, and a fever reading is not recorded', () => {
    const forged = issueCode(green(), { ...ISSUE, key: otherKey.privateJwk });
    const d = decide(forged, entry(EVALUATED, { celsius: 38 }));
    expect([d.rule, d.admit, d.steps, d.record]).toEqual(['C12', false, ['temperature', 'scan'], null]);
    expect(d.message.en).toContain('bad_signature');
    expect(d.message['zh-Hans']).toContain('签名不成立');
    expect(d.message['zh-Hant']).toContain('簽名不成立');
  });

  it('C12: a fever with an authentic but expired, revoked or not-yet-valid code is refused and recorded', () => {
    const text = issueCode(green(), ISSUE);
    const r = verifyCode(text, { trust, at: EVALUATED });
    const id = r.success ? r.data.id : '';
    for (const [at, revoked] of [
      ['2020-02-12T09:00:00+08:00', undefined],
      [EVALUATED, [id]],
      ['2020-02-10T11:00:00+08:00', undefined],
    ] as const) {
      const d = decide(text, entry(at, { celsius: 37.8 }), revoked ? [...revoked] : undefined);
      expect(d.rule).toBe('C12');
      expect(d.record).toMatchObject({ kind: 'temperature', celsius: 37.8, venue: 'public-place' });
      expect(Date.parse(d.record?.at ?? '')).toBe(Date.parse(at));
      expect(decide(text, entry(at, { celsius: 36.6 }), revoked ? [...revoked] : undefined).record).toBeNull();
    }
    const expired = decide(text, entry('2020-02-12T09:00:00+08:00'));
    expect(expired.message.en).toContain('expired');
    expect(expired.message['zh-Hans']).toContain('刷新健康码');
  });

  it('C12: garbage, a 10 MB text, a wrong prefix are refused at entry; C3 exits are never blocked, whatever was shown', () => {
    for (const t of ['hello', `LYT1:${'A'.repeat(10_000_000)}`, 'HC1:NCF', 42]) {
      expect(decide(t, entry(EVALUATED)).rule).toBe('C12');
      for (const venue of ['residential', 'public-place', 'public-transport'])
        expect(decide(t, { venue, direction: 'out', at: EVALUATED }).rule).toBe('C3');
    }
    expect(decide(issueCode(red(), ISSUE), { venue: 'public-place', direction: 'out', at: '2021-01-01T00:00:00+08:00' }).rule).toBe('C3');
  });

  it('§6: the encounter\'s instant may be a Date, as for check', () => {
    expect(checkCode(issueCode(green(), ISSUE), { venue: 'public-place', direction: 'in', celsius: 36.5, at: new Date(Date.parse(EVALUATED)) }, { trust }).rule).toBe('C4');
  });

  it('C11 comes before C12: no reading, no entry, whatever the code', () => {
    expect(decide('garbage', { venue: 'public-place', direction: 'in', at: EVALUATED }).rule).toBe('C11');
  });

  it('C1, C10: a yellow code at a residential compound: a resident goes home, a visitor may not enter (I-11)', () => {
    const text = issueCode(yellow(), ISSUE);
    expect(decide(text, entry(EVALUATED, { venue: 'residential', role: 'resident' })).rule).toBe('C1');
    expect(decide(text, entry(EVALUATED, { venue: 'residential', role: 'visitor' })).rule).toBe('C10');
  });

  it('§6: a bad context or trust list is an input error with paths, not a decision', () => {
    expect(() => checkCode(issueCode(green(), ISSUE), { venue: 'moon', direction: 'in', at: EVALUATED }, { trust })).toThrow(/context\.venue/);
    expect(() => checkCode(issueCode(green(), ISSUE), entry(EVALUATED), { trust: [{ kid: KID, key: {} }] })).toThrow(/trust\[0\]\.key/);
  });

  it('§6: the checkpoint\'s own policy sets the fever threshold', () => {
    const text = issueCode(green(), ISSUE);
    expect(checkCode(text, entry(EVALUATED, { celsius: 37.1 }), { trust }).rule).toBe('C4');
    expect(checkCode(text, entry(EVALUATED, { celsius: 37.1 }), { trust, policy: { ...lianyungang2020, feverThresholdCelsius: 37 } }).rule).toBe('C6');
  });
});

describe('RULES §9 for the code functions: hostile options', () => {
  const hostile = () => new Proxy({}, { get: () => { throw Object.create(null); } });
  const revokedProxy = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };

  it('§9: verifyCode never throws, whatever the options: a throwing getter, a revoked proxy', () => {
    const text = issueCode(green(), ISSUE);
    for (const options of [hostile(), revokedProxy(), null, 42])
      expect(verifyCode(text, options as never)).toMatchObject({ success: false, error: { code: 'invalid_options' } });
  });

  it('§9: issueCode and checkCode throw only HealthCodeInputError (unreadable options), never the value a getter throws', async () => {
    const { HealthCodeInputError } = await import('../../src/index.js');
    const text = issueCode(green(), ISSUE);
    for (const options of [hostile(), revokedProxy()]) {
      expect(() => issueCode(green(), options as never)).toThrow(HealthCodeInputError);
      expect(() => checkCode(text, entry(EVALUATED), options as never)).toThrow(HealthCodeInputError);
    }
    try {
      checkCode(text, entry(EVALUATED), hostile() as never);
    } catch (error) {
      expect((error as { issues: { path: string[]; code: string }[] }).issues).toEqual([expect.objectContaining({ path: ['options'], code: 'unreadable' })]);
    }
  });
});
