#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs inside `kdcc-test-cluster run`, with the KDCC_TEST_* environment.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
runs=$KDCC_BENCH_RUNS
cli=$KDCC_BENCH_BUILDDIR/src/cli/kdcc-cli
ceph=(ceph -c "$KDCC_TEST_CONF" -k "$KDCC_TEST_KEYRING")
direct=(--conf "$KDCC_TEST_CONF" --keyring "$KDCC_TEST_KEYRING" --id "$KDCC_TEST_CLIENT_ID")
dash=(--dashboard "$KDCC_TEST_DASHBOARD_URL" --user "$KDCC_TEST_DASHBOARD_USER"
      --password-file "$KDCC_TEST_DASHBOARD_PASSWORD_FILE")

# The OSD page (needs a display): the same build and renderer at 3 OSDs and,
# below, at the grown size, so their RSS can be compared.
osd_page () {
  local page=$KDCC_BENCH_BUILDDIR/benchmarks/bench-osd-page
  [ -x "$page" ] || return 0
  echo
  if [ -n "${DISPLAY:-}" ]; then
    GSK_RENDERER=cairo GTK_A11Y=none "$page" "$@" 2>/dev/null
  else
    GSK_RENDERER=cairo GTK_A11Y=none xvfb-run -a -s '-screen 0 1400x1000x24 -nolisten tcp' \
      "$page" "$@" 2>/dev/null
  fi
}
osd_page "${direct[@]}"

if [ "$KDCC_BENCH_OSDS" -gt 0 ]; then
  t0=$(date +%s.%N)
  /usr/bin/python3 "$here/populate-osds.py" "$KDCC_TEST_CONF" "$KDCC_TEST_KEYRING" "$KDCC_BENCH_OSDS" >&2
  echo "populate: $(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{printf "%.1f", a-b}') s" >&2
fi

# median wall time in ms of R runs of a command, plus its output size
measure () {
  local label=$1; shift
  local times=() bytes=0 i t0 t1 out
  out=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    if ! "$@" >"$out" 2>"$out.err"; then
      printf '| %-44s | failed: %s |\n' "$label" "$(tail -n 1 "$out.err")"
      rm -f "$out" "$out.err"
      return 0
    fi
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
    bytes=$(stat -c %s "$out")
  done
  rm -f "$out" "$out.err"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %-44s | %9.1f ms | %10s B |\n' "$label" "$(awk -v m="$median" 'BEGIN{print m/1000}')" "$bytes"
}

rss () {
  local label=$1; shift
  local tmp kb
  tmp=$(mktemp)
  /usr/bin/time -f '%M' -o "$tmp" "$@" >/dev/null 2>&1 || true
  kb=$(tail -n 1 "$tmp"); rm -f "$tmp"
  printf '| %-44s | %9s KiB peak RSS |\n' "$label" "$kb"
}

token=$(curl -sf -X POST "$KDCC_TEST_DASHBOARD_URL/api/auth" \
  -H 'Accept: application/vnd.ceph.api.v1.0+json' -H 'Content-Type: application/json' \
  -d "{\"username\":\"$KDCC_TEST_DASHBOARD_USER\",\"password\":\"$(cat "$KDCC_TEST_DASHBOARD_PASSWORD_FILE")\"}" \
  | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
api () { curl -sf "$KDCC_TEST_DASHBOARD_URL$1" -H 'Accept: application/vnd.ceph.api.v1.0+json' \
            -H "Authorization: Bearer $token"; }

osd_count=$("${ceph[@]}" osd ls -f json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "Cluster: $osd_count OSDs, $runs runs each, median wall time (process start included)"
echo
echo "| what | median | output |"
echo "|---|---|---|"
measure "kdcc-cli status --json (librados, full)" "$cli" status --json "${direct[@]}"
measure "kdcc-cli status --json (dashboard, full)" "$cli" status --json "${dash[@]}"
measure "ceph status -f json" "${ceph[@]}" status -f json
measure "ceph health detail -f json" "${ceph[@]}" health detail -f json
measure "ceph osd tree -f json" "${ceph[@]}" osd tree -f json
measure "ceph osd df -f json" "${ceph[@]}" osd df -f json
measure "ceph osd dump -f json" "${ceph[@]}" osd dump -f json
measure "dashboard GET /api/health/minimal" api /api/health/minimal
measure "dashboard GET /api/health/full" api /api/health/full
measure "dashboard GET /api/osd" api /api/osd
echo
rss "kdcc-cli status --json (librados)" "$cli" status --json "${direct[@]}"
rss "ceph osd df -f json" "${ceph[@]}" osd df -f json
if [ -x "$KDCC_BENCH_BUILDDIR/benchmarks/bench-refresh" ]; then
  echo
  "$KDCC_BENCH_BUILDDIR/benchmarks/bench-refresh" "${direct[@]}"
fi
# Each command of a full refresh alone, and the librados floor (osd df + osd tree at once).
if [ -x "$KDCC_BENCH_BUILDDIR/benchmarks/bench-fetch-floor" ]; then
  echo
  "$KDCC_BENCH_BUILDDIR/benchmarks/bench-fetch-floor" "${direct[@]}" --runs "$runs"
fi
osd_page "${direct[@]}"
osd_page --osds "$osd_count"
