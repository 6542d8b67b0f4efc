import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Event, Reason } from '../../src/index.js';
import * as engineSupport from '../support/engine.js';
import * as observation from '../support/observation.js';
import * as seed from '../support/seed.js';
import * as scenario from '../support/scenario.js';
import * as untyped from '../support/untyped.js';
import * as minimal from '../support/minimal.js';

/**
 * R5, a high-risk designation by an authority: red until an authority releases it (RULES §3, §5).
 * The tests whose subject is this rule, one describe per aspect; each nested describe keeps the
 * section its tests came from (RULES §4 interpretations, §5 transitions and their properties, §12
 * readings), with the helpers those tests use.
 */

describe('R5: triggers', () => {
  describe('RULES §5: transitions of R5, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { DAY, ev, has, rules, run } = scenario;
    const designation = (ms: number): Event =>
      ev('high-risk-designation', ms, { authority: 'Lianyungang CDC', reason: 'cluster investigation', basis: 'HQ notice 12' });

    it('T-R5-on: a designation by an authority turns the code red with no release date, however long after (I-6); a millisecond before it, it does not', () => {
      check(
        fc.property(submittedThen, fc.integer({ min: 0, max: 400 * DAY }), ({ s, t }, later) => {
          const red = run([designation(t)], s, t + later);
          expect(has(red, 'T-R5-on', t)).toBe(true);
          expect(red.colour).toBe('red');
          expect(red.releaseAt).toBeNull();
          expect(red.awaiting).toEqual(['authority-release']);
          expect(rules(run([designation(t)], s, t - 1))).not.toContain('R5');
        }),
      );
    });
  });
});

describe('R5: release', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run } = engineSupport;

    it('I-6: R5 is released only by an authority; its message quotes authority, reason and basis', () => {
      const designation = ev('high-risk-designation', '2020-02-03T09:00:00+08:00', {
        authority: 'District health commission',
        reason: 'shared a workplace with a cluster',
        basis: 'notice 12',
      });
      const a = run(decl(), [approved, designation], '2020-03-30T12:00:00+08:00');
      expect(a.colour).toBe('red');
      expect(a.releaseAt).toBeNull();
      expect(a.awaiting).toEqual(['authority-release']);
      expect(a.obligations).toEqual(['isolation-observation']);
      expect(a.reasons[0]?.message.en).toContain('District health commission');
      expect(a.reasons[0]?.message.en).toContain('shared a workplace with a cluster');
      expect(a.reasons[0]?.message.en).toContain('notice 12');
      expect(a.reasons[0]?.message.en).toContain('no release rule');
      const release = ev('authority-release', '2020-02-20T09:00:00+08:00', { authority: 'District health commission', reason: 'cleared' });
      expect(run(decl(), [approved, designation, release], '2020-03-30T12:00:00+08:00').colour).toBe('green');
    });
  });

  describe('RULES §5: transitions of R5, as properties', () => {
    const { submittedThen } = observation;
    const { check } = seed;
    const { DAY, ev, has, rules, run } = scenario;
    const designation = (ms: number): Event =>
      ev('high-risk-designation', ms, { authority: 'Lianyungang CDC', reason: 'cluster investigation', basis: 'HQ notice 12' });

    it('T-R5-off: an authority release after the designation ends R5; a release a millisecond before the designation does not', () => {
      check(
        fc.property(submittedThen, fc.integer({ min: 0, max: 30 * DAY }), ({ s, t }, gap) => {
          const released = run([designation(t), ev('authority-release', t + gap, { authority: 'CDC', reason: 'closed' })], s, t + gap);
          expect(has(released, 'T-R5-off', t + gap)).toBe(true);
          expect(released.colour).toBe('green');
          const early = run([designation(t), ev('authority-release', t - 1, { authority: 'CDC', reason: 'closed' })], s, t + gap);
          expect(has(early, 'T-R5-off')).toBe(false);
          expect(rules(early)).toEqual(['R5']);
        }),
      );
    });
  });

  describe('R5 and the review (I-6, I-12, I-18)', () => {
    const { evaluate } = untyped;
    const { minimalDeclaration } = minimal;
    /** An instant of 2020 in the policy zone: `t('02-03')` is 2020-02-03T09:00:00+08:00. */
    const t = (monthDay: string, time = '09:00'): string => `2020-${monthDay}T${time}:00+08:00`;
    function event(id: string, kind: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
      return { id, kind, at, ...fields };
    }
    function reasonOf(a: Assessment, rule: string): Reason {
      const reason = a.reasons.find((r) => r.rule === rule);
      if (reason === undefined) throw new Error(`no ${rule} reason in ${a.reasons.map((r) => r.rule).join(', ')}`);
      return reason;
    }
    const designation = (id: string, at: string): Record<string, unknown> =>
      event(id, 'high-risk-designation', at, { authority: 'District CDC', reason: `reason ${id}`, basis: `basis ${id}` });

    it('I-6, I-15: a designation by an event cites I-15; a second one joins the evidence; the release entry cites all of them and itself', () => {
      const history = [designation('h1', t('02-03')), designation('h2', t('02-04')), event('rel', 'authority-release', t('02-10'), { authority: 'District CDC', reason: 'cleared' })];
      const during = evaluate(minimalDeclaration(), history, t('02-09'));
      expect(reasonOf(during, 'R5')).toMatchObject({ startedAt: t('02-03'), evidence: ['h1', 'h2'], interpretations: ['I-6', 'I-15'] });
      expect(reasonOf(during, 'R5').message.en).toContain('District CDC: reason "reason h1", basis "basis h1"; District CDC: reason "reason h2", basis "basis h2"');
      const after = evaluate(minimalDeclaration(), history, t('02-11'));
      expect(after.trail.slice(-2)).toEqual([
        { transition: 'T-R5-off', at: t('02-10'), evidence: ['h1', 'h2', 'rel'], colour: 'green', rule: 'R5', authority: 'District CDC', reason: 'cleared' },
        { transition: 'T-colour', at: t('02-10'), evidence: ['rel'], colour: 'green', from: 'red' },
      ]);
      // Issue 14: the entry names who designated, why and on what basis (I-6); only the first designation starts R5.
      expect(after.trail.filter((x) => x.transition === 'T-R5-on')).toEqual([
        { transition: 'T-R5-on', at: t('02-03'), evidence: ['h1'], colour: 'red', rule: 'R5', authority: 'District CDC', reason: 'reason h1', basis: 'basis h1' },
      ]);
    });
  });
});

describe('R5: interactions', () => {
  describe('RULES §4 interpretations', () => {
    const { approved, decl, ev, run } = engineSupport;
    const NOW = '2020-02-10T12:00:00+08:00';

    describe('I-17: a new trigger for an active condition', () => {
      it('I-17: R5 gains a second designation as evidence, and one release ends it', () => {
        const d1 = ev('high-risk-designation', '2020-02-02T09:00:00+08:00', { authority: 'A', reason: 'r1', basis: 'b1', obligations: ['home-isolation'] });
        const d2 = ev('high-risk-designation', '2020-02-03T09:00:00+08:00', { authority: 'B', reason: 'r2', basis: 'b2', obligations: ['isolation-observation'] });
        const a = run(decl(), [approved, d1, d2], NOW);
        expect(a.reasons[0]?.evidence).toEqual([d1['id'], d2['id']]);
        expect(a.obligations).toEqual(['isolation-observation', 'home-isolation']);
        const release = ev('authority-release', '2020-02-05T09:00:00+08:00', { authority: 'A', reason: 'cleared' });
        expect(run(decl(), [approved, d1, d2, release], NOW).colour).toBe('green');
      });
    });
  });
});
