// The benchmark's workloads, generated deterministically (a seeded generator, fixed instants): the
// same bytes on every machine and every run.

const HOUR = 3_600_000;
const DAY = 86_400_000;
const OFFSET = 8 * HOUR;
const SUBMITTED = Date.UTC(2020, 1, 1, 2); // 2020-02-01T10:00:00+08:00

const pad = (n) => String(n).padStart(2, '0');
/** An instant written with the +08:00 offset of Asia/Shanghai. */
export function iso(ms) {
  const d = new Date(ms + OFFSET);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
}
const dayText = (ms) => iso(ms).slice(0, 10);

function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A declaration with every field written out (the oracle reads them all). */
function declaration(n, facts = {}) {
  return {
    id: `app-${n}`,
    subjectId: `s-${n}`,
    submittedAt: iso(SUBMITTED),
    category: 'resident',
    channel: 'self',
    attestation: true,
    clinical: 'none',
    feverClinicObservation: false,
    closeContactOfCase: false,
    closeContactOfFeverClinicObservee: false,
    isolationStartedAt: null,
    keyAreaVisits: [],
    keyAreaContacts: [],
    symptoms: [],
    ...facts,
  };
}

const SYMPTOMS = ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'];

/**
 * `application`: 64 declarations with no history, classified at application time: half with no
 * facts, the rest over R1–R4, Y1, Y2 and their overlaps (I-16), key-area visits in and out of the
 * 14-day look-back.
 */
function application() {
  const random = generator(1);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const cases = [];
  for (let n = 0; n < 64; n++) {
    const facts = {};
    if (n % 2 === 1) {
      if (random() < 0.15) facts.clinical = pick(['confirmed', 'suspected', 'positive']);
      if (random() < 0.2) facts.closeContactOfCase = true;
      if (random() < 0.25) {
        const to = SUBMITTED - Math.floor(random() * 20) * DAY;
        facts.keyAreaVisits = [{ area: pick(['420100', '310000']), from: dayText(to - 2 * DAY), to: dayText(to) }];
      }
      if (random() < 0.1) facts.keyAreaContacts = [{ on: dayText(SUBMITTED - Math.floor(random() * 20) * DAY) }];
      if (random() < 0.15) facts.feverClinicObservation = true;
      if (random() < 0.3) facts.symptoms = [pick(SYMPTOMS)];
      if (random() < 0.2) facts.closeContactOfFeverClinicObservee = true;
    }
    cases.push({ declaration: declaration(n, facts), history: [], now: iso(SUBMITTED + HOUR) });
  }
  return cases;
}

/** `resident-10`: an approved green resident with 10 normal temperature readings. */
function resident10() {
  const history = [{ id: 'ok', at: iso(SUBMITTED + 2 * HOUR), kind: 'review-approved', credential: 'app-code' }];
  for (let i = 0; i < 10; i++)
    history.push({ id: `t${i}`, at: iso(SUBMITTED + (i + 1) * DAY), kind: 'temperature', celsius: 36.2 + (i % 5) / 10, venue: 'public-place' });
  return [{ declaration: declaration(0), history, now: iso(SUBMITTED + 12 * DAY) }];
}

/**
 * `mixed-50`: 50 events over overlapping red and yellow conditions: R2 declared, R3 by a travel
 * report, Y2 by a notice, R1 by a positive test that a correction voids, R4 through exclusion and
 * recovery, fevers and a dry cough that reset the counts, daily reports.
 */
function mixed50() {
  const at = (days, hours = 9) => iso(SUBMITTED + days * DAY + (hours - 10) * HOUR);
  const history = [
    { id: 'ok', at: at(0, 12), kind: 'review-approved', credential: 'app-code' },
    { id: 'iso', at: at(0, 15), kind: 'isolation-started', place: 'centralized' },
    { id: 'kav', at: at(2), kind: 'key-area-visit', area: '420100', from: dayText(SUBMITTED - 5 * DAY), to: dayText(SUBMITTED - 2 * DAY) },
    { id: 'ccf', at: at(4), kind: 'close-contact', of: 'fever-clinic-observee' },
    { id: 'pos', at: at(6), kind: 'test-result', result: 'positive' },
    { id: 'fix', at: at(9), kind: 'correction', voids: 'pos', authority: 'CDC lab', reason: 'sample mix-up' },
    { id: 'fco', at: at(10), kind: 'fever-clinic-observation' },
    { id: 'exc', at: at(12), kind: 'covid-excluded' },
    { id: 'rec', at: at(13), kind: 'recovered' },
    { id: 'dry', at: at(11, 20), kind: 'symptoms', symptoms: ['dry-cough'], source: 'self' },
  ];
  for (let day = 1; day <= 34; day++)
    history.push({ id: `t${day}`, at: at(day, 8), kind: 'temperature', celsius: day === 7 || day === 15 ? 37.8 : 36.5, venue: 'residential' });
  for (let day = 1; history.length < 50; day++) history.push({ id: `d${day}`, at: at(day, 21), kind: 'daily-report', symptoms: [] });
  return [{ declaration: declaration(0, { closeContactOfCase: true }), history, now: at(45, 12) }];
}

/**
 * `long-N`: years of reports by one resident: every 8 hours a normal reading or a daily report,
 * and every 97 days two fevers a day apart (GY, then its release), N events in all.
 */
function long(n) {
  const history = [{ id: 'ok', at: iso(SUBMITTED + 2 * HOUR), kind: 'review-approved', credential: 'app-code' }];
  let at = SUBMITTED + 2 * HOUR;
  for (let i = 1; history.length < n; i++) {
    at += 8 * HOUR;
    const day = Math.floor((at - SUBMITTED) / DAY);
    if ((day % 97 === 50 || day % 97 === 51) && i % 3 === 0) history.push({ id: `f${i}`, at: iso(at), kind: 'temperature', celsius: 37.9, venue: 'public-transport' });
    else if (i % 3 === 0) history.push({ id: `d${i}`, at: iso(at), kind: 'daily-report', symptoms: [] });
    else history.push({ id: `t${i}`, at: iso(at), kind: 'temperature', celsius: 36.4, venue: 'public-place' });
  }
  return [{ declaration: declaration(0), history, now: iso(at + DAY) }];
}

/**
 * The named workloads (all by default): each a list of cases `{ declaration, history, now }` that
 * an iteration cycles through, as an app's JSON parses them (flat strings, plain objects).
 */
export function workloads(names = Object.keys(BUILDERS)) {
  return JSON.parse(JSON.stringify(Object.fromEntries(names.map((name) => [name, BUILDERS[name]()]))));
}

const BUILDERS = {
  application: () => application(),
  'resident-10': () => resident10(),
  'mixed-50': () => mixed50(),
  'long-10': () => long(10),
  'long-1000': () => long(1000),
  'long-10000': () => long(10_000),
};

/** The key-area list of the built-in policy and a long one (5,000 areas), for the policy-size check. */
export function bigKeyAreaList(policy) {
  const keyAreas = [...policy.keyAreas];
  for (let i = 0; i < 5000; i++) keyAreas.push({ area: String(500000 + i), name: `area ${i}`, from: '2020-01-01', to: null });
  return { ...policy, id: 'lianyungang-2020-many-areas', keyAreas };
}
