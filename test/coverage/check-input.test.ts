import { describe, expect, it } from 'vitest';
import { evaluate, safeCheck } from '../../src/index.js';
import { declaration, event } from '../../src/testing/index.js';

const CONTEXT = { venue: 'public-place', direction: 'in', celsius: 36.5, at: '2020-03-01T09:00:00+08:00' };

describe('checkpoints take only a well-formed assessment (§6, §8, §9)', () => {
  // Worked example 1: no facts, approved → green and issued.
  const green = evaluate(declaration(), [event.reviewApproved('2020-02-01T12:00:00+08:00')], '2020-03-01T08:30:00+08:00');

  it('C4: the untouched green, issued assessment is admitted at a public place', () => {
    const result = safeCheck(green, CONTEXT);
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data.rule).toBe('C4');
      expect(result.data.admit).toBe(true);
    }
  });

  it('§8, §9: an assessment whose policy hash is not sha256:<64 hex> is an input error with its path, not a decision', () => {
    const tampered = { ...green, policy: { ...green.policy, hash: 'sha256:not-a-hash' } };
    const result = safeCheck(tampered, CONTEXT);
    expect(result.success).toBe(false);
    if (!result.success) {
      const issue = result.error.issues.find((i) => i.path.join('.') === 'assessment.policy.hash');
      expect(issue).toBeDefined();
      expect(issue?.code).toBe('invalid');
    }
  });
});
