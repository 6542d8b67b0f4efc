// A seeded population as a stream of entries: the cases of scripts/gen-city.mjs (the same
// generator as the batch benchmark), turned into one declaration entry and one entry per event,
// in the order of their instants, with extra checkpoint readings (or fewer events) so that there
// are exactly `events` entries. The same arguments always give the same entries.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GEN_CITY = fileURLToPath(new URL('../../scripts/gen-city.mjs', import.meta.url));
const HOUR = 3_600_000;
const pad = (n) => String(n).padStart(2, '0');

/** An instant in Beijing time, as the generator writes them. */
function iso(ms) {
  const d = new Date(ms + 8 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
}

/** mulberry32, as in scripts/gen-city.mjs. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The population and its entries.
 * @param {{ people: number, events: number, seed: number, now: string }} options
 * @returns {{ cases: { declaration: object, history: object[] }[], raw: string[],
 *   records: { subjectId: string, kind: string, body: string }[] }}
 *   `cases` as they are in the end (what evaluate is checked against), `raw` the generator's lines
 *   that are not JSON, `records` the entries in the order they are appended
 */
export function population({ people, events, seed, now }) {
  const text = execFileSync(process.execPath, [GEN_CITY, '--count', String(people), '--seed', String(seed), '--out', '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const cases = [];
  const raw = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      cases.push(JSON.parse(line));
    } catch {
      raw.push(line);
    }
  }
  const random = seeded(seed ^ 0x5eed);
  const nowMs = Date.parse(now);
  const natural = cases.length + raw.length + cases.reduce((n, c) => n + c.history.length, 0);
  if (events < cases.length + raw.length) throw new Error(`--events ${events} is fewer than the ${cases.length + raw.length} declarations`);
  // More entries wanted than the generator wrote: checkpoint readings between the declaration and now.
  for (let k = 0; k < events - natural; k++) {
    const c = cases[Math.floor(random() * cases.length)];
    const from = Date.parse(c.declaration.submittedAt) + HOUR;
    const at = nowMs > from ? from + Math.floor(random() * ((nowMs - from) / 60_000)) * 60_000 : from;
    const celsius = random() < 0.002 ? 37.6 : Math.round((35.8 + random() * 1.3) * 10) / 10;
    c.history.push({ id: `x${k}`, at: iso(at), kind: 'temperature', celsius, venue: random() < 0.5 ? 'public-place' : 'public-transport' });
  }
  const timed = [];
  for (const c of cases) {
    const subjectId = String(c.declaration.subjectId);
    const submitted = Date.parse(c.declaration.submittedAt);
    timed.push({ at: Number.isNaN(submitted) ? 0 : submitted, order: timed.length, subjectId, kind: 'declaration', body: JSON.stringify(c.declaration), event: null });
    for (const event of c.history) {
      timed.push({ at: Date.parse(event.at), order: timed.length, subjectId, kind: 'event', body: JSON.stringify(event), event, case: c });
    }
  }
  // Fewer entries wanted: the latest events are left out (from the cases too, which stay the truth).
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  let excess = timed.length + raw.length - events;
  for (let i = timed.length - 1; i >= 0 && excess > 0; i--) {
    const entry = timed[i];
    if (entry.kind !== 'event') continue;
    entry.case.history.splice(entry.case.history.indexOf(entry.event), 1);
    timed.splice(i, 1);
    excess--;
  }
  const records = timed.map(({ subjectId, kind, body }) => ({ subjectId, kind, body }));
  // A line that is not JSON is appended as it came: the service must dead-letter it, not choke.
  for (const [i, line] of raw.entries()) records.splice(Math.floor((records.length * (i + 1)) / (raw.length + 1)), 0, { subjectId: `raw-${i}`, kind: 'declaration', body: line });
  return { cases, raw, records };
}
