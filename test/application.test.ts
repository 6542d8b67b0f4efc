import { describe, expect, it } from 'vitest';
import {
  HealthCodeInputError,
  credentialFor,
  mustApply,
  safeEvaluate,
  type Assessment,
  type Category,
  type Channel,
} from '../src/index.js';
import { check, evaluate } from './support/untyped.js';

// Applications (RULES §7, policy §6 and §8), through the public API.

const SUBMITTED = '2020-02-01T10:00:00+08:00';
const NOW = '2020-02-10T12:00:00+08:00';
const CHANNELS: readonly Channel[] = ['self', 'proxy', 'paper-form'];

function declaration(channel: Channel, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'app-1',
    subjectId: 's-1',
    submittedAt: SUBMITTED,
    category: 'resident',
    channel,
    ...(channel === 'proxy' ? { proxy: { relation: 'grandchild' } } : {}),
    attestation: true,
    ...extra,
  };
}

const approve = (at = '2020-02-01T15:00:00+08:00', extra: Record<string, unknown> = {}) => ({ id: `approve@${at}`, at, kind: 'review-approved', ...extra });
const reject = (at: string) => ({ id: `reject@${at}`, at, kind: 'review-rejected', reason: 'the declaration could not be verified' });

/** The assessment without what legitimately depends on the channel: the credential. */
function sansCredential(a: Assessment): Omit<Assessment, 'credential'> {
  const { credential: _credential, ...rest } = a;
  return rest;
}

const codeOf = (error: unknown): string[] => (error instanceof HealthCodeInputError ? error.issues.map((i) => `${i.path.join('.')}:${i.code}`) : []);

describe('A-1: who must apply', () => {
  it('A-1: arrivals and returnees must apply; residents may', () => {
    expect(mustApply('arrival')).toBe(true);
    expect(mustApply('returnee')).toBe(true);
    expect(mustApply('resident')).toBe(false);
  });

  it('A-1: an unknown category is an input error with its path', () => {
    let caught: unknown;
    try {
      mustApply('tourist' as Category);
    } catch (error) {
      caught = error;
    }
    expect(codeOf(caught)).toEqual(['category:invalid_value']);
  });

  it('A-1: a category does not change the colour, only whether applying is required', () => {
    const history = [approve(), { id: 'c1', at: '2020-02-05T09:00:00+08:00', kind: 'close-contact', of: 'case' }];
    const colours = (['resident', 'arrival', 'returnee'] as const).map((category) => evaluate(declaration('self', { category }), history, NOW));
    expect(new Set(colours.map((a) => JSON.stringify(a.reasons))).size).toBe(1);
    expect(colours[0]?.colour).toBe('red');
  });
});

describe('A-2: three channels, one assessment, three credential forms', () => {
  it('A-2: credentialFor gives an app code for self and proxy, a pass card for the paper form', () => {
    expect(CHANNELS.map(credentialFor)).toEqual(['app-code', 'app-code', 'pass-card']);
    expect(() => credentialFor('fax' as Channel)).toThrow(HealthCodeInputError);
  });

  it('A-2: every channel yields the same assessment for the same facts and history, apart from the credential', () => {
    const facts = { symptoms: ['dry-cough'], keyAreaContacts: [{ on: '2020-01-30' }] };
    const history = [approve(), { id: 'r1', at: '2020-02-04T20:00:00+08:00', kind: 'daily-report', symptoms: ['dry-cough'] }];
    const [self, proxy, paper] = CHANNELS.map((channel) => evaluate(declaration(channel, facts), history, NOW)) as [Assessment, Assessment, Assessment];
    expect(self.colour).toBe('red');
    expect(sansCredential(proxy)).toEqual(sansCredential(self));
    expect(sansCredential(paper)).toEqual(sansCredential(self));
    expect([self.credential, proxy.credential, paper.credential]).toEqual(['app-code', 'app-code', 'pass-card']);
  });

  it('A-2: a proxy applicant may print a paper code: the approval names it and it wins', () => {
    const a = evaluate(declaration('proxy'), [approve(undefined, { credential: 'paper-code' })], NOW);
    expect(a).toMatchObject({ issued: true, credential: 'paper-code', colour: 'green' });
  });

  it('A-2: the paper-form channel yields a pass card that checkpoints accept like a code (C4)', () => {
    const a = evaluate(declaration('paper-form'), [approve()], NOW);
    expect(a.credential).toBe('pass-card');
    expect(check(a, { venue: 'public-place', direction: 'in', celsius: 36.4, at: NOW }).rule).toBe('C4');
  });

  it('A-2: a proxy application records the relation; a proxy is refused on any other channel', () => {
    const missing = safeEvaluate(declaration('self', { channel: 'proxy' }), [], NOW);
    expect(missing.success).toBe(false);
    if (!missing.success) expect(codeOf(missing.error)).toEqual(['declaration.proxy:proxy_required']);
    for (const channel of ['self', 'paper-form'] as const) {
      const extra = safeEvaluate(declaration(channel, { proxy: { relation: 'neighbour' } }), [], NOW);
      expect(extra.success).toBe(false);
      if (!extra.success) expect(codeOf(extra.error)).toEqual(['declaration.proxy:proxy_not_allowed']);
    }
  });

  it('A-2: the credential is null until the review approves, on every channel', () => {
    for (const channel of CHANNELS) expect(evaluate(declaration(channel), [], NOW).credential).toBeNull();
  });
});

describe('A-3: the truthfulness attestation', () => {
  it('A-3: a declaration without the attestation is invalid input, on every channel', () => {
    for (const channel of CHANNELS) {
      const { attestation: _attestation, ...withoutIt } = declaration(channel);
      const r = safeEvaluate(withoutIt, [], NOW);
      expect(r.success).toBe(false);
      if (!r.success) expect(codeOf(r.error)).toEqual(['declaration.attestation:attestation_required']);
      const f = safeEvaluate(declaration(channel, { attestation: false }), [], NOW);
      expect(f.success).toBe(false);
      if (!f.success) expect(codeOf(f.error)).toEqual(['declaration.attestation:attestation_required']);
    }
  });
});

describe('A-4 and I-12: review', () => {
  it('I-12: before the review the colour is computed but no code is issued, and entry is refused (C7)', () => {
    for (const channel of CHANNELS) {
      const a = evaluate(declaration(channel, { closeContactOfCase: true }), [], NOW);
      expect(a).toMatchObject({ colour: 'red', issued: false, review: 'pending', credential: null });
      expect(a.reasons.map((r) => r.rule)).toEqual(['R2']);
      expect(check(a, { venue: 'public-transport', direction: 'in', celsius: 36.5, at: NOW }).rule).toBe('C7');
    }
  });

  it('A-4: review-approved issues the code, on every channel, and the trail records T-app-approved', () => {
    for (const channel of CHANNELS) {
      const a = evaluate(declaration(channel), [approve()], NOW);
      expect(a).toMatchObject({ issued: true, review: 'approved', credential: credentialFor(channel) });
      expect(a.trail.map((t) => t.transition)).toEqual(['T-app-submitted', 'T-app-approved']);
    }
  });

  it('A-4: an approval dated after now is not applied yet (T-5): still pending', () => {
    const a = evaluate(declaration('self'), [approve('2020-02-11T09:00:00+08:00')], NOW);
    expect(a).toMatchObject({ issued: false, review: 'pending' });
    expect(a.ignored).toEqual([{ id: 'approve@2020-02-11T09:00:00+08:00', why: 'future' }]);
  });

  it('A-4: review-rejected leaves no code, with the trail entry T-app-rejected', () => {
    for (const channel of CHANNELS) {
      const a = evaluate(declaration(channel), [reject('2020-02-01T15:00:00+08:00')], NOW);
      expect(a).toMatchObject({ issued: false, review: 'rejected', credential: null });
      expect(a.trail.map((t) => t.transition)).toContain('T-app-rejected');
    }
  });

  it('A-4 and I-18: a rejection after an approval withdraws the code', () => {
    for (const channel of CHANNELS) {
      const history = [approve('2020-02-01T15:00:00+08:00'), reject('2020-02-05T09:00:00+08:00')];
      expect(evaluate(declaration(channel), history, '2020-02-04T12:00:00+08:00').issued).toBe(true);
      const after = evaluate(declaration(channel), history, NOW);
      expect(after).toMatchObject({ issued: false, review: 'rejected', credential: null });
      expect(check(after, { venue: 'residential', direction: 'in', role: 'resident', celsius: 36.5, at: NOW }).rule).toBe('C7');
    }
  });

  it('I-18: the latest decision stands: an approval after a rejection issues the code again', () => {
    const history = [reject('2020-02-01T15:00:00+08:00'), approve('2020-02-03T09:00:00+08:00', { credential: 'paper-code' })];
    const a = evaluate(declaration('proxy'), history, NOW);
    expect(a).toMatchObject({ issued: true, review: 'approved', credential: 'paper-code' });
    expect(a.trail.map((t) => t.transition)).toEqual(['T-app-submitted', 'T-app-rejected', 'T-app-approved']);
  });

  it('I-18: the input order of review decisions does not matter, their instants do (T-6)', () => {
    const history = [approve('2020-02-01T15:00:00+08:00'), reject('2020-02-05T09:00:00+08:00')];
    const forward = evaluate(declaration('self'), history, NOW);
    const backward = evaluate(declaration('self'), [...history].reverse(), NOW);
    expect(backward).toEqual(forward);
  });
});
