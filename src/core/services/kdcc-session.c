/* kdcc-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-session.h"

/* The connection flow in one place.
 *
 * Creation runs on the main thread as a chain of callbacks: (the password
 * from the Secret Service) → the source (built on the main thread: it only
 * stores its settings, the first connection happens in the fetch) → the
 * session object → (the first snapshot, fetched on a worker by the source's
 * own _async wrapper and applied here, on the thread that asked).
 *
 * The session exists before the first fetch, so a failed or cancelled
 * creation closes it like any other: the source is disconnected on the
 * main thread, not whenever a worker happens to drop the last reference.
 * The failed creation keeps the session in its task data so a certificate
 * the user may want to trust can still be read from its source. */

struct _KdccSession
{
  GObject           parent_instance;

  /* Owned references */
  KdccProfile      *profile;
  KdccSource       *source;
  KdccCluster      *cluster;
  KdccMonitor      *monitor;
  GPtrArray        *errors;

  KdccCapabilities  capabilities;
  gulong            refresh_done_id;
  guint             closed : 1;
};

G_DEFINE_FINAL_TYPE (KdccSession, kdcc_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_SOURCE,
  PROP_CLUSTER,
  PROP_MONITOR,
  PROP_CAPABILITIES,
  PROP_CLOSED,
  N_PROPS
};

enum {
  ERROR_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Refresh errors ---------------------------------------------------------------- */

static void
add_error (KdccSession *self,
           const char  *message)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  char *line;

  /* One line per error: Ceph's own messages may carry line breaks, and the
   * history ends up one per line in the diagnostic bundle. */
  line = g_strdup_printf ("%s %s", stamp, message);
  g_strdelimit (line, "\r\n", ' ');
  g_strchomp (line);

  if (self->errors->len >= KDCC_SESSION_MAX_ERRORS)
    g_ptr_array_remove_index (self->errors, 0);
  g_ptr_array_add (self->errors, line);

  g_signal_emit (self, signals[ERROR_ADDED], 0, line);
}

static void
refresh_done_cb (KdccSession  *self,
                 const GError *error,
                 KdccMonitor  *monitor)
{
  /* A stopped monitor drops its cancelled fetch before it would say so;
   * a cancellation is never a refresh error. */
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  add_error (self, error->message);
}

/* GObject ---------------------------------------------------------------- */

static void
kdcc_session_constructed (GObject *object)
{
  KdccSession *self = (KdccSession *) object;
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (kdcc_session_parent_class)->constructed (object);

  g_return_if_fail (KDCC_IS_PROFILE (self->profile));
  g_return_if_fail (KDCC_IS_SOURCE (self->source));

  name = kdcc_profile_dup_display_name (self->profile);
  self->cluster = kdcc_cluster_new (name);
  self->monitor = kdcc_monitor_new (self->source, self->cluster);
  self->capabilities = kdcc_source_get_capabilities (self->source);
  self->refresh_done_id = g_signal_connect_swapped (self->monitor, "refresh-done",
                                                    G_CALLBACK (refresh_done_cb), self);
}

static void
kdcc_session_dispose (GObject *object)
{
  KdccSession *self = (KdccSession *) object;

  kdcc_session_close (self);

  G_OBJECT_CLASS (kdcc_session_parent_class)->dispose (object);
}

static void
kdcc_session_finalize (GObject *object)
{
  KdccSession *self = (KdccSession *) object;

  g_clear_object (&self->monitor);
  g_clear_object (&self->cluster);
  g_clear_object (&self->source);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_session_parent_class)->finalize (object);
}

static void
kdcc_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdccSession *self = KDCC_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_CLUSTER:
      g_value_set_object (value, self->cluster);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_CAPABILITIES:
      g_value_set_flags (value, self->capabilities);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_session_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdccSession *self = KDCC_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_session_class_init (KdccSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kdcc_session_constructed;
  object_class->dispose = kdcc_session_dispose;
  object_class->finalize = kdcc_session_finalize;
  object_class->get_property = kdcc_session_get_property;
  object_class->set_property = kdcc_session_set_property;

  /* Construct-only: a session is one connection for its whole life; a
   * different profile or source is a different session. */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, KDCC_TYPE_PROFILE, construct);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, KDCC_TYPE_SOURCE, construct);
  properties[PROP_CLUSTER] =
    g_param_spec_object ("cluster", NULL, NULL, KDCC_TYPE_CLUSTER, ro);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, KDCC_TYPE_MONITOR, ro);
  properties[PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL, KDCC_TYPE_CAPABILITIES,
                        KDCC_CAPABILITY_NONE, ro);
  properties[PROP_CLOSED] = g_param_spec_boolean ("closed", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR_ADDED] =
    g_signal_new ("error-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
kdcc_session_init (KdccSession *self)
{
  self->errors = g_ptr_array_new_null_terminated (KDCC_SESSION_MAX_ERRORS, g_free, TRUE);
}

/* Creation ---------------------------------------------------------------- */

typedef struct
{
  KdccProfile      *profile;
  char             *password;
  KdccSecretStore  *secret_store;
  KdccSessionFlags  flags;
  KdccSession      *session;
  GSource          *cancelled_source;  /* while the first fetch runs */
  gboolean          returned;
  gboolean          tls_failed;
} CreateData;

static void
create_data_free (CreateData *data)
{
  if (data->cancelled_source != NULL)
    g_source_destroy (data->cancelled_source);
  g_clear_pointer (&data->cancelled_source, g_source_unref);
  g_clear_object (&data->profile);
  g_clear_pointer (&data->password, kdcc_secret_store_free_password);
  g_clear_object (&data->secret_store);
  g_clear_object (&data->session);
  g_free (data);
}

/* Ends a failed creation: the session made so far is closed here, on the
 * caller's thread, and kept only for kdcc_session_new_dup_peer_fingerprint(). */
static void
create_fail (GTask  *task,
             GError *error)
{
  CreateData *data = g_task_get_task_data (task);

  if (data->session != NULL)
    kdcc_session_close (data->session);
  data->tls_failed = g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TLS);
  data->returned = TRUE;
  g_task_return_error (task, error);
}

/* librados cannot be interrupted while it looks for a mon (up to the
 * source's connect timeout), so a cancelled creation does not wait for the
 * fetch: it ends here, and the fetch's late result is dropped. */
static gboolean
first_fetch_cancelled_cb (GCancellable *cancellable,
                          gpointer      user_data)
{
  GTask *task = user_data;
  CreateData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->cancelled_source, g_source_unref);
  if (!data->returned)
    {
      data->returned = TRUE;
      kdcc_session_close (data->session);
      g_task_return_error_if_cancelled (task);
    }
  return G_SOURCE_REMOVE;
}

static void
first_fetch_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(KdccSnapshot) snapshot = NULL;
  GError *error = NULL;

  snapshot = kdcc_source_fetch_snapshot_finish (KDCC_SOURCE (object), result, &error);

  if (data->cancelled_source != NULL)
    {
      g_source_destroy (data->cancelled_source);
      g_clear_pointer (&data->cancelled_source, g_source_unref);
    }

  /* Cancelled while the fetch ran: whatever it brought belongs to nobody. */
  if (data->returned || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_error (&error);
      first_fetch_cancelled_cb (NULL, task);
      return;
    }

  if (snapshot == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_FAILED,
                             _("The cluster returned no data"));
      create_fail (task, error);
      return;
    }

  kdcc_cluster_apply_snapshot (data->session->cluster, snapshot);
  data->returned = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&data->session), g_object_unref);
}

static void
create_source (GTask *task)
{
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(KdccSource) source = NULL;
  GError *error = NULL;

  source = kdcc_profile_create_source (data->profile, data->password, &error);
  /* The source has its own copy; ours is not needed any more. */
  g_clear_pointer (&data->password, kdcc_secret_store_free_password);
  if (source == NULL)
    {
      create_fail (task, error);
      return;
    }

  data->session = kdcc_session_new_for_source (data->profile, source);

  if (data->flags & KDCC_SESSION_FLAGS_NO_FIRST_FETCH)
    {
      data->returned = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&data->session), g_object_unref);
      return;
    }

  if (g_task_get_cancellable (task) != NULL)
    {
      data->cancelled_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_task_attach_source (task, data->cancelled_source,
                            (GSourceFunc) (void (*) (void)) first_fetch_cancelled_cb);
    }

  /* Every map: a new session has no earlier epochs to compare with. */
  kdcc_source_fetch_snapshot_async (source, TRUE, g_task_get_cancellable (task),
                                    first_fetch_cb, g_object_ref (task));
}

static void
password_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  data->password = kdcc_secret_store_lookup_finish (KDCC_SECRET_STORE (object), result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->password != NULL)
    {
      create_source (task);
      return;
    }

  /* Either way the user's way out is to give the password again, so both
   * are authentication errors. */
  name = kdcc_profile_dup_display_name (data->profile);
  if (error != NULL)
    g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_AUTH,
                             _("The password for %s could not be read from the keyring: %s"),
                             name, error->message);
  else
    g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_AUTH,
                             _("No password is stored for %s"), name);
}

void
kdcc_session_new_async (KdccProfile         *profile,
                        const char          *password,
                        KdccSecretStore     *secret_store,
                        KdccSessionFlags     flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (KDCC_IS_PROFILE (profile));
  g_return_if_fail (secret_store == NULL || KDCC_IS_SECRET_STORE (secret_store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_session_new_async);

  data = g_new0 (CreateData, 1);
  data->profile = g_object_ref (profile);
  data->password = g_strdup (password);
  data->flags = flags;
  if (secret_store != NULL)
    data->secret_store = g_object_ref (secret_store);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD && password == NULL)
    {
      if (data->secret_store == NULL)
        data->secret_store = kdcc_secret_store_new ();
      kdcc_secret_store_lookup_async (data->secret_store, profile, cancellable,
                                      password_lookup_cb, g_steal_pointer (&task));
      return;
    }

  create_source (task);
}

KdccSession *
kdcc_session_new_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdcc_session_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
kdcc_session_new_dup_peer_fingerprint (GAsyncResult *result)
{
  CreateData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdcc_session_new_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (!data->tls_failed || data->session == NULL
      || !KDCC_IS_DASHBOARD_SOURCE (data->session->source))
    return NULL;

  return kdcc_dashboard_source_get_peer_fingerprint (KDCC_DASHBOARD_SOURCE (data->session->source));
}

KdccSession *
kdcc_session_new_for_source (KdccProfile *profile,
                             KdccSource  *source)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  return g_object_new (KDCC_TYPE_SESSION, "profile", profile, "source", source, NULL);
}

/* Accessors ---------------------------------------------------------------- */

KdccProfile *
kdcc_session_get_profile (KdccSession *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), NULL);
  return self->profile;
}

KdccSource *
kdcc_session_get_source (KdccSession *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), NULL);
  return self->source;
}

KdccCluster *
kdcc_session_get_cluster (KdccSession *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), NULL);
  return self->cluster;
}

KdccMonitor *
kdcc_session_get_monitor (KdccSession *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), NULL);
  return self->monitor;
}

KdccCapabilities
kdcc_session_get_capabilities (KdccSession *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), KDCC_CAPABILITY_NONE);
  return self->capabilities;
}

gboolean
kdcc_session_has_capabilities (KdccSession      *self,
                               KdccCapabilities  needed)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), FALSE);
  return (self->capabilities & needed) == needed;
}

GPtrArray *
kdcc_session_dup_errors (KdccSession *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (KDCC_IS_SESSION (self), NULL);

  /* Reserved so that pdata is never NULL, even when empty. */
  copy = g_ptr_array_new_null_terminated (self->errors->len + 1, g_free, TRUE);
  for (guint i = 0; i < self->errors->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->errors, i)));
  return copy;
}

gboolean
kdcc_session_get_closed (KdccSession *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION (self), FALSE);
  return self->closed;
}

/* Lifetime ---------------------------------------------------------------- */

void
kdcc_session_start (KdccSession *self)
{
  g_return_if_fail (KDCC_IS_SESSION (self));
  g_return_if_fail (!self->closed);

  kdcc_monitor_start (self->monitor);
}

void
kdcc_session_close (KdccSession *self)
{
  g_return_if_fail (KDCC_IS_SESSION (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  /* Stopping cancels the in-flight refresh, whose late result the monitor
   * then drops; disconnecting here shuts the librados handle down on this
   * thread unless a worker is still mid-command with it, in which case that
   * worker's own reference keeps it until the command ends. */
  if (self->monitor != NULL)
    {
      g_clear_signal_handler (&self->refresh_done_id, self->monitor);
      kdcc_monitor_stop (self->monitor);
    }
  if (self->source != NULL)
    kdcc_source_disconnect (self->source);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
}
