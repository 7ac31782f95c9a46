/* kdcc-rados-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <rados/librados.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-operation-apply.h"
#include "kdcc-rados-source.h"

/* One librados connection. Commands run on it concurrently (rados_t is
 * thread-safe); each user holds a reference, so the handle is shut down
 * only when the last one drops it and a disconnect or a reconnect while
 * another thread is mid-command never leaves that thread with a shut-down
 * handle. */
typedef struct
{
  gatomicrefcount ref;
  rados_t         cluster;
  guint64         serial;   /* distinguishes successive connections */
} RadosConn;

static RadosConn *
rados_conn_ref (RadosConn *conn)
{
  g_atomic_ref_count_inc (&conn->ref);
  return conn;
}

static void
rados_conn_unref (RadosConn *conn)
{
  if (g_atomic_ref_count_dec (&conn->ref))
    {
      g_debug ("Shutting the librados handle down");
      /* This also makes librados forget mgr commands still in flight, so a
       * late answer cannot land in a caller's dead stack frame (see
       * command_run). */
      rados_shutdown (conn->cluster);
      g_free (conn);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RadosConn, rados_conn_unref)

struct _KdccRadosSource
{
  GObject    parent_instance;

  char      *conf_path;
  char      *keyring_path;
  char      *client_id;

  /* Guards conn and next_serial only, and is never held during a
   * command; it is held while connecting, so that concurrent first calls
   * make one connection rather than many. */
  GMutex     lock;
  RadosConn *conn;                /* (nullable) the current connection */
  guint64    next_serial;
  gint       disconnect_pending;  /* atomic; set by disconnect() while connecting */

  /* Serializes snapshot refreshes and guards every field below; commands
   * run through run_command never take it. */
  GMutex     snapshot_lock;
  /* The connection the caches below were filled on: a reconnect may reach
   * a different cluster state (or cluster), so they are dropped then and
   * the next snapshot carries full maps. 0: none. */
  guint64    cache_serial;

  /* What the last snapshots fetched, so unchanged maps are not fetched
   * again. -1 means "never". */
  gint64     monmap_epoch;
  gint64     mgrmap_epoch;
  gint64     heavy_osdmap_epoch;
  gint64     heavy_pgs_total;
  gint64     heavy_pools_total;
  gint64     versions_osdmap_epoch;
  gint64     versions_monmap_epoch;
  gint64     versions_mgrmap_epoch;
  /* The mgr map epoch under which a mgr command last failed; mgr commands
   * are not tried again until the map moves (see fetch_snapshot). */
  gint64     mgr_failed_epoch;
  GPtrArray *mons;                /* (element-type utf8) (nullable) */
  GPtrArray *mgr_standbys;        /* (element-type utf8) (nullable) */
  GPtrArray *versions;            /* (element-type KdccVersionData) (nullable) */
};

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
 * Connection */

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
  g_clear_pointer (&self->mons, g_ptr_array_unref);
  g_clear_pointer (&self->mgr_standbys, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
}

/* Drops the current connection; threads still using it keep it until they
 * are done. Called with the lock held. */
static void
drop_conn_locked (KdccRadosSource *self)
{
  g_atomic_int_set (&self->disconnect_pending, FALSE);
  g_clear_pointer (&self->conn, rados_conn_unref);
}

/* Drops CONN if it is still the current connection: after a failure on it,
 * new calls must reconnect, but a connection made meanwhile by another
 * thread must stay. */
static void
retire_conn (KdccRadosSource *self,
             RadosConn       *conn)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->conn == conn)
    drop_conn_locked (self);
}

static gboolean
conn_is_current (KdccRadosSource *self,
                 RadosConn       *conn)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->conn == conn && !g_atomic_int_get (&self->disconnect_pending);
}

static gboolean
check_readable (const char  *path,
                int         *errsv)
{
  int fd = g_open (path, O_RDONLY, 0);

  if (fd < 0)
    {
      *errsv = errno;
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
set_keyring_error (GError     **error,
                   const char  *keyring,
                   int          errsv)
{
  if (keyring != NULL && *keyring != '\0')
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH, _("Cannot read the keyring %s: %s"),
                 keyring, g_strerror (errsv));
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH, _("Cannot read the keyring: %s"),
                 g_strerror (errsv));
}

/* Maps a librados -errno from connecting or from a command to a KDCC_ERROR.
 * Returns TRUE when the error means the connection is gone or unusable,
 * so the handle must be shut down. */
static gboolean
set_rados_error (GError     **error,
                 int          ret,
                 const char  *target,
                 const char  *command,
                 const char  *status)
{
  int errsv = -ret;
  gboolean is_mgr = g_strcmp0 (target, "mgr") == 0;

  switch (errsv)
    {
    case ETIMEDOUT:
      if (is_mgr && command != NULL)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                     _("The cluster's manager (mgr) did not answer \"%s\" within %d s: "
                       "is a mgr running?"), command, KDCC_RADOS_TIMEOUT_S);
      else if (is_mgr)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                     _("The cluster's manager (mgr) did not answer within %d s"),
                     KDCC_RADOS_TIMEOUT_S);
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                     _("The cluster's monitors did not answer within %d s"),
                     KDCC_RADOS_TIMEOUT_S);
      /* A silent mgr does not make the mon connection bad, but see
       * command_run for why the handle is retired all the same. */
      return !is_mgr;

    case EACCES:
    case EPERM:
      if (command == NULL)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                     _("The cluster refused the key: %s"), g_strerror (errsv));
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                     _("The cluster did not allow the command \"%s\": %s"), command,
                     status != NULL && *status != '\0' ? status : g_strerror (errsv));
      return command == NULL;

    case ENOTCONN:
    case ESHUTDOWN:
    case ECONNREFUSED:
    case ECONNRESET:
    case EHOSTUNREACH:
    case ENETUNREACH:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT, _("Cannot connect to the cluster: %s"),
                   g_strerror (errsv));
      return TRUE;

    default:
      if (command == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                       _("Cannot connect to the cluster: %s"), g_strerror (errsv));
          return TRUE;
        }
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("The command \"%s\" failed: %s"),
                   command, status != NULL && *status != '\0' ? status : g_strerror (errsv));
      return FALSE;
    }
}

/* Returns a reference to the current connection, connecting first when
 * there is none, or NULL with ERROR set. */
static RadosConn *
acquire_conn (KdccRadosSource  *self,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *name = NULL;
  g_autofree char *timeout = NULL;
  const char *timeout_options[] = {
    "client_mount_timeout", "rados_mon_op_timeout", "rados_osd_op_timeout",
  };
  rados_t cluster = NULL;
  RadosConn *conn;
  int errsv = 0;
  int ret;

  if (g_atomic_int_get (&self->disconnect_pending))
    drop_conn_locked (self);
  if (self->conn != NULL)
    return rados_conn_ref (self->conn);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Check the files ourselves: librados' own errors do not say which
   * file is missing. */
  if (self->conf_path != NULL && !check_readable (self->conf_path, &errsv))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                   _("Cannot read the configuration file %s: %s"), self->conf_path,
                   g_strerror (errsv));
      return NULL;
    }
  if (self->keyring_path != NULL && !check_readable (self->keyring_path, &errsv))
    {
      set_keyring_error (error, self->keyring_path, errsv);
      return NULL;
    }

  name = g_strdup_printf ("client.%s", self->client_id != NULL ? self->client_id : "admin");
  ret = rados_create2 (&cluster, "ceph", name, 0);
  if (ret < 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot create a cluster handle for %s: %s"), name, g_strerror (-ret));
      return NULL;
    }

  ret = rados_conf_read_file (cluster, self->conf_path);
  if (ret < 0)
    {
      if (self->conf_path != NULL)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                     _("Cannot read the configuration file %s: %s"), self->conf_path,
                     g_strerror (-ret));
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                     _("Cannot read the Ceph configuration: %s"), g_strerror (-ret));
      rados_shutdown (cluster);
      return NULL;
    }

  if (self->keyring_path != NULL)
    rados_conf_set (cluster, "keyring", self->keyring_path);

  /* librados waits 300 s for a dead monitor by default. */
  timeout = g_strdup_printf ("%d", KDCC_RADOS_TIMEOUT_S);
  for (guint i = 0; i < G_N_ELEMENTS (timeout_options); i++)
    {
      ret = rados_conf_set (cluster, timeout_options[i], timeout);
      if (ret < 0)
        g_warning ("Cannot set %s: %s", timeout_options[i], g_strerror (-ret));
    }

  g_debug ("Connecting as %s with %s", name, self->conf_path ? self->conf_path : "(default conf)");
  ret = rados_connect (cluster);
  if (ret < 0)
    {
      if (ret == -ENOENT)
        {
          char keyring[1024] = "";

          /* Without a keyring path of our own, ask librados which file the
           * conf pointed it at. */
          if (self->keyring_path == NULL)
            rados_conf_get (cluster, "keyring", keyring, sizeof keyring);
          set_keyring_error (error, self->keyring_path ? self->keyring_path : keyring, ENOENT);
        }
      else
        set_rados_error (error, ret, "mon", NULL, NULL);
      rados_shutdown (cluster);
      return NULL;
    }

  conn = g_new0 (RadosConn, 1);
  g_atomic_ref_count_init (&conn->ref);
  conn->cluster = cluster;
  conn->serial = ++self->next_serial;
  self->conn = conn;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return rados_conn_ref (conn);
}

/* Runs one command on CONN, without any lock held, so commands from
 * several threads run concurrently. Returns the output, or NULL with ERROR
 * set (and CONN retired when the connection is at fault). */
static GBytes *
command_run (KdccRadosSource  *self,
             RadosConn        *conn,
             const char       *target,
             const char       *command_json,
             const char       *label,
             char            **status_out,
             GCancellable     *cancellable,
             GError          **error)
{
  gboolean is_mgr = g_str_equal (target, "mgr");
  gboolean is_osd = g_str_has_prefix (target, "osd.");
  const char *cmd[] = { command_json };
  char *outbuf = NULL;
  char *outs = NULL;
  size_t outbuf_len = 0;
  size_t outs_len = 0;
  g_autofree char *status = NULL;
  GBytes *bytes;
  int ret;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (is_mgr)
    ret = rados_mgr_command (conn->cluster, cmd, 1, "", 0, &outbuf, &outbuf_len, &outs, &outs_len);
  else if (is_osd)
    ret = rados_osd_command (conn->cluster, atoi (target + 4), cmd, 1, "", 0, &outbuf,
                             &outbuf_len, &outs, &outs_len);
  else
    ret = rados_mon_command (conn->cluster, cmd, 1, "", 0, &outbuf, &outbuf_len, &outs, &outs_len);

  /* librados 16.2.15 (RadosClient::mgr_command, C_SaferCond::wait_for)
   * returns a POSITIVE ETIMEDOUT with empty output when the mgr does not
   * answer within rados_mon_op_timeout; taken at face value that is a
   * success with an empty answer. */
  if (ret == ETIMEDOUT)
    ret = -ETIMEDOUT;
  else if (ret > 0)
    ret = -EIO;

  /* Ceph's status string is often empty; hand out "" rather than NULL. */
  status = g_strndup (outs != NULL ? outs : "", outs != NULL ? outs_len : 0);
  bytes = g_bytes_new (outbuf, outbuf != NULL ? outbuf_len : 0);
  if (outbuf != NULL)
    rados_buffer_free (outbuf);
  if (outs != NULL)
    rados_buffer_free (outs);

  if (ret < 0)
    {
      g_bytes_unref (bytes);
      /* A failing mgr says nothing about the mon session, which the
       * handle lives on; but a timed-out mgr command stays in librados'
       * command table pointing at rados_mgr_command's dead stack frame,
       * and in 16.2.15 the process crashes when the mgr answers late
       * (ceph PR 57439, tracker 65985). Retiring the handle gets it shut
       * down as soon as the commands still running on it finish, and
       * rados_shutdown forgets the pending command. */
      if ((set_rados_error (error, ret, target, label, status) && !is_mgr && !is_osd)
          || (is_mgr && ret == -ETIMEDOUT))
        retire_conn (self, conn);
      return NULL;
    }

  /* The answer came, but nobody wants it any more. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_bytes_unref (bytes);
      return NULL;
    }

  if (status_out != NULL)
    *status_out = g_steal_pointer (&status);
  return bytes;
}

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

/* Runs the command LABEL (e.g. "osd tree") with "format":"json" and parses
 * its output into SNAP. */
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

  bytes = command_run (self, conn, target, json, label, NULL, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
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
 * - mon dump when the monmap epoch moves, mgr dump (large on Pacific: it
 *   lists every module's options) when the mgr stat epoch moves, versions
 *   when any of the three map epochs moves (a daemon restarting on a new
 *   version changes one of them); their last results are cached and copied
 *   into every snapshot, because those lists are never "not fetched".
 * - df every time: it is cheap, and capacity changes without any epoch
 *   moving. Its per-pool usage is only kept when the pools are fetched
 *   too, since a pool list made of df alone would lack size, type and
 *   applications.
 * - osd tree, osd pool ls detail and osd df (heavy: megabytes at 10,000
 *   OSDs) when the osdmap epoch or the PG or pool count moved, or when
 *   forced; the monitor forces them every 60 s, which also bounds how old
 *   osd df's usage figures and the pools' usage can get. osd df is a mgr
 *   command and is skipped while no mgr is available (the OSDs then have
 *   has_usage FALSE) rather than waiting for the timeout. */
static KdccSnapshot *
kdcc_rados_source_fetch_snapshot (KdccSource    *source,
                                  gboolean       force_heavy,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  KdccRadosSource *self = KDCC_RADOS_SOURCE (source);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->snapshot_lock);
  g_autoptr(RadosConn) conn = NULL;
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) scratch = kdcc_snapshot_new ();
  g_autoptr(GBytes) mgr_stat = NULL;
  g_autoptr(GError) mgr_error = NULL;
  gboolean monmap_moved, mgrmap_moved, osdmap_moved, heavy, usage_ok;
  gint64 mgrmap_epoch;
  const char *data;
  gsize len = 0;

  conn = acquire_conn (self, cancellable, error);
  if (conn == NULL)
    return NULL;
  if (conn->serial != self->cache_serial)
    {
      forget_caches (self);
      self->cache_serial = conn->serial;
    }

  if (!fetch_into (self, conn, snap, "mon", "status", kdcc_ceph_parse_status, cancellable,
                   error)
      || !fetch_into (self, conn, snap, "mon", "health detail", kdcc_ceph_parse_health_detail,
                      cancellable, error))
    return NULL;

  mgr_stat = command_run (self, conn, "mon", "{\"prefix\":\"mgr stat\",\"format\":\"json\"}",
                          "mgr stat", NULL, cancellable, error);
  if (mgr_stat == NULL)
    return NULL;
  data = g_bytes_get_data (mgr_stat, &len);
  if (!kdcc_ceph_parse_mgr_stat (snap, data, len, error))
    return NULL;
  mgrmap_epoch = kdcc_ceph_parse_epoch (data, len);

  monmap_moved = self->mons == NULL || snap->monmap_epoch < 0
                 || snap->monmap_epoch != self->monmap_epoch;
  mgrmap_moved = self->mgr_standbys == NULL || mgrmap_epoch < 0
                 || mgrmap_epoch != self->mgrmap_epoch;
  osdmap_moved = snap->osdmap_epoch < 0 || snap->osdmap_epoch != self->heavy_osdmap_epoch;

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
      if (!fetch_into (self, conn, snap, "mon", "mgr dump", kdcc_ceph_parse_mgr_dump,
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

  heavy = force_heavy || osdmap_moved
          || snap->pgs_total != self->heavy_pgs_total
          || snap->pools_total != self->heavy_pools_total;

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
      return g_steal_pointer (&snap);
    }

  if (!fetch_into (self, conn, snap, "mon", "osd tree", kdcc_ceph_parse_osd_tree, cancellable,
                   error)
      || !fetch_into (self, conn, snap, "mon", "osd pool ls detail",
                      kdcc_ceph_parse_osd_pool_ls_detail, cancellable, error)
      || !fetch_into (self, conn, snap, "mon", "df", kdcc_ceph_parse_df, cancellable, error))
    return NULL;

  /* Without a mgr the request would only sit until the timeout. A mgr
   * that just died stays "available" in the map until the mon notices
   * (mgr_beacon_grace, 30 s): after one failure, wait for the map to move
   * instead of paying the timeout on every refresh. */
  usage_ok = snap->mgr_active != NULL
             && (mgrmap_epoch < 0 || mgrmap_epoch != self->mgr_failed_epoch);
  if (usage_ok && !fetch_into (self, conn, snap, "mgr", "osd df", kdcc_ceph_parse_osd_df,
                               cancellable, &mgr_error))
    {
      if (g_error_matches (mgr_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&mgr_error));
          return NULL;
        }
      /* The snapshot is still good without usage figures. */
      g_message ("Skipping OSD usage: %s", mgr_error->message);
      self->mgr_failed_epoch = mgrmap_epoch;
      usage_ok = FALSE;
    }

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
  if (conn_is_current (self, conn) && usage_ok)
    {
      self->heavy_osdmap_epoch = snap->osdmap_epoch;
      self->heavy_pgs_total = snap->pgs_total;
      self->heavy_pools_total = snap->pools_total;
    }
  else
    self->heavy_osdmap_epoch = -1;

  return g_steal_pointer (&snap);
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

  conn = acquire_conn (self, cancellable, error);
  if (conn == NULL)
    return NULL;
  return command_run (self, conn, target, command_json, prefix, status, cancellable, error);
}

static KdccCapabilities
kdcc_rados_source_get_capabilities (KdccSource *source)
{
  return KDCC_CAPABILITY_MON_COMMANDS | KDCC_CAPABILITY_MGR_COMMANDS |
         KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
         KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
         KDCC_CAPABILITY_OSD_WRITE | KDCC_CAPABILITY_HEALTH_MUTE |
         KDCC_CAPABILITY_PG_DETAIL | KDCC_CAPABILITY_DIAGNOSTICS;
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

  /* This may be called from the main thread while a worker is connecting
   * (up to the timeout) with the lock held: never block here, let that
   * worker drop the handle. Commands in flight keep their reference. */
  if (g_mutex_trylock (&self->lock))
    {
      drop_conn_locked (self);
      g_mutex_unlock (&self->lock);
    }
  else
    g_atomic_int_set (&self->disconnect_pending, TRUE);
}

static void
kdcc_rados_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = kdcc_rados_source_get_kind;
  iface->get_capabilities = kdcc_rados_source_get_capabilities;
  iface->fetch_snapshot = kdcc_rados_source_fetch_snapshot;
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

  g_clear_pointer (&self->conn, rados_conn_unref);
  forget_caches (self);
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
