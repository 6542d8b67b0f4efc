import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AssessmentSchema, CheckDecisionSchema, EventSchema, stateDiagram } from '../src/index.js';
import { evaluate } from './support/untyped.js';

// The example CLI, run as a user runs it: a child process on the built package (the CLI imports
// 'health-code-rules', which resolves to ./dist).

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}examples/cli.mjs`;
const cases = `${root}examples/cases/`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', input: input ?? '', env: { ...process.env, TZ: 'America/Sao_Paulo' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // `npm test` builds first (pretest); a lone run of this file builds the package if it has not been.
  const dist = `${root}dist/index.js`;
  if (!existsSync(dist) || !readFileSync(dist, 'utf8').includes('safeCheck')) execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
}, 120_000);

describe('examples/cli.mjs', () => {
  it('evaluate --json prints the exact Assessment the library computes for the case file', () => {
    const r = run(['evaluate', `${cases}r3-key-area.json`, '--now', '2020-02-10T12:00:00+08:00', '--json']);
    expect(r.status).toBe(0);
    const printed: unknown = JSON.parse(r.stdout);
    expect(AssessmentSchema.safeParse(printed).success).toBe(true);
    const kase = JSON.parse(readFileSync(`${cases}r3-key-area.json`, 'utf8')) as { declaration: unknown; history: unknown };
    expect(printed).toEqual(evaluate(kase.declaration, kase.history, '2020-02-10T12:00:00+08:00'));
  });

  it('evaluate prints text in the chosen language (zh-Hant, zh-Hans, en)', () => {
    const file = `${cases}example-6-red-then-yellow.json`;
    const kase = JSON.parse(readFileSync(file, 'utf8')) as { declaration: unknown; history: unknown; now: string };
    const a = evaluate(kase.declaration, kase.history, kase.now);
    for (const lang of ['zh-Hant', 'zh-Hans', 'en'] as const) {
      const r = run(['evaluate', file, '--lang', lang]);
      expect(r.status).toBe(0);
      for (const reason of a.reasons) expect(r.stdout).toContain(reason.message[lang]);
      expect(r.stdout).toContain(a.nextChangeAt as string);
    }
  });

  it('--now wins over the case file\'s own now', () => {
    const r = run(['evaluate', `${cases}example-6-red-then-yellow.json`, '--now', '2020-02-20T12:00:00+08:00', '--json']);
    const a = JSON.parse(r.stdout) as { colour: string; evaluatedAt: string };
    expect(a).toMatchObject({ colour: 'yellow', evaluatedAt: '2020-02-20T12:00:00+08:00' });
  });

  it('C6: check refuses a reading of 37.5 at a public place and prints the temperature event to record', () => {
    const r = run(['check', `${cases}example-1-green.json`, '--venue', 'public-place', '--direction', 'in', '--celsius', '37.5', '--now', '2020-03-01T09:00:00+08:00']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^C6: REFUSE/);
    const line = r.stdout.split('\n').find((l) => l.startsWith('{')) as string;
    const record: unknown = JSON.parse(line);
    expect(EventSchema.safeParse(record).success).toBe(true);
    expect(record).toEqual({ id: 'checkpoint:public-place:2020-03-01T09:00:00+08:00', at: '2020-03-01T09:00:00+08:00', kind: 'temperature', celsius: 37.5, venue: 'public-place' });
  });

  it('check --json prints the exact decision; C1 admits a yellow resident going home, C10 refuses a yellow visitor', () => {
    const base = ['check', `${cases}y1-symptoms.json`, '--venue', 'residential', '--direction', 'in', '--celsius', '36.5', '--json'];
    const resident = JSON.parse(run([...base, '--role', 'resident']).stdout) as unknown;
    const visitor = JSON.parse(run([...base, '--role', 'visitor']).stdout) as unknown;
    expect(CheckDecisionSchema.safeParse(resident).success).toBe(true);
    expect(resident).toMatchObject({ rule: 'C1', admit: true });
    expect(visitor).toMatchObject({ rule: 'C10', admit: false });
  });

  it('C7: check on a pending review and --no-code both refuse with directions, in the chosen language', () => {
    const pending = run(['check', `${cases}pending-review.json`, '--venue', 'public-transport', '--direction', 'in', '--celsius', '36.5', '--lang', 'zh-Hans']);
    expect(pending.status).toBe(0);
    expect(pending.stdout).toMatch(/^C7：不放行/);
    const none = run(['check', '--no-code', '--venue', 'public-place', '--direction', 'in', '--celsius', '36.5', '--now', '2020-03-01T09:00:00+08:00']);
    expect(none.stdout).toMatch(/^C7: REFUSE/);
    expect(none.stdout).toMatch(/health declaration form/);
  });

  it('C3: an exit is admitted whatever the code', () => {
    const r = run(['check', `${cases}r5-high-risk.json`, '--venue', 'public-place', '--direction', 'out', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ rule: 'C3', admit: true, steps: ['scan'] });
  });

  it('reads the case from standard input when the file is "-"', () => {
    const text = readFileSync(`${cases}example-3-key-area.json`, 'utf8');
    const r = run(['evaluate', '-', '--json'], text);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ colour: 'red', releaseAt: '2020-02-16T00:00:00+08:00' });
  });

  it('explain prints the trail as a timeline citing the policy sections', () => {
    const r = run(['explain', `${cases}example-2-dry-cough.json`]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.includes('T-Y1-reset'))).toMatch(/^2020-02-05T08:00:00\+08:00 .*\[policy §4; I-7 \(a symptom during the observation restarts the 14 days from that symptom\)\]/);
    expect(lines.find((l) => l.includes('T-Y1-on'))).toContain('§4.1');
    expect(lines[0]).toContain('instants in Beijing time, UTC+8');
  });

  it('issue 14: ids are put in words, instants name their zone, and the next change names its colour', () => {
    const r = run(['evaluate', `${cases}example-6-red-then-yellow.json`, '--now', '2020-02-12T12:00:00+08:00']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('relies on: I-1 (red outranks yellow, yellow outranks green; each condition keeps its own clock); I-2 (');
    expect(r.stdout).toContain('Next colour change: 2020-02-16T00:00:00+08:00 (Beijing time, UTC+8) to YELLOW');
    expect(r.stdout).toContain('Turns green at: 2020-02-25T00:00:00+08:00 (Beijing time, UTC+8)');
    const zh = run(['evaluate', `${cases}example-6-red-then-yellow.json`, '--now', '2020-02-12T12:00:00+08:00', '--lang', 'zh-Hans']);
    expect(zh.stdout).toContain('下次变色：2020-02-16T00:00:00+08:00（北京时间，UTC+8） 转为 黄码');
    expect(zh.stdout).not.toContain('可转绿');
  });

  it('issue 14: explain translates the declaration as evidence and shows who corrected what and why (I-13)', () => {
    const kase = JSON.stringify({
      declaration: { id: 'a', subjectId: 's', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true },
      history: [
        { id: 'cc', at: '2020-02-03T09:00:00+08:00', kind: 'close-contact', of: 'case' },
        { id: 'fix', at: '2020-02-04T09:00:00+08:00', kind: 'correction', voids: 'cc', authority: 'Haizhou CDC', reason: 'wrong person' },
      ],
    });
    const zh = run(['explain', '-', '--now', '2020-02-05T12:00:00+08:00', '--lang', 'zh-Hant'], kase);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('依據：申報');
    expect(zh.stdout).not.toContain('依據：declaration');
    expect(zh.stdout).toContain('由 Haizhou CDC; 理由：wrong person');
    const en = run(['explain', '-', '--now', '2020-02-05T12:00:00+08:00'], kase);
    expect(en.stdout).toContain('by Haizhou CDC; reason: wrong person');
  });

  it('issue 14: with --lang zh-*, input problems are written in that language by their code', () => {
    const bad = JSON.stringify({
      declaration: { id: 'x', subjectId: 's', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'proxy', attestation: false },
      history: [{ id: 'e1', at: '2020-02-03 09:00', kind: 'temperature', celsius: 36.5 }],
    });
    const zh = run(['evaluate', '-', '--now', '2020-02-10T12:00:00+08:00', '--lang', 'zh-Hans'], bad);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain('输入有误');
    expect(zh.stderr).toContain('declaration.attestation：须确认如实申报（A-3） [attestation_required]');
    expect(zh.stderr).toContain('declaration.proxy：代办申报须填写代办人关系（A-2） [proxy_required]');
    expect(zh.stderr).toContain('history[0].at：不是带时区偏移的 ISO-8601 时间');
    expect(zh.stderr).not.toContain('not an ISO-8601');
    const hant = run(['evaluate', '-', '--now', '2020-02-10T12:00:00+08:00', '--lang', 'zh-Hant'], bad);
    expect(hant.stderr).toContain('須確認如實申報（A-3）');
  });

  it('diagram prints the Mermaid state diagram generated from the transitions', () => {
    const r = run(['diagram']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(stateDiagram());
  });

  it('bad input exits 2 and lists every problem with its path', () => {
    const bad = JSON.stringify({
      declaration: { id: 'x', subjectId: 's', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: false },
      history: [{ id: 'e1', at: '2020-02-03 09:00', kind: 'temperature', celsius: 36.5 }, { id: 'e2', at: '2020-02-03T09:00:00+08:00', kind: 'rumour' }],
      histroy: [],
    });
    const r = run(['evaluate', '-', '--now', '2020-02-10T12:00:00+08:00'], bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    for (const path of ['histroy:', 'declaration.attestation:', 'history[0].at:', 'history[1].kind:']) expect(r.stderr).toContain(`  ${path}`);
  });

  it('bad checkpoint flags exit 2 with the path and the flag of every problem', () => {
    const r = run(['check', `${cases}example-1-green.json`, '--venue', 'home', '--direction', 'in', '--celsius', '51']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/context\.venue: .*\(--venue\)/);
    expect(r.stderr).toMatch(/context\.celsius: .*\(--celsius\)/);
    const role = run(['check', `${cases}example-1-green.json`, '--venue', 'residential', '--direction', 'in', '--celsius', '36.5']);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/context\.role: .*\[role_required\]/);
  });

  it('a missing file, malformed JSON, an unknown command or option, or an invalid policy exits 2', () => {
    expect(run(['evaluate', `${cases}no-such-case.json`]).status).toBe(2);
    expect(run(['evaluate', '-'], '{ not json').status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
    expect(run(['evaluate', `${cases}example-1-green.json`, '--colour']).status).toBe(2);
    const policy = run(['evaluate', `${cases}example-1-green.json`, '--policy', '-'], JSON.stringify({ id: 'p' }));
    expect(policy.status).toBe(2);
    expect(policy.stderr).toContain('policy.timeZone');
  });
});

describe('examples/cli.mjs and examples/batch/cli.mjs on hostile files (RULES §9)', () => {
  const kase = readFileSync(`${cases}r3-key-area.json`, 'utf8');
  const NOW = '2020-02-10T12:00:00+08:00';

  it('RULES §9: a case file that starts with a byte-order mark is read as the same case', () => {
    const plain = run(['evaluate', '-', '--now', NOW, '--json'], kase);
    const withBom = run(['evaluate', '-', '--now', NOW, '--json'], `\uFEFF${kase}`);
    expect(withBom.status).toBe(0);
    expect(withBom.stdout).toBe(plain.stdout);
  });

  it('RULES §9: the batch tool reads a file that starts with a byte-order mark like one without', () => {
    const line = JSON.stringify(JSON.parse(kase));
    const r = spawnSync(process.execPath, [`${root}examples/batch/cli.mjs`, '-', '--summary', '--now', NOW, '--no-progress'], {
      cwd: root,
      encoding: 'utf8',
      input: `\uFEFF${line}\n${line}\n`,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { colour: string });
    expect(lines.map((l) => l.colour)).toEqual(['red', 'red']);
  });

  it('RULES §9, T-2: a bad now in the case file is reported once, by evaluate and by check', () => {
    const bad = JSON.stringify({ ...(JSON.parse(kase) as object), now: 12345 });
    for (const args of [['evaluate', '-'], ['check', '-', '--venue', 'public-place', '--direction', 'in', '--celsius', '36.5']]) {
      const r = run(args, bad);
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l.trimStart().startsWith('now:'))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('RULES §9: an unknown key of 10^7 characters gives a short message, no stack trace', () => {
    const huge = JSON.stringify({ ...(JSON.parse(kase) as object), ['k'.repeat(10_000_000)]: 1 });
    const r = run(['evaluate', '-', '--now', NOW], huge);
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stderr).toContain('unknown key of 10000000 characters');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('RULES §9: a case with 5,000 problems prints the first 100 and how many more, no stack trace', () => {
    const parsed = JSON.parse(kase) as { declaration: Record<string, unknown> };
    parsed.declaration['symptoms'] = Array.from({ length: 5000 }, () => 'cough');
    const r = run(['evaluate', '-', '--now', NOW], JSON.stringify(parsed));
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe('  … 4900 more');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('RULES §9: an oversize case (a million and one symptoms, over maxArrayLength) is one too_large line with its path, no stack trace', () => {
    const parsed = JSON.parse(kase) as { declaration: Record<string, unknown> };
    parsed.declaration['symptoms'] = Array.from({ length: 1_000_001 }, () => 'fever');
    const r = run(['evaluate', '-', '--now', NOW], JSON.stringify(parsed));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('declaration.symptoms: 1000001 elements');
    expect(r.stderr).toContain('[too_large]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
