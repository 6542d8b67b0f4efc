#!/usr/bin/env node
// Writes a deterministic synthetic city as NDJSON, one case `{ declaration, history }` a line:
// about 95 % green residents with 0–10 checkpoint readings, the rest spread over every rule
// (R1–R5, Y1, Y2, GY), pending and rejected reviews, corrections, and a few malformed lines so
// that a batch meets its errors too. The same seed and count always write the same bytes.
//
//   node scripts/gen-city.mjs [--count 4600000] [--seed 2020] [--out bench/city/city.ndjson]
//
// Evaluate it at --now 2020-03-20T12:00:00+08:00 (every event is dated before that).
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '4600000' },
    seed: { type: 'string', default: '2020' },
    out: { type: 'string', default: 'bench/city/city.ndjson' },
  },
});
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count < 0) throw new Error(`--count must be a whole number, got ${values.count}`);

// mulberry32: a small seeded generator, so that the city is the same on every machine.
let state = Number(values.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (items) => items[Math.floor(random() * items.length)];

const HOUR = 3_600_000;
const DAY = 86_400_000;
const OFFSET = 8 * HOUR;
const FIRST = Date.UTC(2020, 1, 1) - OFFSET; // 2020-02-01T00:00+08:00
const pad = (n) => String(n).padStart(2, '0');
function iso(ms) {
  const d = new Date(ms + OFFSET);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
}
const dayText = (ms) => iso(ms).slice(0, 10);
const SYMPTOMS = ['fever', 'dry-cough', 'shortness-of-breath', 'fatigue'];
const VENUES = ['residential', 'public-place', 'public-transport'];

// Each profile adds its facts to the declaration and its events to the history.
const PROFILES = [
  // [share, name]
  [0.95, 'green'],
  [0.004, 'R1'],
  [0.006, 'R2'],
  [0.006, 'R3'],
  [0.004, 'R4'],
  [0.002, 'R5'],
  [0.008, 'Y1'],
  [0.006, 'Y2'],
  [0.006, 'GY'],
  [0.004, 'pending'],
  [0.002, 'rejected'],
  [0.00199, 'corrected'],
  [0.00001, 'malformed'],
];
const CUMULATIVE = [];
{
  let sum = 0;
  for (const [share, name] of PROFILES) CUMULATIVE.push([(sum += share), name]);
}
function profile() {
  const r = random();
  for (const [upTo, name] of CUMULATIVE) if (r < upTo) return name;
  return 'green';
}

function readings(history, from, n, feverShare = 0.002) {
  let at = from;
  for (let i = 0; i < n; i++) {
    at += int(2, 60) * HOUR;
    const celsius = random() < feverShare ? 37.5 : Math.round((35.8 + random() * 1.3) * 10) / 10;
    history.push({ id: `t${i}`, at: iso(at), kind: 'temperature', celsius, venue: pick(VENUES) });
  }
  return at;
}

function caseOf(n) {
  const kind = profile();
  const submitted = FIRST + int(0, 40) * DAY + int(7 * 60, 21 * 60) * 60_000;
  const declaration = {
    id: `app-${n}`,
    subjectId: `s-${n.toString(36)}`,
    submittedAt: iso(submitted),
    category: kind === 'green' ? 'resident' : pick(['resident', 'arrival', 'returnee']),
    channel: random() < 0.97 ? 'self' : 'paper-form',
    attestation: true,
  };
  const history = [];
  const review = submitted + int(1, 20) * HOUR;
  if (kind !== 'pending' && kind !== 'rejected') history.push({ id: 'ok', at: iso(review), kind: 'review-approved' });
  const later = (days) => submitted + int(1, days) * DAY + int(0, 23) * HOUR;
  switch (kind) {
    case 'green':
      readings(history, review, int(0, 10));
      break;
    case 'R1':
      history.push({ id: 'pos', at: iso(later(10)), kind: 'test-result', result: 'positive' });
      if (random() < 0.6) history.push({ id: 'out', at: iso(submitted + int(11, 25) * DAY), kind: 'hospital-discharge' });
      break;
    case 'R2':
      if (random() < 0.5) declaration.closeContactOfCase = true;
      else history.push({ id: 'cc', at: iso(later(20)), kind: 'close-contact', of: 'case' });
      history.push({ id: 'iso', at: iso(later(3)), kind: 'isolation-started', place: 'centralized' });
      readings(history, review, int(0, 6), 0.05);
      break;
    case 'R3': {
      const to = submitted - int(0, 12) * DAY;
      declaration.keyAreaVisits = [{ area: '420100', from: dayText(to - int(0, 5) * DAY), to: dayText(to) }];
      readings(history, review, int(0, 6), 0.05);
      break;
    }
    case 'R4':
      declaration.feverClinicObservation = true;
      if (random() < 0.7) history.push({ id: 'excl', at: iso(later(5)), kind: 'covid-excluded' });
      if (random() < 0.7) history.push({ id: 'rec', at: iso(later(8)), kind: 'recovered' });
      break;
    case 'R5':
      history.push({ id: 'hr', at: iso(later(15)), kind: 'high-risk-designation', authority: 'Haizhou District HQ', reason: 'shared transport with a case', basis: 'notice 2020-17' });
      if (random() < 0.4) history.push({ id: 'rel', at: iso(submitted + int(16, 30) * DAY), kind: 'authority-release', authority: 'Haizhou District HQ', reason: 'observation complete' });
      break;
    case 'Y1':
      declaration.symptoms = [pick(SYMPTOMS)];
      for (let i = 0; i < int(0, 5); i++) history.push({ id: `dr${i}`, at: iso(submitted + (i + 1) * DAY), kind: 'daily-report', symptoms: random() < 0.1 ? ['dry-cough'] : [] });
      break;
    case 'Y2':
      if (random() < 0.5) declaration.closeContactOfFeverClinicObservee = true;
      else history.push({ id: 'cf', at: iso(later(20)), kind: 'close-contact', of: 'fever-clinic-observee' });
      break;
    case 'GY': {
      const first = later(15);
      history.push({ id: 'f1', at: iso(first), kind: 'temperature', celsius: 37.6, venue: 'public-place' });
      history.push({ id: 'f2', at: iso(first + int(1, 5) * DAY), kind: 'symptoms', symptoms: ['fever'], source: 'checkpoint' });
      for (let i = 0; i < int(0, 4); i++) history.push({ id: `dr${i}`, at: iso(first + (6 + i) * DAY), kind: 'daily-report', symptoms: [] });
      break;
    }
    case 'pending':
      readings(history, submitted, int(0, 3));
      break;
    case 'rejected':
      history.push({ id: 'no', at: iso(review), kind: 'review-rejected', reason: 'attestation unclear' });
      break;
    case 'corrected':
      history.push({ id: 'pos', at: iso(later(5)), kind: 'test-result', result: 'positive' });
      history.push({ id: 'fix', at: iso(later(5) + 30 * DAY), kind: 'correction', voids: 'pos', authority: 'CDC lab', reason: 'sample mix-up' });
      readings(history, review, int(0, 4));
      break;
    case 'malformed':
      // A case an app could send by mistake: the batch must report it with its line and go on.
      return random() < 0.5 ? `{"declaration":{"id":"app-${n}","subjectId":"s-${n}"` : JSON.stringify({ declaration: { ...declaration, submittedAt: 'yesterday' }, history });
  }
  return JSON.stringify({ declaration, history });
}

if (values.out !== '-') mkdirSync(dirname(values.out), { recursive: true });
const fd = values.out === '-' ? 1 : openSync(values.out, 'w');
let buffer = '';
for (let n = 0; n < count; n++) {
  buffer += `${caseOf(n)}\n`;
  if (buffer.length > 1 << 22) {
    writeSync(fd, buffer);
    buffer = '';
  }
}
writeSync(fd, buffer);
if (fd !== 1) closeSync(fd);
