// Unit tier: pure logic, no I/O (`*.spec.ts`).
module.exports = require('./jest.preset')('unit', { testRegex: '\\.spec\\.ts$' });
