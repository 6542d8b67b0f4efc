// Builds the package only when dist/ is missing or older than a file under src/ (or the build
// configuration), so that `npm run example` is quick after the first run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};

const built = ['dist/index.js', 'dist/index.cjs', 'dist/testing/index.js'];
const stale =
  built.some((file) => !existsSync(file)) ||
  Math.max(newest('src'), newest('tsup.config.ts'), newest('package.json')) > Math.min(...built.map((file) => statSync(file).mtimeMs));
if (stale) {
  const run = spawnSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
