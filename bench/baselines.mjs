// What a developer would otherwise write for the application-time rules R1–R5, Y1, Y2: the same
// rules in json-rules-engine (the popular npm rules engine), and a minimal hand-written classifier
// (the floor: no validation, no trail, no messages, no dates beyond the look-back). Both read a
// valid declaration of FORMAT "A case" and return `{ colour, rules }`.
import { Engine } from 'json-rules-engine';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000; // Asia/Shanghai has kept +08:00 since 1991

const dayOfInstant = (text) => Math.floor((Date.parse(text) + SHANGHAI) / DAY);
const dayOfDate = (text) => Math.floor(Date.parse(`${text}T00:00:00Z`) / DAY);

/** R3 at application time (I-5, T-4): a key-area stay or contact within the look-back. */
function keyAreaWithinLookback(declaration, policy) {
  const day = dayOfInstant(declaration.submittedAt);
  const inForce = (area) =>
    policy.keyAreas.some((k) => k.area === area && dayOfDate(k.from) <= day && (k.to === null || day <= dayOfDate(k.to)));
  const meets = (from, to) => from <= day && to >= day - policy.lookbackDays;
  return (
    declaration.keyAreaVisits.some((v) => inForce(v.area) && meets(dayOfDate(v.from), dayOfDate(v.to))) ||
    declaration.keyAreaContacts.some((k) => (k.area === undefined || inForce(k.area)) && meets(dayOfDate(k.on), dayOfDate(k.on)))
  );
}

const RED = new Set(['R1', 'R2', 'R3', 'R4', 'R5']);
const ORDER = ['R1', 'R2', 'R3', 'R4', 'R5', 'Y1', 'Y2'];
const colourOf = (rules) => (rules.some((r) => RED.has(r)) ? 'red' : rules.length > 0 ? 'yellow' : 'green');

/** The floor: the application-time rules as plain code. */
export function handClassifier(policy) {
  return (declaration) => {
    const rules = [];
    if (declaration.clinical !== 'none') rules.push('R1');
    if (declaration.closeContactOfCase) rules.push('R2');
    if (keyAreaWithinLookback(declaration, policy)) rules.push('R3');
    if (declaration.feverClinicObservation && declaration.clinical === 'none') rules.push('R4');
    // R5 needs an authority's designation: never at application time.
    const red = rules.length > 0;
    if (declaration.symptoms.length > 0 && !red) rules.push('Y1'); // I-16
    if (declaration.closeContactOfFeverClinicObservee && !red) rules.push('Y2'); // I-16
    return { colour: colourOf(rules), rules };
  };
}

/**
 * The same rules in json-rules-engine: facts from the declaration, a computed fact for the key-area
 * look-back, a shared `red` condition so that Y1 and Y2 start only when no red rule holds (I-16).
 * The engine is built once; each call is one `engine.run`.
 */
export function jsonRulesEngineClassifier(policy) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('nonEmpty', (value) => Array.isArray(value) && value.length > 0);
  engine.addFact('keyAreaWithinLookback', async (_params, almanac) => keyAreaWithinLookback(await almanac.factValue('declaration'), policy));
  const r1 = { fact: 'declaration', path: '$.clinical', operator: 'in', value: ['confirmed', 'suspected', 'positive'] };
  const r2 = { fact: 'declaration', path: '$.closeContactOfCase', operator: 'equal', value: true };
  const r3 = { fact: 'keyAreaWithinLookback', operator: 'equal', value: true };
  const r4 = {
    all: [
      { fact: 'declaration', path: '$.feverClinicObservation', operator: 'equal', value: true },
      { fact: 'declaration', path: '$.clinical', operator: 'equal', value: 'none' },
    ],
  };
  const r5 = { fact: 'highRiskDesignation', operator: 'equal', value: true };
  engine.setCondition('red', { any: [r1, r2, r3, r4, r5] });
  const rule = (name, conditions) => engine.addRule({ name, conditions, event: { type: name } });
  rule('R1', { all: [r1] });
  rule('R2', { all: [r2] });
  rule('R3', { all: [r3] });
  rule('R4', r4);
  rule('R5', { all: [r5] });
  rule('Y1', { all: [{ fact: 'declaration', path: '$.symptoms', operator: 'nonEmpty', value: true }, { not: { condition: 'red' } }] });
  rule('Y2', {
    all: [{ fact: 'declaration', path: '$.closeContactOfFeverClinicObservee', operator: 'equal', value: true }, { not: { condition: 'red' } }],
  });
  return async (declaration) => {
    const { events } = await engine.run({ declaration, highRiskDesignation: false });
    const fired = new Set(events.map((e) => e.type));
    const rules = ORDER.filter((r) => fired.has(r));
    return { colour: colourOf(rules), rules };
  };
}
