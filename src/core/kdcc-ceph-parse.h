/* kdcc-ceph-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

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

/* Loads JSON text with the checks every parser above applies (not empty,
 * valid UTF-8 without NUL bytes, bounded nesting). COMMAND only names the
 * source in error messages. Returns the root node. */
JsonNode *kdcc_ceph_json_load               (const char    *command,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);

/* Typed member reads. Ceph is not consistent about types: some numbers are
 * written as strings and some booleans as 0/1, so the numeric readers
 * accept a number or a string holding one, and the boolean reader accepts
 * true/false, 0/1 and "true"/"false". Anything else, and a number outside
 * the target type's range, is a KDCC_ERROR_PARSE error naming COMMAND and
 * the member's path (PARENT, may be NULL, followed by MEMBER).
 *
 * A member that is absent or JSON null is an error only when REQUIRED;
 * otherwise the readers return TRUE and leave *value untouched. */
gboolean kdcc_ceph_json_get_string (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    const char  **value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);
gboolean kdcc_ceph_json_get_int    (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    gint64       *value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);
gboolean kdcc_ceph_json_get_uint   (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    guint64      *value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);
gboolean kdcc_ceph_json_get_double (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    double       *value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);
gboolean kdcc_ceph_json_get_bool   (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    gboolean     *value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);
gboolean kdcc_ceph_json_get_object (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    JsonObject  **value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);
gboolean kdcc_ceph_json_get_array  (JsonObject   *object,
                                    const char   *member,
                                    gboolean      required,
                                    JsonArray   **value,
                                    const char   *command,
                                    const char   *parent,
                                    GError      **error);

G_END_DECLS
