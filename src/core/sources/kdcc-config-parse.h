/* kdcc-config-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-config-option.h"

G_BEGIN_DECLS

/* Option metadata as Ceph dumps it (Option::dump): a JSON array of option
 * objects (the Dashboard's /api/cluster_conf, one `config help NAME` each
 * wrapped in an array) or {"options":[...]} (a daemon's `config help`).
 * Returns a GPtrArray of KdccConfigOption in the order given. When the
 * entries carry the Dashboard's "value":[{"section","value"}], those are
 * added to *values_out (KdccConfigValue, mask ""), if not NULL. Entries
 * without a name are skipped; a document of another shape fails with
 * KDCC_ERROR_PARSE. */
GPtrArray *kdcc_config_parse_options (const char  *text,
                                      gssize       length,
                                      GPtrArray  **values_out,
                                      GError     **error);
/* One option object (`config help NAME -f json`). */
KdccConfigOption *kdcc_config_parse_option_node (JsonNode *node);

/* `config dump -f json`: a GPtrArray of KdccConfigValue. */
GPtrArray *kdcc_config_parse_dump    (const char  *text,
                                      gssize       length,
                                      GError     **error);

/* `config show WHO -f json` (the daemon's running values, from the mgr)
 * or `config get WHO -f json` (the values stored for WHO, from the mon):
 * a table name -> value. Accepts both shapes: an array of
 * {"name","value",...} and an object {name:{"value",...}}. */
GHashTable *kdcc_config_parse_name_values (const char  *text,
                                           gssize       length,
                                           GError     **error);

/* `config ls -f json`: the option names, NULL-terminated. */
GStrv      kdcc_config_parse_names   (const char  *text,
                                      gssize       length,
                                      GError     **error);

G_END_DECLS
