/* kdcc-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
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
    {
      if (snapshot->source_kind == NULL)
        snapshot->source_kind = g_strdup (kdcc_source_get_kind (self));
      snapshot->fetched_at = g_get_real_time ();
    }
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

void
kdcc_source_disconnect (KdccSource *self)
{
  g_return_if_fail (KDCC_IS_SOURCE (self));

  if (KDCC_SOURCE_GET_IFACE (self)->disconnect)
    KDCC_SOURCE_GET_IFACE (self)->disconnect (self);
}
