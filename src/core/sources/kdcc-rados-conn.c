/* kdcc-rados-conn.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The librados connection of KdccRadosSource: connecting, sharing one handle
 * between threads, running mon and mgr commands and turning librados'
 * errors into words.
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kdcc-error.h"
#include "kdcc-rados-source-private.h"

/* librados handles of the process not shut down yet. Each runs threads
 * (messengers, timers) that use OpenSSL; one still connecting or talking
 * when the process exits crashes it, as exit() runs OpenSSL's clean-up
 * under them (seen as a SEGV in EVP_CipherInit_ex during ProtocolV2's
 * auth at a test's exit). */
static gint handles_open;

static void
shutdown_handle (rados_t cluster)
{
  int n_open;

  rados_shutdown (cluster);
  n_open = g_atomic_int_add (&handles_open, -1) - 1;
  g_debug ("librados handle %p shut down, %d open", cluster, n_open);
}

guint
kdcc_rados_source_get_open_handles (void)
{
  return (guint) g_atomic_int_get (&handles_open);
}

gboolean
kdcc_rados_source_wait_closed (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (kdcc_rados_source_get_open_handles () > 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);

  return kdcc_rados_source_get_open_handles () == 0;
}

RadosConn *
_kdcc_rados_conn_ref (RadosConn *conn)
{
  g_atomic_ref_count_inc (&conn->ref);
  return conn;
}

void
_kdcc_rados_conn_unref (RadosConn *conn)
{
  if (g_atomic_ref_count_dec (&conn->ref))
    {
      g_debug ("Shutting the librados handle down");
      /* This also makes librados forget mgr commands still in flight, so a
       * late answer cannot land in a caller's dead stack frame (see
       * _kdcc_rados_command_run). */
      shutdown_handle (conn->cluster);
      g_free (conn);
    }
}

/* Drops the current connection; threads still using it keep it until they
 * are done. Called with the lock held. */
void
_kdcc_rados_drop_conn_locked (KdccRadosSource *self)
{
  g_atomic_int_set (&self->disconnect_pending, FALSE);
  g_clear_pointer (&self->conn, _kdcc_rados_conn_unref);
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
    _kdcc_rados_drop_conn_locked (self);
}

gboolean
_kdcc_rados_conn_is_current (KdccRadosSource *self,
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
       * _kdcc_rados_command_run for why the handle is retired all the same. */
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

/* Creates a handle and connects it, with no lock held; returns it, or
 * NULL with ERROR set. */
static rados_t
connect_handle (KdccRadosSource  *self,
                GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *timeout = NULL;
  const char *timeout_options[] = {
    "client_mount_timeout", "rados_mon_op_timeout", "rados_osd_op_timeout",
  };
  rados_t cluster = NULL;
  int errsv = 0;
  int n_open;
  int ret;

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
  n_open = g_atomic_int_add (&handles_open, 1) + 1;
  g_debug ("librados handle %p created, %d open", cluster, n_open);

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
      shutdown_handle (cluster);
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
      shutdown_handle (cluster);
      return NULL;
    }
  return cluster;
}

/* A reference to the current connection, or NULL. Called with the lock
 * held. */
static RadosConn *
current_conn_locked (KdccRadosSource *self)
{
  if (g_atomic_int_get (&self->disconnect_pending))
    _kdcc_rados_drop_conn_locked (self);
  return self->conn != NULL ? _kdcc_rados_conn_ref (self->conn) : NULL;
}

/* Returns a reference to the current connection, connecting first when
 * there is none, or NULL with ERROR set. A call that finds another one
 * connecting waits for that attempt (bounded by client_mount_timeout) and
 * takes its connection or its error. */
RadosConn *
_kdcc_rados_acquire_conn (KdccRadosSource  *self,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  RadosConn *conn;
  rados_t cluster;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      guint awaited;

      conn = current_conn_locked (self);
      if (conn != NULL || !self->connecting)
        break;
      awaited = self->attempts_finished;
      while (self->attempts_finished == awaited)
        g_cond_wait (&self->attempt_done, &self->lock);
      /* The attempt waited for failed, and none has ended since. */
      if (self->attempts_finished == awaited + 1 && self->attempt_error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->attempt_error));
          g_mutex_unlock (&self->lock);
          return NULL;
        }
    }
  if (conn != NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_mutex_unlock (&self->lock);
      return conn;
    }
  self->connecting = TRUE;
  self->attempts_started++;
  g_mutex_unlock (&self->lock);

  cluster = connect_handle (self, &local_error);

  g_mutex_lock (&self->lock);
  self->connecting = FALSE;
  self->attempts_finished++;
  g_clear_error (&self->attempt_error);
  if (cluster != NULL)
    {
      conn = g_new0 (RadosConn, 1);
      g_atomic_ref_count_init (&conn->ref);
      conn->cluster = cluster;
      conn->serial = ++self->next_serial;
      self->conn = conn;
      conn = _kdcc_rados_conn_ref (conn);
    }
  else
    {
      self->attempt_error = g_error_copy (local_error);
      /* Nothing was made that a disconnect meanwhile would drop. */
      g_atomic_int_set (&self->disconnect_pending, FALSE);
    }
  g_cond_broadcast (&self->attempt_done);
  g_mutex_unlock (&self->lock);

  if (conn == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _kdcc_rados_conn_unref (conn);
      return NULL;
    }
  return conn;
}

guint
kdcc_rados_source_get_connect_attempts (KdccRadosSource *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (KDCC_IS_RADOS_SOURCE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return self->attempts_started;
}

/* Runs one command on CONN, without any lock held, so commands from
 * several threads run concurrently. Returns the output, or NULL with ERROR
 * set (and CONN retired when the connection is at fault). */
GBytes *
_kdcc_rados_command_run (KdccRadosSource  *self,
             RadosConn        *conn,
             const char       *target,
             const char       *command_json,
             const char       *label,
             char            **status_out,
             GCancellable     *cancellable,
             GError          **error)
{
  return _kdcc_rados_command_run_input (self, conn, target, command_json, NULL, 0, label,
                                        status_out, cancellable, error);
}

GBytes *
_kdcc_rados_command_run_input (KdccRadosSource  *self,
                               RadosConn        *conn,
                               const char       *target,
                               const char       *command_json,
                               const char       *inbuf,
                               gsize             inbuf_len,
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
  int in_flight;
  int ret;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  in_flight = g_atomic_int_add (&self->commands_in_flight, 1) + 1;
  for (int max = g_atomic_int_get (&self->max_commands_in_flight);
       in_flight > max && !g_atomic_int_compare_and_exchange (&self->max_commands_in_flight,
                                                                max, in_flight);
       max = g_atomic_int_get (&self->max_commands_in_flight))
    ;
  if (is_mgr)
    ret = rados_mgr_command (conn->cluster, cmd, 1, inbuf != NULL ? inbuf : "", inbuf_len,
                             &outbuf, &outbuf_len, &outs, &outs_len);
  else if (is_osd)
    ret = rados_osd_command (conn->cluster, atoi (target + 4), cmd, 1, "", 0, &outbuf,
                             &outbuf_len, &outs, &outs_len);
  else
    ret = rados_mon_command (conn->cluster, cmd, 1, inbuf != NULL ? inbuf : "", inbuf_len,
                             &outbuf, &outbuf_len, &outs, &outs_len);
  g_atomic_int_add (&self->commands_in_flight, -1);

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
  /* The answer stays in librados' buffer (megabytes at 10,000 OSDs): no
   * copy. */
  if (outbuf != NULL)
    bytes = g_bytes_new_with_free_func (outbuf, outbuf_len, (GDestroyNotify) rados_buffer_free,
                                        outbuf);
  else
    bytes = g_bytes_new (NULL, 0);
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
