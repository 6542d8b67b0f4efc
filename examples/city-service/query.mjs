// Reading a person back: the stored summary, the full assessment at any instant (recomputed from
// the stored state through advance.mjs, so that a release that fell due since the last event shows),
// and a checkpoint decision from it. This is the trusted back-end path of RULES §6: the assessment
// is computed by the service at the checkpoint's instant, never taken from a phone.
import { defaultEngine } from 'health-code-rules';
import { assessAt } from './advance.mjs';

/**
 * The person's summary as the workers last stored it (`hc:summary:{subjectId}`), or null.
 * @param {{ summary: (subjectId: string) => Promise<object | null> }} transport
 * @param {string} subjectId
 */
export function summaryFor(transport, subjectId) {
  return transport.summary(subjectId);
}

/**
 * The person's full assessment at `now`, or null when no declaration of theirs was applied.
 * @param {Awaited<ReturnType<import('./redis-transport.mjs').createRedisTransport>>} transport
 * @param {string} subjectId
 * @param {string} now - the instant to assess at
 * @param {import('health-code-rules').Engine} [engine]
 * @returns {Promise<import('health-code-rules').SafeResult<import('health-code-rules').Assessment> | null>}
 */
export async function assessmentFor(transport, subjectId, now, engine = defaultEngine) {
  const stored = await transport.load(subjectId, '', { history: typeof engine.resume !== 'function' });
  return assessAt(engine, stored, now, () => transport.history(subjectId));
}

/**
 * Decides a checkpoint encounter for a person from the service's own state, at `context.at`
 * (RULES §6): a person the service has no declaration for is checked as showing no code (C7).
 * @param {Awaited<ReturnType<import('./redis-transport.mjs').createRedisTransport>>} transport
 * @param {string} subjectId
 * @param {import('health-code-rules').CheckpointContextInput} context
 * @param {import('health-code-rules').Engine} [engine]
 * @returns {Promise<import('health-code-rules').SafeResult<import('health-code-rules').CheckDecision>>}
 */
export async function checkFor(transport, subjectId, context, engine = defaultEngine) {
  const assessed = await assessmentFor(transport, subjectId, context.at, engine);
  if (assessed !== null && !assessed.success) return assessed;
  return engine.safeCheck(assessed === null ? null : assessed.data, context);
}
