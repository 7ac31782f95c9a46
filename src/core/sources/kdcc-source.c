/* kdcc-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-owner.h"
#include "kdcc-source.h"

G_DEFINE_INTERFACE (KdccSource, kdcc_source, G_TYPE_OBJECT)

static void
kdcc_source_default_init (KdccSourceInterface *iface)
{
}

const char *
kdcc_source_get_kind (KdccSource *self)
{
  g_return_val_if_fail (KDCC_IS_SOURCE (self), NULL);

  return KDCC_SOURCE_GET_IFACE (self)->get_kind (self);
}

KdccCapabilities
kdcc_source_get_capabilities (KdccSource *self)
{
  KdccSourceInterface *iface;

  g_return_val_if_fail (KDCC_IS_SOURCE (self), KDCC_CAPABILITY_NONE);

  iface = KDCC_SOURCE_GET_IFACE (self);
  if (iface->get_capabilities == NULL)
    return KDCC_CAPABILITY_NONE;
  return iface->get_capabilities (self);
}

static void
stamp (KdccSource   *self,
       KdccSnapshot *snapshot)
{
  if (snapshot->source_kind == NULL)
    snapshot->source_kind = g_strdup (kdcc_source_get_kind (self));
  snapshot->fetched_at = g_get_real_time ();
}

KdccSnapshot *
kdcc_source_fetch_snapshot_sync (KdccSource    *self,
                                 gboolean       force_heavy,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  KdccSnapshot *snapshot;

  g_return_val_if_fail (KDCC_IS_SOURCE (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  snapshot = KDCC_SOURCE_GET_IFACE (self)->fetch_snapshot (self, force_heavy, cancellable, error);
  if (snapshot != NULL)
    stamp (self, snapshot);
  return snapshot;
}

static void
fetch_snapshot_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  gboolean force_heavy = GPOINTER_TO_INT (task_data);
  GError *error = NULL;
  KdccSnapshot *snapshot;

  snapshot = kdcc_source_fetch_snapshot_sync (source_object, force_heavy, cancellable, &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) kdcc_snapshot_unref);
}

void
kdcc_source_fetch_snapshot_async (KdccSource          *self,
                                  gboolean             force_heavy,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SOURCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_source_fetch_snapshot_async);
  g_task_set_task_data (task, GINT_TO_POINTER (force_heavy), NULL);
  /* Network and librados calls block: never on the main loop. */
  g_task_run_in_thread (task, fetch_snapshot_thread);
}

KdccSnapshot *
kdcc_source_fetch_snapshot_finish (KdccSource    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
kdcc_source_can_fetch_first (KdccSource *self)
{
  g_return_val_if_fail (KDCC_IS_SOURCE (self), FALSE);

  return KDCC_SOURCE_GET_IFACE (self)->fetch_first != NULL;
}

typedef struct
{
  KdccSource       *source;
  KdccSnapshotFunc  light;
  gpointer          light_data;
  gboolean          light_called;
} FirstSync;

static void
first_sync_light (KdccSnapshot *snapshot,
                  gpointer      data)
{
  FirstSync *first = data;

  /* Once, as the contract says, whatever the source does. */
  if (first->light_called)
    return;
  first->light_called = TRUE;
  snapshot->partial = TRUE;
  stamp (first->source, snapshot);
  if (first->light != NULL)
    first->light (snapshot, first->light_data);
}

KdccSnapshot *
kdcc_source_fetch_first_sync (KdccSource        *self,
                              KdccSnapshotFunc   light,
                              gpointer           light_data,
                              GCancellable      *cancellable,
                              GError           **error)
{
  FirstSync first = { self, light, light_data, FALSE };
  KdccSnapshot *snapshot;

  g_return_val_if_fail (kdcc_source_can_fetch_first (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  snapshot = KDCC_SOURCE_GET_IFACE (self)->fetch_first (self, first_sync_light, &first,
                                                        cancellable, error);
  if (snapshot != NULL)
    stamp (self, snapshot);
  return snapshot;
}

/* The async form: the worker hands the partial snapshot to the caller's
 * main context in an idle of the task's priority. It is attached before
 * the task returns, and a context dispatches sources of one priority in
 * the order they were attached, so LIGHT always runs before CALLBACK. */
typedef struct
{
  KdccSnapshotFunc light;
  gpointer         light_data;
  GDestroyNotify   light_destroy;
} FirstData;

static void
first_data_free (FirstData *data)
{
  if (data->light_destroy != NULL)
    data->light_destroy (data->light_data);
  g_free (data);
}

typedef struct
{
  GTask        *task;
  KdccSnapshot *snapshot;
} FirstDelivery;

static void
first_delivery_free (FirstDelivery *delivery)
{
  g_object_unref (delivery->task);
  kdcc_snapshot_unref (delivery->snapshot);
  g_free (delivery);
}

static gboolean
deliver_light_cb (gpointer user_data)
{
  FirstDelivery *delivery = user_data;
  FirstData *data = g_task_get_task_data (delivery->task);

  data->light (delivery->snapshot, data->light_data);
  return G_SOURCE_REMOVE;
}

static void
first_async_light (KdccSnapshot *snapshot,
                   gpointer      user_data)
{
  GTask *task = user_data;
  FirstDelivery *delivery;

  if (((FirstData *) g_task_get_task_data (task))->light == NULL)
    return;
  delivery = g_new0 (FirstDelivery, 1);
  delivery->task = g_object_ref (task);
  delivery->snapshot = kdcc_snapshot_ref (snapshot);
  /* Posted, never run here: g_main_context_invoke_full() would run it on
   * this worker whenever the main thread does not hold its context at
   * this moment (kdcc-owner.c), and the monitor would apply it beside the
   * main thread. */
  kdcc_context_post (g_task_get_context (task), g_task_get_priority (task),
                     deliver_light_cb, delivery, (GDestroyNotify) first_delivery_free);
}

static void
fetch_first_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  KdccSnapshot *snapshot;

  snapshot = kdcc_source_fetch_first_sync (source_object, first_async_light, task,
                                           cancellable, &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) kdcc_snapshot_unref);
}

void
kdcc_source_fetch_first_async (KdccSource          *self,
                               GCancellable        *cancellable,
                               KdccSnapshotFunc     light,
                               gpointer             light_data,
                               GDestroyNotify       light_destroy,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FirstData *data;

  g_return_if_fail (KDCC_IS_SOURCE (self));
  g_return_if_fail (kdcc_source_can_fetch_first (self));

  data = g_new0 (FirstData, 1);
  data->light = light;
  data->light_data = light_data;
  data->light_destroy = light_destroy;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_source_fetch_first_async);
  g_task_set_task_data (task, data, (GDestroyNotify) first_data_free);
  g_task_run_in_thread (task, fetch_first_thread);
}

KdccSnapshot *
kdcc_source_fetch_first_finish (KdccSource    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
kdcc_source_run_command_sync (KdccSource    *self,
                              const char    *target,
                              const char    *command_json,
                              char         **status,
                              GCancellable  *cancellable,
                              GError       **error)
{
  KdccSourceInterface *iface;

  g_return_val_if_fail (KDCC_IS_SOURCE (self), NULL);
  g_return_val_if_fail (command_json != NULL, NULL);

  if (status != NULL)
    *status = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  iface = KDCC_SOURCE_GET_IFACE (self);
  if (iface->run_command == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The %s connection cannot run Ceph commands"), kdcc_source_get_kind (self));
      return NULL;
    }

  return iface->run_command (self, target ? target : "mon", command_json, status, cancellable, error);
}

/* Kept as object data rather than in the interface, so every source has it
 * without a vfunc; GObject data is guarded by its own lock. */
static GQuark
wanted_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("kdcc-source-wanted"));
  return (GQuark) quark;
}

void
kdcc_source_set_wanted (KdccSource    *self,
                        KdccModelPart  parts)
{
  g_return_if_fail (KDCC_IS_SOURCE (self));

  g_object_set_qdata (G_OBJECT (self), wanted_quark (), GUINT_TO_POINTER ((guint) parts));
}

KdccModelPart
kdcc_source_get_wanted (KdccSource *self)
{
  g_return_val_if_fail (KDCC_IS_SOURCE (self), KDCC_MODEL_PART_NONE);

  return (KdccModelPart) GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (self), wanted_quark ()));
}

void
kdcc_source_disconnect (KdccSource *self)
{
  g_return_if_fail (KDCC_IS_SOURCE (self));

  if (KDCC_SOURCE_GET_IFACE (self)->disconnect)
    KDCC_SOURCE_GET_IFACE (self)->disconnect (self);
}

/* ------------------------------------------------------------------------
 * Operations */

KdccCapabilities
kdcc_capability_for_operation (KdccOperation *operation)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (operation), KDCC_CAPABILITY_NONE);

  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      return KDCC_CAPABILITY_CONFIG_WRITE;
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      return KDCC_CAPABILITY_OSD_FLAGS;
    case KDCC_OPERATION_POOL_SET:
    case KDCC_OPERATION_POOL_SET_QUOTA:
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      return KDCC_CAPABILITY_POOL_WRITE;
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      return KDCC_CAPABILITY_OSD_WRITE;
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
      return KDCC_CAPABILITY_HEALTH_MUTE;
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      return KDCC_CAPABILITY_PG_SCRUB;
    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      return KDCC_CAPABILITY_DASHBOARD_SSO;
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      /* No REST endpoint does it: the mon command only. */
      return KDCC_CAPABILITY_MON_COMMANDS;
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      /* A command of the mgr's pg_autoscaler module. */
      return KDCC_CAPABILITY_MGR_COMMANDS;
    default:
      g_return_val_if_reached (KDCC_CAPABILITY_NONE);
    }
}

gboolean
kdcc_source_apply_operation_sync (KdccSource     *self,
                                  KdccOperation  *operation,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  KdccSourceInterface *iface;
  KdccCapabilities needed;

  g_return_val_if_fail (KDCC_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_OPERATION (operation), FALSE);

  if (!kdcc_operation_validate (operation, error))
    return FALSE;

  /* Refuse before anything is sent. */
  iface = KDCC_SOURCE_GET_IFACE (self);
  needed = kdcc_capability_for_operation (operation);
  if (iface->apply_operation == NULL || (kdcc_source_get_capabilities (self) & needed) != needed)
    {
      g_autofree char *command = kdcc_operation_dup_cli_equivalent (operation);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The %s connection cannot do this (%s); connect directly to the cluster "
                     "to do it"), kdcc_source_get_kind (self), command);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return iface->apply_operation (self, operation, cancellable, error);
}

static void
apply_operation_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  if (kdcc_source_apply_operation_sync (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kdcc_source_apply_operation_async (KdccSource          *self,
                                   KdccOperation       *operation,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SOURCE (self));
  g_return_if_fail (KDCC_IS_OPERATION (operation));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_source_apply_operation_async);
  g_task_set_task_data (task, g_object_ref (operation), g_object_unref);
  g_task_run_in_thread (task, apply_operation_thread);
}

gboolean
kdcc_source_apply_operation_finish (KdccSource    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
kdcc_source_read_back_sync (KdccSource     *self,
                            KdccOperation  *operation,
                            char          **value,
                            GCancellable   *cancellable,
                            GError        **error)
{
  KdccSourceInterface *iface;

  g_return_val_if_fail (KDCC_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_OPERATION (operation), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  iface = KDCC_SOURCE_GET_IFACE (self);
  if (iface->read_back == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The %s connection cannot read this setting back"),
                   kdcc_source_get_kind (self));
      return FALSE;
    }
  return iface->read_back (self, operation, value, cancellable, error);
}
