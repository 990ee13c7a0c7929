/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  // the e2e fixture is a platform repo of its own, tested by scripts/e2e.mjs against the packed tarball
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/fixture/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
};
