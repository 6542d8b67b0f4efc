// Type-aware lint of the library (typescript-eslint) and TSDoc on every export (eslint-plugin-jsdoc).
import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import tseslint from 'typescript-eslint';

/** Globals of Node 20 that the scripts, examples and benchmarks use. */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController', 'Buffer', 'TextDecoder', 'TextEncoder', 'URL', 'URLSearchParams', 'clearInterval', 'clearTimeout',
    'console', 'performance', 'process', 'queueMicrotask', 'setImmediate', 'setInterval', 'setTimeout', 'structuredClone',
  ].map((name) => [name, 'readonly']),
);

/** Declarations that need TSDoc when a module exports them. */
const exportable = ['VariableDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSEnumDeclaration'];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'reports/', '.stryker-tmp/', 'node_modules/', 'bench/city/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked, jsdoc.configs['flat/recommended-typescript-error']],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: { jsdoc: { mode: 'typescript' } },
    rules: {
      // TSDoc on every export (STYLE "Types and code").
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: { esm: true, cjs: false },
          require: { FunctionDeclaration: true, ClassDeclaration: true, MethodDefinition: false },
          contexts: exportable,
        },
      ],
      // A summary sentence is required; parameters and results are documented where they are not obvious.
      'jsdoc/require-description': ['error', { contexts: ['FunctionDeclaration', 'ClassDeclaration', ...exportable] }],
      'jsdoc/require-param': 'off',
      'jsdoc/require-returns': 'off',
      'jsdoc/require-param-description': 'error',
      'jsdoc/require-returns-description': 'error',
      'jsdoc/check-tag-names': ['error', { definedTags: ['remarks', 'typeParam', 'packageDocumentation', 'defaultValue'] }],
      'jsdoc/tag-lines': 'off',
      // No function of the library longer than about a screen (issue: one module per rule).
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      // Numbers and booleans are fine in messages; the message templates build strings.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Tests feed the engine deliberately malformed values.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
);
