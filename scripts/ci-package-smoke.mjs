// Smoke test of the published package: packs the tarball, installs it into a temporary project
// without the network, and runs it as a consumer would: `import`, `require`, and TypeScript
// type-checked under moduleResolution `nodenext` and `bundler`. Needs `dist/` (npm run build).
//
//   node scripts/ci-package-smoke.mjs   # KEEP_SMOKE_DIR=1 keeps the temporary project;
//                                       # SMOKE_LAYOUT=manual skips npm install (no npm cache)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function run(command, args, cwd, quiet = false) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
}

function versionOf(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'hcr-smoke-'));
const app = join(work, 'app');
mkdirSync(app);
let failed = false;
try {
  // 1. The tarball, exactly as `npm publish` would upload it.
  const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], root, true));
  const tarball = join(work, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} bytes`);

  // 2. A consumer project. The peers (zod; fast-check for the testing subpath) are the versions
  //    this repository's lock file installed, so the npm cache has them.
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'hcr-smoke-app', version: '1.0.0', private: true, type: 'module' }, null, 2));
  const peers = ['zod', 'fast-check'].map((name) => `${name}@${versionOf(name)}`);
  try {
    if (process.env.SMOKE_LAYOUT === 'manual') throw new Error('manual layout requested');
    run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball, ...peers], app);
  } catch {
    // No usable npm cache: lay out node_modules by hand, linking exactly the dependencies and
    // peers the packed package.json declares, so an undeclared dependency still fails to load.
    console.log('npm install --offline failed; laying out node_modules by hand');
    const target = join(app, 'node_modules', rootPackage.name);
    mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], app);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    const needed = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
    for (const name of needed) {
      const source = join(root, 'node_modules', name);
      if (!existsSync(source)) continue;
      const link = join(app, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      if (!existsSync(link)) symlinkSync(source, link, 'dir');
    }
  }

  const hasSubpath = (subpath) => Object.hasOwn(rootPackage.exports ?? {}, subpath);
  const testing = hasSubpath('./testing');
  const code = hasSubpath('./code');
  // RULES §11 through the published subpath: a code issued with a throw-away test key verifies, and
  // a checkpoint decides on it (the red R3 assessment is refused: C8).
  const codeChecks = (load) => `
const c = ${load};
const key = { kty: 'EC', crv: 'P-256', x: 'HhhTL9R1TALzBB2cdc6zO4P_2BrHzk_ogsyxyYvFiW4', y: 'pGwxHE4v9A3ZajZT5uRURdMt_khuztdcepDGoYiBwKM' };
const red = hcr.evaluate({ ...declaration, symptoms: [], keyAreaVisits: [{ area: '420100', from: '2020-01-20', to: '2020-01-22' }] }, history, '2020-02-03T09:00:00+08:00');
const text = c.issueCode(red, { key: { ...key, d: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc' }, kid: 'smoke', issuer: 'smoke' });
assert.match(text, /^LYT1:[0-9A-Z $%*+\\-./:]+$/);
const v = c.verifyCode(text, { trust: [{ kid: 'smoke', key }], at: '2020-02-03T09:30:00+08:00' });
assert.equal(v.success && v.data.colour, 'red');
assert.equal(c.checkCode(text, { venue: 'public-place', direction: 'in', celsius: 36.6, at: '2020-02-03T09:30:00+08:00' }, { trust: [{ kid: 'smoke', key }] }).rule, 'C8');
`;

  // 3. The consumers.
  const example = `
const declaration = {
  id: 'app-0001', subjectId: 's-7f3a', submittedAt: '2020-02-01T10:00:00+08:00',
  category: 'resident', channel: 'self', attestation: true, symptoms: ['dry-cough'],
};
const history = [{ id: 'rv1', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' }];
`;
  const checks = (lib) => `
// RULES §10 example 2: a declared dry cough is yellow (Y1) until 2020-02-16 (T-3).
const a = ${lib}.evaluate(declaration, history, '2020-02-03T09:00:00+08:00');
assert.equal(a.colour, 'yellow');
assert.equal(a.releaseAt, '2020-02-16T00:00:00+08:00');
assert.deepEqual(a.reasons.map((r) => r.rule), ['Y1']);
// RULES §9: a bad input is a typed error listing every problem with its path.
const bad = ${lib}.safeEvaluate({ ...declaration, attestation: false }, [{ id: 'x', at: 'soon', kind: 'temperature', celsius: 99 }], 'now');
assert.equal(bad.success, false);
assert.ok(bad.error instanceof ${lib}.HealthCodeInputError);
assert.deepEqual(bad.error.issues.map((i) => ${lib}.formatPath(i.path)).sort(),
  ['declaration.attestation', 'history[0].at', 'history[0].celsius', 'now']);
assert.throws(() => ${lib}.evaluate(null, [], 'now'), ${lib}.HealthCodeInputError);
// A policy of one's own.
assert.equal(${lib}.createEngine({ ...${lib}.lianyungang2020, observationDays: 21 }).evaluate(declaration, history, '2020-02-20T09:00:00+08:00').colour, 'yellow');
if (typeof ${lib}.check === 'function') {
  // RULES §6 C6: a reading of 37.6 °C at a public place is refused.
  const d = ${lib}.check(a, { venue: 'public-place', direction: 'in', celsius: 37.6, at: '2020-02-03T09:00:00+08:00' });
  assert.equal(d.admit, false);
  assert.equal(d.rule, 'C6');
}
`;
  writeFileSync(
    join(app, 'esm.mjs'),
    `import assert from 'node:assert/strict';
import * as hcr from 'health-code-rules';
${example}${checks('hcr')}
${
  testing
    ? `const t = await import('health-code-rules/testing');
assert.equal(typeof t.declaration, 'function');
assert.equal(typeof t.arbitraries.case, 'function');
assert.equal(hcr.evaluate(t.declaration(), [], '2020-03-01T09:00:00+08:00').colour, 'green');
`
    : ''
}${code ? codeChecks("await import('health-code-rules/code')") : ''}const picture = await import('health-code-rules/picture');
assert.ok(picture.timelineSvg(hcr.evaluate({ id: 'app-p', subjectId: 's-p', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true }, [], '2020-02-10T12:00:00+08:00'), { lang: 'en' }).startsWith('<svg '));
console.log('import: ok');
`,
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    `const assert = require('node:assert/strict');
const hcr = require('health-code-rules');
${example}${checks('hcr')}
${
  testing
    ? `const t = require('health-code-rules/testing');
assert.equal(hcr.evaluate(t.declaration(), [], '2020-03-01T09:00:00+08:00').colour, 'green');
`
    : ''
}${code ? codeChecks("require('health-code-rules/code')") : ''}assert.ok(require('health-code-rules/picture').timelineSvg(hcr.evaluate({ id: 'app-p', subjectId: 's-p', submittedAt: '2020-02-01T10:00:00+08:00', category: 'resident', channel: 'self', attestation: true }, [], '2020-02-10T12:00:00+08:00'), { lang: 'en' }).startsWith('<svg '));
console.log('require: ok');
`,
  );
  const typed = (lib) => `
import { evaluate, safeEvaluate, createEngine, lianyungang2020, HealthCodeInputError, type Assessment, type Declaration, type Event, type InputIssue } from '${lib}';
import { timelineSvg, type PictureLang } from '${lib}/picture';

const declaration: Declaration = {
  id: 'app-0001', subjectId: 's-7f3a', submittedAt: '2020-02-01T10:00:00+08:00',
  category: 'resident', channel: 'self', attestation: true, symptoms: ['dry-cough'],
};
const history: Event[] = [{ id: 'rv1', at: '2020-02-01T11:00:00+08:00', kind: 'review-approved', credential: 'app-code' }];
const a: Assessment = evaluate(declaration, history, '2020-02-03T09:00:00+08:00');
const colour: 'red' | 'yellow' | 'green' = a.colour;
// @ts-expect-error the colour is a string union, not a number (the types are not \`any\`)
const wrong: number = a.colour;
// @ts-expect-error an event kind the format does not know
const unknownKind: Event = { id: 'x', at: '2020-02-01T11:00:00+08:00', kind: 'teleport' };
const r = safeEvaluate(declaration, history, new Date());
const issues: readonly InputIssue[] = r.success ? [] : r.error.issues;
const e: HealthCodeInputError | undefined = r.success ? undefined : r.error;
const engine = createEngine({ ...lianyungang2020, observationDays: 21 });
// Issue 14: the published types are the typed inputs; untrusted data goes to safeEvaluate.
// @ts-expect-error 'tourist' is not a category
evaluate({ category: 'tourist' }, [], 'now');
// @ts-expect-error a proxy channel needs the proxy's relation (A-2)
const noProxy: Declaration = { ...declaration, channel: 'proxy' };
const untrusted: unknown = JSON.parse('{}');
const safe = safeEvaluate(untrusted, untrusted, untrusted);
const lang: PictureLang = 'zh-Hant';
const svg: string = timelineSvg(a, { lang, width: 800 });
// @ts-expect-error a language the picture does not speak
timelineSvg(a, { lang: 'fr' });
export const results = [colour, wrong, unknownKind, issues, e, engine.policy.observationDays satisfies number, noProxy, safe, svg];
`;
  writeFileSync(join(app, 'consumer.mts'), typed('health-code-rules'));
  writeFileSync(join(app, 'consumer.cts'), typed('health-code-rules'));
  if (testing)
    writeFileSync(
      join(app, 'consumer-testing.mts'),
      `import { declaration, arbitraries } from 'health-code-rules/testing';
import { evaluate } from 'health-code-rules';
export const colour: 'red' | 'yellow' | 'green' = evaluate(declaration(), [], '2020-03-01T09:00:00+08:00').colour;
export const generators = arbitraries;
`,
    );
  const base = { strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['ES2022', 'DOM'], target: 'ES2022' };
  writeFileSync(
    join(app, 'tsconfig.nodenext.json'),
    JSON.stringify({ compilerOptions: { ...base, module: 'nodenext', moduleResolution: 'nodenext' }, include: ['*.mts', '*.cts'] }, null, 2),
  );
  writeFileSync(
    join(app, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { ...base, module: 'preserve', moduleResolution: 'bundler' }, include: ['*.mts'] }, null, 2),
  );

  // 4. Run them.
  run(process.execPath, ['esm.mjs'], app);
  run(process.execPath, ['cjs.cjs'], app);
  run(process.execPath, [tsc, '-p', 'tsconfig.nodenext.json'], app);
  console.log('typescript (nodenext): ok');
  run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], app);
  console.log('typescript (bundler): ok');
  console.log(`package smoke test passed (${['main entry', 'picture subpath', ...(testing ? ['testing subpath'] : []), ...(code ? ['code subpath'] : [])].join(', ')})`);
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
  if (error && typeof error === 'object' && 'stdout' in error) console.error(String(error.stdout ?? ''), String(error.stderr ?? ''));
} finally {
  if (process.env.KEEP_SMOKE_DIR) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
