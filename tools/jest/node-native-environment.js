// Jest's node environment gives each test file its own copies of the built-in classes; a native
// addon (onnxruntime-node, used by @hub/embedding) makes its typed arrays in the real realm, and
// onnxruntime's `instanceof Float32Array` checks then fail inside the sandbox. The integration tier
// runs with the real realm's typed arrays instead.
const { TestEnvironment } = require('jest-environment-node');

const TYPED = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
  'ArrayBuffer',
];

class NodeNativeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED) this.global[name] = globalThis[name];
  }
}

module.exports = NodeNativeEnvironment;
