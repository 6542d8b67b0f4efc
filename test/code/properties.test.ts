import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate } from '../../src/index.js';
import { checkCode, issueCode, verifyCode } from '../../src/code/index.js';
import { caseOf } from '../../src/testing/arbitraries.js';
import { keyPair } from '../support/keys.js';
import { check } from '../support/seed.js';

/** RULES §11: properties of the code over random cases. */

const issuer = keyPair('lianyungang issuer 1');
const trust = [{ kid: 'k1', key: issuer.publicJwk }];
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** A random case's assessment, its code, and a random one-character edit of the code's text. */
const edited = caseOf()
  .map((c) => safeEvaluate(c.declaration, c.history, c.now))
  .filter((r) => r.success)
  .map((r) => (r.success ? r.data : (undefined as never)))
  .chain((a) => {
    const text = issueCode(a, { key: issuer.privateJwk, kid: 'k1', issuer: 'lyg' });
    return fc.record({
      a: fc.constant(a),
      text: fc.constant(text),
      at: fc.integer({ min: 0, max: text.length - 1 }),
      edit: fc.oneof(
        fc.constantFrom(...ALPHABET).map((c) => ({ kind: 'replace' as const, c })),
        fc.constantFrom(...ALPHABET).map((c) => ({ kind: 'insert' as const, c })),
        fc.constant({ kind: 'delete' as const, c: '' }),
        fc.integer({ min: 0, max: 0xffff }).map((n) => ({ kind: 'replace' as const, c: String.fromCharCode(n) })),
      ),
    });
  });

describe('RULES §11 properties', () => {
  it('§11: an edited code is never admitted, never verified (random cases, random one-character edits)', () => {
    check(
      fc.property(edited, ({ a, text, at, edit }) => {
        const changed =
          edit.kind === 'delete' ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + edit.c + text.slice(at + (edit.kind === 'replace' ? 1 : 0));
        fc.pre(changed !== text);
        expect(verifyCode(changed, { trust, at: a.evaluatedAt }).success).toBe(false);
        const d = checkCode(changed, { venue: 'residential', direction: 'in', role: 'resident', celsius: 36.5, at: a.evaluatedAt }, { trust });
        expect([d.rule, d.admit]).toEqual(['C12', false]);
      }),
      'invariant',
    );
  });

  it('§11: every issued code verifies at its evaluatedAt with the assessment\'s colour, rules and issued', () => {
    check(
      fc.property(
        caseOf().map((c) => safeEvaluate(c.declaration, c.history, c.now)),
        (r) => {
          fc.pre(r.success);
          if (!r.success) return;
          const a = r.data;
          const text = issueCode(a, { key: issuer.privateJwk, kid: 'k1', issuer: 'lyg' });
          expect(text.length).toBeLessThanOrEqual(4096);
          const v = verifyCode(text, { trust, at: a.evaluatedAt });
          expect(v.success).toBe(true);
          if (v.success) expect([v.data.colour, v.data.rules, v.data.issued]).toEqual([a.colour, a.reasons.map((x) => x.rule), a.issued]);
        },
      ),
      'invariant',
    );
  });
});
