# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the tests of build-aux's checkers (test-check-*.sh), after
# they set $checker: TAP lines, a temporary directory removed at exit, and
# run DIR, which leaves the checker's output in $out and its status in
# $status. End the test with `exit "$failed"`.

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

run () { out=$("$checker" "$1" 2>&1); status=$?; }
