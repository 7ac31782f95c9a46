#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
#
# Fails unless po/POTFILES.in lists every file under src/ that has strings
# for translation (C files calling _(), N_(), C_() or NC_(), and .ui files
# with translatable="yes"), unless every file it lists exists, and unless the
# list is sorted. A file
# that is missing from POTFILES.in ships untranslated without any warning,
# which is why this runs as a test.
set -euo pipefail

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
potfiles="$root/po/POTFILES.in"

if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $potfiles does not exist" >&2
  exit 2
fi
if [ ! -d "$root/src" ]; then
  echo "check-potfiles: $root/src is not a directory" >&2
  exit 2
fi

cd "$root"

# Entries without comments, blank lines or surrounding whitespace, in file order.
in_order=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' po/POTFILES.in \
           | grep -v '^$' || true)
listed=$(printf '%s\n' "$in_order" | grep -v '^$' | LC_ALL=C sort -u || true)

# The marker must not follow an identifier character, so that names such as
# foo_( or MY_( do not count.
c_files=$(find src -type f -name '*.c' -print0 \
          | xargs -0 -r grep -l -E '(^|[^[:alnum:]_])(N|C|NC)?_\(' || true)
ui_files=$(find src -type f -name '*.ui' -print0 \
           | xargs -0 -r grep -l 'translatable="yes"' || true)
needed=$(printf '%s\n%s\n' "$c_files" "$ui_files" | grep -v '^$' | LC_ALL=C sort -u || true)

missing=$(LC_ALL=C comm -23 <(printf '%s\n' "$needed" | grep -v '^$' || true) \
                            <(printf '%s\n' "$listed" | grep -v '^$' || true))

stale=""
while IFS= read -r f; do
  [ -n "$f" ] || continue
  [ -e "$f" ] || stale+="$f"$'\n'
done <<< "$listed"

status=0
# Sorted entries keep concurrent additions from conflicting and make gaps visible.
if [ "$in_order" != "$(printf '%s\n' "$in_order" | LC_ALL=C sort)" ]; then
  echo "check-potfiles: po/POTFILES.in is not sorted (LC_ALL=C sort); first out of place:"
  diff <(printf '%s\n' "$in_order") <(printf '%s\n' "$in_order" | LC_ALL=C sort) \
    | sed -n 's/^< /  /p' | head -n 1
  status=1
fi
if [ -n "$missing" ]; then
  echo "check-potfiles: these files have translatable strings but are not in po/POTFILES.in:"
  printf '%s\n' "$missing" | sed 's/^/  /'
  status=1
fi
if [ -n "$stale" ]; then
  echo "check-potfiles: po/POTFILES.in lists files that do not exist:"
  printf '%s' "$stale" | sed 's/^/  /'
  status=1
fi
if [ "$status" -eq 0 ]; then
  n_listed=$(printf '%s\n' "$listed" | grep -c . || true)
  n_needed=$(printf '%s\n' "$needed" | grep -c . || true)
  echo "check-potfiles: $n_listed files listed, all $n_needed files with strings under src/ among them"
fi
exit "$status"
