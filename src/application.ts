import { HealthCodeInputError } from './errors.js';
import type { Category, Channel } from './schema/declaration.js';
import type { Credential } from './schema/primitives.js';

/**
 * Applications (RULES §7, policy §6 and §8): who must apply, and the credential each channel
 * yields once the review approves it. The assessment itself does not depend on the channel;
 * only the form of the credential does.
 */

const CATEGORIES: readonly Category[] = ['resident', 'arrival', 'returnee'];
const CHANNELS: readonly Channel[] = ['self', 'proxy', 'paper-form'];

/**
 * Whether a person of this category must apply for a code (A-1, policy §6): people arriving in or
 * returning to the city must; residents may apply of their own accord. Throws
 * `HealthCodeInputError` (path `category`) for anything else.
 *
 * @param category - `'arrival'`, `'returnee'` or `'resident'`
 * @returns `true` for arrivals and returnees, `false` for residents
 * @example
 * mustApply('returnee') // true
 * mustApply('resident') // false
 */
export function mustApply(category: Category): boolean {
  if (!CATEGORIES.includes(category))
    throw new HealthCodeInputError([
      { path: ['category'], code: 'invalid_value', message: `expected one of ${CATEGORIES.join(', ')} (A-1)` },
    ]);
  return category !== 'resident';
}

/**
 * The credential a channel yields when the review approves the application and the approval does
 * not name one (A-2, policy §6): an app code for a person who applied in the app, themselves or
 * through a proxy; a health pass card for a resident who filled in the paper health declaration
 * form. A proxy applicant may instead print a paper code: the `review-approved` event then says
 * `"credential": "paper-code"`, and that wins. Throws `HealthCodeInputError` (path `channel`) for
 * an unknown channel.
 *
 * @param channel - `'self'`, `'proxy'` or `'paper-form'`
 * @returns the credential form
 * @example
 * credentialFor('paper-form') // 'pass-card'
 */
export function credentialFor(channel: Channel): Credential {
  switch (channel) {
    case 'self':
    case 'proxy':
      return 'app-code';
    case 'paper-form':
      return 'pass-card';
    default:
      throw new HealthCodeInputError([
        { path: ['channel'], code: 'invalid_value', message: `expected one of ${CHANNELS.join(', ')} (A-2)` },
      ]);
  }
}
