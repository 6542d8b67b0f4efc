import { describe, expect, it } from 'vitest';
import { approved, decl, ev, run, transitionIds } from '../support/engine.js';

/**
 * RULES §4 interpretations of the code itself: review (I-12, I-18) and corrections (I-13). Those of
 * one rule are in test/rules/<id>.test.ts.
 */

const NOW = '2020-02-10T12:00:00+08:00';

describe('RULES §4 interpretations', () => {
  it('I-12: without review approval the code is not issued, and the colour is still computed', () => {
    const a = run(decl({ symptoms: ['fever'] }), [], NOW);
    expect(a.issued).toBe(false);
    expect(a.review).toBe('pending');
    expect(a.colour).toBe('yellow');
  });

  describe('I-13: corrections', () => {
    const positive = { id: 'pos', at: '2020-02-03T09:00:00+08:00', kind: 'test-result', result: 'positive' };
    const fix = { id: 'fix', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 'pos', authority: 'lab', reason: 'sample mix-up' };
    it('I-13: a correction voids the event: the result is that of the history without it, plus T-void', () => {
      const a = run(decl(), [approved, positive, fix], NOW);
      const without = run(decl(), [approved], NOW);
      expect(a.colour).toBe('green');
      expect(a.trail.filter((t) => t.transition !== 'T-void')).toEqual(without.trail);
      expect(a.trail.at(-1)).toMatchObject({ transition: 'T-void', at: '2020-02-04T09:00:00+08:00', evidence: ['fix', 'pos'] });
      expect(a.ignored).toEqual([{ id: 'pos', why: 'void' }]);
    });
    it('I-13: evaluated before the correction, the original result shows; a correction of the correction restores it', () => {
      expect(run(decl(), [approved, positive, fix], '2020-02-03T12:00:00+08:00').colour).toBe('red');
      const unfix = { id: 'unfix', at: '2020-02-05T09:00:00+08:00', kind: 'correction', voids: 'fix', authority: 'lab', reason: 'the sample was right' };
      const a = run(decl(), [approved, positive, fix, unfix], NOW);
      expect(a.colour).toBe('red');
      expect(a.ignored).toEqual([{ id: 'fix', why: 'void' }]);
    });
    it('I-13: an event both future and voided is listed as future', () => {
      const later = { ...positive, id: 'later', at: '2020-02-20T09:00:00+08:00' };
      const voidLater = { ...fix, voids: 'later' };
      expect(run(decl(), [approved, later, voidLater], NOW).ignored).toEqual([{ id: 'later', why: 'future' }]);
    });
  });

  it('I-18: the latest review decision stands: a rejection after an approval withdraws the code', () => {
    const reject = ev('review-rejected', '2020-02-02T09:00:00+08:00', { reason: 'declaration incomplete' });
    const a = run(decl(), [approved, reject], NOW);
    expect(a.issued).toBe(false);
    expect(a.review).toBe('rejected');
    expect(transitionIds(a)).toEqual(['T-app-submitted', 'T-app-approved', 'T-app-rejected']);
    const again = ev('review-approved', '2020-02-03T09:00:00+08:00', { credential: 'paper-code' });
    const b = run(decl(), [approved, reject, again], NOW);
    expect(b.issued).toBe(true);
    expect(b.credential).toBe('paper-code');
  });
});
