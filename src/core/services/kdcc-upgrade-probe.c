/* kdcc-upgrade-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gates of a roll, as Rook's upgrade code checks them
 * (ceph-facts.md §7): ok-to-stop per daemon, mons in quorum, PGs clean,
 * and each daemon back on the new release before the next one.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-json.h"
#include "kdcc-release-catalog.h"
#include "kdcc-upgrade-probe.h"

/* Runs one command; NULL with *reason set when Ceph refused it or could
 * not be reached. */
static JsonNode *
ask (KdccSource    *source,
     const char    *target,
     const char    *command,
     GCancellable  *cancellable,
     char         **reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *status = NULL;
  JsonNode *root;
  gsize size = 0;
  const char *text;

  out = kdcc_source_run_command_sync (source, target, command, &status, cancellable, &error);
  if (out == NULL)
    {
      *reason = g_strdup (error->message);
      return NULL;
    }
  text = g_bytes_get_data (out, &size);
  root = size > 0 ? kdcc_json_load (command, text, (gssize) size, &error) : NULL;
  if (root == NULL)
    *reason = g_strdup (error != NULL ? error->message : (status != NULL && *status != '\0'
                                                          ? status : _("Ceph answered nothing")));
  return root;
}

static gboolean
name_in_array (JsonArray  *array,
               const char *name)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && g_strcmp0 (json_node_get_string (node), name) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
kdcc_upgrade_probe_quorum (KdccSource    *source,
                           guint         *n_mons,
                           GCancellable  *cancellable,
                           char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"quorum_status\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonObject *o = kdcc_json_as_object (root);
  JsonArray *mons = kdcc_json_find_array (kdcc_json_find_object (o, "monmap"), "mons");
  JsonArray *quorum = kdcc_json_find_array (o, "quorum_names");
  g_autoptr(GString) missing = g_string_new (NULL);

  *n_mons = mons != NULL ? json_array_get_length (mons) : 0;
  if (root == NULL)
    return FALSE;
  for (guint i = 0; mons != NULL && i < json_array_get_length (mons); i++)
    {
      const char *name = kdcc_json_find_string (json_array_get_object_element (mons, i), "name");

      if (name != NULL && !name_in_array (quorum, name))
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", name);
    }
  if (*n_mons == 0 || missing->len > 0)
    {
      /* TRANSLATORS: "mons not in quorum: b, c" */
      *reason = missing->len > 0 ? g_strdup_printf (_("mons not in quorum: %s"), missing->str)
                                 : g_strdup (_("the monmap lists no mon"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_upgrade_probe_pgs_clean (KdccSource    *source,
                              GCancellable  *cancellable,
                              char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"status\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonObject *pgmap = kdcc_json_find_object (kdcc_json_as_object (root), "pgmap");
  JsonArray *states = kdcc_json_find_array (pgmap, "pgs_by_state");
  double total = kdcc_json_find_number (pgmap, "num_pgs", -1);
  double clean = 0;
  g_autoptr(GString) others = g_string_new (NULL);

  if (root == NULL)
    return FALSE;
  for (guint i = 0; states != NULL && i < json_array_get_length (states); i++)
    {
      JsonObject *s = json_array_get_object_element (states, i);
      const char *name = kdcc_json_find_string (s, "state_name");
      double count = kdcc_json_find_number (s, "count", 0);

      if (g_strcmp0 (name, "active+clean") == 0)
        clean += count;
      else
        g_string_append_printf (others, "%s%.0f %s", others->len > 0 ? ", " : "", count,
                                name != NULL ? name : "?");
    }
  if (total < 0 || clean < total)
    {
      /* TRANSLATORS: "PGs not active+clean: 3 active+undersized+degraded" */
      *reason = g_strdup_printf (_("PGs not active+clean: %s"),
                                 others->len > 0 ? others->str : _("unknown"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_upgrade_probe_ok_to_stop (KdccSource    *source,
                               const char    *type,
                               const char    *id,
                               GCancellable  *cancellable,
                               char         **reason)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) command = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s ok-to-stop", type);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "prefix");
  json_builder_add_string_value (b, prefix);
  json_builder_set_member_name (b, "ids");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, id);
  json_builder_end_array (b);
  json_builder_end_object (b);
  command = json_builder_get_root (b);
  text = json_to_string (command, FALSE);

  /* The OSD check needs the PG map, which the mgr holds. */
  out = kdcc_source_run_command_sync (source, g_str_equal (type, "osd") ? "mgr" : "mon", text,
                                      &status, cancellable, &error);
  if (out == NULL)
    {
      /* TRANSLATORS: "ok-to-stop refused: unsafe to stop osd(s) at this time (32 PGs are or would become offline)" */
      *reason = g_strdup_printf (_("ok-to-stop refused: %s"), error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
metadata_command (const char *type,
                  const char *id)
{
  /* `osd metadata` takes the id as a number, the others a name. */
  if (g_str_equal (type, "osd"))
    return g_strdup_printf ("{\"prefix\":\"osd metadata\",\"id\":%s,\"format\":\"json\"}", id);
  if (g_str_equal (type, "mon"))
    return g_strdup_printf ("{\"prefix\":\"mon metadata\",\"id\":\"%s\",\"format\":\"json\"}", id);
  return g_strdup_printf ("{\"prefix\":\"%s metadata\",\"who\":\"%s\",\"format\":\"json\"}",
                          type, id);
}

static gboolean
osd_is_up (KdccSource    *source,
           const char    *id,
           GCancellable  *cancellable,
           char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"osd dump\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonArray *osds = kdcc_json_find_array (kdcc_json_as_object (root), "osds");
  gint64 want = g_ascii_strtoll (id, NULL, 10);

  if (root == NULL)
    return FALSE;
  for (guint i = 0; osds != NULL && i < json_array_get_length (osds); i++)
    {
      JsonObject *o = json_array_get_object_element (osds, i);

      if ((gint64) kdcc_json_find_number (o, "osd", -1) == want)
        {
          if (kdcc_json_find_number (o, "up", 0) >= 1)
            return TRUE;
          *reason = g_strdup_printf (_("osd.%s is down"), id);
          return FALSE;
        }
    }
  *reason = g_strdup_printf (_("osd.%s is not in the OSD map"), id);
  return FALSE;
}

static gboolean
mgr_is_serving (KdccSource    *source,
                const char    *id,
                GCancellable  *cancellable,
                char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"mgr dump\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonObject *o = kdcc_json_as_object (root);
  JsonArray *standbys = kdcc_json_find_array (o, "standbys");

  if (root == NULL)
    return FALSE;
  if (g_strcmp0 (kdcc_json_find_string (o, "active_name"), id) == 0)
    {
      if (kdcc_json_find_number (o, "available", 0) >= 1)
        return TRUE;
      *reason = g_strdup_printf (_("mgr.%s is active but not available yet"), id);
      return FALSE;
    }
  for (guint i = 0; standbys != NULL && i < json_array_get_length (standbys); i++)
    if (g_strcmp0 (kdcc_json_find_string (json_array_get_object_element (standbys, i), "name"),
                   id) == 0)
      return TRUE;
  *reason = g_strdup_printf (_("mgr.%s is neither active nor a standby"), id);
  return FALSE;
}

/* An RGW has no `rgw metadata`: it registers in the service map, which
 * the mon's `status` carries, keyed by its gid since Pacific with its name
 * in metadata.id. A restarted RGW gets a new gid while its old entry
 * lingers until the mgr's service beacon grace ends: the newest version
 * among the entries of that name is the one it runs. A new JsonNode with
 * "ceph_version" (like `osd metadata`), or NULL with *reason set. */
static JsonNode *
rgw_metadata (KdccSource    *source,
              const char    *id,
              GCancellable  *cancellable,
              char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"status\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonObject *map = kdcc_json_find_object (kdcc_json_as_object (root), "servicemap");
  JsonObject *services = map != NULL ? kdcc_json_find_object (map, "services") : NULL;
  JsonObject *rgw = services != NULL ? kdcc_json_find_object (services, "rgw") : NULL;
  JsonObject *daemons = rgw != NULL ? kdcc_json_find_object (rgw, "daemons") : NULL;
  g_autoptr(GList) keys = daemons != NULL ? json_object_get_members (daemons) : NULL;
  g_autoptr(JsonBuilder) b = NULL;
  const char *best = NULL;
  KdccCephVersion best_parsed = { 0 };

  if (root == NULL)
    return NULL;
  for (const GList *l = keys; l != NULL; l = l->next)
    {
      JsonObject *entry = kdcc_json_find_object (daemons, l->data);
      JsonObject *metadata = entry != NULL ? kdcc_json_find_object (entry, "metadata") : NULL;
      const char *version = metadata != NULL ? kdcc_json_find_string (metadata, "ceph_version")
                                             : NULL;
      KdccCephVersion parsed;

      if (metadata == NULL || g_strcmp0 (kdcc_json_find_string (metadata, "id"), id) != 0
          || version == NULL || !kdcc_ceph_version_parse (version, &parsed))
        continue;
      if (best == NULL || kdcc_ceph_version_compare (&parsed, &best_parsed) > 0)
        {
          best = version;
          best_parsed = parsed;
        }
    }
  if (best == NULL)
    {
      /* TRANSLATORS: "rgw.a is not in the service map" */
      *reason = g_strdup_printf (_("rgw.%s is not in the service map"), id);
      return NULL;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ceph_version");
  json_builder_add_string_value (b, best);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
kdcc_upgrade_probe_daemon_back (KdccSource    *source,
                                const char    *type,
                                const char    *id,
                                guint          major,
                                GCancellable  *cancellable,
                                char         **version,
                                char         **reason)
{
  g_autofree char *command = g_str_equal (type, "rgw") ? NULL : metadata_command (type, id);
  g_autoptr(JsonNode) root = command != NULL ? ask (source, "mon", command, cancellable, reason)
                                             : rgw_metadata (source, id, cancellable, reason);
  const char *text = kdcc_json_find_string (kdcc_json_as_object (root), "ceph_version");
  KdccCephVersion parsed;

  *version = NULL;
  if (root == NULL)
    return FALSE;
  if (text == NULL || !kdcc_ceph_version_parse (text, &parsed))
    {
      *reason = g_strdup_printf (_("%s.%s reports no version yet"), type, id);
      return FALSE;
    }
  *version = kdcc_ceph_version_to_string (&parsed);
  if (parsed.major < major)
    {
      /* TRANSLATORS: "osd.0 still runs 16.2.15" */
      *reason = g_strdup_printf (_("%s.%s still runs %s"), type, id, *version);
      return FALSE;
    }
  if (g_str_equal (type, "mon"))
    {
      g_autoptr(JsonNode) q = ask (source, "mon", "{\"prefix\":\"quorum_status\",\"format\":\"json\"}",
                                   cancellable, reason);

      if (q == NULL)
        return FALSE;
      if (!name_in_array (kdcc_json_find_array (kdcc_json_as_object (q), "quorum_names"), id))
        {
          *reason = g_strdup_printf (_("mon.%s is not in quorum yet"), id);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (type, "osd"))
    return osd_is_up (source, id, cancellable, reason);
  if (g_str_equal (type, "mgr"))
    return mgr_is_serving (source, id, cancellable, reason);
  return TRUE;
}

gboolean
kdcc_upgrade_probe_min_mon_release (KdccSource    *source,
                                    guint          major,
                                    GCancellable  *cancellable,
                                    char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"mon dump\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonObject *o = kdcc_json_as_object (root);
  double release = kdcc_json_find_number (o, "min_mon_release", 0);

  if (root == NULL)
    return FALSE;
  if (release < major)
    {
      const char *name = kdcc_json_find_string (o, "min_mon_release_name");

      /* TRANSLATORS: "min_mon_release is still 16 (pacific)" */
      *reason = g_strdup_printf (_("min_mon_release is still %.0f (%s)"), release,
                                 name != NULL ? name : "?");
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_upgrade_probe_osds_on (KdccSource    *source,
                            guint          major,
                            GCancellable  *cancellable,
                            char         **reason)
{
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"versions\",\"format\":\"json\"}",
                                  cancellable, reason);
  JsonObject *osd = kdcc_json_find_object (kdcc_json_as_object (root), "osd");
  g_autoptr(GList) members = osd != NULL ? json_object_get_members (osd) : NULL;
  g_autoptr(GString) behind = g_string_new (NULL);

  if (root == NULL)
    return FALSE;
  for (const GList *l = members; l != NULL; l = l->next)
    {
      KdccCephVersion parsed;

      if (!kdcc_ceph_version_parse (l->data, &parsed) || parsed.major < major)
        g_string_append_printf (behind, "%s%.0f × %s", behind->len > 0 ? ", " : "",
                                kdcc_json_find_number (osd, l->data, 0), (const char *) l->data);
    }
  if (members == NULL || behind->len > 0)
    {
      /* TRANSLATORS: "OSDs on an older release: 2 × ceph version 16.2.15 (…)" */
      *reason = behind->len > 0 ? g_strdup_printf (_("OSDs on an older release: %s"), behind->str)
                                : g_strdup (_("no OSD reported its version"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_upgrade_probe_osd_dump (KdccSource    *source,
                             const char    *flag,
                             gboolean      *flag_set,
                             char         **require_osd_release,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(JsonNode) root = ask (source, "mon", "{\"prefix\":\"osd dump\",\"format\":\"json\"}",
                                  cancellable, &reason);
  JsonObject *o = kdcc_json_as_object (root);
  const char *flags = kdcc_json_find_string (o, "flags");

  if (root == NULL || o == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           reason != NULL ? reason : _("osd dump answered no object"));
      return FALSE;
    }
  if (flag_set != NULL)
    {
      g_auto(GStrv) words = g_strsplit (flags != NULL ? flags : "", ",", -1);

      *flag_set = g_strv_contains ((const char * const *) words, flag);
    }
  if (require_osd_release != NULL)
    *require_osd_release = g_strdup (kdcc_json_find_string (o, "require_osd_release"));
  return TRUE;
}
