// The one place where the city service calls the engine. When the engine has snapshots
// (`safeSnapshot`, `resume`), a new event is applied to the person's stored snapshot; when it has
// not, when there is no snapshot yet, or when `resume` answers `needs_full_history` (an event dated
// before the snapshot's instant, a new declaration, anything the step function cannot fold on top),
// the person's whole history is evaluated again. Both paths give the same assessment: `resume` is
// an optimisation, never a different answer. The service keeps the whole history of every person
// in Redis for exactly this fallback, and for audit.
import { EventSchema } from 'health-code-rules';

/** How often each path was taken in this process. */
export const pathCounts = { resume: 0, full: 0, fallback: 0, awaiting: 0 };

/** The person's summary as the service stores it at `hc:summary:{subjectId}`. */
export function summaryOf(assessment) {
  return {
    colour: assessment.colour,
    rules: assessment.reasons.map((reason) => reason.rule),
    releaseAt: assessment.releaseAt,
    nextChangeAt: assessment.nextChangeAt,
  };
}

const ms = (instant) => Date.parse(instant);

/** The instant a snapshot of this case is folded up to: its latest dated input, never after `now`. */
function snapshotInstant(declaration, history, now) {
  let latest = declaration.submittedAt;
  for (const event of history) if (typeof event?.at === 'string' && ms(event.at) > ms(latest)) latest = event.at;
  return ms(latest) > ms(now) ? now : latest;
}

function issuesOf(error) {
  return (error?.issues ?? [{ path: [], code: 'internal', message: String(error) }]).map(({ path, code, message }) => ({ path, code, message }));
}

/**
 * Applies one change (`{ declaration }` or `{ event }`) to a person's stored state and returns the
 * new assessment at `now`, the snapshot to store, and the path taken.
 *
 * @param {import('health-code-rules').Engine & { resume?: Function, safeSnapshot?: Function }} engine
 * @param {{ declaration: object | null, snapshot: object | null, history: object[] | null }} stored
 *   the person's state; `history` may be null when the caller did not load it (it is then read
 *   with `loadHistory`)
 * @param {{ declaration?: object, event?: object }} change - what the entry brings
 * @param {string} now - the evaluation instant
 * @param {() => Promise<object[]>} [loadHistory] - reads the whole history when it is needed
 * @returns {Promise<{ ok: true, path: string, assessment: object | null, snapshot: object | null }
 *   | { ok: false, issues: object[] }>}
 */
export async function advance(engine, stored, change, now, loadHistory = async () => []) {
  const canResume = typeof engine.resume === 'function';
  const canSnapshot = typeof engine.safeSnapshot === 'function';
  let fallback = false;
  if (change.event && stored.declaration && stored.snapshot && canResume) {
    // An event dated at or before the snapshot's instant cannot be folded on top of it.
    const inOrder = !(ms(change.event.at) <= ms(stored.snapshot.at));
    if (inOrder) {
      const resumed = engine.resume(stored.snapshot, [change.event], now);
      if (resumed.success) {
        pathCounts.resume++;
        return { ok: true, path: 'resume', assessment: resumed.data.assessment, snapshot: resumed.data.snapshot };
      }
      if (!resumed.error.issues.some((issue) => issue.code === 'needs_full_history')) return { ok: false, issues: issuesOf(resumed.error) };
    }
    fallback = true;
  }

  const history = stored.history ?? (await loadHistory());
  const declaration = change.declaration ?? stored.declaration;
  const fullHistory = change.event ? [...history, change.event] : history;
  if (!declaration) {
    // Events may arrive before the declaration (a redelivered declaration, or a checkpoint that
    // uploads before the application is in): kept in the history, evaluated when it comes.
    const parsed = EventSchema.safeParse(change.event);
    if (!parsed.success) {
      return { ok: false, issues: parsed.error.issues.map(({ path, code, message }) => ({ path: ['event', ...path], code, message })) };
    }
    pathCounts.awaiting++;
    return { ok: true, path: 'awaiting', assessment: null, snapshot: null };
  }
  const evaluated = engine.safeEvaluate(declaration, fullHistory, now);
  if (!evaluated.success) return { ok: false, issues: issuesOf(evaluated.error) };
  let snapshot = null;
  if (canSnapshot) {
    const made = engine.safeSnapshot(declaration, fullHistory, snapshotInstant(declaration, fullHistory, now));
    if (made.success) snapshot = made.data;
  }
  if (fallback) pathCounts.fallback++;
  else pathCounts.full++;
  return { ok: true, path: fallback ? 'fallback' : 'full', assessment: evaluated.data, snapshot };
}

/**
 * The person's assessment at `now` from the stored state, without changing it (the query path):
 * `resume` of the snapshot with no new events when the engine can, else the whole history.
 *
 * @param {import('health-code-rules').Engine & { resume?: Function }} engine
 * @param {{ declaration: object | null, snapshot: object | null, history: object[] | null }} stored
 * @param {string} now - the instant to assess at
 * @param {() => Promise<object[]>} [loadHistory] - reads the whole history when it is needed
 * @returns {Promise<import('health-code-rules').SafeResult<object> | null>} null when the person has no declaration
 */
export async function assessAt(engine, stored, now, loadHistory = async () => []) {
  if (!stored.declaration) return null;
  if (stored.snapshot && typeof engine.resume === 'function' && !(ms(now) < ms(stored.snapshot.at))) {
    const resumed = engine.resume(stored.snapshot, [], now);
    if (resumed.success) return { success: true, data: resumed.data.assessment };
  }
  const history = stored.history ?? (await loadHistory());
  return engine.safeEvaluate(stored.declaration, history, now);
}
