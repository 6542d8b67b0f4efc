import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import * as z from 'zod';
import { colourOf } from '../fold.js';
import { CREDENTIALS, COLOURS, InstantSchema, NonEmptyString, RULES, type Credential } from '../schema/primitives.js';

/**
 * The claims of the code (RULES §11): the CWT claims set (RFC 8392) with `iss` (1), `exp` (4),
 * `iat` (6), `cti` (7) and the private claim -65537 that carries what a checkpoint decides on.
 */

/** The CWT claim keys the code uses (RFC 8392) and its private claim. */
export const CLAIM = { iss: 1, exp: 4, iat: 6, cti: 7, code: -65537 } as const;
/** The format version inside the private claim. */
export const CLAIMS_VERSION = 1;
/** The longest `holder` hint a code carries: a masked name, not a record (§9). */
export const MAX_HOLDER = 64;
/** The longest issuer id and key id. */
export const MAX_ID = 256;

/** A key id: 1 to 64 printable ASCII characters, written as those bytes in the protected header. */
export const KID = /^[\x20-\x7e]{1,64}$/;

/** The bytes of an ASCII key id. */
export function kidBytes(kid: string): Uint8Array {
  return Uint8Array.from(kid, (c) => c.charCodeAt(0));
}

/** The key id of header bytes, or undefined when they are not 1 to 64 printable ASCII bytes. */
export function kidOf(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.length > 64 || !bytes.every((b) => b >= 0x20 && b <= 0x7e)) return undefined;
  return String.fromCharCode(...bytes);
}

const FIRST_SECOND = 0; // 1970-01-01 (T-2)
const LAST_SECOND = 7_258_118_399; // 2199-12-31T23:59:59Z (T-2)

/** The private claim -65537 as a schema: a Map read into a plain object first. */
export const CodeClaimSchema = z.strictObject({
  v: z.literal(CLAIMS_VERSION),
  subjectId: NonEmptyString.max(MAX_ID * 4),
  colour: z.enum(COLOURS),
  since: InstantSchema,
  releaseAt: InstantSchema.nullable(),
  nextChangeAt: InstantSchema.nullable(),
  rules: z.array(z.enum(RULES)).max(RULES.length),
  issued: z.boolean(),
  credential: z.enum(CREDENTIALS),
  policy: z.strictObject({ id: NonEmptyString.max(MAX_ID), version: NonEmptyString.max(MAX_ID), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
  holder: z.string().min(1).max(MAX_HOLDER).optional(),
});

/** The private claim of a code. */
export type CodeClaim = z.output<typeof CodeClaimSchema>;

/** The rules of a code are distinct, in RULES order, and give its colour (I-1). */
export function rulesAgree(claim: CodeClaim): boolean {
  const order = claim.rules.map((r) => RULES.indexOf(r));
  return order.every((n, i) => i === 0 || n > (order[i - 1] as number)) && colourOf(claim.rules) === claim.colour;
}

/** Whole seconds since 1970 within T-2's years. */
export function isSeconds(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= FIRST_SECOND && (value as number) <= LAST_SECOND;
}

/**
 * The code id `cti` (RULES §11): the first 16 bytes of SHA-256 over `subjectId`, `iat`, the policy
 * hash, the credential form and `iss`, joined by line feeds.
 */
export function codeId(subjectId: string, iat: number, policyHash: string, credential: Credential, issuer: string): Uint8Array {
  return sha256(utf8ToBytes([subjectId, String(iat), policyHash, credential, issuer].join('\n'))).slice(0, 16);
}

/** 32 lowercase hex digits, as a code id is shown and listed. */
export function hex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** The private claim as a CBOR map, in the order of FORMAT "The code". */
export function claimMap(claim: CodeClaim): Map<string, unknown> {
  const map = new Map<string, unknown>([
    ['v', claim.v],
    ['subjectId', claim.subjectId],
    ['colour', claim.colour],
    ['since', claim.since],
    ['releaseAt', claim.releaseAt],
    ['nextChangeAt', claim.nextChangeAt],
    ['rules', [...claim.rules]],
    ['issued', claim.issued],
    ['credential', claim.credential],
    ['policy', new Map<string, string>([['id', claim.policy.id], ['version', claim.policy.version], ['hash', claim.policy.hash]])],
  ]);
  if (claim.holder !== undefined) map.set('holder', claim.holder);
  return map;
}

/** A CBOR map with text keys as a plain object (no prototype), or undefined. */
export function textMap(value: unknown): Record<string, unknown> | undefined {
  if (!(value instanceof Map)) return undefined;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, inner] of value) {
    if (typeof key !== 'string') return undefined;
    out[key] = inner instanceof Map ? textMap(inner) : inner;
  }
  return out;
}
