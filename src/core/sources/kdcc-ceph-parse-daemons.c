/* kdcc-ceph-parse-daemons.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of the daemon maps: `versions`, `mon dump`, `mgr dump`, `mgr stat`.
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include "kdcc-ceph-parse-private.h"

/* ------------------------------------------------------------------------
 * versions */

gboolean
kdcc_ceph_parse_versions (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "versions", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GList) types = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  types = json_object_get_members (obj);
  for (const GList *l = types; l != NULL; l = l->next)
    {
      const char *type = l->data;
      g_autoptr(GList) strings = NULL;
      JsonObject *by_version = NULL;

      if (!kdcc_json_get_object (ctx, obj, NULL, type, TRUE, &by_version))
        return FALSE;
      strings = json_object_get_members (by_version);
      for (const GList *s = strings; s != NULL; s = s->next)
        {
          gint64 count = 0;

          if (!kdcc_json_get_int (ctx, by_version, type, s->data, TRUE, &count))
            return FALSE;
          g_ptr_array_add (versions, kdcc_version_data_new (type, s->data, count));
        }
    }

  _kdcc_ceph_replace_ptr_array (&snap->versions, &versions);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * mon dump */

gboolean
kdcc_ceph_parse_mon_dump (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "mon dump", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) mons = NULL;
  JsonObject *obj;
  JsonArray *array = NULL;
  gint64 epoch = 0;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_int (ctx, obj, NULL, "epoch", TRUE, &epoch)
      || !kdcc_json_get_array (ctx, obj, NULL, "mons", TRUE, &array))
    return FALSE;

  mons = g_ptr_array_new_with_free_func (g_free);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *mon;
      const char *name = NULL;

      if (!kdcc_json_element_object (ctx, array, i, "mons", where, &mon)
          || !kdcc_json_get_string (ctx, mon, where, "name", TRUE, &name))
        return FALSE;
      g_ptr_array_add (mons, g_strdup (name));
    }

  snap->monmap_epoch = epoch;
  _kdcc_ceph_replace_ptr_array (&snap->mons, &mons);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * mgr dump and mgr stat */

static gboolean
parse_mgr_map (KdccSnapshot  *snap,
               const char    *cmd,
               gboolean       with_standbys,
               const char    *json,
               gssize         length,
               GError       **error)
{
  KdccJson ctx_data = { cmd, KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) standbys = NULL;
  JsonObject *obj;
  JsonArray *array = NULL;
  const char *active = NULL;
  gboolean available = FALSE;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_bool (ctx, obj, NULL, "available", TRUE, &available)
      || !kdcc_json_get_string (ctx, obj, NULL, "active_name", FALSE, &active))
    return FALSE;

  if (with_standbys)
    {
      guint n;

      if (!kdcc_json_get_array (ctx, obj, NULL, "standbys", TRUE, &array))
        return FALSE;
      standbys = g_ptr_array_new_with_free_func (g_free);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          char where[KDCC_JSON_PATH_SIZE];
          JsonObject *standby;
          const char *name = NULL;

          if (!kdcc_json_element_object (ctx, array, i, "standbys", where, &standby)
              || !kdcc_json_get_string (ctx, standby, where, "name", TRUE, &name))
            return FALSE;
          g_ptr_array_add (standbys, g_strdup (name));
        }
    }

  /* An active_name without "available" is a mgr that the mon still lists
   * but that does not serve (failed, or still starting its modules). */
  g_free (snap->mgr_active);
  snap->mgr_active = available && active != NULL && *active != '\0' ? g_strdup (active) : NULL;
  if (standbys != NULL)
    _kdcc_ceph_replace_ptr_array (&snap->mgr_standbys, &standbys);
  return TRUE;
}

gboolean
kdcc_ceph_parse_mgr_dump (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  return parse_mgr_map (snap, "mgr dump", TRUE, json, length, error);
}

gboolean
kdcc_ceph_parse_mgr_stat (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  return parse_mgr_map (snap, "mgr stat", FALSE, json, length, error);
}
