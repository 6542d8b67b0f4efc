import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_RULES, glossary, transitions } from '../src/index.js';
import { evaluate } from './support/untyped.js';
import { minimalDeclaration } from './support/minimal.js';

// Issue 14: no id is shown to a person without a way to put it in words. docs/glossary.md defines
// every id of the rule book; `glossary` carries the interpretations and time rules as data.

const root = fileURLToPath(new URL('..', import.meta.url));
const page = readFileSync(`${root}docs/glossary.md`, 'utf8');
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('glossary', () => {
  it('I-1 … I-19 and T-1 … T-7: each has an entry in words, in three languages, with its policy section', () => {
    expect(glossary.map((g) => g.id)).toEqual([...ids('T-', 7), ...ids('I-', 19)]);
    for (const g of glossary) {
      expect(g.section, g.id).toMatch(/^§\d/);
      for (const text of Object.values(g.text)) expect(text.length, g.id).toBeGreaterThan(8);
      expect(g.text.en, g.id).not.toMatch(/\bI-\d/);
    }
  });

  it('every interpretation a transition cites is in the glossary', () => {
    const known = new Set<string>(glossary.map((g) => g.id));
    for (const t of transitions) for (const id of t.interpretations) expect(known.has(id), `${t.id} cites ${id}`).toBe(true);
  });

  it('every interpretation a reason cites is in the glossary (RULES §10 examples)', () => {
    const known = new Set<string>(glossary.map((g) => g.id));
    const a = evaluate(
      { ...minimalDeclaration(), closeContactOfCase: true, keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] },
      [{ id: 'y2', at: '2020-02-02T09:00:00+08:00', kind: 'close-contact', of: 'fever-clinic-observee' }],
      '2020-02-05T12:00:00+08:00',
    );
    for (const r of a.reasons) for (const id of r.interpretations) expect(known.has(id), `${r.rule} cites ${id}`).toBe(true);
  });

  it('docs/glossary.md defines every rule, time rule, interpretation, transition, checkpoint row, application rule and reading', () => {
    const all = [
      'R1', 'R2', 'R3', 'R4', 'R5', 'Y1', 'Y2', 'GY',
      ...ids('T-', 7),
      ...ids('I-', 19),
      ...CHECKPOINT_RULES,
      'C12',
      ...ids('A-', 4),
      'readings.closeContact', 'readings.triggers', 'readings.feverAtHome',
    ];
    for (const id of all) expect(page, id).toContain(`| \`${id}\` |`);
    for (const t of transitions) expect(page.includes(t.id) || page.includes(`T-<rule>-${t.id.split('-').at(-1) ?? ''}`), t.id).toBe(true);
  });
});
