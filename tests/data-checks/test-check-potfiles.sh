#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-check-potfiles.sh CHECKER
#
# Proves that build-aux/check-potfiles.sh can fail: it builds small source
# trees in a temporary directory and checks that the checker accepts the
# complete one and rejects, by name, a missing entry and a stale entry.
# Prints TAP.
set -uo pipefail

checker=${1:?usage: test-check-potfiles.sh CHECKER}
# shellcheck source=tap.sh
. "$(dirname "$0")/tap.sh"

# A tree with one file per kind of marker plus files the checker must ignore.
make_tree () {
  local t=$1
  mkdir -p "$t/src/core" "$t/src/ui" "$t/po"
  printf '%s\n' '#include <glib/gi18n-lib.h>' \
    'const char *f (void) { return _("Health"); }' > "$t/src/core/plain.c"
  printf '%s\n' 'static const char *s = N_("Pools");' > "$t/src/core/noop.c"
  printf '%s\n' 'const char *g (void) { return C_("osd state", "up"); }' > "$t/src/ui/context.c"
  printf '%s\n' '<interface><object class="GtkLabel">' \
    '<property name="label" translatable="yes">OSDs</property></object></interface>' \
    > "$t/src/ui/window.ui"
  # No marker: my_(x) is an ordinary call and the .ui has no translatable text.
  printf '%s\n' 'int my_(int x);' 'int h (void) { return my_(1); }' > "$t/src/core/none.c"
  printf '%s\n' '<interface><object class="GtkBox"/></interface>' > "$t/src/ui/empty.ui"
  printf '%s\n' '# Comment' 'src/core/noop.c' 'src/core/plain.c' '' \
    'src/ui/context.c' 'src/ui/window.ui' > "$t/po/POTFILES.in"
}

echo "1..8"

make_tree "$tmp/good"
run "$tmp/good"
if [ "$status" -eq 0 ]; then ok "complete tree passes"; else not_ok "complete tree passes: $out"; fi

make_tree "$tmp/missing"
sed -i '/src\/ui\/context.c/d' "$tmp/missing/po/POTFILES.in"
run "$tmp/missing"
if [ "$status" -ne 0 ]; then ok "tree missing a C_() file fails"
else not_ok "tree missing a C_() file fails"; fi
if grep -q 'src/ui/context.c' <<< "$out"; then ok "failure names src/ui/context.c"
else not_ok "failure names src/ui/context.c: $out"; fi

make_tree "$tmp/missing-ui"
sed -i '/window.ui/d' "$tmp/missing-ui/po/POTFILES.in"
run "$tmp/missing-ui"
if [ "$status" -ne 0 ] && grep -q 'src/ui/window.ui' <<< "$out"; then
  ok "tree missing a translatable .ui fails and names it"
else not_ok "tree missing a translatable .ui fails and names it: $out"; fi

make_tree "$tmp/stale"
echo 'src/core/gone.c' >> "$tmp/stale/po/POTFILES.in"
run "$tmp/stale"
if [ "$status" -ne 0 ] && grep -q 'src/core/gone.c' <<< "$out"; then
  ok "entry for a file that does not exist fails and names it"
else not_ok "entry for a file that does not exist fails and names it: $out"; fi

# The "missing" run above named only what it had to.
run "$tmp/missing"
if grep -q 'none.c\|empty.ui\|plain.c\|noop.c' <<< "$out"; then
  not_ok "files without translatable strings are not required"
else ok "files without translatable strings are not required"; fi

make_tree "$tmp/unsorted"
printf '%s\n' 'src/ui/window.ui' 'src/core/plain.c' 'src/core/noop.c' 'src/ui/context.c' \
  > "$tmp/unsorted/po/POTFILES.in"
run "$tmp/unsorted"
if [ "$status" -ne 0 ] && grep -q 'not sorted' <<< "$out"; then ok "unsorted POTFILES.in fails"
else not_ok "unsorted POTFILES.in fails: $out"; fi

run "$tmp/does-not-exist"
if [ "$status" -ne 0 ]; then ok "missing source root is an error"
else not_ok "missing source root is an error"; fi

exit "$failed"
