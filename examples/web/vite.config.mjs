// The explainer page (issue 15): `npm run web:build` bundles the engine from src/ with the page into
// examples/web/dist/, a folder of static files that runs wholly offline (no request leaves the page).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: the built folder works from any path, or opened from a static server.
  base: './',
  resolve: {
    // The page runs the current source, exactly as the package's subpaths expose it.
    alias: [
      { find: /^health-code-rules\/picture$/, replacement: src('picture/index.ts') },
      { find: /^health-code-rules\/code$/, replacement: src('code/index.ts') },
      { find: /^health-code-rules$/, replacement: src('index.ts') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1000 },
  logLevel: 'warn',
});
