import type { KnipConfig } from 'knip';

// Unused files, dependencies and exports (STYLE "Toolchain"). The public API is what
// `src/index.ts` (and any other entry in package.json "exports") exports; tests, benchmarks,
// examples and scripts are entry points of their own.
const config: KnipConfig = {
  // The package's own entries come from package.json "exports".
  entry: [
    'test/**/*.ts',
    'bench/**/*.{ts,mjs}',
    'examples/**/*.{ts,mjs}',
    'scripts/**/*.{ts,mjs,sh}',
  ],
  project: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,mjs}', 'examples/**/*.{ts,mjs}', 'scripts/**/*.mjs'],
  // A schema or constant exported for the one module that composes it is part of that module's
  // documented surface, not dead code.
  ignoreExportsUsedInFile: true,
  // Tools run by `.ci/run` and the scripts, not imported by any module.
  // zbarimg (zbar-tools), xmllint (libxml2-utils) and redis-server (the city service's tests) are
  // Debian's, installed by .ci/run.
  ignoreBinaries: ['zbarimg', 'xmllint', 'redis-server'],
};

export default config;
