// NestJS 12 ships ESM only; jest's CommonJS runtime cannot require ESM before Node 24.9, so
// @swc/jest also transforms those packages (see README, development notes).
const esmPackages = [
  '@nestjs',
  '@tokenizer',
  '@borewit',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  'load-esm',
  'content-disposition',
  // @fastify/cookie 11 loads the ESM-only `cookie` 2 with a dynamic import(), which jest's runtime
  // refuses without --experimental-vm-modules; transformed, the import becomes a require.
  '@fastify/cookie',
  'cookie',
  // intl-messageformat (libs/i18n) and its parser are ESM only too.
  'intl-messageformat',
  '@formatjs',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@lib/(.*)$': '<rootDir>/libs/$1/src' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Applies to every project (jest reads testTimeout only at the top level).
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
      // Test stacks copy a database template migrated once instead of migrating each their own.
      setupFiles: ['<rootDir>/test/support/database-template.ts'],
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
    },
  ],
};
