import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../support/untyped.js';
import { timelineSvg } from '../../src/picture/index.js';

// `explain CASE.json --svg FILE --png FILE` of the example CLI, run as a user runs it (on dist/).

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}examples/cli.mjs`;
const r3 = `${root}examples/cases/r3-key-area.json`;

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

let dir = '';
beforeAll(() => {
  if (!existsSync(`${root}dist/picture/index.js`)) execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'hcr-picture-'));
}, 120_000);

describe('examples/cli.mjs explain --svg / --png', () => {
  it('T-R3-on: --svg writes the timeline of the case, the same bytes as timelineSvg, and still prints the explanation', () => {
    const out = join(dir, 'r3.svg');
    const r = run(['explain', r3, '--svg', out, '--lang', 'zh-Hans']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${out}\n`);
    expect(r.stdout).toContain('T-R3-on');
    const k = JSON.parse(readFileSync(r3, 'utf8')) as { declaration: unknown; history: unknown; now: string };
    expect(readFileSync(out, 'utf8')).toBe(timelineSvg(evaluate(k.declaration, k.history, k.now), { lang: 'zh-Hans' }));
  });

  it('--png draws the same picture as a PNG, twice the width, through resvg', () => {
    const out = join(dir, 'r3.png');
    const r = run(['explain', r3, '--png', out, '--width', '800', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toBeInstanceOf(Array);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600);
  });

  it('a bad --width or an unwritable file is invalid input (exit 2) naming the flag', () => {
    const w = run(['explain', r3, '--svg', join(dir, 'x.svg'), '--width', 'wide']);
    expect(w.status).toBe(2);
    expect(w.stderr).toContain('--width: a width in pixels, 480 … 4096');
    const f = run(['explain', r3, '--svg', join(dir, 'missing', 'x.svg')]);
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('--svg: cannot write');
  });
});
