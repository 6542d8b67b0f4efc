import { describe, expect, it } from 'vitest';
import { stateDiagram } from '../src/index.js';

// Issue 14: the Code composite of the diagram (RULES §5, §8) has no dead end, and every state in it
// is entered by some arrow.

const code = (): string[] => {
  const lines = stateDiagram().split('\n');
  const start = lines.indexOf('  state Code {');
  const end = lines.indexOf('  }', start);
  return lines.slice(start + 1, end).map((l) => l.trim());
};
const arrows = (): [string, string, string][] =>
  code()
    .map((l) => /^(\S+) --> (\S+) : (\S+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1] as string, m[2] as string, m[3] as string]);

describe('stateDiagram: the code itself (§8, I-12, I-18)', () => {
  it('T-app-submitted enters pending; there is no state named "code"', () => {
    expect(arrows()).toContainEqual(['[*]', 'Code_pending', 'T-app-submitted']);
    expect(code().some((l) => l.includes('"code"'))).toBe(false);
  });

  it('I-18: pending, issued and rejected are each entered and each left: the latest review decision stands', () => {
    const a = arrows();
    for (const state of ['Code_pending', 'Code_issued', 'Code_rejected']) {
      expect(a.some(([, to]) => to === state), `${state} entered`).toBe(true);
      expect(a.some(([from]) => from === state), `${state} left`).toBe(true);
    }
    expect(a).toContainEqual(['Code_rejected', 'Code_issued', 'T-app-approved']);
    expect(a).toContainEqual(['Code_issued', 'Code_rejected', 'T-app-rejected']);
  });
});
