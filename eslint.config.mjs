// ESLint flat config: typescript-eslint's type-aware recommended rules over the TypeScript sources,
// ESLint's recommended rules over the plain JavaScript (bench, infra, jest config). Formatting is
// Prettier's job (`npm run format:check`); the one stylistic rule here is the line length, which
// Prettier cannot enforce on long strings, template literals and comments.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.infra/', 'coverage/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `const { id: _id, ...rest } = x` is how a copy leaves a field out; `_name` marks a parameter a
      // signature requires and the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The console's one browser script, served as is next to the uPlot bundle that defines `uPlot`.
    files: ['apps/console/src/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, uPlot: 'readonly' } },
  },
  {
    // Tests tier: tests read black-box JSON answers (HTTP bodies, Kafka messages, SQL rows) that are
    // typed `any` on purpose — typing them would restate the contract the test is checking. The
    // no-unsafe-* family and no-explicit-any only add noise there; every other rule still applies.
    files: ['test/**', 'apps/*/test/**', 'libs/*/test/**', '**/*.spec.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Lines stay readable at Prettier's printWidth. Prettier does not break strings, template literals
    // or comments, so those are checked too; only imports, URLs and regex literals may run long.
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': [
        'error',
        {
          code: 120,
          tabWidth: 2,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignorePattern: '^\\s*import\\s.+\\sfrom\\s.+;?$',
        },
      ],
    },
  },
);
