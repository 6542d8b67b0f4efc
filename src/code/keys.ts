import { p256 } from '@noble/curves/nist.js';
import type { InputIssue } from '../errors.js';

/**
 * P-256 keys as JWKs (RFC 7517, RFC 7518 §6.2): `{ kty: "EC", crv: "P-256", x, y }`, plus `d` for
 * a private key, each coordinate 32 bytes in base64url without padding. Every key is checked to be
 * a point of the curve (and `d` to give `x`, `y`) before it signs or verifies anything.
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_VALUE: ReadonlyMap<string, number> = new Map([...B64URL].map((c, i) => [c, i]));

/** 32 bytes from 43 base64url characters (no padding, canonical last character), else undefined. */
function coordinate(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length !== 43) return undefined;
  const out = new Uint8Array(32);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of text) {
    const v = B64_VALUE.get(c);
    if (v === undefined) return undefined;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // 43 characters carry 258 bits: the last 2 must be zero, or two texts would name one key.
  return (acc & ((1 << bits) - 1)) === 0 ? out : undefined;
}

/** The base64url text of 32 bytes, as a JWK writes a coordinate. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += B64URL[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += B64URL[(acc << (6 - bits)) & 63];
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The uncompressed SEC 1 point `04 ‖ x ‖ y` of a public JWK, or issues under `path`. */
export function readPublicJwk(jwk: unknown, path: readonly (string | number)[], issues: InputIssue[]): Uint8Array | undefined {
  const problem = (message: string): undefined => {
    issues.push({ path: [...path], code: 'invalid_key', message });
    return undefined;
  };
  if (!isObject(jwk)) return problem('a JWK object { kty: "EC", crv: "P-256", x, y }');
  if (jwk['kty'] !== 'EC' || jwk['crv'] !== 'P-256') return problem('only EC keys on P-256 are supported (ES256, RULES §11)');
  const x = coordinate(jwk['x']);
  const y = coordinate(jwk['y']);
  if (x === undefined || y === undefined) return problem('x and y must each be 32 bytes in base64url without padding');
  const point = new Uint8Array(65);
  point[0] = 4;
  point.set(x, 1);
  point.set(y, 33);
  try {
    p256.Point.fromBytes(point).assertValidity();
  } catch {
    return problem('x and y are not a point of P-256');
  }
  return point;
}

/** The 32-byte secret of a private JWK whose `x`, `y` are its public key, or issues under `path`. */
export function readPrivateJwk(jwk: unknown, path: readonly (string | number)[], issues: InputIssue[]): Uint8Array | undefined {
  const before = issues.length;
  const point = readPublicJwk(jwk, path, issues);
  if (point === undefined) return undefined;
  const d = coordinate((jwk as Record<string, unknown>)['d']);
  if (d === undefined || !p256.utils.isValidSecretKey(d)) {
    issues.push({ path: [...path, 'd'], code: 'invalid_key', message: 'a private key needs d: a P-256 secret, 32 bytes in base64url' });
    return undefined;
  }
  const derived = p256.getPublicKey(d, false);
  if (!derived.every((b, i) => b === point[i])) {
    issues.push({ path: [...path], code: 'invalid_key', message: 'x and y are not the public key of d' });
    return undefined;
  }
  return issues.length === before ? d : undefined;
}
