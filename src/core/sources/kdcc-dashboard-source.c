/* kdcc-dashboard-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-dashboard-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-dashboard-source-private.h"
#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-operation-apply.h"

static void kdcc_dashboard_source_iface_init (KdccSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccDashboardSource, kdcc_dashboard_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_SOURCE,
                                                      kdcc_dashboard_source_iface_init))

enum {
  PROP_0,
  PROP_MAX_BODY_SIZE,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kdcc_dashboard_source_finalize (GObject *object)
{
  KdccDashboardSource *self = (KdccDashboardSource *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->gateway);
  g_free (self->base_url);
  g_free (self->user);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  if (self->token)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->trusted_fingerprint);
  g_free (self->api_version);
  g_free (self->peer_fingerprint);
  g_clear_pointer (&self->last_classes, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_dashboard_source_parent_class)->finalize (object);
}

static void
kdcc_dashboard_source_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (object);

  g_mutex_lock (&self->mutex);
  if (prop_id == PROP_MAX_BODY_SIZE)
    g_value_set_uint64 (value, self->max_body_size);
  else if (prop_id == PROP_DEADLINE)
    g_value_set_uint (value, self->deadline_ms);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  g_mutex_unlock (&self->mutex);
}

/* Worker threads read the limits with the mutex held, once per request. */
static void
kdcc_dashboard_source_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (object);
  gboolean changed = FALSE;

  g_mutex_lock (&self->mutex);
  if (prop_id == PROP_MAX_BODY_SIZE)
    {
      changed = self->max_body_size != g_value_get_uint64 (value);
      self->max_body_size = g_value_get_uint64 (value);
    }
  else if (prop_id == PROP_DEADLINE)
    {
      changed = self->deadline_ms != g_value_get_uint (value);
      self->deadline_ms = g_value_get_uint (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kdcc_dashboard_source_class_init (KdccDashboardSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_dashboard_source_finalize;
  object_class->get_property = kdcc_dashboard_source_get_property;
  object_class->set_property = kdcc_dashboard_source_set_property;

  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         MIN_MAX_BODY_SIZE, G_MAXUINT64, DEFAULT_MAX_BODY_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       100, 3600 * 1000, DEFAULT_DEADLINE_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_dashboard_source_init (KdccDashboardSource *self)
{
  g_mutex_init (&self->mutex);
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->deadline_ms = DEFAULT_DEADLINE_MS;
  self->api_version = g_strdup ("1.0");
  self->last_osdmap_epoch = -1;
}

KdccDashboardSource *
kdcc_dashboard_source_new (const char *url,
                           const char *user,
                           const char *password,
                           const char *trusted_fingerprint)
{
  KdccDashboardSource *self;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_object_new (KDCC_TYPE_DASHBOARD_SOURCE, NULL);
  self->base_url = g_strdup (url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  if (trusted_fingerprint != NULL && *trusted_fingerprint != '\0')
    {
      self->trusted_fingerprint = kdcc_http_normalize_fingerprint (trusted_fingerprint);
      /* A fingerprint that cannot match anything must not silently turn
       * into "trust the system CAs": keep it so every TLS peer fails. */
      if (self->trusted_fingerprint == NULL)
        {
          g_warning ("Ignoring a malformed trusted certificate fingerprint");
          self->trusted_fingerprint = g_strdup ("invalid");
        }
    }
  return self;
}

void
kdcc_dashboard_source_set_gateway (KdccDashboardSource        *self,
                                   GObject                    *gateway,
                                   const KdccHttpGatewayFuncs *funcs)
{
  g_return_if_fail (KDCC_IS_DASHBOARD_SOURCE (self));
  g_return_if_fail (G_IS_OBJECT (gateway));
  g_return_if_fail (funcs != NULL && funcs->prepare != NULL);

  g_mutex_lock (&self->mutex);
  g_set_object (&self->gateway, gateway);
  self->gateway_funcs = funcs;
  /* A session made before would lack the gateway's set-up. */
  g_clear_object (&self->session);
  g_mutex_unlock (&self->mutex);
}

char *
kdcc_dashboard_source_get_peer_fingerprint (KdccDashboardSource *self)
{
  char *ret;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), NULL);

  g_mutex_lock (&self->mutex);
  ret = g_strdup (self->peer_fingerprint);
  g_mutex_unlock (&self->mutex);
  return ret;
}

void
kdcc_dashboard_source_set_api_version (KdccDashboardSource *self,
                                       const char          *version)
{
  g_return_if_fail (KDCC_IS_DASHBOARD_SOURCE (self));

  g_mutex_lock (&self->mutex);
  g_free (self->api_version);
  self->api_version = g_strdup (version ? version : "1.0");
  g_mutex_unlock (&self->mutex);
}

void
kdcc_dashboard_source_set_token (KdccDashboardSource *self,
                                 const char          *token)
{
  g_return_if_fail (KDCC_IS_DASHBOARD_SOURCE (self));

  g_mutex_lock (&self->mutex);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->mutex);
}

guint
kdcc_dashboard_source_get_login_count (KdccDashboardSource *self)
{
  guint ret;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), 0);

  g_mutex_lock (&self->mutex);
  ret = self->login_count;
  g_mutex_unlock (&self->mutex);
  return ret;
}

GBytes *
kdcc_dashboard_source_get_sync (KdccDashboardSource  *self,
                                const char           *path,
                                GCancellable         *cancellable,
                                GError              **error)
{
  GBytes *ret;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  g_mutex_lock (&self->mutex);
  ret = _kdcc_dashboard_get_locked (self, path, cancellable, error);
  g_mutex_unlock (&self->mutex);
  return ret;
}

/* Any request of the write path (kdcc-dashboard-apply.c), with the same
 * log-in handling as _kdcc_dashboard_get_locked. Every answer but a refused token comes
 * back with its status: what a refusal (400 with Ceph's message, 404)
 * means depends on the operation, so the caller explains it. */
GBytes *
_kdcc_dashboard_source_request_sync (KdccDashboardSource  *self,
                                     const char           *method,
                                     const char           *path,
                                     const char           *json_body,
                                     guint                *status,
                                     GCancellable         *cancellable,
                                     GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean fresh_login = FALSE;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->token == NULL)
    {
      if (!_kdcc_dashboard_login_locked (self, cancellable, error))
        return NULL;
      fresh_login = TRUE;
    }

  for (;;)
    {
      g_autoptr(GBytes) body = NULL;

      body = _kdcc_dashboard_send_locked (self, method, path, json_body, TRUE, status, cancellable, error);
      if (body == NULL)
        return NULL;
      if (*status != SOUP_STATUS_UNAUTHORIZED)
        return g_steal_pointer (&body);
      if (fresh_login)
        {
          _kdcc_dashboard_set_auth_error (self, error);
          return NULL;
        }
      g_debug ("The dashboard refused the token for %s %s; logging in again", method, path);
      if (!_kdcc_dashboard_login_locked (self, cancellable, error))
        return NULL;
      fresh_login = TRUE;
    }
}

static KdccCapabilities
kdcc_dashboard_source_get_capabilities (KdccSource *source)
{
  return KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
         KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
         KDCC_CAPABILITY_OSD_WRITE;
}

static const char *
kdcc_dashboard_source_get_kind (KdccSource *source)
{
  return "dashboard";
}

static KdccSnapshot *
fetch_snapshot_locked (KdccDashboardSource  *self,
                       gboolean              force_heavy,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(KdccSnapshot) snapshot = kdcc_snapshot_new ();
  g_autoptr(GBytes) health = NULL;
  g_autoptr(GBytes) summary = NULL;
  gboolean heavy;

  health = _kdcc_dashboard_get_locked (self, "/api/health/full", cancellable, error);
  if (health == NULL)
    return NULL;
  if (!kdcc_dashboard_parse_health_full (snapshot, g_bytes_get_data (health, NULL),
                                         g_bytes_get_size (health), error))
    return NULL;

  summary = _kdcc_dashboard_get_locked (self, "/api/summary", cancellable, error);
  if (summary == NULL)
    return NULL;
  if (!kdcc_dashboard_parse_summary (snapshot, g_bytes_get_data (summary, NULL),
                                     g_bytes_get_size (summary), error))
    return NULL;

  /* /api/osd carries per-OSD usage and is the largest answer (13 MB at
   * 10,000 OSDs), so it is read only when the OSD map moved. */
  heavy = force_heavy || snapshot->osdmap_epoch < 0 ||
          snapshot->osdmap_epoch != self->last_osdmap_epoch;
  if (heavy)
    {
      g_autoptr(GBytes) osds = _kdcc_dashboard_get_locked (self, "/api/osd", cancellable, error);

      if (osds == NULL)
        return NULL;
      if (!kdcc_dashboard_parse_osds (snapshot, g_bytes_get_data (osds, NULL),
                                      g_bytes_get_size (osds), error))
        return NULL;
      self->last_osdmap_epoch = snapshot->osdmap_epoch;
      g_clear_pointer (&self->last_classes, g_ptr_array_unref);
      self->last_classes = g_ptr_array_ref (snapshot->classes);
    }
  else
    {
      if (self->last_classes != NULL)
        for (guint i = 0; i < self->last_classes->len; i++)
          {
            const KdccClassCapacityData *cls = g_ptr_array_index (self->last_classes, i);

            g_ptr_array_add (snapshot->classes, kdcc_class_capacity_data_copy (cls));
          }
      /* Keep what the model has: NULL lists mean "not fetched". */
      g_clear_pointer (&snapshot->osds, g_ptr_array_unref);
      g_clear_pointer (&snapshot->hosts, g_ptr_array_unref);
      g_clear_pointer (&snapshot->osd_index, g_hash_table_unref);
      g_clear_pointer (&snapshot->host_index, g_hash_table_unref);
    }

  snapshot->source_kind = g_strdup ("dashboard");
  snapshot->fetched_at = g_get_real_time ();
  return g_steal_pointer (&snapshot);
}

static KdccSnapshot *
kdcc_dashboard_source_fetch_snapshot (KdccSource    *source,
                                      gboolean       force_heavy,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (source);
  KdccSnapshot *snapshot;

  g_mutex_lock (&self->mutex);
  snapshot = fetch_snapshot_locked (self, force_heavy, cancellable, error);
  g_mutex_unlock (&self->mutex);
  return snapshot;
}

static GBytes *
kdcc_dashboard_source_run_command (KdccSource    *source,
                                   const char    *target,
                                   const char    *command_json,
                                   char         **status,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
               _("Raw Ceph commands cannot be run through the Ceph Dashboard; "
                 "connect directly to the cluster to run them"));
  return NULL;
}

static void
kdcc_dashboard_source_disconnect (KdccSource *source)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (source);

  g_mutex_lock (&self->mutex);
  g_clear_object (&self->session);
  g_clear_pointer (&self->token, g_free);
  self->last_osdmap_epoch = -1;
  g_clear_pointer (&self->last_classes, g_ptr_array_unref);
  g_mutex_unlock (&self->mutex);
}

static void
kdcc_dashboard_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = kdcc_dashboard_source_get_kind;
  iface->get_capabilities = kdcc_dashboard_source_get_capabilities;
  iface->fetch_snapshot = kdcc_dashboard_source_fetch_snapshot;
  iface->run_command = kdcc_dashboard_source_run_command;
  iface->disconnect = kdcc_dashboard_source_disconnect;
  iface->apply_operation = _kdcc_dashboard_apply_operation;
  iface->read_back = _kdcc_dashboard_read_back;
}
