import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare, type ImpactReport } from '../src/index.js';

// The compare command of the example CLI, run as a user runs it, on a small synthetic city
// (scripts/gen-city.mjs): its report is the library's, whatever the number of worker threads, and
// its HTML report is one well-formed page that carries every number of the JSON report.

const root = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2020-03-20T12:00:00+08:00';
const policies = `${root}examples/policies/`;
let dir = '';
let city = '';

const run = (args: string[]) => spawnSync(process.execPath, [`${root}examples/cli.mjs`, ...args], { cwd: root, encoding: 'utf8' });
const compareArgs = (reform: string, extra: string[] = []) => ['compare', city, '--baseline', `${policies}lianyungang-2020.json`, '--reform', `${policies}${reform}`, '--now', NOW, ...extra];

beforeAll(() => {
  if (!existsSync(`${root}dist/index.js`)) execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'hcr-compare-'));
  city = join(dir, 'city.ndjson');
  execFileSync(process.execPath, [`${root}scripts/gen-city.mjs`, '--count', '3000', '--out', city]);
}, 120_000);

/** Every number among the leaves of a report (the sample's indices included). */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbers);
}

describe('examples/cli.mjs compare', () => {
  it('compare --json: the report of compare() over the same lines, for both example reforms', async () => {
    const lines = readFileSync(city, 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const reform of ['observation-21-days.json', 'literal-close-contact.json']) {
      const r = run(compareArgs(reform, ['--json', '--sample', '3']));
      expect(r.status).toBe(0);
      const printed = JSON.parse(r.stdout) as ImpactReport;
      const policy = (name: string) => JSON.parse(readFileSync(`${policies}${name}`, 'utf8')) as never;
      expect(printed).toEqual(await compare(lines, { baseline: policy('lianyungang-2020.json'), reform: policy(reform), now: NOW, sample: 3 }));
    }
  });

  it('compare --workers 2: the same report as on one thread', () => {
    const one = run(compareArgs('observation-21-days.json', ['--json', '--sample', '4', '--min-cell', '3']));
    const two = run(compareArgs('observation-21-days.json', ['--json', '--sample', '4', '--min-cell', '3', '--workers', '2']));
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
  });

  it('compare --html: one self-contained page, well-formed, with every number of the JSON report', () => {
    const html = join(dir, 'report.html');
    const r = run(compareArgs('observation-21-days.json', ['--json', '--html', html, '--sample', '2', '--min-cell', '5']));
    expect(r.status).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const report = JSON.parse(r.stdout) as ImpactReport;
    for (const n of numbers(report)) expect(page, String(n)).toContain(String(n));
    for (const id of ['observationDays', report.baseline.hash, report.reform.hash]) expect(page).toContain(id);
    // Well-formed XML (the page is XHTML, its charts inline SVG): Debian's xmllint reads it.
    const xmllint = spawnSync('xmllint', ['--noout', html], { encoding: 'utf8' });
    if (xmllint.error === undefined || process.env['CI']) expect([xmllint.status, xmllint.stderr]).toEqual([0, '']);
  });

  it('compare: text output names both policies and the matrix; bad arguments exit 2', () => {
    const r = run(compareArgs('literal-close-contact.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('reform lianyungang-2020-literal-3.2');
    expect(r.stdout).toMatch(/^green\s+/m);
    expect(run(['compare', city, '--baseline', `${policies}lianyungang-2020.json`, '--now', NOW]).status).toBe(2);
    expect(run([...compareArgs('observation-21-days.json'), '--workers', 'many']).status).toBe(2);
    expect(run(['compare', join(dir, 'missing.ndjson'), '--baseline', `${policies}lianyungang-2020.json`, '--reform', `${policies}lianyungang-2020.json`, '--now', NOW]).status).toBe(2);
  });
});
