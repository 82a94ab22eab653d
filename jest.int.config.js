// Integration tier: real PostgreSQL, Kafka and OpenSearch started by deploy/local/infra.sh (`*.int-spec.ts`).
module.exports = require('./jest.preset')('int', {
  testRegex: '\\.int-spec\\.ts$',
  testTimeout: 60000,
  maxWorkers: 1,
  // Real-realm typed arrays for native addons (onnxruntime-node): tools/jest/node-native-environment.js.
  testEnvironment: '<rootDir>/tools/jest/node-native-environment.js',
});
