#!/usr/bin/env bash
# `npm run test:dates [-- vitest args]`: the whole test command (scripts/test.sh) once per date
# with the system clock faked, so a test that passes only on today's date (a time bomb) fails.
#
# The clock is faked with libfaketime (Debian's `faketime`, installed here when missing) through
# LD_PRELOAD: every dynamically linked process the tests start inherits it — the vitest workers,
# the daemons and CLIs they spawn, better-sqlite3, worker threads, snmpd, snmpsim (Python),
# openssl. The fake clock is an offset from the real one computed at the start of each date's
# run (FAKETIME="+<seconds>"), so every process agrees on one time that keeps running; the
# monotonic clock stays real (timers, timeouts). Go binaries — prometheus, promtool,
# prometheus-alertmanager, esbuild — read the kernel's clock without libc and stay on the real
# date: the tests with them see the skew a badly synchronised host would have (docs/testing.md).
#
# Each run is shuffled with its own seed (printed). Dates: REDLINE_TEST_DATES (space-separated,
# ISO UTC), by default the 2027 Spring Festival (a special period of the shipped calendar) and
# New Year's Day 2030. Logs go to .tmp/test-dates/<date>.log; one closing line per date.
set -uo pipefail
cd "$(dirname "$0")/.."

read -r -a dates <<< "${REDLINE_TEST_DATES:-2027-02-06T02:00:00Z 2030-01-01T02:00:00Z}"

find_lib() {
  local p
  for p in /usr/lib/*/faketime/libfaketimeMT.so.1 /usr/lib/faketime/libfaketimeMT.so.1 /usr/local/lib/faketime/libfaketimeMT.so.1; do
    [ -f "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

lib=$(find_lib)
if [ -z "$lib" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test:dates: installing Debian package: faketime"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends faketime >/dev/null
    lib=$(find_lib)
  fi
  if [ -z "$lib" ]; then
    echo "test:dates: libfaketime is missing and cannot be installed (need root and apt-get): cannot fake the clock" >&2
    exit 1
  fi
fi

mkdir -p .tmp/test-dates
status=0
summary=()
for d in "${dates[@]}"; do
  target=$(date -u -d "$d" +%s) || { echo "test:dates: not a date: $d" >&2; exit 2; }
  offset=$(( target - $(date -u +%s) ))
  sign=+
  [ "$offset" -lt 0 ] && sign=
  seed=$(( (RANDOM << 15 | RANDOM) % 1000000 ))
  log=.tmp/test-dates/${d%%T*}.log
  [ -t 1 ] && echo "test:dates: $d (seed $seed), log $log …"
  # the check runs under the fake clock too: a preload that does not take must not pass as a date
  seen=$(LD_PRELOAD="$lib" FAKETIME="${sign}${offset}" FAKETIME_DONT_FAKE_MONOTONIC=1 node -e 'process.stdout.write(new Date().toISOString().slice(0, 10))')
  if [ "$seen" != "${d:0:10}" ]; then
    echo "test:dates: $d: node sees $seen under libfaketime; the clock is not faked" >&2
    status=1
    summary+=("$d: clock not faked (node saw $seen)")
    continue
  fi
  rc=0
  LD_PRELOAD="$lib" FAKETIME="${sign}${offset}" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    REDLINE_TEST_FAKE_DATE="$d" REDLINE_TEST_SHUFFLE=1 REDLINE_TEST_SEED="$seed" \
    bash scripts/test.sh "$@" >"$log" 2>&1 || rc=$?
  line=$(grep -E '^tests: ' "$log" | tail -n 1)
  [ -n "$line" ] || line="no closing line (exit $rc; see $log)"
  [ "$rc" -eq 0 ] || status=1
  summary+=("$d (seed $seed): $line")
done
for s in "${summary[@]}"; do echo "test:dates: $s"; done
exit $status
