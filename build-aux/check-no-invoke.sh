#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-no-invoke.sh [SOURCE_ROOT]
#
# Fails when code under src/ calls g_main_context_invoke() or
# g_main_context_invoke_full(). Called from a worker thread, GLib runs the
# function right there, on the worker, whenever no thread holds the target
# context at that moment (the main thread between two iterations), so a
# worker's news reached GTK widgets from the worker (fresh-clone run r3 of
# bb9eb60). Workers hand news over with kdcc_owner_invoke() or
# kdcc_context_post() (src/core/kdcc-owner.h); see HACKING.md.
#
# Only calls are matched (the name followed by an argument list), so a
# comment that names the function with "()" does not count.
set -euo pipefail

root=${1:-.}
if [ ! -d "$root/src" ]; then
  echo "check-no-invoke: $root/src is not a directory" >&2
  exit 2
fi

found=$(grep -rn -E --include='*.c' --include='*.h' \
          'g_main_context_invoke(_full)?[[:space:]]*\([[:space:]]*[^)[:space:]]' "$root/src" || true)
if [ -n "$found" ]; then
  echo "check-no-invoke: g_main_context_invoke() runs on the calling worker when no thread holds"
  echo "the context; use kdcc_owner_invoke() or kdcc_context_post() (src/core/kdcc-owner.h):"
  printf '%s\n' "${found//$root\//}"
  exit 1
fi
