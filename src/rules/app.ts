import { credentialFor } from '../application.js';
import type { EventOf } from '../schema/events.js';
import { push } from './clock.js';
import { row } from './row.js';
import type { Fold } from './state.js';

/**
 * The code itself (§8, I-12, I-18) and what no single rule owns: the derived colour (I-1) and a
 * voided event (I-13). Their rows open and close the transition catalogue.
 */
export const APP_TRANSITIONS = [
  // The code exists from the submission, its review pending; the latest decision stands (I-18).
  row('T-app-submitted', null, 'none', 'pending', 'declaration submitted (the entry carries the colour at submission)', '§8', ['T-7']),
  row('T-app-approved', null, 'pending or rejected', 'issued', 'review approved', '§8', ['I-12', 'I-18']),
  row('T-app-rejected', null, 'pending or issued', 'rejected', 'review rejected: no code is issued', '§8', ['I-12', 'I-18']),
] as const;

/** The rows that close the catalogue. */
export const DERIVED_TRANSITIONS = [
  row('T-colour', null, 'colour', 'colour', 'the derived colour changed', '§2', ['I-1']),
  row('T-void', null, 'event', 'void', 'a correction voided an event', '§1', ['I-13']),
] as const;

/** I-12, I-18: the review decides whether the code is issued; the latest decision stands. */
export function review(f: Fold, ms: number, event: EventOf<'review-approved'> | EventOf<'review-rejected'>): void {
  const state = f.state;
  if (event.kind === 'review-approved') {
    state.review = 'approved';
    state.credential = event.credential ?? credentialFor(f.facts.declaration.channel);
    push(f, 'T-app-approved', ms, [event.id]);
    return;
  }
  state.review = 'rejected';
  state.credential = null;
  push(f, 'T-app-rejected', ms, [event.id], undefined, undefined, { reason: event.reason });
}

/** I-13: a correction is written where it happened; the event it voids was never applied. */
export function correction(f: Fold, ms: number, event: EventOf<'correction'>): void {
  push(f, 'T-void', ms, [event.id, event.voids], undefined, undefined, { authority: event.authority, reason: event.reason });
}
