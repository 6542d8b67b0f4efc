import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64url } from '../../src/code/keys.js';

/** A P-256 key pair as JWKs, derived from a name so that every run signs with the same keys. */
export function keyPair(name: string): { readonly secret: Uint8Array; readonly privateJwk: Record<string, string>; readonly publicJwk: Record<string, string> } {
  const secret = sha256(utf8ToBytes(`health-code-rules test key: ${name}`));
  const point = p256.getPublicKey(secret, false);
  const publicJwk = { kty: 'EC', crv: 'P-256', x: base64url(point.slice(1, 33)), y: base64url(point.slice(33)) };
  return { secret, publicJwk, privateJwk: { ...publicJwk, d: base64url(secret) } };
}
