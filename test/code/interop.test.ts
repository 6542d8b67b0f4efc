import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { issueCode } from '../../src/code/index.js';
import { keyPair } from '../support/keys.js';

/**
 * RULES §11, FORMAT "The code": a code this package issues is verified by an independent COSE
 * implementation (cose-js, which uses the `cbor` package and Node's own crypto), after an
 * independent Base45 decoder (the `base45` package) and Node's zlib.
 */

const require = createRequire(import.meta.url);
const cose = require('cose-js') as { sign: { verify: (message: Buffer, verifier: unknown) => Promise<Buffer> } };
const base45 = require('base45') as { decode: (text: string) => Buffer };
const cbor = require('cbor') as { decodeFirstSync: (bytes: Buffer) => unknown };

const issuer = keyPair('lianyungang issuer 1');
const other = keyPair('somebody else');

const a = evaluate(
  { id: 'app-1', subjectId: 's-7f3a', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true, keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] },
  [{ id: 'rv', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved' }],
  '2020-02-10T12:00:00+08:00',
);

const coseBytes = (text: string): Buffer => inflateSync(base45.decode(text.slice('LYT1:'.length)));
const verifier = (jwk: Record<string, string>) => ({ key: { x: Buffer.from(jwk['x'] as string, 'base64url'), y: Buffer.from(jwk['y'] as string, 'base64url'), kid: 'lyg-2020-1' } });

describe('RULES §11: interoperability', () => {
  it('§11: cose-js verifies the ES256 signature of an issued code and returns its CWT claims', async () => {
    const text = issueCode(a, { key: issuer.privateJwk, kid: 'lyg-2020-1', issuer: 'lianyungang', holder: '张*' });
    const payload = await cose.sign.verify(coseBytes(text), verifier(issuer.publicJwk));
    const claims = cbor.decodeFirstSync(payload) as Map<number, unknown>;
    expect(claims.get(1)).toBe('lianyungang');
    expect(claims.get(6)).toBe(Date.parse('2020-02-10T12:00:00+08:00') / 1000);
    expect(claims.get(4)).toBe(Date.parse('2020-02-11T12:00:00+08:00') / 1000);
    const code = claims.get(-65537) as Map<string, unknown> | Record<string, unknown>;
    const read = (k: string) => (code instanceof Map ? code.get(k) : code[k]);
    expect([read('v'), read('subjectId'), read('colour'), read('rules'), read('issued'), read('holder')]).toEqual([1, 's-7f3a', 'red', ['R3'], true, '张*']);
  });

  it('§11: cose-js refuses the same code under another public key', async () => {
    const text = issueCode(a, { key: issuer.privateJwk, kid: 'lyg-2020-1', issuer: 'lianyungang' });
    await expect(cose.sign.verify(coseBytes(text), verifier(other.publicJwk))).rejects.toThrow();
  });
});
