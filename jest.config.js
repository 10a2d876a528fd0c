/** Three tiers: unit (pure logic, no I/O), integration (one app against real Kafka/FerretDB/Redis),
 *  e2e (all apps as separate processes). See README "Tests". */
const { pathsToModuleNameMapper } = require('./scripts/jest-paths');

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    },
  ],
  // ESM-only dependencies: NestJS 12 and jose 6 ship ES modules only; the apps (CommonJS) load them with
  // Node's require(esm), Jest's own module loader cannot, so it compiles them to CommonJS like our sources
  '^.+/node_modules/(jose|@nestjs)/.+\\.js$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(jose|@nestjs)/)'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  // integration and e2e tests wait on real servers and processes (each wait has its own deadline)
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/lint: the lint zones; test/deploy: the deployment files checked against the apps (reading files only)
      testMatch: [
        '<rootDir>/{apps,libs}/**/*.spec.ts',
        '<rootDir>/test/lint/*.spec.ts',
        '<rootDir>/test/deploy/**/*.spec.ts',
        // test/hops: every event hop across apps has a test that crosses it (reading files only)
        '<rootDir>/test/hops/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/apps/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
    },
    {
      ...common,
      // issue 22: two of every app on the suite's own Kafka, FerretDB, PostgreSQL and Redis
      // (deploy/local/instance.sh), which it stops, kills and restarts; never the shared servers
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'],
      setupFiles: ['<rootDir>/test/fault/env.ts'],
    },
  ],
};
