import { decode, encode, type TagDecoder } from 'cborg';
import { unzlibSync, zlibSync } from 'fflate';
import { decodeBase45, encodeBase45 } from './base45.js';

/**
 * The envelope of the code (RULES §11, FORMAT "The code"): a COSE_Sign1 message (RFC 9052 §4.2),
 * tagged 18, as CBOR → zlib → Base45 behind the prefix `LYT1:`. This module only packs and unpacks;
 * what the claims mean and whether the signature holds is decided by the caller.
 */

/** The prefix of every code text of format version 1. */
export const PREFIX = 'LYT1:';
/** The longest text a verifier reads (RULES §11 `too_large`). */
export const MAX_TEXT = 4096;
/** The longest CBOR a text may inflate to: far above any code the package issues. */
const MAX_CBOR = 16_384;
/** COSE_Sign1_Tagged (RFC 9052 §2). */
const COSE_SIGN1_TAG = 18;
/** The zlib level of the text form: fixed, so that the same message always gives the same text. */
const ZLIB_LEVEL = 9;

/** The one tag a code may carry, around its outermost array. */
class Sign1Tag {
  constructor(readonly value: unknown) {}
}

const NO_TAGS: TagDecoder[] = [];
const SIGN1_TAGS: TagDecoder[] = [];
SIGN1_TAGS[COSE_SIGN1_TAG] = (inner: unknown) => new Sign1Tag(inner);

/**
 * CBOR bytes of a value: maps (JavaScript Maps, integer keys included) with their keys in the
 * length-first order of RFC 7049 §3.9, the smallest encoding of every integer and length.
 */
export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}

/**
 * The value of CBOR bytes, maps as Maps; throws on anything that is not one complete item in its
 * smallest encoding, with no indefinite lengths, `undefined`, duplicate keys, or any tag.
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decode(bytes, { useMaps: true, strict: true, allowIndefinite: false, allowUndefined: false, rejectDuplicateMapKeys: true, tags: NO_TAGS });
}

/** Like `decodeCbor`, with tag 18 allowed around the whole item (COSE_Sign1_Tagged). */
function decodeMessage(bytes: Uint8Array): unknown {
  return decode(bytes, { useMaps: true, strict: true, allowIndefinite: false, allowUndefined: false, rejectDuplicateMapKeys: true, tags: SIGN1_TAGS });
}

/** The four parts of a COSE_Sign1 message, as bytes. */
export interface Sign1 {
  readonly protectedBytes: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  readonly tagged: boolean;
}

/** The bytes ES256 signs: `["Signature1", protected, h'', payload]` (RFC 9052 §4.4). */
export function toBeSigned(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/** The code text of a COSE_Sign1 message with an empty unprotected header. */
export function packText(message: Sign1): string {
  const array = encodeCbor([message.protectedBytes, new Map(), message.payload, message.signature]);
  // Tag 18 is the one byte 0xd2 (major type 6, value 18) before the array.
  const cbor = message.tagged ? new Uint8Array([0xc0 | COSE_SIGN1_TAG, ...array]) : array;
  return PREFIX + encodeBase45(zlibSync(cbor, { level: ZLIB_LEVEL }));
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/**
 * The COSE_Sign1 message of a code text, or undefined when the text is not one: a wrong prefix,
 * bad Base45, bad zlib, bad CBOR, not a four-part message of byte strings with an empty
 * unprotected header, or not written exactly as `packText` writes it (so that one signed message
 * has one text, and nothing outside the signature can be changed without the text failing).
 * The caller has checked the text's length (`MAX_TEXT`).
 */
export function unpackText(text: string): Sign1 | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const compressed = decodeBase45(text.slice(PREFIX.length));
  if (compressed === undefined || compressed.length < 2) return undefined;
  let cbor: Uint8Array;
  let item: unknown;
  try {
    cbor = unzlibSync(compressed);
    if (cbor.length > MAX_CBOR) return undefined;
    item = decodeMessage(cbor);
  } catch {
    return undefined;
  }
  const tagged = item instanceof Sign1Tag;
  const array: unknown = item instanceof Sign1Tag ? item.value : item;
  if (!Array.isArray(array) || array.length !== 4) return undefined;
  const [protectedBytes, unprotected, payload, signature] = array as unknown[];
  if (!isBytes(protectedBytes) || !isBytes(payload) || !isBytes(signature)) return undefined;
  if (!(unprotected instanceof Map) || unprotected.size !== 0) return undefined;
  const message: Sign1 = { protectedBytes, payload, signature, tagged };
  return packText(message) === text ? message : undefined;
}
