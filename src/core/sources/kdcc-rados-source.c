/* kdcc-rados-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-operation-apply.h"
#include "kdcc-rados-source-private.h"

static void kdcc_rados_source_iface_init (KdccSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccRadosSource, kdcc_rados_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_SOURCE,
                                                      kdcc_rados_source_iface_init))

enum {
  PROP_0,
  PROP_CONF_PATH,
  PROP_KEYRING_PATH,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------
 * Caches */

static void
forget_caches (KdccRadosSource *self)
{
  self->monmap_epoch = -1;
  self->mgrmap_epoch = -1;
  self->heavy_osdmap_epoch = -1;
  self->heavy_pgs_total = -1;
  self->heavy_pools_total = -1;
  self->versions_osdmap_epoch = -1;
  self->versions_monmap_epoch = -1;
  self->versions_mgrmap_epoch = -1;
  self->full_fetches = 0;
  g_clear_pointer (&self->mons, g_ptr_array_unref);
  g_clear_pointer (&self->mgr_standbys, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  _kdcc_rados_forget_drill (self);
}


typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

/* Runs the command LABEL (e.g. "osd tree") with "format":"json" and parses
 * its output into SNAP; *KEEP, when given, receives the output. */
static gboolean
fetch_keep (KdccRadosSource  *self,
            RadosConn        *conn,
            KdccSnapshot     *snap,
            const char       *target,
            const char       *label,
            ParseFunc         parse,
            GBytes          **keep,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const char *data;

  /* These two are a shorter prefix with a "detail" argument. */
  if (g_str_equal (label, "health detail"))
    json = g_strdup ("{\"prefix\":\"health\",\"detail\":\"detail\",\"format\":\"json\"}");
  else if (g_str_equal (label, "osd pool ls detail"))
    json = g_strdup ("{\"prefix\":\"osd pool ls\",\"detail\":\"detail\","
                     "\"format\":\"json\"}");
  else
    json = g_strdup_printf ("{\"prefix\":\"%s\",\"format\":\"json\"}", label);

  bytes = _kdcc_rados_command_run (self, conn, target, json, label, NULL, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (!parse (snap, data, len, error))
    return FALSE;
  if (keep != NULL)
    *keep = g_steal_pointer (&bytes);
  return TRUE;
}

static gboolean
fetch_into (KdccRadosSource  *self,
            RadosConn        *conn,
            KdccSnapshot     *snap,
            const char       *target,
            const char       *label,
            ParseFunc         parse,
            GCancellable     *cancellable,
            GError          **error)
{
  return fetch_keep (self, conn, snap, target, label, parse, NULL, cancellable, error);
}

static gboolean
parse_answer (ParseFunc      parse,
              KdccSnapshot  *snap,
              GBytes        *bytes,
              GError       **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  return parse (snap, data, len, error);
}

/* ------------------------------------------------------------------------
 * Snapshot */

static GPtrArray *
copy_strv_array (GPtrArray *src)
{
  GPtrArray *dst = g_ptr_array_new_full (src->len, g_free);

  for (guint i = 0; i < src->len; i++)
    g_ptr_array_add (dst, g_strdup (g_ptr_array_index (src, i)));
  return dst;
}

static GPtrArray *
copy_versions (GPtrArray *src)
{
  GPtrArray *dst = g_ptr_array_new_full (src->len, (GDestroyNotify) kdcc_version_data_free);

  for (guint i = 0; i < src->len; i++)
    {
      KdccVersionData *v = g_ptr_array_index (src, i);

      g_ptr_array_add (dst, kdcc_version_data_new (v->daemon_type, v->version, v->count));
    }
  return dst;
}

/* What is fetched when:
 *
 * - status, health detail and mgr stat: every time; they are small and
 *   carry the epochs that decide the rest.
 * - mon dump and quorum_status when the monmap epoch moves (quorum_status
 *   also when the quorum changes), mgr dump (large on Pacific: it lists
 *   every module's options) when the mgr stat epoch moves, fs dump when
 *   the fsmap epoch moves, versions when any of the osd, mon and mgr map
 *   epochs moves (a daemon restarting on a new version changes one of
 *   them); their last results are cached and the lists built from them
 *   go into a snapshot only when they changed.
 * - df every time: it is cheap, and capacity changes without any epoch
 *   moving. Its per-pool usage is only kept when the pools are fetched
 *   too, since a pool list made of df alone would lack size, type and
 *   applications.
 * - osd tree, osd pool ls detail, osd df, osd perf, osd pool stats, node
 *   ls and the EC profiles (heavy: megabytes at 10,000 OSDs) when the
 *   osdmap epoch or the PG or pool count moved, or when forced; the
 *   monitor forces them every 60 s, which also bounds how old usage and
 *   latency figures get. The mgr commands are skipped while no mgr is
 *   available (the OSDs then have has_usage FALSE) rather than waiting
 *   for the timeout. osd tree and the mgr commands start as soon as
 *   status and mgr stat are in, before the small mon commands; when the
 *   heavy maps are certain (forced, or the connection's first fetch) the
 *   mgr commands start right after mgr stat.
 * - fetch_first, the monitor's first fetch, hands status and health over
 *   (a partial snapshot) before it goes on with the rest.
 * - fs status: see _kdcc_rados_fs_status_due.
 * - the PG list only while it is wanted (kdcc_source_set_wanted), when the
 *   pgmap moved (see _kdcc_rados_pg_list_due). */
static KdccSnapshot *
fetch_full (KdccRadosSource   *self,
            gboolean           force_heavy,
            KdccSnapshotFunc   light,
            gpointer           light_data,
            GCancellable      *cancellable,
            GError           **error)
{
  KdccSource *source = KDCC_SOURCE (self);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->snapshot_lock);
  g_autoptr(RadosConn) conn = NULL;
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) scratch = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) mgr_seen = kdcc_snapshot_new ();
  g_autoptr(GBytes) mgr_stat = NULL;
  g_autoptr(GBytes) status = NULL;
  g_autoptr(GBytes) health = NULL;
  g_autoptr(GBytes) mgr_dump = NULL;
  g_auto(HeavyFetch) h = { { NULL } };
  gboolean monmap_moved, mgrmap_moved, osdmap_moved, early, heavy, usage_ok, mgr_ok, pgs_due, fs_due;
  gint64 mgrmap_epoch;
  const char *data;
  gsize len = 0;

  conn = _kdcc_rados_acquire_conn (self, cancellable, error);
  if (conn == NULL)
    return NULL;
  if (conn->serial != self->cache_serial)
    {
      forget_caches (self);
      self->cache_serial = conn->serial;
    }

  /* On a connection's first fetch, and a forced one, the heavy maps are
   * certain to be fetched: the mgr's osd df (the longest command at
   * 10,000 OSDs) starts as soon as mgr stat says there is a mgr to ask,
   * and osd tree right after status and health (which would otherwise
   * wait behind it on the mon), so a cold start costs connect + osd df
   * rather than their sum with every small command before it. */
  early = force_heavy || self->heavy_osdmap_epoch < 0;

  /* mgr stat first: whether a mgr can be asked. SNAP takes it after
   * status, so that mgr stat's word on the active mgr is the one kept. */
  mgr_stat = _kdcc_rados_command_run (self, conn, "mon",
                                      "{\"prefix\":\"mgr stat\",\"format\":\"json\"}",
                                      "mgr stat", NULL, cancellable, error);
  if (mgr_stat == NULL)
    return NULL;
  data = g_bytes_get_data (mgr_stat, &len);
  if (!kdcc_ceph_parse_mgr_stat (mgr_seen, data, len, error))
    return NULL;
  mgrmap_epoch = kdcc_ceph_parse_epoch (data, len);

  /* Without a mgr a mgr command would only sit until the timeout. A mgr
   * that just died stays "available" in the map until the mon notices
   * (mgr_beacon_grace, 30 s): after one failure, wait for the map to move
   * instead of paying the timeout on every refresh. */
  mgr_ok = mgr_seen->mgr_active != NULL
           && (mgrmap_epoch < 0 || mgrmap_epoch != self->mgr_failed_epoch);
  if (early)
    _kdcc_rados_heavy_start_mgr (self, conn, mgr_ok, _kdcc_rados_fs_status_due (self, TRUE),
                                 &h, cancellable);

  if (!fetch_keep (self, conn, snap, "mon", "status", kdcc_ceph_parse_status, &status,
                   cancellable, error)
      || !fetch_keep (self, conn, snap, "mon", "health detail", kdcc_ceph_parse_health_detail,
                      &health, cancellable, error)
      || !kdcc_ceph_parse_mgr_stat (snap, data, len, error))
    return NULL;
  snap->fetched_at = g_get_real_time ();

  if (light != NULL)
    {
      /* What the first view needs, in a snapshot of its own. */
      g_autoptr(KdccSnapshot) partial = kdcc_snapshot_new ();

      if (!parse_answer (kdcc_ceph_parse_status, partial, status, error)
          || !parse_answer (kdcc_ceph_parse_health_detail, partial, health, error)
          || !parse_answer (kdcc_ceph_parse_mgr_stat, partial, mgr_stat, error))
        return NULL;
      partial->fetched_at = snap->fetched_at;
      partial->partial = TRUE;
      light (partial, light_data);
    }
  if (early)
    _kdcc_rados_heavy_start_tree (self, conn, &h, cancellable);

  monmap_moved = self->mons == NULL || snap->monmap_epoch < 0
                 || snap->monmap_epoch != self->monmap_epoch;
  mgrmap_moved = self->mgr_standbys == NULL || mgrmap_epoch < 0
                 || mgrmap_epoch != self->mgrmap_epoch;
  osdmap_moved = snap->osdmap_epoch < 0 || snap->osdmap_epoch != self->heavy_osdmap_epoch;
  heavy = early || osdmap_moved
          || snap->pgs_total != self->heavy_pgs_total
          || snap->pools_total != self->heavy_pools_total;

  pgs_due = _kdcc_rados_pg_list_due (self, snap, force_heavy);
  fs_due = _kdcc_rados_fs_status_due (self, heavy);
  if (heavy && !early)
    {
      _kdcc_rados_heavy_start_tree (self, conn, &h, cancellable);
      _kdcc_rados_heavy_start_mgr (self, conn, mgr_ok, fs_due, &h, cancellable);
    }
  /* The PG list needs status' PG count to pick its command. */
  if (heavy && pgs_due && mgr_ok)
    _kdcc_rados_heavy_start_pgs (self, conn, snap->pgs_total, &h, cancellable);

  if (monmap_moved || force_heavy)
    {
      if (!fetch_into (self, conn, snap, "mon", "mon dump", kdcc_ceph_parse_mon_dump,
                       cancellable, error))
        return NULL;
      g_clear_pointer (&self->mons, g_ptr_array_unref);
      self->mons = copy_strv_array (snap->mons);
      self->monmap_epoch = snap->monmap_epoch;
    }
  else
    {
      g_clear_pointer (&snap->mons, g_ptr_array_unref);
      snap->mons = copy_strv_array (self->mons);
    }

  if (mgrmap_moved || force_heavy)
    {
      if (!fetch_keep (self, conn, snap, "mon", "mgr dump", kdcc_ceph_parse_mgr_dump, &mgr_dump,
                       cancellable, error))
        return NULL;
      g_clear_pointer (&self->mgr_standbys, g_ptr_array_unref);
      self->mgr_standbys = copy_strv_array (snap->mgr_standbys);
      self->mgrmap_epoch = mgrmap_epoch;
    }
  else
    {
      g_clear_pointer (&snap->mgr_standbys, g_ptr_array_unref);
      snap->mgr_standbys = copy_strv_array (self->mgr_standbys);
    }

  if (force_heavy || self->versions == NULL
      || self->versions_osdmap_epoch != snap->osdmap_epoch
      || self->versions_monmap_epoch != snap->monmap_epoch
      || self->versions_mgrmap_epoch != mgrmap_epoch)
    {
      if (!fetch_into (self, conn, snap, "mon", "versions", kdcc_ceph_parse_versions,
                       cancellable, error))
        return NULL;
      g_clear_pointer (&self->versions, g_ptr_array_unref);
      self->versions = copy_versions (snap->versions);
      self->versions_osdmap_epoch = snap->osdmap_epoch;
      self->versions_monmap_epoch = snap->monmap_epoch;
      self->versions_mgrmap_epoch = mgrmap_epoch;
    }
  else
    {
      g_clear_pointer (&snap->versions, g_ptr_array_unref);
      snap->versions = copy_versions (self->versions);
    }

  if (!_kdcc_rados_fetch_daemons (self, conn, snap, status, mgr_dump, force_heavy, heavy,
                                  cancellable, error))
    return NULL;

  if (!mgr_ok)
    {
      const char *reason = _("No mgr is available: the OSD usage, latency, per-pool IO "
                             "and PG figures come from the active mgr.");

      kdcc_snapshot_set_missing (snap, KDCC_MODEL_PART_OSD_USAGE, reason);
      kdcc_snapshot_set_missing (snap, KDCC_MODEL_PART_OSD_LATENCY, reason);
      kdcc_snapshot_set_missing (snap, KDCC_MODEL_PART_POOL_IO, reason);
      if (kdcc_source_get_wanted (source) & KDCC_MODEL_PART_PG_LIST)
        kdcc_snapshot_set_missing (snap, KDCC_MODEL_PART_PG_LIST, reason);
    }

  if (!heavy)
    {
      /* Totals and classes only; see above for why the pools stay NULL. */
      if (!fetch_into (self, conn, scratch, "mon", "df", kdcc_ceph_parse_df, cancellable, error))
        return NULL;
      snap->total_bytes = scratch->total_bytes;
      snap->used_bytes = scratch->used_bytes;
      snap->avail_bytes = scratch->avail_bytes;
      g_clear_pointer (&snap->classes, g_ptr_array_unref);
      snap->classes = g_steal_pointer (&scratch->classes);

      if (pgs_due && mgr_ok)
        {
          g_autoptr(GBytes) bytes = NULL;

          bytes = _kdcc_rados_command_run (self, conn, "mgr",
                                           _kdcc_rados_pg_list_command (snap->pgs_total),
                                           "pg ls", NULL, cancellable, error);
          if (bytes == NULL || !_kdcc_rados_take_pg_list (self, snap, bytes, error))
            return NULL;
        }
      if (fs_due && mgr_ok)
        {
          g_autoptr(GError) fs_error = NULL;
          g_autoptr(GBytes) bytes = NULL;

          bytes = _kdcc_rados_command_run (self, conn, "mgr",
                                           "{\"prefix\":\"fs status\",\"format\":\"json\"}",
                                           "fs status", NULL, cancellable, &fs_error);
          if (bytes != NULL)
            {
              if (!parse_answer (kdcc_ceph_parse_fs_status, self->drill, bytes, error))
                return NULL;
              self->fs_status_done = TRUE;
            }
          else if (g_error_matches (fs_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&fs_error));
              return NULL;
            }
          else
            {
              g_message ("Skipping fs status: %s", fs_error->message);
              kdcc_snapshot_set_missing (snap, KDCC_MODEL_PART_FILESYSTEMS, fs_error->message);
            }
        }
      self->full_fetches++;
      _kdcc_rados_attach_lists (self, snap);
      return g_steal_pointer (&snap);
    }

  usage_ok = mgr_ok;
  if (!_kdcc_rados_heavy_finish (self, conn, snap, mgrmap_epoch, &h, &usage_ok, cancellable, error))
    return NULL;
  if (snap->pgs == NULL && self->last_pgs != NULL)
    {
      /* The pools' PG states from the last PG list; it is not attached
       * again, the model keeps it. */
      snap->pgs = g_ptr_array_ref (self->last_pgs);
      kdcc_ceph_count_pool_pg_states (snap);
      g_clear_pointer (&snap->pgs, g_ptr_array_unref);
    }
  else
    kdcc_ceph_count_pool_pg_states (snap);

  /* A mgr that has only just started may answer before it has heard from
   * the OSDs, leaving some without figures: that is incomplete as well. */
  for (guint i = 0; usage_ok && snap->osds != NULL && i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      if (osd->up && !osd->has_usage)
        usage_ok = FALSE;
    }

  /* Remember the epochs only for a complete fetch, so missing OSD usage
   * is fetched again on the next refresh (e.g. once a mgr is back), and
   * not at all when the connection was dropped meanwhile. */
  if (_kdcc_rados_conn_is_current (self, conn) && usage_ok)
    {
      self->heavy_osdmap_epoch = snap->osdmap_epoch;
      self->heavy_pgs_total = snap->pgs_total;
      self->heavy_pools_total = snap->pools_total;
    }
  else
    self->heavy_osdmap_epoch = -1;

  self->full_fetches++;
  _kdcc_rados_attach_lists (self, snap);
  kdcc_snapshot_compute_digests (snap);
  return g_steal_pointer (&snap);
}

static KdccSnapshot *
kdcc_rados_source_fetch_snapshot (KdccSource    *source,
                                  gboolean       force_heavy,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  return fetch_full (KDCC_RADOS_SOURCE (source), force_heavy, NULL, NULL, cancellable, error);
}

static KdccSnapshot *
kdcc_rados_source_fetch_first (KdccSource        *source,
                               KdccSnapshotFunc   light,
                               gpointer           light_data,
                               GCancellable      *cancellable,
                               GError           **error)
{
  return fetch_full (KDCC_RADOS_SOURCE (source), TRUE, light, light_data, cancellable, error);
}

static GBytes *
kdcc_rados_source_run_command (KdccSource    *source,
                               const char    *target,
                               const char    *command_json,
                               char         **status,
                               GCancellable  *cancellable,
                               GError       **error)
{
  KdccRadosSource *self = KDCC_RADOS_SOURCE (source);
  g_autoptr(RadosConn) conn = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *prefix = NULL;

  g_return_val_if_fail (command_json != NULL, NULL);

  /* "osd.N" runs a daemon command (`ceph tell osd.N ...`), e.g. the
   * whole option table from `config help`. */
  if (g_strcmp0 (target, "mon") != 0 && g_strcmp0 (target, "mgr") != 0
      && !(target != NULL && g_str_has_prefix (target, "osd.") && target[4] != '\0'
           && strspn (target + 4, "0123456789") == strlen (target + 4)))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("Unknown command target \"%s\": use \"mon\", \"mgr\" or \"osd.N\""),
                   target != NULL ? target : "");
      return NULL;
    }

  /* The command's prefix names it in error messages. */
  root = kdcc_json_load ("command", command_json, -1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !kdcc_json_get_string (&(KdccJson) { "command", KDCC_JSON_LENIENT, NULL },
                                json_node_get_object (root), NULL, "prefix", TRUE, &prefix))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A Ceph command must be a JSON object with a \"prefix\": %s"),
                   command_json);
      return NULL;
    }

  conn = _kdcc_rados_acquire_conn (self, cancellable, error);
  if (conn == NULL)
    return NULL;
  return _kdcc_rados_command_run (self, conn, target, command_json, prefix, status, cancellable, error);
}

static KdccCapabilities
kdcc_rados_source_get_capabilities (KdccSource *source)
{
  return KDCC_CAPABILITY_MON_COMMANDS | KDCC_CAPABILITY_MGR_COMMANDS |
         KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
         KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
         KDCC_CAPABILITY_OSD_WRITE | KDCC_CAPABILITY_HEALTH_MUTE |
         KDCC_CAPABILITY_PG_DETAIL | KDCC_CAPABILITY_DIAGNOSTICS | KDCC_CAPABILITY_PG_SCRUB |
         KDCC_CAPABILITY_DASHBOARD_SSO;
}

static const char *
kdcc_rados_source_get_kind (KdccSource *source)
{
  return "rados";
}

static void
kdcc_rados_source_disconnect (KdccSource *source)
{
  KdccRadosSource *self = KDCC_RADOS_SOURCE (source);

  /* The lock is never held for long. A connection being made now is
   * dropped by the next call that asks for it; commands in flight keep
   * their reference. */
  g_mutex_lock (&self->lock);
  if (self->connecting)
    g_atomic_int_set (&self->disconnect_pending, TRUE);
  else
    _kdcc_rados_drop_conn_locked (self);
  g_mutex_unlock (&self->lock);
}

static void
kdcc_rados_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = kdcc_rados_source_get_kind;
  iface->get_capabilities = kdcc_rados_source_get_capabilities;
  iface->fetch_snapshot = kdcc_rados_source_fetch_snapshot;
  iface->fetch_first = kdcc_rados_source_fetch_first;
  iface->run_command = kdcc_rados_source_run_command;
  iface->disconnect = kdcc_rados_source_disconnect;
  iface->apply_operation = _kdcc_rados_apply_operation;
  iface->read_back = _kdcc_rados_read_back;
}

/* ------------------------------------------------------------------------
 * GObject */

static void
kdcc_rados_source_finalize (GObject *object)
{
  KdccRadosSource *self = (KdccRadosSource *) object;

  g_clear_pointer (&self->conn, _kdcc_rados_conn_unref);
  forget_caches (self);
  g_clear_error (&self->attempt_error);
  g_cond_clear (&self->attempt_done);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->snapshot_lock);
  g_free (self->conf_path);
  g_free (self->keyring_path);
  g_free (self->client_id);

  G_OBJECT_CLASS (kdcc_rados_source_parent_class)->finalize (object);
}

static void
kdcc_rados_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccRadosSource *self = KDCC_RADOS_SOURCE (object);

  switch (prop_id)
    {
    case PROP_CONF_PATH:
      g_value_set_string (value, self->conf_path);
      break;
    case PROP_KEYRING_PATH:
      g_value_set_string (value, self->keyring_path);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_rados_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdccRadosSource *self = KDCC_RADOS_SOURCE (object);

  switch (prop_id)
    {
    case PROP_CONF_PATH:
      self->conf_path = g_value_dup_string (value);
      break;
    case PROP_KEYRING_PATH:
      self->keyring_path = g_value_dup_string (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_rados_source_class_init (KdccRadosSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_rados_source_finalize;
  object_class->get_property = kdcc_rados_source_get_property;
  object_class->set_property = kdcc_rados_source_set_property;

  properties[PROP_CONF_PATH] =
    g_param_spec_string ("conf-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYRING_PATH] =
    g_param_spec_string ("keyring-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, "admin",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_rados_source_init (KdccRadosSource *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->attempt_done);
  g_mutex_init (&self->snapshot_lock);
  self->mgr_failed_epoch = -1;
  forget_caches (self);
}

KdccRadosSource *
kdcc_rados_source_new (const char *conf_path,
                       const char *keyring_path,
                       const char *client_id)
{
  return g_object_new (KDCC_TYPE_RADOS_SOURCE,
                       "conf-path", conf_path,
                       "keyring-path", keyring_path,
                       "client-id", client_id != NULL ? client_id : "admin",
                       NULL);
}

const char *
kdcc_rados_source_get_conf_path (KdccRadosSource *self)
{
  g_return_val_if_fail (KDCC_IS_RADOS_SOURCE (self), NULL);

  return self->conf_path;
}

const char *
kdcc_rados_source_get_keyring_path (KdccRadosSource *self)
{
  g_return_val_if_fail (KDCC_IS_RADOS_SOURCE (self), NULL);

  return self->keyring_path;
}

const char *
kdcc_rados_source_get_client_id (KdccRadosSource *self)
{
  g_return_val_if_fail (KDCC_IS_RADOS_SOURCE (self), NULL);

  return self->client_id;
}
