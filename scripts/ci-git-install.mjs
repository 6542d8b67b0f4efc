// Fresh-clone check (issue 14): a consumer installs the package by git URL from a clean clone
// (no dist/, no node_modules), which works only because `prepare` builds dist/; then `npm pack`
// in a clean clone ships the built files. Both entries are imported, from ESM and CommonJS.
//
//   node scripts/ci-git-install.mjs   # KEEP_GIT_DIR=1 keeps the temporary directory
//
// It clones the committed HEAD, so uncommitted changes are not tested. Uses the npm cache where it
// can (--prefer-offline).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const zod = JSON.parse(readFileSync(join(root, 'node_modules', 'zod', 'package.json'), 'utf8')).version;
const fc = JSON.parse(readFileSync(join(root, 'node_modules', 'fast-check', 'package.json'), 'utf8')).version;
const quiet = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

function run(command, args, cwd) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

const work = mkdtempSync(join(tmpdir(), 'hcr-git-'));
let failed = false;
try {
  const clone = join(work, 'clone');
  run('git', ['clone', '--quiet', '--no-hardlinks', root, clone], work);
  if (existsSync(join(clone, 'dist'))) throw new Error('a clean clone must not contain dist/');

  // 1. npm install git+file://… into an empty project.
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'hcr-git-app', version: '1.0.0', private: true, type: 'module' }));
  run(npm, ['install', ...quiet, pathToFileURL(clone).href.replace(/^file:/, 'git+file:'), `zod@${zod}`, `fast-check@${fc}`], app);
  writeFileSync(
    join(app, 'esm.mjs'),
    `import assert from 'node:assert/strict';
import { evaluate } from 'health-code-rules';
import { declaration } from 'health-code-rules/testing';
assert.equal(evaluate(declaration(), [], '2020-03-01T09:00:00+08:00').colour, 'green');
console.log('git install, import: ok');
`,
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    `const assert = require('node:assert/strict');
const { evaluate } = require('health-code-rules');
const { declaration } = require('health-code-rules/testing');
assert.equal(evaluate(declaration(), [], '2020-03-01T09:00:00+08:00').colour, 'green');
console.log('git install, require: ok');
`,
  );
  process.stdout.write(run(process.execPath, ['esm.mjs'], app));
  process.stdout.write(run(process.execPath, ['cjs.cjs'], app));

  // 2. npm pack in a clean clone: `npm ci` runs `prepare`, and `npm pack` ships dist/.
  run(npm, ['ci', ...quiet], clone);
  rmSync(join(clone, 'dist'), { recursive: true, force: true });
  const packed = JSON.parse(run(npm, ['pack', '--json', '--dry-run'], clone));
  const files = new Set(packed[0].files.map((f) => f.path));
  for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/testing/index.js', 'LICENSE', 'README.md'])
    if (!files.has(file)) throw new Error(`npm pack from a clean clone lacks ${file}`);
  console.log(`npm pack from a clean clone: ${files.size} files, dist/ included`);
  console.log('git install check passed');
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  if (process.env.KEEP_GIT_DIR) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
