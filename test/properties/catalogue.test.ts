import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { transitions } from '../../src/index.js';

/**
 * RULES §5: "Every transition below has a property-based test named with its id". This meta-test
 * reads the exported catalogue and the names of the tests in this folder (the code's own
 * transitions, T-app-*) and in test/rules/ (each rule's transitions, beside its other tests), and
 * fails if a transition id has no test whose name starts with it, or if a test claims an id the
 * catalogue does not have.
 */

const folders = [fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(new URL('../rules/', import.meta.url))];

/** The names of the tests (`it('…')` / `it(`…`)`) in the property and rule files that start with a transition id. */
function propertyNames(): string[] {
  const names: string[] = [];
  for (const folder of folders) {
    for (const file of readdirSync(folder)) {
      if (!file.endsWith('.test.ts') || file.startsWith('known-failures')) continue;
      const text = readFileSync(`${folder}${file}`, 'utf8');
      for (const match of text.matchAll(/\bit\(\s*(['"`])(T-[A-Za-z0-9-]+|\$\{id\}):/g)) names.push(match[2] as string);
      // Tests generated from a table of ids: it(`${id}: …`) over a literal list of [id, …] rows.
      if (text.includes('it(`${id}:')) for (const row of text.matchAll(/\[\s*'(T-[A-Za-z0-9-]+)',/g)) names.push(row[1] as string);
    }
  }
  // T-1 … T-7 are the time rules of RULES §2, not transitions.
  return names.filter((n) => n.startsWith('T-') && !/^T-\d+$/.test(n));
}

describe('RULES §5: the transition catalogue and its properties', () => {
  it('every transition id of the exported catalogue has a property test named with it', () => {
    const named = new Set(propertyNames());
    const missing = transitions.map((t) => t.id).filter((id) => !named.has(id));
    expect(missing).toEqual([]);
  });

  it('every transition id a property test is named with is in the catalogue', () => {
    const ids = new Set<string>(transitions.map((t) => t.id));
    expect(propertyNames().filter((n) => !ids.has(n))).toEqual([]);
  });

  it('the catalogue lists each id once, and exactly the ids of the table of RULES §5', () => {
    const ids = transitions.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The ids as the rule book's §5 table writes them, rule by rule.
    const rulebook = [
      'T-R1-on', 'T-R1-discharge', 'T-R1-off', 'T-R2-on', 'T-R3-on', 'T-R2-reset', 'T-R3-reset', 'T-R2-off', 'T-R3-off',
      'T-R4-on', 'T-R4-excluded', 'T-R4-recovered', 'T-R4-confirmed', 'T-R4-reset', 'T-R4-off', 'T-R5-on', 'T-R5-off',
      'T-Y1-on', 'T-Y2-on', 'T-Y1-reset', 'T-Y2-reset', 'T-GY-reset', 'T-Y1-off', 'T-Y2-off', 'T-GY-off',
      'T-GY-first', 'T-GY-on', 'T-colour', 'T-app-submitted', 'T-app-approved', 'T-app-rejected', 'T-void',
    ];
    expect([...ids].sort()).toEqual([...rulebook].sort());
  });
});
