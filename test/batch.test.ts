import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateMany, lianyungang2020, summarize, type BatchResult } from '../src/index.js';
import { createEngine, evaluate } from './support/untyped.js';

const NOW = '2020-02-10T12:00:00+08:00';

function declaration(subjectId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `app-${subjectId}`,
    subjectId,
    submittedAt: '2020-02-01T10:00:00+08:00',
    category: 'resident',
    channel: 'self',
    attestation: true,
    ...extra,
  };
}

const approved = { id: 'ok', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' };

async function collect(results: AsyncIterable<BatchResult>): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  for await (const result of results) out.push(result);
  return out;
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const [i, item] of items.entries()) {
    // Later items arrive sooner than earlier ones would if they were raced: order must still hold.
    await new Promise((resolve) => setTimeout(resolve, (items.length - i) % 3));
    yield item;
  }
}

describe('evaluateMany', () => {
  it('yields one result per case, in input order, with the same assessment as evaluate', async () => {
    const cases = [
      { declaration: declaration('s-1'), history: [approved] },
      { declaration: declaration('s-2', { symptoms: ['dry-cough'] }), history: [approved] },
      { declaration: declaration('s-3', { closeContactOfCase: true }), history: [] },
    ];
    const results = await collect(evaluateMany(slowly(cases), { now: NOW }));
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    for (const [i, result] of results.entries()) {
      if (!result.ok || !('assessment' in result)) throw new Error(`case ${i} failed`);
      expect(result.assessment).toEqual(evaluate(cases[i]?.declaration, cases[i]?.history, NOW));
    }
    expect(results.map((r) => (r.ok && 'assessment' in r ? r.assessment.colour : null))).toEqual(['green', 'yellow', 'red']);
  });

  it('reports a bad case with its index and path and goes on with the next ones (RULES §9)', async () => {
    const cases = [
      { declaration: declaration('s-1'), history: [] },
      { declaration: declaration('s-2', { attestation: false }), history: [] },
      '{"declaration": {',
      42,
      { declaration: declaration('s-5'), history: [{ id: 'x', at: 'yesterday', kind: 'temperature', celsius: 36.6 }] },
      { declaration: declaration('s-6'), history: [] },
    ];
    const results = await collect(evaluateMany(cases, { now: NOW, summary: true }));
    expect(results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    const issues = (i: number) => {
      const result = results[i];
      if (result === undefined || result.ok) throw new Error(`case ${i} did not fail`);
      return result.issues;
    };
    expect(issues(1).map((issue) => [issue.path, issue.code])).toEqual([[['declaration', 'attestation'], 'attestation_required']]);
    expect(issues(2)[0]?.message).toMatch(/^not a JSON case/);
    expect(issues(3)[0]?.code).toBe('invalid_type');
    expect(issues(4).map((issue) => issue.path)).toContainEqual(['history', 0, 'at']);
  });

  it('reads NDJSON lines given as strings, and a case without its own now takes options.now', async () => {
    const lines = [
      JSON.stringify({ declaration: declaration('s-1', { symptoms: ['fever'] }), history: [] }),
      JSON.stringify({ declaration: declaration('s-2', { symptoms: ['fever'] }), history: [], now: '2020-02-20T00:00:00+08:00' }),
    ];
    const results = await collect(evaluateMany(lines, { now: NOW, summary: true }));
    expect(results.map((r) => (r.ok && 'summary' in r ? r.summary.colour : 'error'))).toEqual(['yellow', 'green']);
  });

  it('awaits a case given as a promise in a plain iterable, as for await would', async () => {
    const cases = [Promise.resolve({ declaration: declaration('s-1'), history: [] }), { declaration: declaration('s-2'), history: [] }];
    const results = await collect(evaluateMany(cases, { now: NOW, summary: true }));
    expect(results.map((r) => (r.ok && 'summary' in r ? r.summary.subject : 'error'))).toEqual(['s-1', 's-2']);
  });

  it('without now anywhere, a case is reported as missing now, not evaluated at the clock (T-2)', async () => {
    const [result] = await collect(evaluateMany([{ declaration: declaration('s-1'), history: [] }]));
    expect(result?.ok).toBe(false);
    expect(result !== undefined && !result.ok ? result.issues.map((issue) => [issue.path, issue.code]) : []).toEqual([[['now'], 'required']]);
  });

  it('summary: subject, colour, the rules of the reasons, releaseAt and nextChangeAt (RULES §10 example 3)', async () => {
    const case3 = {
      declaration: declaration('s-7f3a', { keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }),
      history: [approved],
    };
    const [result] = await collect(evaluateMany([case3], { now: '2020-02-03T09:00:00+08:00', summary: true }));
    expect(result).toEqual({
      index: 0,
      ok: true,
      summary: {
        subject: 's-7f3a',
        colour: 'red',
        rules: ['R3'],
        releaseAt: '2020-02-16T00:00:00+08:00',
        nextChangeAt: '2020-02-16T00:00:00+08:00',
      },
    });
    expect(summarize(evaluate(case3.declaration, case3.history, '2020-02-03T09:00:00+08:00'))).toEqual(
      result !== undefined && 'summary' in result ? result.summary : null,
    );
  });

  it('runs the policy of the engine it is given', async () => {
    const engine = createEngine({ ...lianyungang2020, observationDays: 21 });
    const [result] = await collect(
      evaluateMany([{ declaration: declaration('s-1', { symptoms: ['fatigue'] }), history: [] }], { now: NOW, engine, summary: true }),
    );
    expect(result !== undefined && 'summary' in result ? result.summary.releaseAt : null).toBe('2020-02-23T00:00:00+08:00');
  });
});

// The batch command line, run as a user runs it: a child process on the built package. Left out of
// mutation runs, like the example CLI's tests: no mutant of src/ reaches the built package, and the
// 3-second worker test would otherwise run again for every mutant the main thread's evaluate covers.
const root = fileURLToPath(new URL('..', import.meta.url));

function batch(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${root}examples/batch/cli.mjs`, ...args], { cwd: root, encoding: 'utf8', input, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(process.env['HCR_MUTATION_RUN'] === '1')('examples/batch/cli.mjs', () => {
  beforeAll(() => {
    const dist = `${root}dist/index.js`;
    if (!existsSync(dist) || !readFileSync(dist, 'utf8').includes('evaluateMany'))
      execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
  }, 120_000);

  const line = (subjectId: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ declaration: declaration(subjectId, extra), history: [approved] });

  it('writes one line per input line in order; a bad line is reported with its line number and the batch goes on', () => {
    const input = [line('s-1'), '{"declaration": {', line('s-3', { closeContactOfCase: true }), '', line('s-5', { submittedAt: 'later' })].join('\n');
    const r = batch(['-', '--summary', '--now', NOW, '--no-progress'], `${input}\n`);
    expect(r.status).toBe(1);
    const out = r.stdout.trimEnd().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out.map((o) => o['subject'] ?? `line ${String(o['line'])}`)).toEqual(['s-1', 'line 2', 's-3', 'line 4', 'line 5']);
    expect(out[2]).toEqual({ subject: 's-3', colour: 'red', rules: ['R2'], releaseAt: '2020-02-16T00:00:00+08:00', nextChangeAt: '2020-02-16T00:00:00+08:00' });
    expect(out[4]).toMatchObject({ line: 5, ok: false, issues: [{ path: ['declaration', 'submittedAt'], code: 'invalid_instant' }] });
    expect(r.stderr).toMatch(/^line 2: /m);
    expect(r.stderr).toMatch(/^line 5: declaration\.submittedAt: /m);
    expect(r.stderr).toMatch(/5 lines in .*3 with input errors/);
  });

  it('--workers 2 writes exactly what the main thread writes, full assessments included, over many chunks', () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 997 === 5 ? 'not json' : line(`s-${i}`, i % 3 === 0 ? { symptoms: ['fever'] } : i % 5 === 0 ? { closeContactOfCase: true } : {}),
    );
    const input = `${lines.join('\n')}\n`;
    const single = batch(['-', '--now', NOW, '--no-progress'], input);
    const workers = batch(['-', '--now', NOW, '--no-progress', '--workers', '2'], input);
    expect(workers.stdout).toBe(single.stdout);
    const out = workers.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(3000);
    expect(JSON.parse(out[0] as string)).toEqual(evaluate(declaration('s-0', { symptoms: ['fever'] }), [approved], NOW));
    expect(JSON.parse(out[5] as string)).toMatchObject({ line: 6, ok: false });
    expect(workers.status).toBe(1);
  });

  it('issue 14: --now is required, and a bad one is rejected up front with one line (exit 2)', () => {
    const missing = batch(['-', '--no-progress'], `${line('s-1')}\n`);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('batch: --now is required: an ISO-8601 instant with offset (e.g. 2020-03-20T12:00:00+08:00), or `now` for the current time\n');
    const bad = batch(['-', '--now', '2020-02-10 12:00', '--no-progress'], `${line('s-1')}\n`);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^batch: --now 2020-02-10 12:00: not a Date or an ISO-8601 instant/)]);
    const clock = batch(['-', '--now', 'now', '--summary', '--no-progress'], `${line('s-1')}\n`);
    expect(clock.status).toBe(0);
    expect(JSON.parse(clock.stdout)).toMatchObject({ subject: 's-1', colour: 'green' });
  });

  it('issue 14: a missing input file or an unwritable --out is one line, not a stack trace (exit 2)', () => {
    const missing = batch(['/nonexistent/city.ndjson', '--now', NOW], '');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('batch: cannot read /nonexistent/city.ndjson: ENOENT\n');
    const out = batch(['-', '--now', NOW, '--out', '/nonexistent/dir/out.ndjson'], `${line('s-1')}\n`);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('batch: cannot write /nonexistent/dir/out.ndjson: ENOENT\n');
  });

  it('issue 14: no progress bar when standard error is not a terminal, even without --no-progress', () => {
    const r = batch(['-', '--now', NOW, '--summary'], `${line('s-1')}\n`);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('batch [');
    expect(r.stderr).not.toContain('lines/s |');
    expect(r.stderr).toMatch(/^1 lines in .* 0 with input errors\n$/);
  });

  it('issue 14: a reader that stops early (| head) ends the batch quietly, exit 0', () => {
    const input = `${Array.from({ length: 4000 }, (_, i) => line(`s-${i}`)).join('\n')}\n`;
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${root}examples/batch/cli.mjs" - --now ${NOW} | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd: root,
      encoding: 'utf8',
      input,
    });
    expect(r.stdout.trim()).toBe('0');
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toContain('Error');
  });
});

describe('safeSummarize (the batch summary path)', () => {
  it('RULES §8: the summary path (safeSummarize) gives exactly the summary of the full assessment, for any generated case', async () => {
    const { default: fc } = await import('fast-check');
    const { arbitraries } = await import('../src/testing/arbitraries.js');
    const { defaultEngine } = await import('../src/index.js');
    const { check } = await import('./support/seed.js');
    check(
      fc.property(arbitraries.case(), (c) => {
        const full = defaultEngine.evaluate(c.declaration, c.history, c.now);
        const fast = defaultEngine.safeSummarize(c.declaration, c.history, c.now);
        expect(fast.success && fast.data).toEqual(summarize(full));
      }),
      'invariant',
    );
  });
});

describe('evaluateMany: a line of NDJSON is read in place, with the issues and results of the same case given as an object', () => {
  // Small limits, so that every limit of RULES §9 is reached by a short line.
  const limits = { maxEvents: 6, maxStringLength: 64, maxArrayLength: 8, maxKeys: 32, maxKeyLength: 64, maxDepth: 8, maxValues: 1000, maxMessageLength: 1000 };
  const engine = createEngine({ ...lianyungang2020, limits });
  const long = 'x'.repeat(65);
  const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { inner: nested(depth - 1) });
  const reading = (i: number, extra: Record<string, unknown> = {}) => ({ id: `t${i}`, at: `2020-02-0${2 + (i % 7)}T09:00:00+08:00`, kind: 'temperature', celsius: 36.5, ...extra });
  const manyKeys = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
  const cases: unknown[] = [
    { declaration: declaration('plain'), history: [approved, reading(1), reading(2)] },
    { declaration: declaration('long-key', { [long]: 1 }), history: [approved] },
    { declaration: declaration('long-key-event'), history: [approved, reading(1, { [long]: true }), reading(2)] },
    { declaration: declaration('long-string', { subjectId: long }), history: [approved, reading(1, { id: long })] },
    { declaration: declaration('deep'), history: [approved, reading(1, { note: nested(10) })] },
    { declaration: declaration('many-keys', manyKeys), history: [approved] },
    { declaration: declaration('long-array', { symptoms: Array.from({ length: 9 }, () => 'fever') }), history: [approved] },
    { declaration: declaration('many-events'), history: Array.from({ length: 7 }, (_, i) => reading(i)) },
    { declaration: declaration('many-values'), history: [approved, reading(1, { note: Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => 1))) })] },
    { declaration: declaration('duplicate'), history: [approved, reading(1), { ...reading(1), celsius: 38 }] },
    { declaration: declaration('cycle'), history: [approved, { id: 'c1', at: '2020-02-03T09:00:00+08:00', kind: 'correction', voids: 'c2', authority: 'a', reason: 'r' }, { id: 'c2', at: '2020-02-03T09:00:00+08:00', kind: 'correction', voids: 'c1', authority: 'a', reason: 'r' }] },
    { declaration: 'not an object', history: {} },
    { declaration: null, history: [null, 1, 'x', []] },
    { declaration: declaration('no-history') },
    [],
  ];
  // Keys that JSON.parse makes own keys, where an object literal would set a prototype.
  const lines = [
    ...cases.map((c) => JSON.stringify(c)),
    `{"declaration":{"__proto__":{"x":1},"id":"a","subjectId":"proto","submittedAt":"2020-02-01T10:00:00+08:00","category":"resident","channel":"self","attestation":true},"history":[]}`,
    `{"declaration":${JSON.stringify(declaration('proto-event'))},"history":[{"id":"t","at":"2020-02-02T09:00:00+08:00","kind":"temperature","celsius":36.5,"__proto__":[]}]}`,
    `{"declaration":${JSON.stringify(declaration('long-proto', { [long]: 1 }))},"history":[{"__proto__":{"${long}":1},"id":"t","at":"2020-02-02T09:00:00+08:00","kind":"temperature","celsius":36.5}]}`,
  ];

  it('RULES §9: every limit, duplicate, cycle and malformed case gives the same result from the line as from its parsed object', async () => {
    for (const summary of [false, true]) {
      const fromLines = await collect(evaluateMany(lines, { engine, now: NOW, summary }));
      const fromObjects = await collect(evaluateMany(lines.map((line) => JSON.parse(line) as unknown), { engine, now: NOW, summary }));
      expect(fromLines).toStrictEqual(fromObjects);
      expect(fromLines.filter((r) => !r.ok).length).toBeGreaterThan(10);
    }
    // And as evaluate gives it, for a case read twice: the line's reading leaves nothing behind.
    const parsed = JSON.parse(lines[1] as string) as { declaration: unknown; history: unknown };
    const once = engine.safeEvaluate(parsed.declaration, parsed.history, NOW);
    const twice = engine.safeEvaluate(parsed.declaration, parsed.history, NOW);
    expect(once.success).toBe(false);
    expect(twice).toStrictEqual(once);
  });
});
