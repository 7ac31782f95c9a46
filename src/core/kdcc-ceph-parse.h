/* kdcc-ceph-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-json.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* Parsers for the JSON that Ceph's own commands print with "format":"json".
 * Each one merges one command's output into a snapshot. They do no I/O and
 * may run on any thread.
 *
 * On malformed, truncated or wrongly typed input they return FALSE with a
 * KDCC_ERROR_PARSE error whose message names the command and the problem,
 * e.g. 'status: "fsid" is not a string'. A failing parser leaves the
 * snapshot exactly as it was: every parser reads into scratch values first
 * and only merges once the whole document was understood.
 *
 * LENGTH may be -1 for a NUL-terminated string. */

gboolean kdcc_ceph_parse_status             (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_health_detail      (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_versions           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_mon_dump           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_mgr_dump           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_mgr_stat           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_tree           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_df             (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_pool_ls_detail (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_df                 (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);

/* The top-level "epoch" member of a map dump such as `mgr stat` or
 * `mon dump`, or -1 when the input has none or is not valid. */
gint64   kdcc_ceph_parse_epoch              (const char    *json,
                                             gssize         length);

/* The checked loading and typed reads these parsers use live in
 * kdcc-json.h. The names below only keep kdcc-rados-source.c building until
 * it uses kdcc-json.h directly; they read the way Ceph writes its output
 * (KDCC_JSON_LENIENT). COMMAND names the source in error messages, PARENT
 * (may be NULL) the path of OBJECT. */
#define kdcc_ceph_json_load kdcc_json_load

#define KDCC_CEPH_JSON_GETTER(name, type)                                           \
  static inline gboolean                                                            \
  kdcc_ceph_json_get_##name (JsonObject  *object,                                   \
                             const char  *member,                                   \
                             gboolean     required,                                 \
                             type        *value,                                    \
                             const char  *command,                                  \
                             const char  *parent,                                   \
                             GError     **error)                                    \
  {                                                                                 \
    KdccJson json = { command, KDCC_JSON_LENIENT, error };                          \
                                                                                    \
    return kdcc_json_get_##name (&json, object, parent, member, required, value);   \
  }

KDCC_CEPH_JSON_GETTER (string, const char *)
KDCC_CEPH_JSON_GETTER (int, gint64)
KDCC_CEPH_JSON_GETTER (uint, guint64)
KDCC_CEPH_JSON_GETTER (double, double)
KDCC_CEPH_JSON_GETTER (bool, gboolean)
KDCC_CEPH_JSON_GETTER (object, JsonObject *)
KDCC_CEPH_JSON_GETTER (array, JsonArray *)

#undef KDCC_CEPH_JSON_GETTER

G_END_DECLS
