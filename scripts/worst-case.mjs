// RULES §9 (issue 16): the worst kinds of history for the time and the size of a result, and a
// measurement of `evaluate` on them. Run on the built package:
//
//   node --max-old-space-size=512 scripts/worst-case.mjs [--kind KIND] [--events N]
//
// prints one JSON line per kind: the time of the best of up to three calls (the smaller of wall-clock
// and CPU time, so that other jobs on a shared machine do not count), the input and result JSON
// sizes and their ratio, and the peak resident memory. With --max-old-space-size=512 a call that
// needed more than 512 MB of heap would abort the process instead of printing.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const BASE = Date.parse('2020-02-01T11:00:00+08:00');
const beijing = (ms) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
const pad = (i, width) => String(i).padStart(width, '0');

/** The smallest valid declaration (RULES §10 example 1). */
export const declaration = () => ({ id: 'app-1', subjectId: 's-1', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true });

/** Red R2 and R3 from the declaration: every fever report resets both (I-7). */
export const redDeclaration = () => ({ ...declaration(), closeContactOfCase: true, keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-26' }] });

/** `WORST[kind](n, width)`: n events of that kind, ids of at least `width` digits. */
export const WORST = {
  // Every notice moves the R2 anchor (I-17) and writes T-R2-on again.
  're-triggers': (n, w) => Array.from({ length: n }, (_, i) => ({ id: `c${pad(i, w)}`, at: beijing(BASE + i * 60_000), kind: 'close-contact', of: 'case' })),
  // Every other event voids the one before it (I-13).
  corrections: (n, w) =>
    Array.from({ length: n }, (_, i) =>
      i % 2 === 0
        ? { id: `e${pad(i, w)}`, at: beijing(BASE + i * 60_000), kind: 'close-contact', of: 'case' }
        : { id: `x${pad(i, w)}`, at: beijing(BASE + i * 60_000), kind: 'correction', voids: `e${pad(i - 1, w)}`, authority: 'a', reason: 'r' },
    ),
  // Every report at one instant resets R2 and R3 (with `redDeclaration`).
  'one-instant': (n, w) => Array.from({ length: n }, (_, i) => ({ id: `s${pad(i, w)}`, at: beijing(BASE), kind: 'symptoms', symptoms: ['fever'] })),
  // One event n times: applied once, the rest ignored as duplicates (RULES §9).
  duplicates: (n) => Array.from({ length: n }, () => ({ id: 'd', at: beijing(BASE), kind: 'close-contact', of: 'case' })),
  // Every designation joins R5's evidence and its message (I-17).
  designations: (n, w) =>
    Array.from({ length: n }, (_, i) => ({ id: `h${pad(i, w)}`, at: beijing(BASE + i * 60_000), kind: 'high-risk-designation', authority: 'a', reason: 'r', basis: 'b' })),
};

/**
 * The case of `kind` with `n` events: declaration, history and a `now` after the last event, read
 * back from its JSON text as a service reads a request (flat strings, plain objects).
 */
export function worstCase(kind, n, width = 1) {
  const c = { declaration: kind === 'one-instant' ? redDeclaration() : declaration(), history: WORST[kind](n, width), now: beijing(BASE + n * 60_000 + 1000) };
  return JSON.parse(JSON.stringify(c));
}

function timed(fn) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuBefore);
  const cpu = (used.user + used.system) / 1000;
  return { wall, cpu, ms: Math.min(wall, cpu) };
}

/** Measures `evaluate` on the case of `kind` with `n` events (see the top of this file). */
export function measure(evaluate, kind, n) {
  const c = worstCase(kind, n);
  evaluate(c.declaration, c.history.slice(0, 1000), c.now);
  let best = { ms: Number.POSITIVE_INFINITY };
  let result;
  // At most three calls; a first call under half a second needs no second.
  for (let run = 0; run < 3 && best.ms >= 500; run++) {
    result = undefined;
    const t = timed(() => (result = evaluate(c.declaration, c.history, c.now)));
    if (t.ms < best.ms) best = t;
  }
  const input = JSON.stringify(c).length;
  const output = JSON.stringify(result).length;
  return { kind, events: n, ms: Math.round(best.ms), wall: Math.round(best.wall), cpu: Math.round(best.cpu), input, output, ratio: Number((output / input).toFixed(2)), peakRss: process.resourceUsage().maxRSS * 1024 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { kind: { type: 'string' }, events: { type: 'string', default: '100000' } } });
  const { evaluate } = await import('../dist/index.js');
  for (const kind of values.kind === undefined ? Object.keys(WORST) : [values.kind]) console.log(JSON.stringify(measure(evaluate, kind, Number(values.events))));
}
