import { defineConfig } from 'tsup';

export default defineConfig({
  // `testing/*` are subpath exports of their own: the main entry never imports them, so an app's
  // production bundle carries no builders, arbitraries or matchers.
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'testing/vitest': 'src/testing/vitest.ts', 'code/index': 'src/code/index.ts', 'picture/index': 'src/picture/index.ts' },
  // Peers and test runners are the app's own copies, never bundled.
  external: ['zod', 'fast-check', 'vitest'],
  format: ['esm', 'cjs'],
  target: 'node20',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  treeshake: true,
  // Shared chunks in the CommonJS build too (esm splits by default): `health-code-rules/testing`
  // must use the same engine and `HealthCodeInputError` class as the main entry, or `instanceof`
  // fails for an app that requires both.
  splitting: true,
  // @noble/hashes, @noble/curves 2.x and cborg ship ESM only: the CommonJS build must carry its own copy.
  noExternal: ['@noble/hashes', '@noble/curves', 'cborg'],
  tsconfig: 'tsconfig.build.json',
});
