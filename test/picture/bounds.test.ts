import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Assessment, type TrailEntry } from '../../src/index.js';
import { evaluate } from '../support/untyped.js';
import { timelineSvg, type PictureLang } from '../../src/picture/index.js';

/**
 * The picture of assessments no evaluation of a plausible case gives, but a caller may pass: many
 * colour changes, many corrections, other zone offsets, values added to the format later. It stays
 * bounded, well-formed and in the chosen language.
 */

const dir = fileURLToPath(new URL('../../examples/cases/', import.meta.url));
const caseOf = (name: string): Assessment => {
  const k = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as { declaration: unknown; history: unknown; now: string };
  return evaluate(k.declaration, k.history, k.now);
};
const LANGS: readonly PictureLang[] = ['en', 'zh-Hans', 'zh-Hant'];
const descOf = (svg: string): string => /<desc id="hcr-desc">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const wellFormed = (svg: string): void => {
  if (xmllint) expect(spawnSync('xmllint', ['--noout', '-'], { input: svg }).status).toBe(0);
};
const at = (hours: number): string => new Date(Date.parse('2020-02-01T10:00:00+08:00') + hours * 3_600_000).toISOString().replace('Z', '+00:00');

describe('timelineSvg, bounded', () => {
  it('T-colour (I-1): 1,000 colour changes are merged into at most 400 band runs, and the picture says so', () => {
    const a = caseOf('example-1-green');
    const flips: TrailEntry[] = Array.from({ length: 1000 }, (_, i) => ({ transition: 'T-colour', at: at(i + 1), evidence: [`e${i}`], colour: i % 2 === 0 ? 'yellow' : 'green' }));
    const huge: Assessment = { ...a, evaluatedAt: '2020-03-30T00:00:00+08:00', trail: [...a.trail, ...flips] };
    for (const lang of LANGS) {
      const svg = timelineSvg(huge, { lang });
      wellFormed(svg);
      const runs = (svg.match(/<rect [^>]*fill="url\(#hcr-(red|yellow|green)\)"\/>/g) ?? []).length;
      expect(runs).toBeLessThanOrEqual(400);
      expect(descOf(svg)).toMatch(lang === 'en' ? /\d+ short colour changes merged/ : lang === 'zh-Hant' ? /\d+ 次短暫變色已合併/ : /\d+ 次短暂变色已合并/);
    }
  });

  it('I-13: 100 corrections draw the latest 40, and say how many earlier ones were left out, in each language', () => {
    const a = caseOf('r3-key-area');
    const voids: TrailEntry[] = Array.from({ length: 100 }, (_, i) => ({ transition: 'T-void', at: at(i + 2), evidence: [`fix-${i}`, `ev-${i}`], colour: 'red' }));
    const many: Assessment = { ...a, trail: [...a.trail, ...voids] };
    const expected: Record<PictureLang, string> = { en: '60 earlier corrections not drawn', 'zh-Hans': '60 项较早的更正未画出', 'zh-Hant': '60 項較早的更正未畫出' };
    for (const lang of LANGS) {
      const svg = timelineSvg(many, { lang });
      wellFormed(svg);
      expect((svg.match(/<g class="void">/g) ?? []).length).toBe(40);
      expect(svg).toMatch(/<title>T-void [^<]*: fix-99 ✕ ev-99<\/title>/);
      expect(descOf(svg)).toContain(expected[lang]);
      expect(descOf(svg)).not.toContain('fix-59 ');
    }
  });

  it('I-7: a lane with more than 40 marks (a start and 45 resets) says how many were left out, in zh-Hans and zh-Hant too', () => {
    const a = caseOf('example-3-key-area');
    const resets: TrailEntry[] = Array.from({ length: 45 }, (_, i) => ({ transition: 'T-R3-reset', at: at(i + 3), evidence: [`s-${i}`], colour: 'red', rule: 'R3' }));
    const many: Assessment = { ...a, trail: [...a.trail, ...resets] };
    expect(descOf(timelineSvg(many, { lang: 'zh-Hans' }))).toContain('6 个较早的标记未画出');
    expect(descOf(timelineSvg(many, { lang: 'zh-Hant' }))).toContain('6 個較早的標記未畫出');
  });

  it('T-2: the axis is in the zone of the evaluation instant, whatever its offset (Z, -03:00)', () => {
    const a = caseOf('example-3-key-area');
    const utc = timelineSvg({ ...a, evaluatedAt: '2020-02-10T04:00:00Z' }, { lang: 'en' });
    expect(descOf(utc)).toContain('(UTC+00:00), evaluated at 2020-02-10 04:00');
    const west = timelineSvg({ ...a, evaluatedAt: '2020-02-10T01:00:00-03:00' }, { lang: 'en' });
    expect(descOf(west)).toContain('(UTC-03:00), evaluated at 2020-02-10 01:00');
    expect(descOf(west)).toContain('RED 2020-01-31 23:00 – 2020-02-10 01:00');
  });

  it('values added to the format later are shown as they are, and still escaped', () => {
    const a = caseOf('r1-confirmed');
    const reason = a.reasons[0];
    if (reason === undefined) throw new Error('r1-confirmed has a reason');
    const later = { ...a, awaiting: ['a<new>thing'], reasons: [{ ...reason, awaiting: ['a<new>thing'] }] } as unknown as Assessment;
    for (const lang of LANGS) {
      const svg = timelineSvg(later, { lang });
      wellFormed(svg);
      expect(svg).toContain('a&lt;new&gt;thing');
    }
  });

  it('a long history spreads over many months: the axis labels thin out and stay readable', () => {
    const a = caseOf('example-3-key-area');
    const long = { ...a, evaluatedAt: '2021-06-01T12:00:00+08:00', reasons: [], releaseAt: null, nextChangeAt: null, colour: 'green' as const };
    const svg = timelineSvg(long, { lang: 'en', width: 600 });
    wellFormed(svg);
    const labels = svg.match(/<text [^>]*font-size="10" fill="#333">[^<]*<\/text>/g) ?? [];
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(20);
    expect(svg).toContain('No active condition');
  });

  it('a 40-year span labels the axis with whole dates', () => {
    const a = caseOf('example-1-green');
    const svg = timelineSvg({ ...a, evaluatedAt: '2060-02-01T12:00:00+08:00' }, { lang: 'en', width: 480 });
    wellFormed(svg);
    expect(svg).toMatch(/fill="#333">20\d\d-\d\d-\d\d<\/text>/);
  });

  it('what the model cannot read is still drawn: an unreadable instant at the evaluation instant, a correction without evidence, a condition with no date and nothing awaited', () => {
    const a = caseOf('r1-confirmed');
    const reason = a.reasons[0];
    if (reason === undefined) throw new Error('r1-confirmed has a reason');
    const odd = {
      ...a,
      awaiting: [],
      reasons: [{ ...reason, awaiting: [] }],
      trail: [...a.trail, { transition: 'T-void', at: 'not an instant', evidence: [], colour: 'red' }],
    } as unknown as Assessment;
    for (const lang of LANGS) {
      const svg = timelineSvg(odd, { lang });
      wellFormed(svg);
      expect(svg).toContain('<g class="void">');
      expect(svg).toContain(lang === 'en' ? '>no date yet</text>' : lang === 'zh-Hant' ? '>尚無日期</text>' : '>尚无日期</text>');
    }
    expect(descOf(timelineSvg(odd, { lang: 'en' }))).toContain(`Correction on ${a.evaluatedAt.slice(0, 16).replace('T', ' ')}:  voids`);
  });
});
