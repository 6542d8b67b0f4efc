// An app's test file: it imports the library only through its published entry points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from 'health-code-rules';
import { arbitraries, declaration, event, scenario } from 'health-code-rules/testing';
import 'health-code-rules/testing/vitest';
import { boardingScreen } from './boarding.js';

describe('boarding screen', () => {
  it('GY (RULES §10 example 5): a resident with two fevers three days apart is yellow until the 19th', () => {
    const s = scenario({ declaration: { submittedAt: '2020-03-01T08:00:00+08:00' } })
      .day(0).at('09:00').temperature(37.6).day(3).at('08:00').temperature(37.5);
    expect(s.day(3).at('12:00').evaluate()).toBeColour('yellow');
    expect(s.day(3).at('12:00').evaluate()).toReleaseAt('2020-03-19');
  });

  it('C5: an approved green passenger with a normal reading boards, with a green band', () => {
    const s = scenario().day(0).at('11:00').reviewApproved();
    const at = s.day(2).at('07:45');
    expect(boardingScreen(at.evaluate(), 36.6, at.instant)).toMatchObject({ open: true, band: 'green' });
  });

  it('C9: a yellow passenger (Y1, symptoms declared) is refused with a yellow band', () => {
    const s = scenario({ declaration: { symptoms: ['fatigue'] } }).day(0).at('11:00').reviewApproved();
    const at = s.day(2).at('07:45');
    expect(at.evaluate()).toHaveReason('Y1');
    expect(boardingScreen(at.evaluate(), 36.6, at.instant)).toMatchObject({ open: false, band: 'yellow' });
  });

  it('C7: before review approval the screen is grey and the door stays shut, whatever the colour', () => {
    const d = declaration();
    const a = evaluate(d, [event.temperature('2020-02-01T12:00:00+08:00', 36.5)], '2020-02-01T13:00:00+08:00');
    expect(a).toBeColour('green');
    expect(boardingScreen(a, 36.6, a.evaluatedAt)).toMatchObject({ open: false, band: 'grey' });
  });

  it('C8: the door never opens for any red case the library can generate', () => {
    fc.assert(
      fc.property(arbitraries.case({ colour: 'red' }), (c) => {
        const a = evaluate(c.declaration, c.history, c.now);
        expect(boardingScreen(a, 36.6, c.now).open).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
