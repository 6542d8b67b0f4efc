import type { Assessment, Engine, SafeResult } from 'health-code-rules';

/** The person's state as the service stores it. */
export interface StoredState {
  declaration: Record<string, unknown> | null;
  snapshot: { at: string } | null;
  history: Record<string, unknown>[] | null;
}
/** An engine that may have the snapshot methods (`safeSnapshot`, `resume`). */
export type MaybeSnapshotEngine = Pick<Engine, 'safeEvaluate'> & {
  safeSnapshot?: (declaration: unknown, history: unknown, at: unknown) => SafeResult<{ at: string }>;
  resume?: (snapshot: unknown, events: unknown, now: unknown) => SafeResult<{ assessment: Assessment; snapshot: { at: string } }>;
};
/** Issues as the dead-letter stream records them. */
export interface EntryIssue {
  path: (string | number)[];
  code: string;
  message: string;
}
export type AdvanceResult =
  | { ok: true; path: 'resume' | 'full' | 'fallback' | 'awaiting'; assessment: Assessment | null; snapshot: { at: string } | null }
  | { ok: false; issues: EntryIssue[] };

export declare const pathCounts: { resume: number; full: number; fallback: number; awaiting: number };
export declare function summaryOf(assessment: Assessment): { colour: string; rules: string[]; releaseAt: string | null; nextChangeAt: string | null };
export declare function advance(
  engine: MaybeSnapshotEngine,
  stored: StoredState,
  change: { declaration?: Record<string, unknown>; event?: Record<string, unknown> },
  now: string,
  loadHistory?: () => Promise<Record<string, unknown>[]>,
): Promise<AdvanceResult>;
export declare function assessAt(
  engine: MaybeSnapshotEngine,
  stored: StoredState,
  now: string,
  loadHistory?: () => Promise<Record<string, unknown>[]>,
): Promise<SafeResult<Assessment> | null>;
