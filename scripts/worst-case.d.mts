/** The smallest valid declaration (RULES §10 example 1). */
export function declaration(): Record<string, unknown>;
/** Red R2 and R3 from the declaration. */
export function redDeclaration(): Record<string, unknown>;
/** `WORST[kind](n, width)`: n events of that kind. */
export const WORST: Record<'re-triggers' | 'corrections' | 'one-instant' | 'duplicates' | 'designations', (n: number, width: number) => Record<string, unknown>[]>;
/** The case of `kind` with `n` events. */
export function worstCase(kind: keyof typeof WORST, n: number, width?: number): { declaration: Record<string, unknown>; history: Record<string, unknown>[]; now: string };
/** A measurement of `evaluate` on the case of `kind` with `n` events. */
export interface Measurement {
  kind: string;
  events: number;
  ms: number;
  wall: number;
  cpu: number;
  input: number;
  output: number;
  ratio: number;
  peakRss: number;
}
/** Measures `evaluate` on the case of `kind` with `n` events. */
export function measure(evaluate: (d: unknown, h: unknown, now: unknown) => unknown, kind: keyof typeof WORST, n: number): Measurement;
