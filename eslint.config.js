import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'tmp/**', '.nx/**', '**/out-tsc/**', 'artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      // Dependencies point one way: apps -> feature -> data-access -> util. Libs never import apps.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // tools/ (cross-app tests, benchmarks, training) reach into the apps' sources and into a few library
          // internals (fixtures, the PDF reader) by relative path; only a file two levels under tools/ can match.
          allow: ['../../apps/**', '../../libs/**'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            // tools/: evaluations, benchmarks, deploy checks and cross-app tests; nothing depends on them.
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Size guard rails: a file past 400 lines or a function past 80 is a warning to split it.
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  // A test file's describe block holds its cases, and a migration is one SQL script applied once: no function size limit there.
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/database/src/migrations/**'],
    rules: { 'max-lines-per-function': 'off' },
  },
  // SQL lives in libs/database repositories (plain functions with typed rows). Tests, the test
  // helpers of libs/testing and the benchmarks set up and inspect rows in SQL on purpose.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/database/**', 'libs/testing/**', 'apps/*/src/testing/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL belongs in a libs/database repository (a plain function with typed rows); call that function here.',
        },
      ],
    },
  },
  // Type-aware rules (types from tsconfig.spec.json, which covers apps, libs and tools but the web app,
  // and from the spec tsconfigs of libs/extraction, tools/train and tools/eval).
  // A promise is awaited or explicitly `void`ed; no `any` flows into production code unchecked.
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'tools/**/*.ts'],
    ignores: ['apps/web/**'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
    },
  },
  // Tests, their helpers and the benchmarks assert on untyped answers (supertest's `body`, SQL rows
  // read back): an unexpected shape fails the assertion there, so `any` is allowed in them.
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**', 'apps/*/src/testing/**', 'tools/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // The web app: the rules of hooks.
  { files: ['apps/web/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
];
