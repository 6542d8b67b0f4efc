import { p256 } from '@noble/curves/nist.js';
import { checkContext, decideEncounter, readAssessment, type Invalid } from '../checkpoint.js';
import { HealthCodeInputError, internalIssue, type InputIssue } from '../errors.js';
import { parseInstant } from '../internal/iso.js';
import { lianyungang2020 } from '../policy/lianyungang2020.js';
import { compilePolicy, type CompiledPolicy } from '../policy/compile.js';
import type { CheckDecision } from '../schema/checkpoint.js';
import { CREDENTIALS, type Colour, type Credential, type RuleId } from '../schema/primitives.js';
import { parseNow } from '../validate.js';
import {
  CLAIM,
  CLAIMS_VERSION,
  CodeClaimSchema,
  MAX_HOLDER,
  KID,
  MAX_ID,
  claimMap,
  kidBytes,
  kidOf,
  codeId,
  hex,
  isSeconds,
  rulesAgree,
  textMap,
  type CodeClaim,
} from './claims.js';
import { MAX_TEXT, decodeCbor, encodeCbor, packText, toBeSigned, unpackText } from './cose.js';
import { readPrivateJwk, readPublicJwk } from './keys.js';
import { failureMessage } from './messages.js';

/**
 * The health code itself (RULES §11): a signed credential that a person shows, on a phone or on
 * paper (policy §6, §8), and that a checkpoint verifies offline. `issueCode` signs an assessment's
 * claims with the issuer's key; `verifyCode` checks a text against a trust list; `checkCode` decides
 * an encounter from a text (RULES §6, C12 when it fails).
 */

/** COSE's id of ES256 (RFC 9053 §2.1). */
const ES256 = -7;
const HEADER_ALG = 1;
const HEADER_KID = 4;

const builtIn: CompiledPolicy = /* @__PURE__ */ compilePolicy(lianyungang2020);

/** Why a code did not verify (RULES §11), in the order the checks run. */
export const CODE_FAILURES = [
  'too_large',
  'malformed',
  'unsupported_alg',
  'unknown_key',
  'bad_signature',
  'revoked',
  'not_yet_valid',
  'expired',
] as const;
/**
 * A verification failure of RULES §11; or `invalid_options` when the trust list, `at` or
 * `revoked` given is not valid; or `internal`, a defect of the library (never a pass).
 */
export type CodeFailure = (typeof CODE_FAILURES)[number] | 'invalid_options' | 'internal';

/** A trusted issuer key (RULES §11): applies to codes whose `iat` lies in `[from, until)`. */
export interface TrustEntry {
  readonly kid: string;
  /** The public key as a JWK `{ kty: "EC", crv: "P-256", x, y }`. */
  readonly key: unknown;
  readonly from?: string | Date;
  readonly until?: string | Date;
}

/** The claims of a verified code. */
export interface CodeClaims {
  readonly id: string;
  readonly subjectId: string;
  readonly colour: Colour;
  readonly since: string;
  readonly releaseAt: string | null;
  readonly nextChangeAt: string | null;
  readonly rules: readonly RuleId[];
  readonly issued: boolean;
  readonly credential: Credential;
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  readonly holder: string | null;
  readonly issuer: string;
  readonly kid: string;
  readonly issuedAt: string;
  readonly validUntil: string;
}

/** The result of `verifyCode`: the verified claims, or the first check that failed. */
export type CodeVerification =
  | { readonly success: true; readonly data: CodeClaims }
  | { readonly success: false; readonly error: { readonly code: CodeFailure; readonly message: string } };

/** Options of `issueCode`. */
export interface IssueOptions {
  /** The issuer's private key as a JWK (P-256, with `d`). */
  readonly key: unknown;
  /** The key id written in the protected header (label 4); the trust list names it. */
  readonly kid: string;
  /** The issuer id (`iss`). */
  readonly issuer: string;
  /** The credential form; else the assessment's, else `app-code`. */
  readonly credential?: Credential;
  /** A hint the issuing app supplies (a masked name); never computed or required (§9). */
  readonly holder?: string;
  /** The policy the assessment was evaluated under; the built-in one by default. */
  readonly policy?: unknown;
}

/** Options of `verifyCode`. */
export interface VerifyOptions {
  readonly trust: readonly TrustEntry[];
  /** The instant of the encounter: a `Date` or an ISO-8601 instant with offset. */
  readonly at: string | Date;
  /** Ids of revoked codes (32 lowercase hex digits each). */
  readonly revoked?: readonly string[];
  /** The policy whose zone writes `issuedAt` and `validUntil`; the built-in one by default. */
  readonly policy?: unknown;
}

/** Options of `checkCode`. */
export interface CheckCodeOptions {
  readonly trust: readonly TrustEntry[];
  readonly revoked?: readonly string[];
  /** The checkpoint's policy (fever threshold, zone); the built-in one by default. */
  readonly policy?: unknown;
}

function text(value: unknown, path: string, max: number, issues: InputIssue[]): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= max) return value;
  issues.push({ path: [path], code: value === undefined ? 'required' : 'invalid', message: `a non-empty string of at most ${max} characters` });
  return undefined;
}

function policyOf(policy: unknown): CompiledPolicy {
  return policy === undefined ? builtIn : compilePolicy(policy);
}


/**
 * Issues the code of an assessment (RULES §11): a COSE_Sign1 over CWT claims, signed with ES256
 * (RFC 6979 nonces: the same input gives the same text), as `LYT1:` + Base45(zlib(CBOR)). A red,
 * yellow or unissued code is issued like a green one: the checkpoint refuses it by its colour or
 * `issued` (C7), and the person sees why. Throws `HealthCodeInputError` listing every problem when
 * the assessment (schema, `policy_mismatch`, `inconsistent`) or an option is invalid.
 *
 * @param assessment - an assessment from `evaluate` under `options.policy`
 * @param options - `{ key, kid, issuer, credential?, holder?, policy? }`
 * @returns the code text, every character in the QR alphanumeric set
 * @example
 * const text = issueCode(evaluate(declaration, history, now), { key: privateJwk, kid: 'lyg-2020-1', issuer: 'lianyungang' });
 */
export function issueCode(assessment: unknown, options: IssueOptions): string {
  const opts = readOptions<IssueOptions>(options, ['key', 'kid', 'issuer', 'credential', 'holder', 'policy']);
  return guarded('issue a code', () => issueWith(assessment, opts));
}

/**
 * The options' fields as plain values, read once: an options object whose fields cannot be read
 * (a throwing getter, a proxy) is an `unreadable` input error, never an exception of another kind.
 */
function readOptions<T>(options: unknown, keys: readonly (keyof T & string)[]): Partial<T> {
  const out: Record<string, unknown> = {};
  try {
    if (typeof options !== 'object' || options === null) return {};
    for (const key of keys) out[key] = (options as Record<string, unknown>)[key];
  } catch {
    throw new HealthCodeInputError([{ path: ['options'], code: 'unreadable', message: 'the options could not be read: reading them threw an exception' }], 'options');
  }
  return out as Partial<T>;
}

/** Whether `cause` is a `HealthCodeInputError`; `instanceof` itself throws for a revoked proxy. */
function isInputError(cause: unknown): cause is HealthCodeInputError {
  try {
    return cause instanceof HealthCodeInputError;
  } catch {
    return false;
  }
}

/** Runs `fn`; anything but a `HealthCodeInputError` it throws is the library's defect (`internal`). */
function guarded<T>(doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    if (isInputError(cause)) throw cause;
    throw new HealthCodeInputError([internalIssue(cause, doing)]);
  }
}

function issueWith(assessment: unknown, opts: Partial<IssueOptions>): string {
  const issues: InputIssue[] = [];
  let cp: CompiledPolicy;
  try {
    cp = policyOf(opts.policy);
  } catch (error) {
    if (isInputError(error)) throw error;
    throw new HealthCodeInputError([{ path: ['policy'], code: 'invalid', message: 'the policy could not be read' }], 'options');
  }
  const a = readAssessment(cp, assessment, issues);
  const secret = readPrivateJwk(opts.key, ['key'], issues);
  const kid = typeof opts.kid === 'string' && KID.test(opts.kid) ? opts.kid : undefined;
  if (kid === undefined) issues.push({ path: ['kid'], code: opts.kid === undefined ? 'required' : 'invalid', message: 'a key id: 1 to 64 printable ASCII characters' });
  const issuer = text(opts.issuer, 'issuer', MAX_ID, issues);
  if (opts.credential !== undefined && !CREDENTIALS.includes(opts.credential))
    issues.push({ path: ['credential'], code: 'invalid_value', message: `one of ${CREDENTIALS.join(', ')}` });
  if (opts.holder !== undefined) text(opts.holder, 'holder', MAX_HOLDER, issues);
  if (issues.length > 0 || a === undefined || secret === undefined || kid === undefined || issuer === undefined)
    throw new HealthCodeInputError(issues);

  const credential: Credential = opts.credential ?? a.credential ?? 'app-code';
  const evaluatedMs = parseInstant(a.evaluatedAt) as number;
  const nextChange = a.nextChangeAt === null ? Number.POSITIVE_INFINITY : (parseInstant(a.nextChangeAt) as number);
  const validUntil = Math.min(nextChange, evaluatedMs + cp.codeValidityMs[credential]);
  const iat = Math.floor(evaluatedMs / 1000);
  const exp = Math.floor(validUntil / 1000);
  const at = (instant: string | null): string | null => (instant === null ? null : cp.zone.format(parseInstant(instant) as number));
  const claim: CodeClaim = {
    v: CLAIMS_VERSION,
    subjectId: a.subjectId,
    colour: a.colour,
    since: at(a.since) as string,
    releaseAt: at(a.releaseAt),
    nextChangeAt: at(a.nextChangeAt),
    rules: a.reasons.map((r) => r.rule),
    issued: a.issued,
    credential,
    policy: { ...a.policy },
    ...(opts.holder === undefined ? {} : { holder: opts.holder }),
  };
  const claims = new Map<number, unknown>([
    [CLAIM.iss, issuer],
    [CLAIM.exp, exp],
    [CLAIM.iat, iat],
    [CLAIM.cti, codeId(a.subjectId, iat, a.policy.hash, credential, issuer)],
    [CLAIM.code, claimMap(claim)],
  ]);
  const protectedBytes = encodeCbor(new Map<number, unknown>([[HEADER_ALG, ES256], [HEADER_KID, kidBytes(kid)]]));
  const payload = encodeCbor(claims);
  const signature = p256.sign(toBeSigned(protectedBytes, payload), secret);
  return packText({ protectedBytes, payload, signature, tagged: true });
}

type Failure = Extract<CodeVerification, { success: false }>;
const fail = (code: CodeFailure, message: string): Failure => ({ success: false, error: { code, message } });

interface Trust {
  readonly kid: string;
  readonly point: Uint8Array;
  readonly fromMs: number;
  readonly untilMs: number;
}

function readOptionalInstant(cp: CompiledPolicy, value: unknown, path: (string | number)[], issues: InputIssue[], fallback: number): number {
  if (value === undefined) return fallback;
  return parseNow(value, path, cp, issues) ?? fallback;
}

/** The trust list, the revocation list and the instant, checked; every problem in `issues`. */
function readVerifyOptions(
  cp: CompiledPolicy,
  trust: unknown,
  revoked: unknown,
  issues: InputIssue[],
): { trust: Trust[]; revoked: ReadonlySet<string> } {
  const entries: Trust[] = [];
  if (!Array.isArray(trust)) issues.push({ path: ['trust'], code: trust === undefined ? 'required' : 'invalid_type', message: 'a list of { kid, key, from?, until? }' });
  else if (trust.length > 1000) issues.push({ path: ['trust'], code: 'too_large', message: 'at most 1,000 trusted keys' });
  else
    trust.forEach((entry: unknown, i) => {
      const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      const kid = e['kid'];
      if (typeof kid !== 'string' || !KID.test(kid))
        issues.push({ path: ['trust', i, 'kid'], code: 'invalid', message: 'a key id: 1 to 64 printable ASCII characters' });
      const point = readPublicJwk(e['key'], ['trust', i, 'key'], issues);
      const fromMs = readOptionalInstant(cp, e['from'], ['trust', i, 'from'], issues, Number.NEGATIVE_INFINITY);
      const untilMs = readOptionalInstant(cp, e['until'], ['trust', i, 'until'], issues, Number.POSITIVE_INFINITY);
      if (typeof kid === 'string' && point !== undefined) entries.push({ kid, point, fromMs, untilMs });
    });
  const ids = new Set<string>();
  if (revoked !== undefined) {
    if (!Array.isArray(revoked) || revoked.length > 1_000_000)
      issues.push({ path: ['revoked'], code: 'invalid_type', message: 'a list of at most 1,000,000 code ids' });
    else
      revoked.forEach((id: unknown, i) => {
        if (typeof id === 'string' && /^[0-9a-f]{32}$/.test(id)) ids.add(id);
        else issues.push({ path: ['revoked', i], code: 'invalid', message: 'a code id: 32 lowercase hex digits' });
      });
  }
  return { trust: entries, revoked: ids };
}

interface Parsed {
  readonly kid: string;
  readonly claim: CodeClaim;
  readonly iss: string;
  readonly iat: number;
  readonly exp: number;
  readonly cti: Uint8Array;
}

/** The header and claims of an unpacked message, or a `malformed` / `unsupported_alg` failure. */
function readMessage(protectedBytes: Uint8Array, payload: Uint8Array): Parsed | Failure {
  let header: unknown;
  let claims: unknown;
  try {
    header = decodeCbor(protectedBytes);
    claims = decodeCbor(payload);
  } catch {
    return fail('malformed', 'the protected header or the claims are not CBOR');
  }
  if (!(header instanceof Map) || !(claims instanceof Map)) return fail('malformed', 'the protected header and the claims must be CBOR maps');
  const kidHeader: unknown = header.get(HEADER_KID);
  const iss: unknown = claims.get(CLAIM.iss);
  const iat: unknown = claims.get(CLAIM.iat);
  const exp: unknown = claims.get(CLAIM.exp);
  const cti: unknown = claims.get(CLAIM.cti);
  const claim = CodeClaimSchema.safeParse(textMap(claims.get(CLAIM.code)));
  const known = [...header.keys()].every((k) => k === HEADER_ALG || k === HEADER_KID) && claims.size === 5;
  if (
    !known ||
    !(kidHeader instanceof Uint8Array) ||
    typeof iss !== 'string' ||
    iss.length === 0 ||
    iss.length > MAX_ID ||
    !isSeconds(iat) ||
    !isSeconds(exp) ||
    exp < iat ||
    !(cti instanceof Uint8Array) ||
    !claim.success ||
    !rulesAgree(claim.data)
  )
    return fail('malformed', 'the claims are not those of a health code (RULES §11)');
  const kid = kidOf(kidHeader);
  if (kid === undefined) return fail('malformed', 'the key id is not 1 to 64 printable ASCII characters');
  if (hex(cti) !== hex(codeId(claim.data.subjectId, iat, claim.data.policy.hash, claim.data.credential, iss)))
    return fail('malformed', 'the code id does not match the claims');
  if (header.get(HEADER_ALG) !== ES256) return fail('unsupported_alg', 'only ES256 (COSE alg -7) is accepted');
  return { kid, claim: claim.data, iss, iat, exp, cti };
}

/**
 * Verifies a code text offline (RULES §11): `too_large`, `malformed`, `unsupported_alg`,
 * `unknown_key`, `bad_signature`, `revoked`, `not_yet_valid`, `expired`, in that order, the first
 * failure reported. Nothing but a valid ES256 signature under a trusted key makes a claim count. It
 * never throws and reads no clock, file or network.
 *
 * @param text - the scanned text (`LYT1:…`)
 * @param options - `{ trust, at, revoked?, policy? }`
 * @returns `{ success: true, data: claims }` or `{ success: false, error: { code, message } }`
 * @example
 * const r = verifyCode(text, { trust: [{ kid: 'lyg-2020-1', key: publicJwk }], at: new Date() });
 * if (r.success) r.data.colour; else r.error.code; // e.g. 'expired'
 */
export function verifyCode(text: unknown, options: VerifyOptions): CodeVerification {
  let checked: { cp: CompiledPolicy; trust: Trust[]; revoked: ReadonlySet<string>; atMs: number };
  try {
    const issues: InputIssue[] = [];
    const opts = readOptions<VerifyOptions>(options, ['trust', 'at', 'revoked', 'policy']);
    const cp = policyOf(opts.policy);
    const atMs = parseNow(opts.at, ['at'], cp, issues);
    const { trust, revoked } = readVerifyOptions(cp, opts.trust, opts.revoked, issues);
    if (atMs === undefined || issues.length > 0)
      return fail('invalid_options', new HealthCodeInputError(issues, 'verification options').message);
    checked = { cp, trust, revoked, atMs };
  } catch (error) {
    return fail('invalid_options', isInputError(error) ? error.message : 'the options could not be read');
  }
  try {
    return verifyAt(checked.cp, text, checked.trust, checked.revoked, checked.atMs);
  } catch (cause) {
    // Every input was checked first: an exception here is the library's defect, never a pass.
    return fail('internal', internalIssue(cause, 'verify the code').message);
  }
}

function verifyAt(cp: CompiledPolicy, text: unknown, trust: readonly Trust[], revoked: ReadonlySet<string>, atMs: number): CodeVerification {
  if (typeof text === 'string' && text.length > MAX_TEXT) return fail('too_large', `a code text is at most ${MAX_TEXT} characters`);
  if (typeof text !== 'string') return fail('malformed', 'a code is a text');
  const message = unpackText(text);
  if (message === undefined) return fail('malformed', 'not a health code text (LYT1: + Base45 of zlib of a COSE_Sign1 message)');
  const parsed = readMessage(message.protectedBytes, message.payload);
  if ('success' in parsed) return parsed;
  const iatMs = parsed.iat * 1000;
  const keys = trust.filter((t) => t.kid === parsed.kid && t.fromMs <= iatMs && iatMs < t.untilMs);
  if (keys.length === 0) return fail('unknown_key', `no trusted key "${parsed.kid}" for a code issued at ${cp.zone.format(iatMs)}`);
  const signed = toBeSigned(message.protectedBytes, message.payload);
  if (message.signature.length !== 64 || !keys.some((k) => p256.verify(message.signature, signed, k.point)))
    return fail('bad_signature', 'the signature does not hold under the trusted key');
  const id = hex(parsed.cti);
  if (revoked.has(id)) return fail('revoked', `code ${id} is revoked`);
  if (atMs < iatMs) return fail('not_yet_valid', `issued at ${cp.zone.format(iatMs)}, after this encounter`);
  const { claim } = parsed;
  const nextChange = claim.nextChangeAt === null ? Number.POSITIVE_INFINITY : (parseInstant(claim.nextChangeAt) as number);
  const expMs = parsed.exp * 1000;
  if (atMs >= Math.min(expMs, nextChange)) return fail('expired', `valid until ${cp.zone.format(Math.min(expMs, nextChange))}`);
  return {
    success: true,
    data: {
      id,
      subjectId: claim.subjectId,
      colour: claim.colour,
      since: claim.since,
      releaseAt: claim.releaseAt,
      nextChangeAt: claim.nextChangeAt,
      rules: claim.rules,
      issued: claim.issued,
      credential: claim.credential,
      policy: claim.policy,
      holder: claim.holder ?? null,
      issuer: parsed.iss,
      kid: parsed.kid,
      issuedAt: cp.zone.format(iatMs),
      validUntil: cp.zone.format(expMs),
    },
  };
}

/** Failures after which the signature held, so the code's subject is known (C12's record). */
const AUTHENTIC: ReadonlySet<CodeFailure> = new Set(['revoked', 'not_yet_valid', 'expired']);

/**
 * Decides a checkpoint encounter from a scanned code (RULES §6, §11): verified against the trust
 * list at the context's instant, then the same table as `check`. A code that fails verification is
 * refused at entry (C12), with a message saying why in zh-Hans, zh-Hant and en; a fever reading
 * with an authentic but revoked, not-yet-valid or expired code is still recorded; exits are never
 * blocked (C3). Throws `HealthCodeInputError` only when the context or the options are invalid.
 *
 * @param text - the scanned text (`LYT1:…`), whatever it holds
 * @param context - `{ venue, direction, role?, celsius?, at, recordId? }` as for `check`
 * @param options - `{ trust, revoked?, policy? }`
 * @returns the `CheckDecision`
 * @example
 * checkCode(text, { venue: 'public-transport', direction: 'in', celsius: 36.6, at: new Date().toISOString() }, { trust }).rule // 'C5'
 */
export function checkCode(text: unknown, context: unknown, options: CheckCodeOptions): CheckDecision {
  const opts = readOptions<CheckCodeOptions>(options, ['trust', 'revoked', 'policy']);
  return guarded('check a code', () => checkWith(text, context, opts));
}

function checkWith(text: unknown, context: unknown, opts: Partial<CheckCodeOptions>): CheckDecision {
  const issues: InputIssue[] = [];
  const cp = policyOf(opts.policy);
  const valid = checkContext(cp, context, issues);
  const { trust, revoked } = readVerifyOptions(cp, opts.trust, opts.revoked, issues);
  if (valid === undefined || issues.length > 0) throw new HealthCodeInputError(issues);
  let verified: CodeVerification;
  try {
    verified = verifyAt(cp, text, trust, revoked, valid.atMs);
  } catch (cause) {
    verified = fail('internal', internalIssue(cause, 'verify the code').message);
  }
  if (!verified.success) {
    const invalid: Invalid = { message: failureMessage(verified.error.code, verified.error.message), subjectKnown: AUTHENTIC.has(verified.error.code) };
    return decideEncounter(cp, null, invalid, valid);
  }
  const claims = verified.data;
  return decideEncounter(cp, { colour: claims.colour, issued: claims.issued, review: null, rules: claims.rules }, null, valid);
}

