// End-to-end tier: the whole hub started from its build, driven through its public API (`*.e2e-spec.ts`).
module.exports = require('./jest.preset')('e2e', {
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/e2e'],
  testRegex: '\\.e2e-spec\\.ts$',
  testTimeout: 240000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/e2e/global-setup.js',
  globalTeardown: '<rootDir>/e2e/global-teardown.js',
});
