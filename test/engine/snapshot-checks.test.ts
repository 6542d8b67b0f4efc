import { describe, expect, it } from 'vitest';
import { createEngine, defaultEngine, lianyungang2020, type DeclarationInput, type Event, type Snapshot } from '../../src/index.js';
import { minimalDeclaration } from '../support/minimal.js';

// Engine.resume reads a snapshot like any input (RULES §9) and continues the fold of RULES §1–§5
// exactly where evaluate of the whole history would be.

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const day = (d: string, time = '09:00:00'): string => `2020-${d}T${time}+08:00`;
const paths = (r: { success: boolean; error?: { issues: readonly { path: readonly (string | number)[]; code: string }[] } }): string[] =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.code} ${i.path.join('.')}`);

/** Evaluates the whole history, and snapshots it at `cut` then resumes with the rest: the same JSON. */
function agree(declaration: Record<string, unknown>, history: Event[], cut: string, now: string, engine = defaultEngine): Snapshot {
  const d = declaration as DeclarationInput;
  const at = Date.parse(cut);
  const before = history.filter((e) => Date.parse(e.at) <= at);
  const after = history.filter((e) => Date.parse(e.at) > at);
  const snapshot = json(engine.snapshot(d, before, cut));
  const resumed = engine.resume(snapshot, after, now);
  expect(paths(resumed)).toEqual([]);
  if (!resumed.success) throw resumed.error;
  expect(json(resumed.data.assessment)).toEqual(json(engine.evaluate(d, history, now)));
  return resumed.data.snapshot;
}

describe('Engine.resume: each rule continued across a snapshot (RULES §3–§5)', () => {
  it('R1 (§3.1, I-4): a positive test before the cut, the discharge after it, the release after now', () => {
    agree(minimalDeclaration(), [
      { id: 'p', at: day('02-03'), kind: 'test-result', result: 'positive' },
      { id: 'h', at: day('02-10'), kind: 'hospital-discharge' },
    ], day('02-05'), day('03-01'));
  });

  it('R2 (§3.2, I-3, I-7): the contact before the cut; the isolation start and a reset symptom after it; the release due between the last event and now', () => {
    const s = agree(minimalDeclaration(), [
      { id: 'c', at: day('02-02'), kind: 'close-contact', of: 'case' },
      { id: 'i', at: day('02-03'), kind: 'isolation-started', place: 'home' },
      { id: 'f', at: day('02-05'), kind: 'symptoms', symptoms: ['dry-cough'], source: 'self' },
    ], day('02-02', '12:00:00'), day('03-10'));
    // The snapshot stays at the last event: R2 is still active in it, though released by now.
    expect(s.at).toBe(day('02-05'));
    expect(Object.keys(s.state.conditions)).toEqual(['R2']);
    expect(s.state.colour).toBe('red');
  });

  it('R3 (§3.3, I-17): a key-area visit before the cut, a later contact from a key area after it moves the anchor', () => {
    agree(minimalDeclaration({ keyAreaVisits: [{ area: '420100', from: '2020-01-25', to: '2020-01-28' }] }), [
      { id: 'k', at: day('02-04'), kind: 'key-area-contact', area: '420100', on: '2020-02-03' },
    ], day('02-02'), day('02-25'));
  });

  it('R4 (§3.4, I-14, I-17): the observation before the cut; exclusion, recovery and a reading after it; then R1 confirms it', () => {
    agree(minimalDeclaration(), [
      { id: 'o', at: day('02-02'), kind: 'fever-clinic-observation' },
      { id: 'x', at: day('02-04'), kind: 'covid-excluded' },
      { id: 'r', at: day('02-05'), kind: 'recovered' },
      { id: 't', at: day('02-06'), kind: 'temperature', celsius: 37.5 },
    ], day('02-03'), day('02-28'));
    agree(minimalDeclaration(), [
      { id: 'o', at: day('02-02'), kind: 'fever-clinic-observation' },
      { id: 'p', at: day('02-04'), kind: 'test-result', result: 'positive' },
    ], day('02-03'), day('02-10'));
  });

  it('R5 (§3.5, I-6): a designation before the cut, a second one and the release after it', () => {
    const designation = { kind: 'high-risk-designation', authority: 'district', reason: 'cluster', basis: 'notice 5' } as const;
    agree(minimalDeclaration(), [
      { id: 'd1', at: day('02-02'), ...designation },
      { id: 'd2', at: day('02-04'), ...designation, obligations: ['home-isolation'] },
      { id: 'rel', at: day('02-09'), kind: 'authority-release', authority: 'district', reason: 'cleared' },
    ], day('02-03'), day('02-12'));
  });

  it('Y1 and Y2 (§4, I-16): declared, then a contact of an observee and a reset after the cut', () => {
    agree(minimalDeclaration({ symptoms: ['fatigue'], closeContactOfFeverClinicObservee: true }), [
      { id: 'y', at: day('02-03'), kind: 'close-contact', of: 'fever-clinic-observee' },
      { id: 's', at: day('02-06'), kind: 'symptoms', symptoms: ['fatigue'], source: 'self' },
    ], day('02-02'), day('02-28'));
  });

  it('GY (§5, I-8, I-10): the first fever before the cut is remembered in the snapshot; the second after it starts GY; missed daily reports', () => {
    const s = agree(minimalDeclaration(), [
      { id: 'ok', at: day('02-01', '11:00:00'), kind: 'review-approved' },
      { id: 't1', at: day('02-03'), kind: 'temperature', celsius: 37.6 },
      { id: 'r1', at: day('02-04', '20:00:00'), kind: 'daily-report', symptoms: [] },
      { id: 't2', at: day('02-05'), kind: 'temperature', celsius: 37.8 },
      { id: 'r2', at: day('02-07', '20:00:00'), kind: 'daily-report', symptoms: [] },
    ], day('02-03', '12:00:00'), day('02-10'));
    expect(Object.keys(s.state.conditions)).toEqual(['GY']);
  });

  it('readings.closeContact "literal" (RULES §12): a contact waiting for an isolation start across the cut', () => {
    const engine = createEngine({ ...lianyungang2020, readings: { ...lianyungang2020.readings, closeContact: 'literal' } });
    agree(minimalDeclaration(), [
      { id: 'c', at: day('02-02'), kind: 'close-contact', of: 'case' },
      { id: 'c2', at: day('02-03'), kind: 'close-contact', of: 'case' },
      { id: 'i', at: day('02-06'), kind: 'isolation-started', place: 'centralized' },
    ], day('02-04'), day('02-25'), engine);
  });

  it('readings.triggers "at-application" (RULES §12, I-19): a positive test after the cut starts nothing', () => {
    const engine = createEngine({ ...lianyungang2020, readings: { ...lianyungang2020.readings, triggers: 'at-application' } });
    agree(minimalDeclaration(), [{ id: 'p', at: day('02-04'), kind: 'test-result', result: 'positive' }], day('02-02'), day('02-10'), engine);
  });

  it('the review (I-12, I-18) and a correction after the cut of an event after the cut (I-13); duplicates of an event after the cut (RULES §9)', () => {
    const t = { id: 't', at: day('02-05'), kind: 'temperature', celsius: 38.1 } as const;
    agree(minimalDeclaration(), [
      { id: 'ok', at: day('02-04'), kind: 'review-approved' },
      t,
      t,
      { id: 'v', at: day('02-06'), kind: 'correction', voids: 't', authority: 'clinic', reason: 'thermometer' },
      { id: 'no', at: day('02-07'), kind: 'review-rejected', reason: 'duplicate application' },
    ], day('02-02'), day('02-10'));
  });
});

describe('Engine.resume reads the snapshot before it trusts it (RULES §9)', () => {
  const d = minimalDeclaration() as DeclarationInput;
  const contact: Event = { id: 'c1', at: day('02-02'), kind: 'close-contact', of: 'case' };
  const snapshot = json(defaultEngine.snapshot(d, [contact], day('02-03', '00:00:00')));
  const later = day('02-10');
  const reading = (id: string, at = day('02-04')): Event => ({ id, at, kind: 'temperature', celsius: 36.5 });

  it('events that are not a list, and a list over the limit', () => {
    expect(paths(defaultEngine.resume(snapshot, { id: 'x' }, later))).toEqual(['invalid_type events']);
    const small = createEngine({ ...lianyungang2020, limits: { ...lianyungang2020.limits, maxEvents: 2 } });
    const own = json(small.snapshot(d, [contact], day('02-03', '00:00:00')));
    expect(paths(small.resume(own, [reading('a'), reading('b'), reading('c')], later))).toEqual(['too_large events']);
  });

  it('a snapshot that is not one: every problem at its path under snapshot', () => {
    expect(paths(defaultEngine.resume(null, [], later))[0]).toMatch(/^invalid snapshot/);
    const r = defaultEngine.resume({ ...snapshot, format: 'other', at: 'soon' }, [], later);
    expect(paths(r)).toEqual(expect.arrayContaining(['invalid snapshot.format', 'invalid snapshot.at']));
  });

  it('a state that contradicts itself is inconsistent: a condition under another rule, one started after the instant, one due for release by it', () => {
    const r2 = snapshot.state.conditions.R2!;
    const moved = { ...snapshot, state: { ...snapshot.state, conditions: { R3: r2 } } };
    const late = { ...snapshot, state: { ...snapshot.state, conditions: { R2: { ...r2, startedAt: Date.parse(day('02-04')) } } } };
    const due = { ...snapshot, state: { ...snapshot.state, conditions: { R2: { ...r2, releaseAt: Date.parse(day('02-02', '12:00:00')) } } } };
    for (const bad of [moved, late, due]) expect(paths(defaultEngine.resume(bad, [], later))).toEqual(['inconsistent snapshot.state']);
  });

  it('problems of the pending events and of the declaration are at their paths under snapshot; those of the new events under events', () => {
    const pending = { ...snapshot, pending: [{ id: 'p', at: 'later', kind: 'temperature', celsius: 36.5 }] };
    expect(paths(defaultEngine.resume(pending, [], later))).toEqual(['invalid_instant snapshot.pending.0.at']);
    const declaration = { ...snapshot, declaration: { ...snapshot.declaration, category: 'tourist' } };
    expect(paths(defaultEngine.resume(declaration, [], later))[0]).toMatch(/ snapshot\.declaration\.category$/);
    expect(paths(defaultEngine.resume(snapshot, [reading('a'), { id: 'b', at: day('02-05'), kind: 'teleport' }], later))[0]).toMatch(/ events\.1(\.kind)?$/);
  });

  it('a pending event dated at or before the instant cannot be continued', () => {
    const forged = { ...snapshot, pending: [reading('p', day('02-02'))] };
    expect(paths(defaultEngine.resume(forged, [], later))).toEqual(['needs_full_history snapshot.pending.0.at']);
  });

  it('an id it has seen, whether applied, ignored or pending, and with many new events as with few', () => {
    const many = [reading('a', day('02-04')), reading('b', day('02-05')), reading('c', day('02-06')), reading('d', day('02-07')), reading('c1', day('02-08'))];
    expect(paths(defaultEngine.resume(snapshot, many, later))).toEqual(['needs_full_history events.4.id']);
    const withPending = json(defaultEngine.snapshot(d, [contact, reading('f', day('02-20'))], day('02-03', '00:00:00')));
    expect(withPending.pending).toHaveLength(1);
    expect(paths(defaultEngine.resume(withPending, [reading('f', day('02-20'))], later))).toEqual(['needs_full_history events.0.id']);
    // The same id with other content is a conflict of the joined history (RULES §9), not a resume question.
    expect(paths(defaultEngine.resume(withPending, [reading('f', day('02-05'))], later))).toEqual(['duplicate_id events.0.id']);
    const duplicated = json(defaultEngine.snapshot(d, [contact, contact], day('02-03', '00:00:00')));
    expect(duplicated.ignored).toEqual([{ id: 'c1', why: 'duplicate', ms: Date.parse(contact.at), rank: expect.any(Number) }]);
    expect(paths(defaultEngine.resume(duplicated, [reading('c1')], later))).toEqual(['needs_full_history events.0.id']);
  });

  it('the new snapshot is its own data: changing the assessment changes nothing in it; with nothing applied it keeps its instant', () => {
    const r = defaultEngine.resume(snapshot, [reading('a')], later);
    if (!r.success) throw r.error;
    const copy = json(r.data.snapshot);
    r.data.assessment.applied.push('x');
    r.data.assessment.trail.length = 0;
    expect(r.data.snapshot).toEqual(copy);
    const none = defaultEngine.resume(snapshot, [reading('z', day('02-20'))], later);
    if (!none.success) throw none.error;
    expect(none.data.snapshot.at).toBe(snapshot.at);
    expect(none.data.snapshot.pending).toHaveLength(1);
    expect(none.data.assessment.ignored).toEqual([{ id: 'z', why: 'future' }]);
  });
});

describe('Engine.resume says why it cannot continue, in words a platform team can act on', () => {
  const d = minimalDeclaration() as DeclarationInput;
  const contact: Event = { id: 'c1', at: day('02-02'), kind: 'close-contact', of: 'case' };
  const snapshot = json(defaultEngine.snapshot(d, [contact], day('02-03', '00:00:00')));
  const messages = (r: { success: boolean; error?: { issues: readonly { message: string }[] } }): string[] => (r.success ? [] : (r.error?.issues ?? []).map((i) => i.message));
  const reading = (id: string, at: string): Event => ({ id, at, kind: 'temperature', celsius: 36.5 });
  const tail = ': evaluate the whole history instead';

  it('needs_full_history: each reason, and what to do', () => {
    expect(messages(defaultEngine.resume(snapshot, [reading('a', day('02-02'))], day('02-10')))).toEqual([`an event at or before the snapshot's instant ${snapshot.at}${tail}`]);
    expect(messages(defaultEngine.resume(snapshot, [{ ...contact, at: day('02-02') }], day('02-10')))).toEqual([`an event at or before the snapshot's instant ${snapshot.at}${tail}`]);
    expect(messages(defaultEngine.resume(snapshot, [{ ...contact, at: day('02-04') }], day('02-10')))[0]).toBe(`the snapshot has already seen an event "c1"${tail}`);
    expect(messages(defaultEngine.resume(snapshot, [{ id: 'v', at: day('02-04'), kind: 'correction', voids: 'c1', authority: 'CDC', reason: 'wrong person' }], day('02-10')))).toEqual([`a correction of an event the snapshot holds${tail}`]);
    expect(messages(defaultEngine.resume(snapshot, [], day('02-02')))).toEqual([`now is before the snapshot's instant ${snapshot.at}${tail}`]);
    const other = createEngine({ ...lianyungang2020, id: 'other', version: '9', observationDays: 21 });
    expect(messages(other.resume(snapshot, [], day('02-10')))).toEqual([`the snapshot was folded under ${lianyungang2020.id} ${lianyungang2020.version}, not this engine's policy${tail}`]);
  });

  it('inconsistent: which part of the state contradicts which', () => {
    const r2 = snapshot.state.conditions.R2!;
    const at = (conditions: Snapshot['state']['conditions'], colour = snapshot.state.colour) => messages(defaultEngine.resume({ ...snapshot, state: { ...snapshot.state, conditions, colour } }, [], day('02-10')));
    expect(at({ R3: r2 })).toEqual(['the condition under R3 is one of R2']);
    expect(at({ R2: { ...r2, startedAt: Date.parse(day('02-04')) } })).toEqual(["R2 starts after the snapshot's instant"]);
    expect(at({ R2: { ...r2, releaseAt: Date.parse(day('02-02', '12:00:00')) } })).toEqual(["R2 was due for release by the snapshot's instant"]);
    expect(at({ R2: r2 }, 'yellow')).toEqual(["the state's colour is yellow, its conditions give red"]);
    expect(messages(defaultEngine.resume(snapshot, 'none', day('02-10')))).toEqual(['events must be an array']);
  });
});

describe('Engine.resume: the long lists of a snapshot and the order of what it ignored', () => {
  const d = minimalDeclaration() as DeclarationInput;
  const t = (id: string, at: string, celsius = 36.5): Event => ({ id, at, kind: 'temperature', celsius });

  it('the applied ids and the report days are checked: a list of ids, ascending days', () => {
    const s = json(defaultEngine.snapshot(d, [{ id: 'r', at: day('02-02', '20:00:00'), kind: 'daily-report', symptoms: [] }, t('t', day('02-03'))], day('02-04')));
    expect(s.state.applied).toEqual(['r', 't']);
    const bad = (state: Record<string, unknown>) => paths(defaultEngine.resume({ ...s, state: { ...s.state, ...state } }, [], day('02-05')));
    expect(bad({ applied: ['r', 7] })).toEqual(['invalid snapshot.state.applied']);
    expect(bad({ applied: ['r', ''] })).toEqual(['invalid snapshot.state.applied']);
    expect(bad({ applied: 'r' })).toEqual(['invalid snapshot.state.applied']);
    expect(bad({ reportDays: [s.state.reportDays[0], s.state.reportDays[0]] })).toEqual(['invalid snapshot.state.reportDays']);
    expect(bad({ reportDays: [1.5] })).toEqual(['invalid snapshot.state.reportDays']);
    expect(bad({ reportDays: 3 })).toEqual(['invalid snapshot.state.reportDays']);
  });

  it('ignored events before and after the cut, duplicates, voids and future ones, in T-6 order as evaluate lists them (RULES §8)', () => {
    const history: Event[] = [
      t('a', day('02-02')),
      t('a', day('02-02')),
      t('b', day('02-05')),
      t('b', day('02-05')),
      t('c', day('02-06')),
      { id: 'v', at: day('02-07'), kind: 'correction', voids: 'c', authority: 'clinic', reason: 'wrong person' },
      t('z', day('02-20')),
      t('y', day('02-19')),
    ];
    agree(minimalDeclaration(), history, day('02-03'), day('02-10'));
    agree(minimalDeclaration(), history, day('02-05', '12:00:00'), day('02-10'));
  });
});

describe('what the fold remembers while red, and where an isolation anchors (I-8, I-3)', () => {
  it('I-8: an occurrence before a red episode does not count after the subject turns green again', () => {
    const designation = { kind: 'high-risk-designation', authority: 'district', reason: 'cluster', basis: 'notice 5' } as const;
    const history: Event[] = [
      { id: 't1', at: day('02-02'), kind: 'temperature', celsius: 37.8 },
      { id: 'd', at: day('02-03'), ...designation },
      { id: 'rel', at: day('02-04'), kind: 'authority-release', authority: 'district', reason: 'cleared' },
      { id: 't2', at: day('02-05'), kind: 'temperature', celsius: 37.8 },
    ];
    const after = defaultEngine.evaluate(minimalDeclaration() as DeclarationInput, history, day('02-06'));
    expect(after.colour).toBe('green');
    expect(after.trail.map((e) => e.transition)).toContain('T-GY-first');
    expect(after.trail.filter((e) => e.transition === 'T-GY-first').map((e) => e.evidence)).toEqual([['t1'], ['t2']]);
  });

  it('I-3: the first isolation start at or after a contact anchors R2; a later one does not move it', () => {
    const a = defaultEngine.evaluate(minimalDeclaration() as DeclarationInput, [
      { id: 'c', at: day('02-02'), kind: 'close-contact', of: 'case' },
      { id: 'i1', at: day('02-03'), kind: 'isolation-started', place: 'home' },
      { id: 'i2', at: day('02-05'), kind: 'isolation-started', place: 'centralized' },
    ], day('02-06'));
    expect(a.reasons[0]?.count?.anchor).toBe(day('02-03'));
    expect(a.reasons[0]?.evidence).toEqual(['c', 'i1']);
  });

  it('I-17: a later contact moves R2\'s anchor and writes T-R2-on with its own evidence only', () => {
    const a = defaultEngine.evaluate(minimalDeclaration() as DeclarationInput, [
      { id: 'c1', at: day('02-02'), kind: 'close-contact', of: 'case' },
      { id: 'c2', at: day('02-06'), kind: 'close-contact', of: 'case' },
    ], day('02-07'));
    expect(a.reasons[0]?.count?.anchor).toBe(day('02-06'));
    expect(a.trail.filter((e) => e.transition === 'T-R2-on').map((e) => e.evidence)).toEqual([['c1'], ['c2']]);
    expect(a.reasons[0]?.interpretations).toContain('I-17');
  });
});
