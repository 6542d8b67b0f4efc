// A stand-in for the engine's snapshot API (`safeSnapshot`, `resume`) with its documented contract,
// built on the real `safeEvaluate`, so that the service's paths can be steered in a test: a snapshot carries the case folded up to `at`, and
// `resume` refuses (`needs_full_history`) any event dated at or before it or with an id seen
// before. The city service must give the same summaries with it as without it.
import { HealthCodeInputError, type Engine } from 'health-code-rules';

interface FakeSnapshot {
  at: string;
  declaration: unknown;
  history: { id: string; at: string }[];
}

/** The engine with snapshot methods, and how often each was called. */
export function withSnapshots(engine: Engine) {
  const calls = { snapshot: 0, resume: 0, refused: 0 };
  const needsFullHistory = () => {
    calls.refused++;
    return {
      success: false as const,
      error: new HealthCodeInputError([{ path: ['events'], code: 'needs_full_history', message: 'an event is not after the snapshot' } as any]),
    };
  };
  return {
    calls,
    policy: engine.policy,
    safeEvaluate: engine.safeEvaluate,
    safeCheck: engine.safeCheck,
    safeSnapshot(declaration: unknown, history: unknown, at: unknown) {
      calls.snapshot++;
      const kept = (history as { id: string; at: string }[]).filter((e) => Date.parse(e.at) <= Date.parse(at as string));
      if (kept.length !== (history as unknown[]).length) return needsFullHistory();
      return { success: true as const, data: JSON.parse(JSON.stringify({ at, declaration, history: kept })) as FakeSnapshot };
    },
    resume(snapshot: unknown, events: unknown, now: unknown) {
      calls.resume++;
      const s = snapshot as FakeSnapshot;
      const seen = new Set(s.history.map((e) => e.id));
      const list = events as { id: string; at: string }[];
      if (list.some((e) => Date.parse(e.at) <= Date.parse(s.at) || seen.has(e.id))) return needsFullHistory();
      const history = [...s.history, ...list];
      const evaluated = engine.safeEvaluate(s.declaration, history, now);
      if (!evaluated.success) return evaluated;
      const at = list.reduce((latest, e) => (Date.parse(e.at) > Date.parse(latest) ? e.at : latest), s.at);
      return { success: true as const, data: { assessment: evaluated.data, snapshot: { at, declaration: s.declaration, history } } };
    },
  };
}

/** The engine without its snapshot methods: every event takes the whole-history path. */
export function withoutSnapshots(engine: Engine): Pick<Engine, 'policy' | 'safeEvaluate' | 'safeCheck'> {
  return { policy: engine.policy, safeEvaluate: engine.safeEvaluate, safeCheck: engine.safeCheck };
}
