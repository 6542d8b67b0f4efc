/**
 * NAIVE DIFFERENTIAL ORACLE for the health-code rules (RULES.md, FORMAT.md).
 * Written from the specification alone; it imports nothing from src/.
 * It simulates the policy zone's calendar day by day and applies items one by one.
 *
 * Supported: dayCounting "civil-code" and "inclusive-start"; fixed-offset time zones
 * (Asia/Shanghai). Not supported: "rolling" (throws), exact DST behaviour (T-3 DST clauses),
 * input validation (inputs are assumed valid), trail / reasons / since / nextChangeAt / checkpoints.
 *
 * Ambiguities resolved (most literal reading) — each labelled A-n:
 *  A-1  Colour is derived from the active conditions only, also before `submittedAt` (T-7): a
 *       subject with no conditions is green, so symptom occurrences dated before the declaration
 *       count toward GY (I-8), and a GY can start before the declaration; I-10's formula then also
 *       lists days before `submittedAt` as missed.
 *  A-2  "After the subject last turned green" (I-8): if the subject never changed to green from
 *       another colour, there is no lower bound. A condition started and released at the same
 *       instant (T-7) is no colour change.
 *  A-3  A declared fact for a condition already active from an earlier event only adds evidence
 *       (I-17); the condition stays event-based, so I-3 (1)/(2) do not apply to it.
 *  A-4  I-16: declaration conditions whose count is already over at their start (T-7) are released
 *       BEFORE the "no red condition active" check. Red conditions from earlier events also block
 *       Y1/Y2 at the declaration. R4 at the declaration is blocked only by a DECLARED R1 fact.
 *  A-5  Any R1 trigger (declared or event) ends an active R4 (I-17, T-R4-confirmed). An R4 trigger
 *       (declared or an event) while R1 is active starts nothing (I-17: never both at once).
 *  A-5b A declared R1 with a discharge before submittedAt later than every positive test and
 *       diagnosis before it starts in observation from the first such discharge (I-4).
 *  A-6  `hospital-discharge` acts only on R1 in treatment; otherwise it changes nothing.
 *       `covid-excluded` / `recovered` act only on R4 in treatment; the first of each is kept; the
 *       observation anchor is the later of the two. Events before the R4 trigger do not count.
 *  A-7  R2/R3/Y1/Y2 anchor = max(I-3 observation start, latest event re-trigger (I-17), latest reset
 *       symptom at or after the condition's start (I-7)). A re-trigger does not re-select the I-3
 *       start; but while no isolation start is fixed, the first `isolation-started` at or after the
 *       condition's (original) start still fixes it (I-3 (3)).
 *  A-8  I-3 (3) compares instants: an `isolation-started` at exactly the condition's start fixes
 *       the observation start there, even if T-6 applies it before the trigger; later ones then
 *       do not move it. A declared `isolationStartedAt` (I-3 (1)) is used as given, even if later
 *       than `submittedAt`.
 *  A-9  GY is not in I-3's list: its anchor is max(second occurrence, latest reset) (I-9, I-7).
 *  A-10 An event carrying several kinds counts once per kind; it starts at most one GY.
 *  A-11 Resets (I-7, I-14) come from `symptoms`, `daily-report` and `temperature >= threshold`
 *       (fever) events at or after the condition's start, using policy.resetSymptoms[rule]; for R4
 *       a reading at or above the threshold is an anomaly even when R4's list has no `fever` (I-14:
 *       "any symptom, or a reading at or above the threshold").
 *       R4 records anomalies in any phase; only those after its observation start matter (max).
 *  A-12 I-10 only concerns the GY active at `now`; a day is covered by any non-void `daily-report`
 *       (at <= now) whose local day is D, whatever it reports.
 *  A-13 `issued` (I-12, I-18): the last non-void, non-future review event in T-6 order (at, then id),
 *       including those dated before `submittedAt` (T-7).
 *  A-14 A key-area travel report (`key-area-visit` / `key-area-contact` event) is judged on the
 *       report's local day D = day(at): list in force on D, window D-lookbackDays..D (I-5, T-4).
 *       A keyAreas entry with `from: null` has no lower bound.
 *  A-15 Overall `releaseAt` is null when green or when ANY active condition awaits an external event
 *       (R1 or R4 in treatment, R5), even if others have dates; otherwise the latest release.
 *  A-16 Y1 starts from any declared symptom (fever, dry cough, shortness of breath, fatigue).
 *  A-17 Identical duplicates: the first event with a given id is kept (I-13/§9 dedup); cycles of
 *       corrections are invalid input and throw.
 */
import { tzOffset } from '@date-fns/tz';

export interface NaiveResult {
  colour: 'red' | 'yellow' | 'green';
  rules: string[];
  releaseAt: string | null;
  issued: boolean;
  missedDailyReports: string[];
}

const ORDER = ['R1', 'R2', 'R3', 'R4', 'R5', 'Y1', 'Y2', 'GY'];
const RED = ['R1', 'R2', 'R3', 'R4', 'R5'];
const ISOLATION_RULES = ['R2', 'R3', 'Y1', 'Y2']; // I-3
const RANK: Record<string, number> = {
  // T-6
  correction: 0,
  'test-result': 1, diagnosis: 1, 'hospital-discharge': 1, 'fever-clinic-observation': 1,
  'covid-excluded': 1, recovered: 1, 'isolation-started': 1, 'close-contact': 1,
  'key-area-visit': 1, 'key-area-contact': 1, 'high-risk-designation': 1, 'authority-release': 1,
  temperature: 2, symptoms: 2, 'daily-report': 2,
  'review-approved': 3, 'review-rejected': 3,
};
const DEFAULT_RESET: Record<string, string[]> = {
  R2: ['fever', 'dry-cough', 'shortness-of-breath'], R3: ['fever', 'dry-cough', 'shortness-of-breath'],
  R4: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'], Y1: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
  Y2: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'], GY: ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'],
};

interface Cond {
  rule: string;
  start: number; // instant the condition started
  phase: 'treatment' | 'observation' | 'active';
  obsStart: number | null; // I-3 start (R2/R3/Y1/Y2), discharge (R1), later of excluded/recovered (R4)
  isoFixed: boolean; // I-3: the observation start has been chosen by (1), (2) or (3)
  retrigger: number; // I-17: latest re-trigger by an event
  lastReset: number; // I-7 / I-14: latest reset symptom at or after start
  excludedAt: number | null; // R4
  recoveredAt: number | null; // R4
}

/** Civil-day helpers. A "day number" is the serial number of a calendar date (1970-01-01 = 0):
 *  day arithmetic is calendar arithmetic on these serials (T-3), never on instants. */
const SERIAL = 86_400_000;
const dayFromDate = (s: string): number => {
  const [y = NaN, m = NaN, d = NaN] = s.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / SERIAL;
};
const dateFromDay = (n: number): string => new Date(n * SERIAL).toISOString().slice(0, 10);

export function naiveEvaluate(declaration: any, history: any[], now: string, policy: any): NaiveResult {
  const zone: string = policy.timeZone ?? 'Asia/Shanghai'; // T-1
  const counting: string = policy.dayCounting ?? 'civil-code';
  if (counting === 'rolling') throw new Error('rolling not supported by the oracle');
  if (counting !== 'civil-code' && counting !== 'inclusive-start') throw new Error(`unknown dayCounting ${counting}`);
  const N: number = policy.observationDays ?? 14;
  const lookback: number = policy.lookbackDays ?? 14;
  const threshold: number = policy.feverThresholdCelsius ?? 37.3;
  const g2y = policy.greenToYellow ?? {};
  const gyKinds: string[] = g2y.symptoms ?? ['fever', 'dry-cough', 'shortness-of-breath'];
  const gyWindow: number = g2y.windowDays ?? 14;
  const gyOccurrences: number = g2y.occurrences ?? 2;
  const resetList = (rule: string): string[] => policy.resetSymptoms?.[rule] ?? DEFAULT_RESET[rule] ?? [];

  // --- time in the policy zone (T-1, T-2) ---
  const ms = (s: any): number => (s instanceof Date ? s.getTime() : Date.parse(s));
  const offsets = new Map<number, number>(); // the same instants are asked for again and again
  const offMin = (t: number): number => {
    let off = offsets.get(t);
    if (off === undefined) offsets.set(t, (off = tzOffset(zone, new Date(t))));
    return off;
  };
  const dayOf = (t: number): number => Math.floor((t + offMin(t) * 60_000) / SERIAL); // local calendar date serial
  const startOfDay = (d: number): number => {
    // first instant of local date d (exact for fixed offsets; refined once for a changing offset)
    const guess = d * SERIAL - offMin(d * SERIAL) * 60_000;
    return d * SERIAL - offMin(guess) * 60_000;
  };
  const fmt = (t: number): string => {
    const off = offMin(t);
    const local = new Date(t + off * 60_000).toISOString().slice(0, 19);
    const a = Math.abs(off);
    return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  };
  // T-3: a full N days from an anchor on local day D ends at startOfDay(D + N + 1) (civil-code)
  // or startOfDay(D + N) (inclusive-start).
  const fullDaysFrom = (anchor: number): number => startOfDay(dayOf(anchor) + N + (counting === 'civil-code' ? 1 : 0));

  const nowMs = ms(now);
  const submittedAt = ms(declaration.submittedAt);

  // --- the history that counts at `now` ---
  const seen = new Set<string>();
  const unique = history.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true))); // §9: identical duplicates once
  const present = unique.filter((e) => ms(e.at) <= nowMs); // T-5: future events are not applied
  const byId = new Map(present.map((e) => [e.id, e]));
  // I-13: a correction is effective unless an effective correction voids it (corrections of corrections).
  const effective = (c: any, depth = 0): boolean => {
    if (depth > present.length) throw new Error('cycle of corrections');
    return !present.some((d) => d.kind === 'correction' && d.voids === c.id && effective(d, depth + 1));
  };
  const voided = new Set<string>();
  for (const c of present) if (c.kind === 'correction' && effective(c) && byId.has(c.voids)) voided.add(c.voids);
  const events = present
    .filter((e) => !voided.has(e.id))
    .sort((a, b) => ms(a.at) - ms(b.at) || (RANK[a.kind] ?? 9) - (RANK[b.kind] ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)); // T-6

  // --- state ---
  let conds: Cond[] = [];
  const get = (rule: string) => conds.find((c) => c.rule === rule);
  const colour = (): 'red' | 'yellow' | 'green' =>
    conds.some((c) => RED.includes(c.rule)) ? 'red' : conds.length > 0 ? 'yellow' : 'green'; // I-1
  let lastGreen = -Infinity; // when the subject last turned green
  const occurrences: { kind: string; id: string; day: number; at: number }[] = []; // I-8

  /** The projected release of a condition, or null if it awaits an external event. */
  const releaseOf = (c: Cond): number | null => {
    if (c.rule === 'R5') return null; // I-6: only an authority-release
    if (c.rule === 'R1') return c.phase === 'observation' ? fullDaysFrom(c.obsStart!) : null; // I-4: no reset
    if (c.rule === 'R4') return c.phase === 'observation' ? fullDaysFrom(Math.max(c.obsStart!, c.lastReset)) : null; // I-14
    if (c.rule === 'GY') return fullDaysFrom(Math.max(c.start, c.lastReset)); // I-9, I-7
    return fullDaysFrom(Math.max(c.obsStart!, c.retrigger, c.lastReset)); // I-3, I-7, I-17
  };
  const sweep = (t: number) => {
    conds = conds.filter((c) => { const r = releaseOf(c); return r === null || r > t; }); // T-3: now >= releaseAt is released
  };
  /** Run one step at instant t and record a turn to green (for I-8). */
  const step = (t: number, fn: () => void) => {
    const before = colour();
    fn();
    sweep(t); // T-7: a count already over at its start is released at its start
    if (before !== 'green' && colour() === 'green') lastGreen = t;
  };

  const newCond = (rule: string, t: number, phase: Cond['phase']): Cond => {
    const c: Cond = { rule, start: t, phase, obsStart: null, isoFixed: false, retrigger: -Infinity, lastReset: -Infinity, excludedAt: null, recoveredAt: null };
    conds.push(c);
    return c;
  };
  const isolationEvents = events.filter((e) => e.kind === 'isolation-started');

  /** Start (or re-trigger, I-17) a condition at instant t. */
  const trigger = (rule: string, t: number, fromDeclaration: boolean) => {
    if (rule === 'R1') {
      if (get('R4')) conds = conds.filter((c) => c.rule !== 'R4'); // I-17 T-R4-confirmed
      const r1 = get('R1');
      const last = Math.max(
        -Infinity,
        ...events.filter((e) => ms(e.at) < submittedAt && (e.kind === 'diagnosis' || (e.kind === 'test-result' && e.result === 'positive'))).map((e) => ms(e.at)),
      );
      const discharged = events.filter((e) => e.kind === 'hospital-discharge' && ms(e.at) < submittedAt && ms(e.at) > last).map((e) => ms(e.at));
      if (!r1 && fromDeclaration && discharged.length > 0) newCond('R1', t, 'observation').obsStart = Math.min(...discharged); // A-5b
      else if (!r1) newCond('R1', t, 'treatment');
      else if (!fromDeclaration && r1.phase === 'observation') { r1.phase = 'treatment'; r1.obsStart = null; } // I-17
      return; // in treatment, or declared: evidence only
    }
    const existing = get(rule);
    if (existing) {
      // I-17: declared facts and R4/R5/Y1/GY triggers only add evidence; events move R2/R3/Y2's anchor
      if (!fromDeclaration && ['R2', 'R3', 'Y2'].includes(rule)) existing.retrigger = Math.max(existing.retrigger, t);
      return;
    }
    if (rule === 'R4') { if (!get('R1')) newCond('R4', t, 'treatment'); return; }
    if (rule === 'R5') { newCond('R5', t, 'active'); return; }
    const c = newCond(rule, t, 'observation');
    if (ISOLATION_RULES.includes(rule)) {
      // I-3: the observation start
      const before = isolationEvents.filter((e) => ms(e.at) <= submittedAt);
      if (fromDeclaration && declaration.isolationStartedAt) { c.obsStart = ms(declaration.isolationStartedAt); c.isoFixed = true; } // (1)
      else if (fromDeclaration && before.length > 0) { c.obsStart = Math.max(...before.map((e) => ms(e.at))); c.isoFixed = true; } // (2)
      else { c.obsStart = t; c.isoFixed = isolationEvents.some((e) => ms(e.at) === t); } // (3) tie by instant, else (4)
    }
  };

  // I-5: key areas in force on day D; a visit / contact within lookback days (T-4)
  const inForce = (area: string, d: number) =>
    (policy.keyAreas ?? []).some((k: any) => k.area === area && (k.from == null || dayFromDate(k.from) <= d) && (k.to == null || d <= dayFromDate(k.to)));
  const visitCounts = (v: any, d: number) => inForce(v.area, d) && dayFromDate(v.to) >= d - lookback && dayFromDate(v.from) <= d;
  const contactCounts = (c: any, d: number) => {
    const on = dayFromDate(c.on);
    return on >= d - lookback && on <= d && (c.area == null || inForce(c.area, d));
  };

  const applyDeclaration = () => {
    const t = submittedAt;
    const d = dayOf(t);
    const declaredR1 = declaration.clinical != null && declaration.clinical !== 'none';
    if (declaredR1) trigger('R1', t, true); // R1
    if (declaration.closeContactOfCase) trigger('R2', t, true); // R2, I-2
    if ((declaration.keyAreaVisits ?? []).some((v: any) => visitCounts(v, d)) || (declaration.keyAreaContacts ?? []).some((c: any) => contactCounts(c, d)))
      trigger('R3', t, true); // R3, I-5
    if (declaration.feverClinicObservation && !declaredR1) trigger('R4', t, true); // R4, I-16
    sweep(t); // T-7 then I-16
    if (!conds.some((c) => RED.includes(c.rule))) {
      if ((declaration.symptoms ?? []).length > 0) trigger('Y1', t, true); // Y1
      if (declaration.closeContactOfFeverClinicObservee) trigger('Y2', t, true); // Y2
    }
  };

  const kindsOf = (e: any): string[] => {
    if (e.kind === 'temperature') return e.celsius >= threshold ? ['fever'] : [];
    if (e.kind === 'symptoms' || e.kind === 'daily-report') return [...new Set<string>(e.symptoms ?? [])];
    return [];
  };

  const applyEvent = (e: any) => {
    const t = ms(e.at);
    switch (e.kind) {
      case 'test-result': if (e.result === 'positive') trigger('R1', t, false); break; // R1, I-15
      case 'diagnosis': if (e.status === 'confirmed' || e.status === 'suspected') trigger('R1', t, false); break;
      case 'hospital-discharge': { const r1 = get('R1'); if (r1 && r1.phase === 'treatment') { r1.phase = 'observation'; r1.obsStart = t; } break; } // T-R1-discharge
      case 'fever-clinic-observation': trigger('R4', t, false); break;
      case 'covid-excluded': case 'recovered': {
        const r4 = get('R4');
        if (r4 && r4.phase === 'treatment') {
          if (e.kind === 'covid-excluded' && r4.excludedAt === null) r4.excludedAt = t; // T-R4-excluded
          if (e.kind === 'recovered' && r4.recoveredAt === null) r4.recoveredAt = t; // T-R4-recovered
          if (r4.excludedAt !== null && r4.recoveredAt !== null) { r4.phase = 'observation'; r4.obsStart = Math.max(r4.excludedAt, r4.recoveredAt); }
        }
        break;
      }
      case 'isolation-started': // I-3 (3): the first at or after the condition's start; later ones do not move it
        for (const c of conds) if (ISOLATION_RULES.includes(c.rule) && !c.isoFixed && t >= c.start) { c.obsStart = t; c.isoFixed = true; }
        break;
      case 'close-contact': trigger(e.of === 'case' ? 'R2' : 'Y2', t, false); break; // R2 (I-2, I-15), Y2
      case 'key-area-visit': if (visitCounts(e, dayOf(t))) trigger('R3', t, false); break; // I-5
      case 'key-area-contact': if (contactCounts(e, dayOf(t))) trigger('R3', t, false); break;
      case 'high-risk-designation': trigger('R5', t, false); break; // R5
      case 'authority-release': conds = conds.filter((c) => c.rule !== 'R5'); break; // I-6 T-R5-off
      case 'temperature': case 'symptoms': case 'daily-report': {
        const kinds = kindsOf(e);
        if (colour() === 'green') {
          // I-8: same kind, distinct events, all while green, after last turned green, within windowDays of the latest
          const d = dayOf(t);
          let start = false;
          for (const k of kinds.filter((k) => gyKinds.includes(k))) {
            // I-8: an occurrence is an instant: another event at the same instant is the same occurrence.
            const prior = occurrences.filter((o) => o.kind === k && o.at >= lastGreen && o.at !== t && d - o.day <= gyWindow);
            occurrences.push({ kind: k, id: e.id, day: d, at: t });
            if (new Set(prior.map((o) => o.at)).size + 1 >= gyOccurrences) start = true;
          }
          if (start) trigger('GY', t, false); // T-GY-on
        }
        // I-7 / I-14: resets of running counts (declaration symptoms never reach here)
        // I-14: for R4 a reading at or above the threshold is an anomaly whatever R4's symptom list says.
        const abnormalReading = e.kind === 'temperature' && e.celsius >= threshold;
        for (const c of conds) {
          if (c.rule === 'R1' || c.rule === 'R5' || t < c.start) continue;
          if (resetList(c.rule).some((k) => kinds.includes(k)) || (c.rule === 'R4' && abnormalReading)) c.lastReset = t;
        }
        break;
      }
      default: break; // reviews (I-12) are read below; corrections were applied above (I-13)
    }
  };

  // --- simulate the local calendar day by day (T-6) ---
  type Item = { at: number; day: number; decl: boolean; e?: any };
  const items: Item[] = [{ at: submittedAt, day: dayOf(submittedAt), decl: true }, ...events.map((e) => ({ at: ms(e.at), day: dayOf(ms(e.at)), decl: false, e }))];
  const firstDay = Math.min(...items.map((i) => i.day));
  const lastDay = dayOf(nowMs);
  for (let d = firstDay; d <= lastDay; d++) {
    const midnight = startOfDay(d);
    step(midnight, () => {}); // releases due at the day's start (T-3), before anything else at that instant
    const today = items
      .filter((i) => i.day === d && i.at <= nowMs)
      .sort((a, b) => a.at - b.at || (a.decl ? -1 : b.decl ? 1 : 0)); // declaration first at its instant; events keep T-6 order (stable sort)
    for (const it of today) step(it.at, () => (it.decl ? applyDeclaration() : applyEvent(it.e)));
  }
  step(nowMs, () => {}); // anything due at or before now

  // --- result at now ---
  const col = colour();
  const rules = ORDER.filter((r) => conds.some((c) => c.rule === r));
  const releases = conds.map(releaseOf);
  const releaseAt = col === 'green' || releases.some((r) => r === null) ? null : fmt(Math.max(...(releases as number[])));
  const reviews = events.filter((e) => e.kind === 'review-approved' || e.kind === 'review-rejected');
  const issued = reviews.length > 0 && reviews[reviews.length - 1].kind === 'review-approved'; // I-12, I-18
  const missedDailyReports: string[] = [];
  const gy = get('GY');
  if (gy) {
    // I-10: days strictly between day(GY start) and day(now) without a daily-report
    const reported = new Set(events.filter((e) => e.kind === 'daily-report').map((e) => dayOf(ms(e.at))));
    for (let d = dayOf(gy.start) + 1; d < dayOf(nowMs); d++) if (!reported.has(d)) missedDailyReports.push(dateFromDay(d));
  }
  return { colour: col, rules, releaseAt, issued, missedDailyReports };
}
