import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCode } from '../src/code/index.js';

// The code commands of the example CLI (RULES §11), run as a user runs them, and the drawn QR read
// back by an independent decoder: Debian's zbarimg (zbar-tools; .ci/run installs it).

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}examples/cli.mjs`;
const r3 = `${root}examples/cases/r3-key-area.json`;
const NOW = '2020-02-10T12:00:00+08:00';

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const zbarimg = spawnSync('zbarimg', ['--version'], { encoding: 'utf8' }).status === 0;
/** The text of the one QR code in an image, as zbarimg reads it. */
const decodeQr = (file: string): string => execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

let dir = '';
beforeAll(() => {
  const dist = `${root}dist/code/index.js`;
  if (!existsSync(dist)) execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'hcr-code-'));
  const k = run(['keygen', '--out', dir, '--kid', 'lyg-1']);
  expect(k.status).toBe(0);
}, 120_000);

const issue = (extra: string[], out: string) => run(['code', r3, '--key', join(dir, 'private.jwk'), '--kid', 'lyg-1', '--issuer', 'lianyungang', '--now', NOW, '--out', join(dir, out), '--json', ...extra]);

describe('examples/cli.mjs keygen, code, scan (RULES §11)', () => {
  it('keygen: a private JWK, a public JWK and a trust list naming it', () => {
    const priv = JSON.parse(readFileSync(join(dir, 'private.jwk'), 'utf8')) as Record<string, string>;
    const trust = JSON.parse(readFileSync(join(dir, 'trust.json'), 'utf8')) as { kid: string; key: Record<string, string> }[];
    expect(priv).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'lyg-1' });
    expect(priv['d']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(trust).toEqual([{ kid: 'lyg-1', key: { kty: 'EC', crv: 'P-256', x: priv['x'], y: priv['y'] } }]);
  });

  it('code: the printed text verifies under the trust list; app code 24 h, paper code capped by nextChangeAt', () => {
    const trust = JSON.parse(readFileSync(join(dir, 'trust.json'), 'utf8')) as never;
    const app = JSON.parse(issue([], 'app.svg').stdout) as { text: string; version: number };
    const v = verifyCode(app.text, { trust, at: NOW });
    expect(v.success && [v.data.colour, v.data.rules, v.data.validUntil]).toEqual(['red', ['R3'], '2020-02-11T12:00:00+08:00']);
    const paper = JSON.parse(issue(['--credential', 'paper-code'], 'paper.svg').stdout) as { text: string };
    const p = verifyCode(paper.text, { trust, at: NOW });
    expect(p.success && [p.data.credential, p.data.validUntil]).toEqual(['paper-code', '2020-02-16T00:00:00+08:00']);
    const page = readFileSync(join(dir, 'paper.svg'), 'utf8');
    expect(page).toContain('width="105mm" height="148mm"');
    expect(page).toContain('2020-02-16T00:00:00+08:00');
    expect(page).not.toContain('s-app-r3');
    expect(app.version).toBeGreaterThan(0);
  });

  it.skipIf(!zbarimg && !process.env['CI'])('code --out *.png: zbarimg decodes the drawn QR back to the same text, app and paper', () => {
    for (const [extra, out] of [[[], 'app.png'], [['--credential', 'paper-code'], 'paper.png']] as const) {
      const printed = JSON.parse(issue([...extra], out).stdout) as { text: string };
      expect(decodeQr(join(dir, out))).toBe(printed.text);
    }
  });

  it('scan: verifies and decides (C8 for this red code, C12 past its validity, C3 out); exit 0 for any decision', () => {
    const { text } = JSON.parse(issue([], 'scan.svg').stdout) as { text: string };
    const scan = (extra: string[], input?: string) =>
      run(['scan', input === undefined ? text : '-', '--trust', join(dir, 'trust.json'), '--venue', 'public-place', '--json', ...extra], input);
    const red = scan(['--direction', 'in', '--celsius', '36.5', '--now', '2020-02-10T12:30:00+08:00']);
    expect(red.status).toBe(0);
    expect((JSON.parse(red.stdout) as { decision: { rule: string } }).decision.rule).toBe('C8');
    const late = scan(['--direction', 'in', '--celsius', '36.5', '--now', '2020-02-12T12:30:00+08:00'], `${text}\n`);
    expect(late.status).toBe(0);
    expect(JSON.parse(late.stdout)).toMatchObject({ verification: { success: false, error: { code: 'expired' } }, decision: { rule: 'C12', admit: false } });
    const out = scan(['--direction', 'out', '--now', '2021-01-01T00:00:00+08:00']);
    expect((JSON.parse(out.stdout) as { decision: { rule: string } }).decision.rule).toBe('C3');
    const text2 = run(['scan', text, '--trust', join(dir, 'trust.json'), '--venue', 'public-place', '--direction', 'in', '--celsius', '36.5', '--now', '2020-02-10T12:30:00+08:00']);
    expect(text2.stdout).toContain('verified: red (R3)');
    expect(text2.stdout).toContain('C8');
  });

  it('bad arguments exit 2 with the problem named: no --trust, a bad venue, no --key, a bad --out', () => {
    expect(run(['scan', 'LYT1:X', '--venue', 'public-place', '--direction', 'in']).status).toBe(2);
    const venue = run(['scan', 'LYT1:X', '--trust', join(dir, 'trust.json'), '--venue', 'moon', '--direction', 'in']);
    expect([venue.status, venue.stderr.includes('context.venue')]).toEqual([2, true]);
    expect(run(['code', r3, '--kid', 'k', '--issuer', 'i', '--out', join(dir, 'x.svg')]).status).toBe(2);
    expect(run(['code', r3, '--key', join(dir, 'private.jwk'), '--kid', 'k', '--issuer', 'i', '--out', join(dir, 'x.pdf')]).status).toBe(2);
    expect(run(['keygen']).status).toBe(2);
  });
});
