import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  target: 'node20',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  treeshake: true,
  // @noble/hashes 2.x ships ESM only: the CommonJS build must carry its own copy.
  noExternal: ['@noble/hashes'],
  tsconfig: 'tsconfig.build.json',
});
