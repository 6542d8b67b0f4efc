/**
 * Base45 (RFC 9285): the text form of the code (RULES §11), every character in the QR
 * alphanumeric set. Decoding is strict, so that one byte string has exactly one text: a character
 * outside the alphabet, a dangling single character, or a group whose value does not fit its bytes
 * is refused (undefined).
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUE: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

/** The Base45 text of `bytes` (RFC 9285 §4). */
export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    for (let k = 0; k < 3; k++) {
      out += ALPHABET[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (i < bytes.length) {
    const n = bytes[i] as number;
    out += (ALPHABET[n % 45] as string) + ALPHABET[Math.floor(n / 45)];
  }
  return out;
}

/** The bytes of a Base45 text, or undefined when it is not one (RFC 9285 §4.2, §6). */
export function decodeBase45(text: string): Uint8Array | undefined {
  if (text.length % 3 === 1) return undefined;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const size = Math.min(3, text.length - i);
    let n = 0;
    for (let k = size - 1; k >= 0; k--) {
      const v = VALUE.get(text.charAt(i + k));
      if (v === undefined) return undefined;
      n = n * 45 + v;
    }
    if (size === 3) {
      if (n > 0xffff) return undefined;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return undefined;
      out[o++] = n;
    }
  }
  return out;
}
