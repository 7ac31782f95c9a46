/* kdcc-ceph-parse-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"

G_BEGIN_DECLS

/* Helpers shared by the kdcc-ceph-parse-*.c files. */

/* A list of strings, e.g. quorum_names, into OUT. */
gboolean _kdcc_ceph_read_string_list (KdccJson   *ctx,
                                      JsonArray  *array,
                                      const char *array_path,
                                      GPtrArray  *out);

/* Merging into the snapshot happens only once a whole document was
 * understood; these move a scratch value in place of the old one. */
static inline void
_kdcc_ceph_replace_ptr_array (GPtrArray **dest,
                              GPtrArray **src)
{
  g_clear_pointer (dest, g_ptr_array_unref);
  *dest = g_steal_pointer (src);
}

static inline void
_kdcc_ceph_replace_string (char **dest,
                           char **src)
{
  g_free (*dest);
  *dest = g_steal_pointer (src);
}

/* Whether `osd tree` and `osd df` try the scanner (kdcc-json-scan.h)
 * before json-glib; on by default. Tests turn it off to compare. */
void     _kdcc_ceph_parse_set_scanner (gboolean enabled);
gboolean _kdcc_ceph_parse_get_scanner (void);
/* How many documents the scanner has parsed (tests: it did not give up). */
guint    _kdcc_ceph_parse_scanner_hits (void);

G_END_DECLS
