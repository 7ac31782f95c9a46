/* kdcc-ceph-parse-services.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of the daemons other than OSDs and what they serve:
 * `quorum_status` (mons), `mgr dump` (mgrs and their modules),
 * `fs dump`, `fs ls` and `fs status` (CephFS and MDS), `node ls` (daemons
 * per host) and the service map (RGW).
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse-private.h"

static GPtrArray *
ensure_daemons (KdccSnapshot *snap)
{
  if (snap->daemons == NULL)
    snap->daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  return snap->daemons;
}

/* Drops the daemons of TYPE, so a parser replaces its own kind only. */
static void
remove_daemons_of_type (KdccSnapshot *snap,
                        const char   *type)
{
  GPtrArray *daemons = ensure_daemons (snap);

  for (guint i = daemons->len; i > 0; i--)
    {
      KdccDaemonData *daemon = g_ptr_array_index (daemons, i - 1);

      if (g_strcmp0 (daemon->daemon_type, type) == 0)
        g_ptr_array_remove_index (daemons, i - 1);
    }
}

/* "127.0.0.1:6789/0" -> "127.0.0.1:6789": the nonce means nothing to an admin. */
static char *
addr_without_nonce (const char *addr)
{
  const char *slash;

  if (addr == NULL || *addr == '\0')
    return NULL;
  slash = strrchr (addr, '/');
  return slash != NULL ? g_strndup (addr, slash - addr) : g_strdup (addr);
}

/* The first address of an addrvec object, preferring v2. */
static char *
addrvec_first (JsonObject *addrs)
{
  JsonArray *vec = addrs != NULL ? kdcc_json_find_array (addrs, "addrvec") : NULL;
  const char *first = NULL;

  for (guint i = 0; vec != NULL && i < json_array_get_length (vec); i++)
    {
      JsonObject *entry = kdcc_json_as_object (json_array_get_element (vec, i));
      const char *addr = entry != NULL ? kdcc_json_find_string (entry, "addr") : NULL;

      if (addr == NULL)
        continue;
      if (g_strcmp0 (kdcc_json_find_string (entry, "type"), "v2") == 0)
        return g_strdup (addr);
      if (first == NULL)
        first = addr;
    }
  return g_strdup (first);
}

/* ------------------------------------------------------------------------
 * quorum_status */

gboolean
kdcc_ceph_parse_quorum_status (KdccSnapshot  *snap,
                               const char    *json,
                               gssize         length,
                               GError       **error)
{
  KdccJson ctx_data = { "quorum_status", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) mons = NULL;
  g_autoptr(GPtrArray) quorum = g_ptr_array_new_with_free_func (g_free);
  JsonObject *obj;
  JsonObject *monmap = NULL;
  JsonArray *names = NULL;
  JsonArray *array = NULL;
  const char *leader = NULL;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  if (!kdcc_json_get_array (ctx, obj, NULL, "quorum_names", TRUE, &names)
      || !_kdcc_ceph_read_string_list (ctx, names, "quorum_names", quorum)
      || !kdcc_json_get_string (ctx, obj, NULL, "quorum_leader_name", FALSE, &leader)
      || !kdcc_json_get_object (ctx, obj, NULL, "monmap", TRUE, &monmap)
      || !kdcc_json_get_array (ctx, monmap, "monmap", "mons", TRUE, &array))
    return FALSE;

  mons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *mon;
      JsonObject *addrs = NULL;
      const char *name = NULL;
      const char *addr = NULL;
      KdccDaemonData *daemon;

      if (!kdcc_json_element_object (ctx, array, i, "monmap.mons", where, &mon)
          || !kdcc_json_get_string (ctx, mon, where, "name", TRUE, &name)
          || !kdcc_json_get_string (ctx, mon, where, "public_addr", FALSE, &addr)
          || !kdcc_json_get_object (ctx, mon, where, "public_addrs", FALSE, &addrs))
        return FALSE;

      daemon = kdcc_daemon_data_new ("mon", name);
      g_ptr_array_add (mons, daemon);
      if (!kdcc_json_get_int (ctx, mon, where, "rank", FALSE, &daemon->rank))
        return FALSE;
      daemon->addr = addrs != NULL ? addrvec_first (addrs) : addr_without_nonce (addr);
      for (guint q = 0; q < quorum->len && !daemon->in_quorum; q++)
        daemon->in_quorum = g_str_equal (g_ptr_array_index (quorum, q), name);
      daemon->leader = leader != NULL && g_str_equal (leader, name);
      daemon->active = daemon->in_quorum;
      daemon->state = g_strdup (daemon->leader ? "leader"
                                : daemon->in_quorum ? "peon" : "out of quorum");
    }

  remove_daemons_of_type (snap, "mon");
  g_ptr_array_extend_and_steal (ensure_daemons (snap), g_steal_pointer (&mons));
  _kdcc_ceph_replace_ptr_array (&snap->quorum, &quorum);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * mgr dump: mgr daemons and modules */

static gboolean
in_string_array (JsonArray  *array,
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
kdcc_ceph_parse_mgr_services (KdccSnapshot  *snap,
                              const char    *json,
                              gssize         length,
                              GError       **error)
{
  KdccJson ctx_data = { "mgr dump", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) mgrs = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  g_autoptr(GPtrArray) modules = NULL;
  JsonObject *obj;
  JsonObject *always_on = NULL;
  JsonObject *active_addrs = NULL;
  JsonArray *standbys = NULL;
  JsonArray *enabled = NULL;
  JsonArray *available = NULL;
  JsonArray *always = NULL;
  const char *active = NULL;
  gboolean is_available = FALSE;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  if (!kdcc_json_get_string (ctx, obj, NULL, "active_name", FALSE, &active)
      || !kdcc_json_get_bool (ctx, obj, NULL, "available", FALSE, &is_available)
      || !kdcc_json_get_object (ctx, obj, NULL, "active_addrs", FALSE, &active_addrs)
      || !kdcc_json_get_array (ctx, obj, NULL, "standbys", FALSE, &standbys)
      || !kdcc_json_get_array (ctx, obj, NULL, "modules", FALSE, &enabled)
      || !kdcc_json_get_array (ctx, obj, NULL, "available_modules", FALSE, &available)
      || !kdcc_json_get_object (ctx, obj, NULL, "always_on_modules", FALSE, &always_on))
    return FALSE;

  if (active != NULL && *active != '\0')
    {
      KdccDaemonData *daemon = kdcc_daemon_data_new ("mgr", active);

      daemon->active = is_available;
      daemon->state = g_strdup (is_available ? "active" : "starting");
      daemon->addr = addrvec_first (active_addrs);
      g_ptr_array_add (mgrs, daemon);
    }
  n = standbys != NULL ? json_array_get_length (standbys) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *standby = kdcc_json_as_object (json_array_get_element (standbys, i));
      const char *name = standby != NULL ? kdcc_json_find_string (standby, "name") : NULL;
      KdccDaemonData *daemon;

      if (name == NULL)
        continue;
      daemon = kdcc_daemon_data_new ("mgr", name);
      daemon->state = g_strdup ("standby");
      g_ptr_array_add (mgrs, daemon);
    }

  /* always_on_modules is keyed by release; the newest release's list is
   * the one in force (the mon keeps the older ones for upgrades). Ceph
   * names its releases in alphabetical order (nautilus, octopus, pacific,
   * quincy, reef, squid, tentacle), so the greatest name is the newest. */
  if (always_on != NULL)
    {
      g_autoptr(GList) releases = json_object_get_members (always_on);
      const char *newest = NULL;

      for (const GList *l = releases; l != NULL; l = l->next)
        if (newest == NULL || strcmp (l->data, newest) > 0)
          newest = l->data;
      if (newest != NULL)
        always = kdcc_json_find_array (always_on, newest);
    }

  if (available != NULL)
    {
      modules = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_mgr_module_data_free);
      n = json_array_get_length (available);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *module = kdcc_json_as_object (json_array_get_element (available, i));
          const char *name = module != NULL ? kdcc_json_find_string (module, "name") : NULL;
          const char *reason = module != NULL ? kdcc_json_find_string (module, "error_string") : NULL;
          JsonNode *can_run = module != NULL ? json_object_get_member (module, "can_run") : NULL;
          KdccMgrModuleData *data;

          if (name == NULL)
            continue;
          data = kdcc_mgr_module_data_new (name);
          data->always_on = in_string_array (always, name);
          data->enabled = data->always_on || in_string_array (enabled, name);
          data->can_run = can_run == NULL || !JSON_NODE_HOLDS_VALUE (can_run)
                          || json_node_get_boolean (can_run);
          if (reason != NULL && *reason != '\0')
            data->error = g_strdup (reason);
          /* An enabled module that cannot run has failed as far as the
           * admin is concerned; MGR_MODULE_* checks may say more. */
          data->failed = data->enabled && !data->can_run;
          g_ptr_array_add (modules, data);
        }
    }

  remove_daemons_of_type (snap, "mgr");
  g_ptr_array_extend_and_steal (ensure_daemons (snap), g_steal_pointer (&mgrs));
  if (modules != NULL)
    _kdcc_ceph_replace_ptr_array (&snap->mgr_modules, &modules);
  return TRUE;
}

/* MGR_MODULE_ERROR: "Module 'X' has failed: REASON";
 * MGR_MODULE_DEPENDENCY: "Module 'X' has failed dependency: REASON".
 * The health checks are fresher than the cached mgr dump (a module can
 * fail at run time without the map moving), so they win. */
void
kdcc_ceph_merge_module_health (KdccSnapshot *snap)
{
  if (snap->mgr_modules == NULL || snap->checks == NULL)
    return;

  for (guint i = 0; i < snap->checks->len; i++)
    {
      KdccHealthCheckData *check = g_ptr_array_index (snap->checks, i);

      if (g_strcmp0 (check->code, "MGR_MODULE_ERROR") != 0
          && g_strcmp0 (check->code, "MGR_MODULE_DEPENDENCY") != 0)
        continue;
      for (guint j = 0; j < check->detail->len; j++)
        {
          const char *line = g_ptr_array_index (check->detail, j);
          const char *start = strstr (line, "odule '");
          const char *end;
          const char *reason;
          g_autofree char *name = NULL;

          if (start == NULL || (end = strchr (start + 7, '\'')) == NULL)
            continue;
          name = g_strndup (start + 7, end - start - 7);
          reason = strstr (end, ": ");
          for (guint k = 0; k < snap->mgr_modules->len; k++)
            {
              KdccMgrModuleData *module = g_ptr_array_index (snap->mgr_modules, k);

              if (!g_str_equal (module->name, name))
                continue;
              module->failed = TRUE;
              g_free (module->error);
              module->error = g_strdup (reason != NULL ? reason + 2 : line);
            }
        }
    }
}

/* ------------------------------------------------------------------------
 * fs dump, fs ls, fs status */

static KdccDaemonData *
mds_from_info (JsonObject *info)
{
  const char *name = kdcc_json_find_string (info, "name");
  const char *state = kdcc_json_find_string (info, "state");
  JsonObject *addrs = kdcc_json_find_object (info, "addrs");
  KdccDaemonData *daemon;

  if (name == NULL)
    return NULL;
  daemon = kdcc_daemon_data_new ("mds", name);
  daemon->state = g_strdup (state);
  daemon->rank = (gint64) kdcc_json_find_number (info, "rank", -1);
  daemon->addr = addrs != NULL ? addrvec_first (addrs)
                               : addr_without_nonce (kdcc_json_find_string (info, "addr"));
  daemon->active = daemon->rank >= 0 && g_strcmp0 (state, "up:active") == 0;
  return daemon;
}

gboolean
kdcc_ceph_parse_fs_dump (KdccSnapshot  *snap,
                         const char    *json,
                         gssize         length,
                         GError       **error)
{
  KdccJson ctx_data = { "fs dump", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) filesystems = NULL;
  g_autoptr(GPtrArray) mds = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  JsonObject *obj;
  JsonArray *fs_array = NULL;
  JsonArray *standbys = NULL;
  guint n_standbys;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  if (!kdcc_json_get_array (ctx, obj, NULL, "filesystems", TRUE, &fs_array)
      || !kdcc_json_get_array (ctx, obj, NULL, "standbys", FALSE, &standbys))
    return FALSE;

  n_standbys = standbys != NULL ? json_array_get_length (standbys) : 0;
  for (guint i = 0; i < n_standbys; i++)
    {
      JsonObject *info = kdcc_json_as_object (json_array_get_element (standbys, i));
      KdccDaemonData *daemon = info != NULL ? mds_from_info (info) : NULL;

      if (daemon != NULL)
        g_ptr_array_add (mds, daemon);
    }

  filesystems = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_filesystem_data_free);
  n = json_array_get_length (fs_array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *fs;
      JsonObject *mdsmap = NULL;
      JsonObject *infos = NULL;
      JsonArray *failed = NULL;
      JsonArray *data_pools = NULL;
      const char *name = NULL;
      KdccFilesystemData *data;
      gint64 id = -1;

      if (!kdcc_json_element_object (ctx, fs_array, i, "filesystems", where, &fs)
          || !kdcc_json_get_int (ctx, fs, where, "id", FALSE, &id)
          || !kdcc_json_get_object (ctx, fs, where, "mdsmap", TRUE, &mdsmap)
          || !kdcc_json_get_string (ctx, mdsmap, where, "fs_name", TRUE, &name)
          || !kdcc_json_get_object (ctx, mdsmap, where, "info", FALSE, &infos)
          || !kdcc_json_get_array (ctx, mdsmap, where, "failed", FALSE, &failed)
          || !kdcc_json_get_array (ctx, mdsmap, where, "data_pools", FALSE, &data_pools))
        return FALSE;

      data = kdcc_filesystem_data_new (name);
      g_ptr_array_add (filesystems, data);
      data->id = id;
      data->max_mds = (gint64) kdcc_json_find_number (mdsmap, "max_mds", 0);
      data->ranks_failed = failed != NULL ? json_array_get_length (failed) : 0;
      data->standbys = n_standbys;
      /* Pool ids until fs ls gives their names. */
      data->metadata_pool = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             (gint64) kdcc_json_find_number (mdsmap, "metadata_pool", -1));
      for (guint p = 0; data_pools != NULL && p < json_array_get_length (data_pools); p++)
        g_ptr_array_add (data->data_pools,
                         g_strdup_printf ("%" G_GINT64_FORMAT,
                                          json_node_get_int (json_array_get_element (data_pools, p))));
      if (infos != NULL)
        {
          g_autoptr(GList) gids = json_object_get_members (infos);

          for (const GList *l = gids; l != NULL; l = l->next)
            {
              JsonObject *info = kdcc_json_find_object (infos, l->data);
              KdccDaemonData *daemon = info != NULL ? mds_from_info (info) : NULL;

              if (daemon == NULL)
                continue;
              daemon->filesystem = g_strdup (name);
              if (daemon->active)
                {
                  data->ranks_up++;
                  g_ptr_array_add (data->mds_names, g_strdup (daemon->name));
                }
              g_ptr_array_add (mds, daemon);
            }
        }
    }

  remove_daemons_of_type (snap, "mds");
  g_ptr_array_extend_and_steal (ensure_daemons (snap), g_steal_pointer (&mds));
  _kdcc_ceph_replace_ptr_array (&snap->filesystems, &filesystems);
  return TRUE;
}

static KdccFilesystemData *
find_filesystem (KdccSnapshot *snap,
                 const char   *name)
{
  for (guint i = 0; name != NULL && snap->filesystems != NULL && i < snap->filesystems->len; i++)
    {
      KdccFilesystemData *fs = g_ptr_array_index (snap->filesystems, i);

      if (g_strcmp0 (fs->name, name) == 0)
        return fs;
    }
  return NULL;
}

gboolean
kdcc_ceph_parse_fs_ls (KdccSnapshot  *snap,
                       const char    *json,
                       gssize         length,
                       GError       **error)
{
  KdccJson ctx_data = { "fs ls", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_ARRAY, error)))
    return FALSE;
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *obj;
      JsonArray *pools = NULL;
      const char *name = NULL;
      const char *meta = NULL;
      KdccFilesystemData *fs;

      if (!kdcc_json_element_object (ctx, array, i, "filesystems", where, &obj)
          || !kdcc_json_get_string (ctx, obj, where, "name", TRUE, &name)
          || !kdcc_json_get_string (ctx, obj, where, "metadata_pool", FALSE, &meta)
          || !kdcc_json_get_array (ctx, obj, where, "data_pools", FALSE, &pools))
        return FALSE;
      if ((fs = find_filesystem (snap, name)) == NULL)
        continue;
      if (meta != NULL)
        {
          g_free (fs->metadata_pool);
          fs->metadata_pool = g_strdup (meta);
        }
      if (pools != NULL)
        {
          g_ptr_array_set_size (fs->data_pools, 0);
          if (!_kdcc_ceph_read_string_list (ctx, pools, where, fs->data_pools))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
kdcc_ceph_parse_fs_status (KdccSnapshot  *snap,
                           const char    *json,
                           gssize         length,
                           GError       **error)
{
  KdccJson ctx_data = { "fs status", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *clients = NULL;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  if (!kdcc_json_get_array (ctx, json_node_get_object (root), NULL, "clients", FALSE, &clients))
    return FALSE;
  n = clients != NULL ? json_array_get_length (clients) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = kdcc_json_as_object (json_array_get_element (clients, i));
      KdccFilesystemData *fs = entry != NULL
                               ? find_filesystem (snap, kdcc_json_find_string (entry, "fs"))
                               : NULL;

      if (fs != NULL)
        fs->clients = (gint64) kdcc_json_find_number (entry, "clients", -1);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * node ls */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

gboolean
kdcc_ceph_parse_node_ls (KdccSnapshot  *snap,
                         const char    *json,
                         gssize         length,
                         GError       **error)
{
  KdccJson ctx_data = { "node ls", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) types = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  types = json_object_get_members (obj);
  for (const GList *t = types; t != NULL; t = t->next)
    {
      const char *type = t->data;
      JsonObject *by_host = kdcc_json_find_object (obj, type);
      g_autoptr(GList) hosts = NULL;

      /* OSDs are placed on hosts by the CRUSH map already. */
      if (by_host == NULL || g_str_equal (type, "osd"))
        continue;
      hosts = json_object_get_members (by_host);
      for (const GList *h = hosts; h != NULL; h = h->next)
        {
          JsonArray *names = kdcc_json_find_array (by_host, h->data);
          KdccHostData *host;

          if (names == NULL)
            continue;
          /* A host with daemons and no OSD is a host all the same; but a
           * snapshot without the host list (a light refresh) only gets
           * its daemons' hosts. */
          host = snap->hosts != NULL ? kdcc_snapshot_ensure_host (snap, h->data) : NULL;
          for (guint i = 0; i < json_array_get_length (names); i++)
            {
              JsonNode *node = json_array_get_element (names, i);
              g_autofree char *name = NULL;

              if (!JSON_NODE_HOLDS_VALUE (node))
                continue;
              name = json_node_get_value_type (node) == G_TYPE_STRING
                     ? g_strdup (json_node_get_string (node))
                     : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
              if (host != NULL)
                g_ptr_array_add (host->daemons, g_strconcat (type, ".", name, NULL));
              for (guint d = 0; snap->daemons != NULL && d < snap->daemons->len; d++)
                {
                  KdccDaemonData *daemon = g_ptr_array_index (snap->daemons, d);

                  if (g_str_equal (daemon->daemon_type, type) && g_str_equal (daemon->name, name))
                    {
                      g_free (daemon->host);
                      daemon->host = g_strdup (h->data);
                    }
                }
            }
          if (host != NULL)
            g_ptr_array_sort (host->daemons, compare_strings);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * service map (RGW) */

gboolean
kdcc_ceph_parse_service_map (KdccSnapshot  *snap,
                             const char    *json,
                             gssize         length,
                             GError       **error)
{
  KdccJson ctx_data = { "service dump", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) rgws = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  /* The start_epoch of each entry of rgws (see below). */
  g_autoptr(GArray) epochs = g_array_new (FALSE, FALSE, sizeof (double));
  JsonObject *services = NULL;
  JsonObject *rgw;
  JsonObject *daemons;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  /* `status` carries the same map under "servicemap". */
  if (json_object_has_member (obj, "servicemap"))
    obj = kdcc_json_find_object (obj, "servicemap");
  if (obj == NULL || !kdcc_json_get_object (ctx, obj, NULL, "services", FALSE, &services))
    return FALSE;

  rgw = services != NULL ? kdcc_json_find_object (services, "rgw") : NULL;
  daemons = rgw != NULL ? kdcc_json_find_object (rgw, "daemons") : NULL;
  if (daemons != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (daemons);

      for (const GList *l = keys; l != NULL; l = l->next)
        {
          /* "summary" is a string beside the daemons. */
          JsonObject *entry = kdcc_json_find_object (daemons, l->data);
          JsonObject *metadata = entry != NULL ? kdcc_json_find_object (entry, "metadata") : NULL;
          const char *id = metadata != NULL ? kdcc_json_find_string (metadata, "id") : NULL;
          double epoch = entry != NULL ? kdcc_json_find_number (entry, "start_epoch", 0) : 0;
          KdccDaemonData *daemon;
          gboolean older = FALSE;

          if (entry == NULL)
            continue;
          if (id == NULL)
            id = l->data;
          /* Keyed by gid since Pacific: a restarted RGW registers anew
           * while its old entry stays until the mgr's service beacon grace
           * (60 s) ends. One daemon per name, the one started last. */
          for (guint i = 0; i < rgws->len && !older; i++)
            if (g_str_equal (((KdccDaemonData *) rgws->pdata[i])->name, id))
              {
                if (epoch < g_array_index (epochs, double, i))
                  older = TRUE;
                else
                  {
                    g_ptr_array_remove_index (rgws, i);
                    g_array_remove_index (epochs, i);
                  }
                break;
              }
          if (older)
            continue;
          daemon = kdcc_daemon_data_new ("rgw", id);
          daemon->active = TRUE;
          daemon->state = g_strdup ("running");
          daemon->addr = addr_without_nonce (kdcc_json_find_string (entry, "addr"));
          if (metadata != NULL)
            {
              daemon->host = g_strdup (kdcc_json_find_string (metadata, "hostname"));
              daemon->version = g_strdup (kdcc_json_find_string (metadata, "ceph_version_short"));
            }
          g_ptr_array_add (rgws, daemon);
          g_array_append_val (epochs, epoch);
        }
    }

  remove_daemons_of_type (snap, "rgw");
  g_ptr_array_extend_and_steal (ensure_daemons (snap), g_steal_pointer (&rgws));
  return TRUE;
}
