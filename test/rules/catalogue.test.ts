import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as gy from '../../src/rules/gy.js';
import { RULE_MODULES } from '../../src/rules/index.js';
import * as r1 from '../../src/rules/r1.js';
import * as r2 from '../../src/rules/r2.js';
import * as r3 from '../../src/rules/r3.js';
import * as r4 from '../../src/rules/r4.js';
import * as r5 from '../../src/rules/r5.js';
import * as y1 from '../../src/rules/y1.js';
import * as y2 from '../../src/rules/y2.js';
import { RULES } from '../../src/schema/primitives.js';
import { transitions } from '../../src/transitions.js';

/**
 * Every rule id of RULES has its module (`src/rules/<id>.ts`) and its test file
 * (`test/rules/<id>.test.ts`), and the module owns exactly the rows of the transition catalogue
 * (RULES §5) that name its rule.
 */

const root = new URL('../../', import.meta.url);
const path = (relative: string): string => fileURLToPath(new URL(relative, root));
/** What each file of src/rules/ exports, by file name. */
const files: Record<string, Record<string, unknown>> = { r1, r2, r3, r4, r5, y1, y2, gy };

describe('RULES: one module and one test file per rule', () => {
  it('RULE_MODULES has the rule ids of RULES as its keys, in RULES order', () => {
    expect(Object.keys(RULE_MODULES)).toEqual([...RULES]);
  });

  for (const id of RULES) {
    const file = id.toLowerCase();

    it(`${id}: src/rules/${file}.ts exists and exports the module whose id is ${id}`, () => {
      expect(existsSync(path(`src/rules/${file}.ts`))).toBe(true);
      expect(Object.keys(files)).toContain(file);
      const module = files[file]?.[file] as { id: string } | undefined;
      expect(module).toBeDefined();
      expect(module?.id).toBe(id);
      expect(module).toBe(RULE_MODULES[id]);
    });

    it(`${id}: test/rules/${file}.test.ts exists`, () => {
      expect(existsSync(path(`test/rules/${file}.test.ts`))).toBe(true);
    });

    it(`${id}: the module's transitions are exactly the catalogue rows whose rule is ${id}, in catalogue order`, () => {
      const own = RULE_MODULES[id].transitions;
      expect(own.length).toBeGreaterThan(0);
      expect(own).toEqual(transitions.filter((row) => row.rule === id));
      for (const row of own) expect(transitions).toContain(row);
    });

    it(`${id}: each of its rows has an id starting with T-${id}- and names ${id} as its rule`, () => {
      for (const row of RULE_MODULES[id].transitions) {
        expect(row.id.startsWith(`T-${id}-`)).toBe(true);
        expect(row.rule).toBe(id);
      }
    });
  }

  it('RULES: no catalogue row names a rule outside RULES, and every row named T-<rule>- belongs to that rule', () => {
    for (const row of transitions) {
      if (row.rule !== null) expect(RULES).toContain(row.rule);
      const named = RULES.find((id) => row.id.startsWith(`T-${id}-`));
      expect(row.rule).toBe(named ?? null);
    }
  });
});
