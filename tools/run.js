#!/usr/bin/env node
// Runs a compiled entry point of the hub: `node tools/run.js <target> [args…]`.
// Targets: api, case-service, indexer (the services), migrate (create the database if needed and
// apply migrations), seed-demo (post the demo messages through the public API), bench.
// The workspace aliases (@hub/*) are resolved against dist/ with tsconfig-paths.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const targets = {
  api: 'apps/api/src/main.js',
  'case-service': 'apps/case-service/src/main.js',
  indexer: 'apps/indexer/src/main.js',
  migrate: 'tools/migrate.js',
  'seed-demo': 'tools/seed-demo.js',
  bench: 'bench/skeleton.bench.js',
};

const [target, ...rest] = process.argv.slice(2);
if (!targets[target]) {
  console.error(`usage: node tools/run.js <${Object.keys(targets).join('|')}> [args…]`);
  process.exit(2);
}
const entry = path.join(dist, targets[target]);
if (!fs.existsSync(entry)) {
  console.error(`${path.relative(root, entry)} is missing: run \`npm run build\` first`);
  process.exit(2);
}
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: dist, paths: compilerOptions.paths });
process.env.HUB_PROCESS_NAME ??= target;
process.argv = [process.argv[0], entry, ...rest];
require(entry);
