// The partition of a person: a stable hash of the subject id, so that one person's entries always
// go to the same stream and stay in the order they were appended.

/**
 * FNV-1a (32 bits) of the UTF-8 bytes of `text`: the same number on every machine and Node version.
 * @param {string} text
 * @returns {number} an unsigned 32-bit integer
 */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The partition of `subjectId` among `partitions` streams.
 * @param {string} subjectId - the opaque subject id of the declaration
 * @param {number} partitions - how many partition streams there are (P)
 * @returns {number} 0 … P−1
 */
export function partitionOf(subjectId, partitions) {
  return fnv1a(subjectId) % partitions;
}
