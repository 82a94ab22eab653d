#!/usr/bin/env bash
# Runs the test tiers: `tools/test.sh all|static|unit|int|e2e` (npm test = all).
#   static  type check and lint (warnings are errors)
#   unit    *.spec.ts — pure logic, no I/O
#   int     *.int-spec.ts — real PostgreSQL, Kafka and OpenSearch
#   e2e     *.e2e-spec.ts — the whole hub from its build, through the public API
# Infrastructure: a Kafka or OpenSearch already answering (e.g. a running demo) is reused; what this
# script has to start, it stops at the end. Tests use their own databases (hub_test_*) and a
# topic/index prefix unique to the run, and delete their topics and indices afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
tier=${1:-all}
export NO_COLOR=1 KAFKAJS_NO_PARTITIONER_WARNING=1
export HUB_TEST_RUN=${HUB_TEST_RUN:-r$(date +%s)}
RESULTS="$ROOT/.cache/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
jest() { local tier=$1; shift; npx jest --ci --json --outputFile="$RESULTS/$tier.json" "$@"; }

[[ -d node_modules ]] || npm ci --no-audit --no-fund

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started_infra=0
infra_for_tests() {
  if port_open 9092 && curl -fsS -m 2 http://127.0.0.1:9200/ >/dev/null 2>&1; then
    echo "[test] reusing the Kafka and OpenSearch that are running" >&2
    return 0
  fi
  if port_open 9092 || port_open 9200; then
    echo "[test] only one of Kafka (9092) and OpenSearch (9200) is running; starting the other" >&2
  fi
  started_infra=1
  bash deploy/local/infra.sh up
}
# One closing line over every tier that ran: "tests: N passed, N failed".
summary() {
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    let passed = 0, failed = 0;
    for (const f of fs.readdirSync(dir)) {
      const r = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
      passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    }
    if (passed + failed > 0) console.log(`tests: ${passed} passed, ${failed} failed`);' "$RESULTS" 2>/dev/null || true
}
cleanup() {
  summary
  if ((started_infra)); then bash deploy/local/infra.sh down || true; fi
}
trap cleanup EXIT

run_static() {
  echo "[test] type check and lint" >&2
  npx tsc -p tsconfig.json --noEmit
  npx tsc -p apps/web/tsconfig.json --noEmit # the web app: browser (DOM) and JSX settings
  # @nx/enforce-module-boundaries reads the Nx project graph and silently skips itself without one:
  # compute it afresh (no daemon, no stale cache) before linting.
  rm -rf .nx/workspace-data
  NX_DAEMON=false npx nx show projects >/dev/null
  npx eslint . --max-warnings 0
  npx prettier --check . >/dev/null || { npx prettier --check . | tail -n 20; exit 1; }
}
run_unit() { jest unit -c jest.unit.config.js; }
# The clusterer's sentence-embedding model (Maven Central, once; checksummed) for int and e2e.
model_for_tests() { bash deploy/local/model.sh fetch >/dev/null; }
run_int() { infra_for_tests; model_for_tests; jest int -c jest.int.config.js; }
run_e2e() {
  infra_for_tests
  model_for_tests
  # The web tests (e2e/web.e2e-spec.ts) drive Debian's Chromium with playwright-core: browsers cannot
  # be downloaded here, so install the distribution's when it is missing (as root, like CI), with a
  # Chinese font for the screenshots.
  if ! command -v chromium >/dev/null; then
    echo "[test] installing chromium for the web tests (apt-get)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >&2
  fi
  npm run --silent build
  jest e2e -c jest.e2e.config.js
}

case "$tier" in
  static) run_static ;;
  unit) run_unit ;;
  int) run_int ;;
  e2e) run_e2e ;;
  all) run_static; run_unit; run_int; run_e2e ;;
  *) echo "usage: tools/test.sh all|static|unit|int|e2e" >&2; exit 2 ;;
esac
