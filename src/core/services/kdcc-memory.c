/* kdcc-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-memory"

#include "config.h"

#include <gio/gio.h>
#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "kdcc-memory.h"

static gint pending;   /* atomic */
static gint trims;     /* atomic */

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
#if HAVE_MALLOC_TRIM
  /* Every arena, not only this thread's: each arena's lock is held only
   * while that arena is trimmed (about 1 ms in all at 10,000 OSDs). */
  malloc_trim (0);
#endif
  g_atomic_int_inc (&trims);
  g_task_return_boolean (task, TRUE);
}

static void
trim_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_atomic_int_set (&pending, FALSE);
}

static gboolean
start_trim_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, trim_done_cb, NULL);

  g_task_set_source_tag (task, kdcc_memory_trim_later);
  g_task_run_in_thread (task, trim_thread);
  return G_SOURCE_REMOVE;
}

void
kdcc_memory_trim_later (void)
{
  if (!g_atomic_int_compare_and_exchange (&pending, FALSE, TRUE))
    return;
  g_idle_add_full (G_PRIORITY_LOW, start_trim_cb, NULL, NULL);
}

gboolean
kdcc_memory_trim_pending (void)
{
  return g_atomic_int_get (&pending);
}

guint
kdcc_memory_get_trims (void)
{
  return (guint) g_atomic_int_get (&trims);
}
