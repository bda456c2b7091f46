#!/usr/bin/env bash
# The test command (`npm test`): installs what the tests need on a fresh machine, then builds,
# type-checks, lints and runs every test tier. Real agents (snmpd, snmpsim) come from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v snmpsimd >/dev/null 2>&1 || need_apt+=(snmpsim)
command -v snmpget >/dev/null 2>&1 || need_apt+=(snmp)
command -v snmpd >/dev/null 2>&1 || [ -x /usr/sbin/snmpd ] || need_apt+=(snmpd)
# the HTTPS health-check cases make a self-signed certificate with openssl
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# real Prometheus scrapes the demo and evaluates the alert rules; promtool unit-tests them and
# judges the demo's /metrics (`promtool check metrics`); Debian's prometheus ships both
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
# the Alertmanager API v2 receiver is tested against a real Alertmanager
command -v prometheus-alertmanager >/dev/null 2>&1 || [ -x /usr/bin/prometheus-alertmanager ] || need_apt+=(prometheus-alertmanager)
# the console's browser tests and the signed reports' PDF and page checks drive Debian's headless Chromium (playwright-core)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
# the reports are in Chinese: without a CJK font Chromium prints empty boxes
command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q . || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
    # the Debian snmpd package starts a system agent on :161; the tests start their own
    if command -v systemctl >/dev/null 2>&1; then systemctl stop snmpd >/dev/null 2>&1 || true; fi
    # likewise Debian's prometheus package starts a server on :9090; the tests start their own on free ports
    if command -v systemctl >/dev/null 2>&1; then systemctl stop prometheus >/dev/null 2>&1 || true; fi
  else
    echo "test: missing ${need_apt[*]} and cannot apt-get install them (need root); integration tests will fail" >&2
  fi
fi

# the PostgreSQL store's contract tests run against a real server: REDLINE_TEST_PG_URL, by default
# postgres://postgres@127.0.0.1:5432/postgres. Without one answering on 127.0.0.1, install Debian's
# postgresql, let the postgres and root roles in from 127.0.0.1 without a password (a test machine
# only), and start the cluster. scripts/pg-test-server.sh does it.
if [ -z "${REDLINE_TEST_PG_URL:-}" ]; then
  bash scripts/pg-test-server.sh || echo "test: no PostgreSQL on 127.0.0.1:5432; the PostgreSQL store tests will fail" >&2
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# what this command installs or enables must be there: a missing one fails the tests instead of
# skipping them (test/support/shared.ts: prerequisite)
export REDLINE_TEST_STRICT=1
# the SNMPv3 DES case runs node with OpenSSL 3's legacy provider; check it works here
if ! node --openssl-legacy-provider -e "require('crypto').createCipheriv('des-cbc', Buffer.alloc(8), Buffer.alloc(8))" 2>/dev/null; then
  echo "test: node --openssl-legacy-provider cannot use DES (OpenSSL legacy provider missing); the SNMPv3 DES test will fail" >&2
fi
npm run build --silent
npx tsc -p tsconfig.json --noEmit
npx eslint .
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
# the plain closing line CI reads: "tests: N passed, N failed[, N skipped[ (in M skipped files)]]"
# skipped = every test not run (skip, skipIf, todo, a skipped describe), counted from the
# per-file results; a file skipped as a whole (no test reported) is counted as a file
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
  const notRun = new Set(["pending", "skipped", "todo", "disabled"]);
  let skipped = 0, skippedFiles = 0;
  for (const f of r.testResults ?? []) {
    const tests = f.assertionResults ?? [];
    skipped += tests.filter((t) => notRun.has(t.status)).length;
    if (notRun.has(f.status) && tests.every((t) => notRun.has(t.status))) skippedFiles++;
  }
  skipped = Math.max(skipped, r.numPendingTests + r.numTodoTests);
  const files = skippedFiles ? ` (in ${skippedFiles} skipped file${skippedFiles === 1 ? "" : "s"})` : "";
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped || skippedFiles ? `, ${skipped} skipped${files}` : ""));
' || true
exit $status
