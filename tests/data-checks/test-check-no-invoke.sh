#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-check-no-invoke.sh CHECKER
#
# Proves that build-aux/check-no-invoke.sh can fail: a tree whose comments
# name g_main_context_invoke() passes, and trees that call it (plain,
# _full, split over two lines' indentation) fail and are named. Prints TAP.
set -uo pipefail

checker=${1:?usage: test-check-no-invoke.sh CHECKER}
# shellcheck source=tap.sh
. "$(dirname "$0")/tap.sh"

make_tree () {
  mkdir -p "$1/src/core"
  printf '%s\n' '/* Not g_main_context_invoke(): it runs on the worker.' \
    ' * Nor g_main_context_invoke_full() either. */' \
    'void f (void) { kdcc_owner_invoke (&owner, cb, data); }' > "$1/src/core/good.c"
}

echo "1..4"

make_tree "$tmp/good"
run "$tmp/good"
if [ "$status" -eq 0 ]; then ok "comments that name it pass"; else not_ok "comments that name it pass: $out"; fi

make_tree "$tmp/plain"
printf '%s\n' 'void g (void) { g_main_context_invoke (ctx, cb, data); }' > "$tmp/plain/src/core/bad.c"
run "$tmp/plain"
if [ "$status" -eq 1 ] && grep -q 'src/core/bad.c:1' <<< "$out"; then ok "a call fails and is named"
else not_ok "a call fails and is named: $status $out"; fi

make_tree "$tmp/full"
printf '%s\n' 'void g (void)' '{' '  g_main_context_invoke_full (ctx,' '    G_PRIORITY_DEFAULT, cb, d, NULL);' '}' \
  > "$tmp/full/src/core/bad.h"
run "$tmp/full"
if [ "$status" -eq 1 ] && grep -q 'src/core/bad.h:3' <<< "$out"; then ok "a _full call in a header fails"
else not_ok "a _full call in a header fails: $status $out"; fi

run "$tmp/none"
if [ "$status" -eq 2 ]; then ok "a missing src/ is an error, not a pass"
else not_ok "a missing src/ is an error, not a pass: $status"; fi

exit "$failed"
