/* kdcc-cluster-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `kdcc-cli status --json` document, built from the model as it
 * stands (see kdcc_cluster_to_json() in kdcc-cluster.h and the README).
 */
#define G_LOG_DOMAIN "kdcc-cluster"

#include "config.h"

#include <string.h>

#include "kdcc-cluster-private.h"
#include "kdcc-health-check.h"
#include "kdcc-host.h"
#include "kdcc-osd.h"
#include "kdcc-pg-state.h"
#include "kdcc-pool.h"

/* The document goes either into a JsonBuilder (kdcc_cluster_to_json) or
 * straight into text (kdcc_cluster_to_json_text), written exactly as
 * JsonGenerator writes the builder's tree with "pretty" on (two spaces per
 * level, "name" : value): at 10,000 OSDs the tree of 300,000 nodes, its
 * generation and freeing cost kdcc-cli more CPU than the fetch itself. */
typedef struct
{
  JsonBuilder *builder;   /* one of builder and text */
  GString     *text;
  guint        level;
  gboolean     empty;     /* the innermost open container has no item yet */
} Out;

/* As json-glib 1.6's json_strescape. */
static void
text_escape (GString    *text,
             const char *str)
{
  for (const char *p = str; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\\' || c == '"')
        {
          g_string_append_c (text, '\\');
          g_string_append_c (text, c);
        }
      else if ((c > 0 && c < 0x1f) || c == 0x7f)
        {
          switch (c)
            {
            case '\b':
              g_string_append (text, "\\b");
              break;
            case '\f':
              g_string_append (text, "\\f");
              break;
            case '\n':
              g_string_append (text, "\\n");
              break;
            case '\r':
              g_string_append (text, "\\r");
              break;
            case '\t':
              g_string_append (text, "\\t");
              break;
            default:
              g_string_append_printf (text, "\\u00%02x", (guint) c);
              break;
            }
        }
      else
        g_string_append_c (text, c);
    }
}

/* What goes before a value: the separator, the indent and the name. */
static void
text_item (Out        *out,
           const char *name)
{
  if (out->level > 0)
    {
      g_string_append (out->text, out->empty ? "\n" : ",\n");
      for (guint i = 0; i < out->level * 2; i++)
        g_string_append_c (out->text, ' ');
    }
  out->empty = FALSE;
  if (name != NULL)
    {
      g_string_append_c (out->text, '"');
      text_escape (out->text, name);
      g_string_append (out->text, "\" : ");
    }
}

static void
out_begin (Out        *out,
           const char *name,
           gboolean    object)
{
  if (out->builder != NULL)
    {
      if (name != NULL)
        json_builder_set_member_name (out->builder, name);
      if (object)
        json_builder_begin_object (out->builder);
      else
        json_builder_begin_array (out->builder);
      return;
    }
  text_item (out, name);
  g_string_append_c (out->text, object ? '{' : '[');
  out->level++;
  out->empty = TRUE;
}

static void
out_end (Out      *out,
         gboolean  object)
{
  if (out->builder != NULL)
    {
      if (object)
        json_builder_end_object (out->builder);
      else
        json_builder_end_array (out->builder);
      return;
    }
  out->level--;
  if (!out->empty)
    g_string_append_c (out->text, '\n');
  /* json-glib 1.6 indents the closing brace of an empty object too
   * ("{    }"), not the bracket of an empty list ("[]"). */
  if (!out->empty || object)
    for (guint i = 0; i < out->level * 2; i++)
      g_string_append_c (out->text, ' ');
  g_string_append_c (out->text, object ? '}' : ']');
  out->empty = FALSE;
}

#define out_begin_object(out, name) out_begin ((out), (name), TRUE)
#define out_begin_array(out, name) out_begin ((out), (name), FALSE)
#define out_end_object(out) out_end ((out), TRUE)
#define out_end_array(out) out_end ((out), FALSE)

static void
out_string (Out        *out,
            const char *name,
            const char *value)
{
  if (out->builder != NULL)
    {
      if (name != NULL)
        json_builder_set_member_name (out->builder, name);
      if (value != NULL)
        json_builder_add_string_value (out->builder, value);
      else
        json_builder_add_null_value (out->builder);
      return;
    }
  text_item (out, name);
  if (value == NULL)
    {
      g_string_append (out->text, "null");
      return;
    }
  g_string_append_c (out->text, '"');
  text_escape (out->text, value);
  g_string_append_c (out->text, '"');
}

static void
out_int (Out        *out,
         const char *name,
         gint64      value)
{
  if (out->builder != NULL)
    {
      if (name != NULL)
        json_builder_set_member_name (out->builder, name);
      json_builder_add_int_value (out->builder, value);
      return;
    }
  text_item (out, name);
  g_string_append_printf (out->text, "%" G_GINT64_FORMAT, value);
}

static void
out_null (Out        *out,
          const char *name)
{
  out_string (out, name, NULL);
}

/* json-glib writes g_ascii_dtostr()'s text, with ".0" when it has no dot. */
static void
add_double (Out        *out,
            const char *member,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (out->builder != NULL)
    {
      json_builder_set_member_name (out->builder, member);
      json_builder_add_double_value (out->builder, value);
      return;
    }
  text_item (out, member);
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out->text, buf);
  if (strchr (buf, '.') == NULL)
    g_string_append (out->text, ".0");
}

static void
add_boolean (Out        *out,
             const char *member,
             gboolean    value)
{
  if (out->builder != NULL)
    {
      json_builder_set_member_name (out->builder, member);
      json_builder_add_boolean_value (out->builder, value);
      return;
    }
  text_item (out, member);
  g_string_append (out->text, value ? "true" : "false");
}

static void
add_string_array (Out             *out,
                  const char      *member,
                  const GPtrArray *array)
{
  out_begin_array (out, member);
  for (guint i = 0; array != NULL && i < array->len; i++)
    out_string (out, NULL, g_ptr_array_index (array, i));
  out_end_array (out);
}

static void
add_nullable_string (Out        *out,
                     const char *member,
                     const char *value)
{
  out_string (out, member, value);
}

static void
add_int (Out        *out,
         const char *member,
         gint64      value)
{
  out_int (out, member, value);
}

/* Byte counts are uint64 in the model; JSON integers here are int64, which
 * holds any real capacity (8 EiB). */
static void
add_uint (Out        *out,
          const char *member,
          guint64     value)
{
  out_int (out, member, (gint64) MIN (value, (guint64) G_MAXINT64));
}

/* -1 means "the cluster did not say" in the model; JSON says null. */
static void
add_count (Out        *out,
           const char *member,
           gint64      value)
{
  if (value < 0)
    out_null (out, member);
  else
    out_int (out, member, value);
}

static void
add_health (KdccCluster *self,
            Out         *out)
{
  GListModel *checks = G_LIST_MODEL (self->checks);
  guint n = g_list_model_get_n_items (checks);
  guint i;

  out_begin_object (out, "health");
  add_nullable_string (out, "status", kdcc_health_status_to_string (self->health));
  out_begin_array (out, "checks");
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);
      const char * const *detail = kdcc_health_check_get_detail (check);

      out_begin_object (out, NULL);
      add_nullable_string (out, "code", kdcc_health_check_get_code (check));
      add_nullable_string (out, "severity",
                           kdcc_health_status_to_string (kdcc_health_check_get_severity (check)));
      add_nullable_string (out, "summary", kdcc_health_check_get_summary (check));
      out_begin_array (out, "detail");
      for (guint j = 0; detail != NULL && detail[j] != NULL; j++)
        out_string (out, NULL, detail[j]);
      out_end_array (out);
      add_boolean (out, "muted", kdcc_health_check_get_muted (check));
      add_count (out, "count", kdcc_health_check_get_count (check));
      out_end_object (out);
    }
  out_end_array (out);
  out_end_object (out);
}

static void
add_osds (KdccCluster *self,
          Out         *out)
{
  GListModel *osds = G_LIST_MODEL (self->osds);
  guint n = g_list_model_get_n_items (osds);
  guint i;

  out_begin_object (out, "osds");
  add_int (out, "total", self->osds_total);
  add_int (out, "up", self->osds_up);
  add_int (out, "in", self->osds_in);
  out_begin_array (out, "list");
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      out_begin_object (out, NULL);
      add_int (out, "id", kdcc_osd_get_id (osd));
      add_nullable_string (out, "name", kdcc_osd_get_name (osd));
      add_nullable_string (out, "host", kdcc_osd_get_host (osd));
      add_nullable_string (out, "device_class", kdcc_osd_get_device_class (osd));
      add_boolean (out, "up", kdcc_osd_get_up (osd));
      add_boolean (out, "in", kdcc_osd_get_in (osd));
      add_double (out, "reweight", kdcc_osd_get_reweight (osd));
      add_double (out, "crush_weight", kdcc_osd_get_crush_weight (osd));
      add_double (out, "primary_affinity", kdcc_osd_get_primary_affinity (osd));
      add_double (out, "utilization", kdcc_osd_get_utilization (osd));
      add_uint (out, "total_bytes", kdcc_osd_get_total_bytes (osd));
      add_uint (out, "used_bytes", kdcc_osd_get_used_bytes (osd));
      add_uint (out, "avail_bytes", kdcc_osd_get_avail_bytes (osd));
      add_count (out, "pgs", kdcc_osd_get_pgs (osd));
      out_end_object (out);
    }
  out_end_array (out);
  out_end_object (out);
}

static void
add_capacity (KdccCluster *self,
              Out         *out)
{
  guint i;

  out_begin_object (out, "capacity");
  add_uint (out, "total_bytes", self->total_bytes);
  add_uint (out, "used_bytes", self->used_bytes);
  add_uint (out, "avail_bytes", self->avail_bytes);
  out_begin_array (out, "by_class");
  for (i = 0; i < self->classes->len; i++)
    {
      const KdccClassCapacityData *c = g_ptr_array_index (self->classes, i);

      out_begin_object (out, NULL);
      add_nullable_string (out, "device_class", c->device_class);
      add_uint (out, "total_bytes", c->total_bytes);
      add_uint (out, "used_bytes", c->used_bytes);
      add_uint (out, "avail_bytes", c->avail_bytes);
      out_end_object (out);
    }
  out_end_array (out);
  out_end_object (out);
}

static void
add_io (KdccCluster *self,
        Out         *out)
{
  out_begin_object (out, "io");
  add_double (out, "read_ops", self->read_ops);
  add_double (out, "write_ops", self->write_ops);
  add_double (out, "read_bytes", self->read_bytes);
  add_double (out, "write_bytes", self->write_bytes);
  add_double (out, "recovering_bytes", self->recovering_bytes);
  add_double (out, "recovering_objects", self->recovering_objects);
  out_end_object (out);
}

static void
add_pgs (KdccCluster *self,
         Out         *out)
{
  GListModel *states = G_LIST_MODEL (self->pg_states);
  guint n = g_list_model_get_n_items (states);
  guint i;

  out_begin_object (out, "pgs");
  add_int (out, "total", self->pgs_total);
  out_begin_object (out, "by_state");
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      add_int (out, kdcc_pg_state_get_state (state), kdcc_pg_state_get_count (state));
    }
  out_end_object (out);
  out_end_object (out);
}

static void
add_pools (KdccCluster *self,
           Out         *out)
{
  GListModel *pools = G_LIST_MODEL (self->pools);
  guint n = g_list_model_get_n_items (pools);
  guint i;

  out_begin_array (out, "pools");
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      const char * const *apps = kdcc_pool_get_applications (pool);

      out_begin_object (out, NULL);
      add_int (out, "id", kdcc_pool_get_id (pool));
      add_nullable_string (out, "name", kdcc_pool_get_name (pool));
      add_nullable_string (out, "type", kdcc_pool_get_pool_type (pool));
      add_int (out, "size", kdcc_pool_get_size (pool));
      add_int (out, "min_size", kdcc_pool_get_min_size (pool));
      add_int (out, "pg_num", kdcc_pool_get_pg_num (pool));
      add_nullable_string (out, "autoscale_mode", kdcc_pool_get_autoscale_mode (pool));
      out_begin_array (out, "applications");
      for (guint j = 0; apps != NULL && apps[j] != NULL; j++)
        out_string (out, NULL, apps[j]);
      out_end_array (out);
      add_uint (out, "stored_bytes", kdcc_pool_get_stored_bytes (pool));
      add_uint (out, "max_avail_bytes", kdcc_pool_get_max_avail_bytes (pool));
      add_uint (out, "objects", kdcc_pool_get_objects (pool));
      add_double (out, "percent_used", kdcc_pool_get_percent_used (pool));
      out_end_object (out);
    }
  out_end_array (out);
}

static void
add_hosts (KdccCluster *self,
           Out         *out)
{
  GListModel *hosts = G_LIST_MODEL (self->hosts);
  guint n = g_list_model_get_n_items (hosts);
  guint i;

  out_begin_array (out, "hosts");
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccHost) host = g_list_model_get_item (hosts, i);
      const GArray *ids = kdcc_host_get_osd_ids (host);

      out_begin_object (out, NULL);
      add_nullable_string (out, "name", kdcc_host_get_name (host));
      out_begin_array (out, "osds");
      for (guint j = 0; j < ids->len; j++)
        out_int (out, NULL, g_array_index (ids, gint64, j));
      out_end_array (out);
      out_end_object (out);
    }
  out_end_array (out);
}

static void
add_daemons (KdccCluster *self,
             Out         *out)
{
  g_autoptr(GHashTable) by_type = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  guint i;

  out_begin_object (out, "mons");
  add_int (out, "total", self->mons_total);
  add_string_array (out, "names", self->mons);
  add_string_array (out, "quorum", self->quorum);
  out_end_object (out);

  out_begin_object (out, "mgrs");
  add_nullable_string (out, "active", self->mgr_active);
  add_string_array (out, "standbys", self->mgr_standbys);
  out_end_object (out);

  /* Versions arrive as flat (type, version, count) rows; group them by
   * daemon type in first-seen order. */
  for (i = 0; i < self->versions->len; i++)
    {
      const KdccVersionData *v = g_ptr_array_index (self->versions, i);

      if (v->daemon_type != NULL && !g_hash_table_contains (by_type, v->daemon_type))
        {
          g_hash_table_add (by_type, v->daemon_type);
          g_ptr_array_add (types, v->daemon_type);
        }
    }

  out_begin_object (out, "versions");
  for (i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);

      out_begin_object (out, type);
      for (guint j = 0; j < self->versions->len; j++)
        {
          const KdccVersionData *v = g_ptr_array_index (self->versions, j);

          if (g_strcmp0 (v->daemon_type, type) == 0 && v->version != NULL)
            add_int (out, v->version, v->count);
        }
      out_end_object (out);
    }
  out_end_object (out);
}

static void
write_cluster (KdccCluster *self,
               Out         *out)
{
  g_autofree char *last_update = NULL;

  if (self->last_update > 0)
    {
      g_autoptr(GDateTime) dt =
        g_date_time_new_from_unix_utc (self->last_update / G_USEC_PER_SEC);

      if (dt != NULL)
        last_update = g_date_time_format_iso8601 (dt);
    }

  out_begin_object (out, NULL);
  add_nullable_string (out, "name", self->name);
  add_nullable_string (out, "fsid", self->fsid);
  add_nullable_string (out, "source", self->source_kind);
  add_boolean (out, "has_data", self->has_data);
  add_boolean (out, "stale", self->stale);
  add_nullable_string (out, "last_error", self->last_error);
  add_nullable_string (out, "last_update", last_update);
  add_health (self, out);
  add_osds (self, out);
  add_capacity (self, out);
  add_io (self, out);
  add_pgs (self, out);
  add_pools (self, out);
  add_hosts (self, out);
  add_daemons (self, out);
  out_end_object (out);
}

JsonNode *
kdcc_cluster_to_json (KdccCluster *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  Out out = { NULL };

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);

  builder = json_builder_new ();
  out.builder = builder;
  write_cluster (self, &out);
  return json_builder_get_root (builder);
}

char *
kdcc_cluster_to_json_text (KdccCluster *self,
                           gsize       *length)
{
  GListModel *osds;
  GString *text;
  Out out = { NULL };

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);

  /* About 450 bytes per OSD: one allocation at 10,000 OSDs. */
  osds = G_LIST_MODEL (self->osds);
  text = g_string_sized_new (4096 + 480 * (gsize) g_list_model_get_n_items (osds));
  out.text = text;
  write_cluster (self, &out);
  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}
