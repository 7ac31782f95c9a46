/* kdcc-daemon-versions-fetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading `<type> metadata` for every daemon type, so the versions page can
 * name the daemons that lag. Apart from kdcc-daemon-versions.c, which stays
 * pure.
 */
#define G_LOG_DOMAIN "kdcc-daemon-versions"

#include "config.h"

#include "kdcc-daemon-versions.h"

static void
fetch_named_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  KdccSource *source = source_object;
  g_autoptr(GPtrArray) daemons =
    g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_version_free);
  static const char *types[] = { "mon", "mgr", "osd", "mds" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *command = g_strdup_printf ("{\"prefix\":\"%s metadata\",\"format\":\"json\"}",
                                                  types[i]);
      g_autofree char *status = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const char *text;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      out = kdcc_source_run_command_sync (source, "mon", command, &status, cancellable, &error);
      if (out != NULL)
        {
          text = g_bytes_get_data (out, &size);
          kdcc_daemon_versions_parse_metadata (types[i], text, (gssize) size, daemons, &error);
        }
      /* Names are a refinement: without them the counts still say that
       * versions are mixed and which types lag. */
      if (error != NULL)
        g_debug ("%s metadata: %s", types[i], error->message);
    }

  g_task_return_pointer (task, g_steal_pointer (&daemons), (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_daemon_versions_fetch_named_async (KdccSource          *source,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SOURCE (source));

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_daemon_versions_fetch_named_async);
  g_task_run_in_thread (task, fetch_named_thread);
}

GPtrArray *
kdcc_daemon_versions_fetch_named_finish (KdccSource    *source,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
