import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Assessment } from '../../src/index.js';
import { evaluate } from '../support/untyped.js';
import { timelineSvg, type PictureLang } from '../../src/picture/index.js';

/** The timeline picture (issue 15): what it draws, in which words, and that it is safe XML. */

const dir = fileURLToPath(new URL('../../examples/cases/', import.meta.url));
const caseOf = (name: string): Assessment => {
  const k = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as { declaration: unknown; history: unknown; now: string };
  return evaluate(k.declaration, k.history, k.now);
};
const LANGS: readonly PictureLang[] = ['en', 'zh-Hans', 'zh-Hant'];

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
/** xmllint (Debian libxml2-utils) as an independent judge of well-formedness; required under CI. */
function wellFormed(svg: string): void {
  if (!hasXmllint) {
    if (process.env.CI) throw new Error('xmllint is required under CI (apt-get install libxml2-utils)');
    return;
  }
  const run = spawnSync('xmllint', ['--noout', '-'], { input: svg, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

const titleOf = (svg: string): string => /<title id="hcr-title">([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
const descOf = (svg: string): string => /<desc id="hcr-desc">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
const lanesOf = (svg: string): string[] => [...svg.matchAll(/<g class="lane" data-rule="([^"]*)">/g)].map((m) => m[1] ?? '');
const resetsOf = (svg: string): string[] => [...svg.matchAll(/<g class="reset" data-transition="([^"]*)"><title>([^<]*)<\/title>/g)].map((m) => m[2] ?? '');

const EXAMPLES = [
  ['example-1-green', 'RULES §10 example 1: green, no lane'],
  ['example-2-dry-cough', 'RULES §10 example 2: Y1 with a T-Y1-reset'],
  ['example-3-key-area', 'RULES §10 example 3: R3 from a key-area visit'],
  ['example-4-positive-test', 'RULES §10 example 4: R1 treatment then observation (T-R1-discharge)'],
  ['example-5-fever-twice', 'RULES §10 example 5: GY after a fever twice (T-GY-on)'],
  ['example-6-red-then-yellow', 'RULES §10 example 6: R2 and Y2, red then yellow'],
] as const;

describe('timelineSvg', () => {
  describe.each(EXAMPLES)('%s', (name, what) => {
    it(`${what}: draws well-formed SVG with one lane per reason, in every language`, () => {
      const a = caseOf(name);
      for (const lang of LANGS) {
        const svg = timelineSvg(a, { lang });
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        wellFormed(svg);
        expect(lanesOf(svg)).toEqual(a.reasons.map((r) => r.rule));
        expect(svg).toContain(`xml:lang="${lang}"`);
        for (const r of a.reasons) {
          expect(descOf(svg)).toContain(r.rule);
          if (r.releaseAt !== null) expect(descOf(svg)).toContain(r.releaseAt.slice(0, 16).replace('T', ' '));
        }
      }
    });
  });

  it('T-Y1-reset (RULES §10 example 2): the reset is marked with its evidence id, the count restarts and ends at 02-20', () => {
    const a = caseOf('example-2-dry-cough');
    const svg = timelineSvg(a, { lang: 'en' });
    expect(resetsOf(svg)).toEqual(['T-Y1-reset 2020-02-05 08:00: cough-0205']);
    expect(svg).toContain('>cough-0205</text>');
    expect(svg).toContain('>02-20 00:00</text>');
    // Day 1 … day 14 of the count from the reset, each drawn once.
    for (let k = 1; k <= 14; k++) expect(svg).toContain(`>${k}</text>`);
    expect(titleOf(svg)).toBe('Health code timeline of s-app-ex2: YELLOW (Y1) at 2020-02-10 12:00; turns green at 2020-02-20 00:00');
    expect(descOf(svg)).toContain('reset on 2020-02-05 08:00 (evidence: cough-0205)');
    expect(descOf(svg)).toContain('counted 14 days from 2020-02-05 08:00, day 1 on 2020-02-06, day 14 on 2020-02-19');
  });

  it('T-R3-reset (§3.3, I-7): every reset of R3 is a mark with its evidence id, in the picture and in the description', () => {
    const base = JSON.parse(readFileSync(`${dir}r3-key-area.json`, 'utf8')) as { declaration: unknown; history: unknown[] };
    const history = [
      ...base.history,
      { id: 'fever-0204', at: '2020-02-04T08:00:00+08:00', kind: 'symptoms', symptoms: ['fever'] },
      { id: 'cough-0207', at: '2020-02-07T20:00:00+08:00', kind: 'symptoms', symptoms: ['dry-cough'] },
    ];
    const a = evaluate(base.declaration, history, '2020-02-10T12:00:00+08:00');
    expect(a.trail.filter((e) => e.transition === 'T-R3-reset').map((e) => e.evidence)).toEqual([['fever-0204'], ['cough-0207']]);
    const svg = timelineSvg(a, { lang: 'en' });
    wellFormed(svg);
    expect(resetsOf(svg)).toEqual(['T-R3-reset 2020-02-04 08:00: fever-0204', 'T-R3-reset 2020-02-07 20:00: cough-0207']);
    expect(descOf(svg)).toContain('reset on 2020-02-04 08:00 (evidence: fever-0204); reset on 2020-02-07 20:00 (evidence: cough-0207)');
    expect(descOf(svg)).toContain(`turns green at ${a.releaseAt?.slice(0, 16).replace('T', ' ')}`);
  });

  it('T-R1-discharge (§3.1, T-3): the lane shows treatment up to the discharge, then the observation count', () => {
    const svg = timelineSvg(caseOf('example-4-positive-test'), { lang: 'en' });
    expect(svg).toContain('fill="url(#hcr-treatment)"');
    expect(svg).toContain('>discharge-1</text>');
    expect(descOf(svg)).toContain('observation from 2020-02-20 15:00');
    expect(descOf(svg)).toContain('turns green at 2020-03-06 00:00');
  });

  it('T-R1-on without a discharge (§3.1): no release date, the lane is open and says what it waits for', () => {
    const a = caseOf('r1-confirmed');
    expect(a.releaseAt).toBeNull();
    const svg = timelineSvg(a, { lang: 'en' });
    expect(svg).toContain('no date yet · waiting for hospital discharge');
    expect(titleOf(svg)).toContain('no date yet, waiting for hospital discharge');
    const zh = timelineSvg(a, { lang: 'zh-Hans' });
    expect(zh).toContain('尚无日期 · 尚待出院');
  });

  it('RULES §8: the title states the colour, the rules and the release in each language, and the desc says the same', () => {
    const a = caseOf('r3-key-area');
    const expected: Record<PictureLang, string> = {
      en: 'Health code timeline of s-app-r3: RED (R3) at 2020-02-10 12:00; turns green at 2020-02-16 00:00',
      'zh-Hans': 's-app-r3 的健康码时间线：2020-02-10 12:00 为红码（R3），预计 2020-02-16 00:00 转绿',
      'zh-Hant': 's-app-r3 的健康碼時間線：2020-02-10 12:00 為紅碼（R3），預計 2020-02-16 00:00 轉綠',
    };
    for (const lang of LANGS) {
      const svg = timelineSvg(a, { lang });
      expect(titleOf(svg)).toBe(expected[lang]);
      expect(svg).toContain('role="img" aria-labelledby="hcr-title hcr-desc"');
      const desc = descOf(svg);
      expect(desc).toContain('2020-02-16 00:00');
      expect(desc).toContain('R3');
      expect(desc).toContain('UTC+08:00');
    }
    expect(descOf(timelineSvg(a, { lang: 'en' }))).toContain('Code colour: RED 2020-02-01 10:00 – 2020-02-10 12:00, RED (projected) 2020-02-10 12:00 – 2020-02-16 00:00, GREEN (projected)');
    expect(timelineSvg(a, { lang: 'zh-Hant' })).toContain('>圖例</text>');
    expect(timelineSvg(a, { lang: 'zh-Hans' })).toContain('>图例</text>');
    expect(timelineSvg(a, { lang: 'en' })).toContain('>Legend</text>');
  });

  it('greyscale: each colour has its own pattern and the band names its colour in words', () => {
    const svg = timelineSvg(caseOf('example-6-red-then-yellow'), { lang: 'en' });
    for (const c of ['red', 'yellow', 'green']) expect(svg).toContain(`<pattern id="hcr-${c}"`);
    expect(svg).toContain('fill="url(#hcr-red)"');
    expect(svg).toContain('fill="url(#hcr-yellow)"');
    expect(svg).toMatch(/>RED<\/text>/);
    expect(svg).toMatch(/>YELLOW<\/text>/);
  });

  it('I-13: a T-void correction is drawn with its evidence, and with its authority and reason when the trail carries them', () => {
    const base = JSON.parse(readFileSync(`${dir}r3-key-area.json`, 'utf8')) as { declaration: Record<string, unknown>; history: unknown[] };
    const history = [
      ...base.history,
      { id: 'notice-1', at: '2020-02-03T12:00:00+08:00', kind: 'close-contact', of: 'case' },
      { id: 'fix-1', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 'notice-1', authority: 'cdc-lyg', reason: 'wrong person' },
    ];
    const a = evaluate(base.declaration, history, '2020-02-10T12:00:00+08:00');
    const voids = a.trail.filter((e) => e.transition === 'T-void');
    expect(voids.map((e) => e.evidence)).toEqual([['fix-1', 'notice-1']]);
    // A trail entry without who corrected and why (optional fields) shows the evidence alone.
    const without = { ...a, trail: a.trail.map(({ authority: _a, reason: _r, ...e }) => e) };
    const svg = timelineSvg(without, { lang: 'en' });
    wellFormed(svg);
    expect(svg).toContain('<g class="corrections">');
    expect(svg).toContain('fix-1 ✕ <tspan text-decoration="line-through">notice-1</tspan></text>');
    expect(descOf(svg)).toContain('Correction on 2020-02-04 09:00: fix-1 voids notice-1');
    // The engine's trail carries who corrected and why (I-13): the picture shows both.
    expect(voids[0]).toMatchObject({ authority: 'cdc-lyg', reason: 'wrong person' });
    const svg2 = timelineSvg(a, { lang: 'en' });
    expect(svg2).toContain('fix-1 ✕ <tspan text-decoration="line-through">notice-1</tspan> (cdc-lyg; wrong person)</text>');
    expect(svg2).toContain('<title>T-void 2020-02-04 09:00: fix-1 ✕ notice-1 (cdc-lyg; wrong person)</title>');
    expect(descOf(svg2)).toContain('fix-1 voids notice-1 (cdc-lyg, wrong person)');
  });

  it('XML injection: every text from the input is escaped, and characters XML forbids are replaced', () => {
    const evil = `</text><script>alert("x")</script>&amp;'`;
    const base = JSON.parse(readFileSync(`${dir}r3-key-area.json`, 'utf8')) as { declaration: Record<string, unknown>; history: unknown[] };
    const history = [...base.history, { id: evil, at: '2020-02-05T08:00:00+08:00', kind: 'symptoms', symptoms: ['fever'] }];
    const a = evaluate({ ...base.declaration, subjectId: `]]><svg onload="x">` }, history, '2020-02-10T12:00:00+08:00');
    const hostile = {
      ...a,
      trail: [...a.trail, { transition: 'T-void' as const, at: '2020-02-06T08:00:00+08:00', evidence: ['c\u0001', 'x\ud800y'], colour: 'red' as const, authority: '<b>', reason: '"&' }],
    };
    for (const lang of LANGS) {
      const svg = timelineSvg(hostile, { lang });
      wellFormed(svg);
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain('onload="x"');
      expect(svg).not.toContain('<b>');
      expect(svg).not.toContain('\u0001');
      expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&apos;');
      expect(svg).toContain('c\ufffd');
    }
  });

  it('bounded: a 10,000-event history draws at most 40 marks per lane and says how many were left out', () => {
    const base = JSON.parse(readFileSync(`${dir}r3-key-area.json`, 'utf8')) as { declaration: unknown; history: unknown[] };
    const start = Date.parse('2020-02-01T12:00:00+08:00');
    // A symptom report every hour for 10,000 hours: each one a T-R3-reset (I-7).
    const history = [
      ...base.history,
      ...Array.from({ length: 10_000 }, (_, i) => ({ id: `s-${i}`, at: new Date(start + (i + 1) * 3_600_000).toISOString(), kind: 'symptoms', symptoms: ['dry-cough'] })),
    ];
    const a = evaluate(base.declaration, history, new Date(start + 10_001 * 3_600_000).toISOString());
    expect(a.trail.filter((e) => e.transition === 'T-R3-reset').length).toBe(10_000);
    const svg = timelineSvg(a, { lang: 'en' });
    wellFormed(svg);
    expect(resetsOf(svg).length).toBeLessThanOrEqual(40);
    expect(svg.length).toBeLessThan(120_000);
    expect(svg).toContain('+9961 not drawn');
    expect(descOf(svg)).toContain('9961 earlier marks not drawn');
  });

  it('T-1: the same assessment gives the same bytes under any host time zone', () => {
    const a = caseOf('example-6-red-then-yellow');
    const before = process.env.TZ;
    const out: string[] = [];
    try {
      for (const zone of ['UTC', 'America/Sao_Paulo', 'Pacific/Apia', 'Asia/Shanghai']) {
        process.env.TZ = zone;
        out.push(timelineSvg(a, { lang: 'zh-Hant' }));
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    expect(new Set(out).size).toBe(1);
  });

  it('width: the picture is as wide as asked, within 480 … 4096 pixels', () => {
    const a = caseOf('example-3-key-area');
    expect(timelineSvg(a, { lang: 'en', width: 1200 })).toMatch(/^<svg [^>]*width="1200"/);
    expect(timelineSvg(a, { lang: 'en', width: 100 })).toMatch(/^<svg [^>]*width="480"/);
    expect(timelineSvg(a, { lang: 'en', width: 1e9 })).toMatch(/^<svg [^>]*width="4096"/);
    expect(timelineSvg(a, { lang: 'en', width: Number.NaN })).toMatch(/^<svg [^>]*width="960"/);
  });

  it('I-1: the evaluation instant is marked, and what lies after it is drawn as projected', () => {
    const svg = timelineSvg(caseOf('example-3-key-area'), { lang: 'en' });
    expect(svg).toContain('<g class="now"><title>evaluated 2020-02-10 12:00</title>');
    expect(svg).toContain('fill="url(#hcr-projected)"');
    expect(descOf(svg)).toMatch(/RED \(projected\) 2020-02-10 12:00 – 2020-02-16 00:00/);
  });
});
