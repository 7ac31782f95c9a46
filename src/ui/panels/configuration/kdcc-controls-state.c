/* kdcc-controls-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-controls-state"

#include "config.h"

#include "kdcc-controls-state.h"

struct _KdccControlsState
{
  GObject              parent_instance;

  KdccSession         *session;  /* weak: the session owns us */
  KdccCluster         *cluster;  /* the session's, which it may drop before us */
  KdccConfigCatalog   *catalog;
  KdccPendingRestarts *restarts;
  KdccStaging         *staging;
  KdccAuditLog        *audit;
  GCancellable        *cancellable;
  GError              *catalog_error;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (KdccControlsState, kdcc_controls_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAGING,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
open_staging (KdccControlsState *self)
{
  KdccCluster *cluster;
  const char *fsid;
  g_autoptr(GError) error = NULL;

  if (self->staging != NULL || self->session == NULL)
    return;
  cluster = self->cluster;
  fsid = cluster != NULL ? kdcc_cluster_get_fsid (cluster) : NULL;
  if (fsid == NULL || *fsid == '\0')
    return;

  self->staging = kdcc_staging_new (fsid, NULL);
  /* A file of another cluster or one that does not parse leaves an empty
   * staging area: the page says so through the log, the app goes on. */
  if (!kdcc_staging_load (self->staging, &error))
    g_warning ("Cannot load the staging area: %s", error->message);
  g_clear_error (&error);
  self->audit = kdcc_audit_log_new (fsid, NULL);
  if (!kdcc_audit_log_load (self->audit, &error))
    g_warning ("Cannot load the audit log: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGING]);
}

static void
fsid_changed_cb (KdccControlsState *self)
{
  open_staging (self);
}

static void
kdcc_controls_state_dispose (GObject *object)
{
  KdccControlsState *self = KDCC_CONTROLS_STATE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_clear_object (&self->cluster);
  self->session = NULL;
  g_clear_object (&self->catalog);
  g_clear_object (&self->restarts);
  g_clear_object (&self->staging);
  g_clear_object (&self->audit);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->catalog_error);

  G_OBJECT_CLASS (kdcc_controls_state_parent_class)->dispose (object);
}

static void
kdcc_controls_state_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdccControlsState *self = KDCC_CONTROLS_STATE (object);

  switch (prop_id)
    {
    case PROP_STAGING:
      g_value_set_object (value, self->staging);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_controls_state_class_init (KdccControlsStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_controls_state_dispose;
  object_class->get_property = kdcc_controls_state_get_property;

  properties[PROP_STAGING] =
    g_param_spec_object ("staging", NULL, NULL, KDCC_TYPE_STAGING,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_controls_state_init (KdccControlsState *self)
{
  self->catalog = kdcc_config_catalog_new ();
  self->restarts = kdcc_pending_restarts_new ();
  self->cancellable = g_cancellable_new ();
}

/* The session is finalized while a catalog load or a panel may still hold
 * a reference to us: nothing may reach for the session after this. */
static void
session_gone (gpointer data)
{
  KdccControlsState *self = data;

  self->session = NULL;
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self);
}

KdccControlsState *
kdcc_controls_state_get (KdccSession *session)
{
  KdccControlsState *self;

  g_return_val_if_fail (KDCC_IS_SESSION (session), NULL);

  self = g_object_get_data (G_OBJECT (session), "kdcc-controls-state");
  if (self != NULL)
    return self;

  self = g_object_new (KDCC_TYPE_CONTROLS_STATE, NULL);
  self->session = session;
  self->cluster = g_object_ref (kdcc_session_get_cluster (session));
  g_object_set_data_full (G_OBJECT (session), "kdcc-controls-state", self, session_gone);
  g_signal_connect_swapped (self->cluster, "notify::fsid",
                            G_CALLBACK (fsid_changed_cb), self);
  open_staging (self);
  return self;
}

KdccSession *
kdcc_controls_state_get_session (KdccControlsState *self)
{
  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (self), NULL);
  return self->session;
}

KdccConfigCatalog *
kdcc_controls_state_get_catalog (KdccControlsState *self)
{
  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (self), NULL);
  return self->catalog;
}

KdccPendingRestarts *
kdcc_controls_state_get_restarts (KdccControlsState *self)
{
  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (self), NULL);
  return self->restarts;
}

KdccStaging *
kdcc_controls_state_get_staging (KdccControlsState *self)
{
  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (self), NULL);
  open_staging (self);
  return self->staging;
}

KdccAuditLog *
kdcc_controls_state_get_audit (KdccControlsState *self)
{
  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (self), NULL);
  open_staging (self);
  return self->audit;
}

const GError *
kdcc_controls_state_get_catalog_error (KdccControlsState *self)
{
  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (self), NULL);
  return self->catalog_error;
}

static void
catalog_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KdccControlsState) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdcc_config_catalog_load_finish (KDCC_CONFIG_CATALOG (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&self->catalog_error);
      self->catalog_error = g_steal_pointer (&error);
    }
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
kdcc_controls_state_ensure_catalog (KdccControlsState *self)
{
  g_return_if_fail (KDCC_IS_CONTROLS_STATE (self));

  if (self->loading || self->session == NULL || kdcc_config_catalog_get_loaded (self->catalog))
    return;
  self->loading = TRUE;
  g_clear_error (&self->catalog_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  kdcc_config_catalog_load_async (self->catalog, kdcc_session_get_source (self->session),
                                  self->cancellable, catalog_loaded_cb, g_object_ref (self));
}
