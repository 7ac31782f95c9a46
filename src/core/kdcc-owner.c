/* kdcc-owner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kdcc-owner.h"

/* Why not g_main_context_invoke(): called from a worker, it runs the
 * function *in the worker* when the context is the global default one and
 * no thread holds it at that moment, i.e. whenever the main thread is
 * between two iterations (a test polling with g_main_context_iteration()
 * and g_usleep(), a tool doing synchronous work, the app before or after
 * g_application_run()). The upgrade page then rebuilt its rows on the
 * upgrade's worker while the main thread rebuilt them too, and GTK's child
 * list of an AdwPreferencesGroup lost count (a Gtk-CRITICAL in
 * gtk_list_list_model_item_added_at, seen once in four fresh-clone runs).
 * Here the rule is by thread, not by who holds the context at the time. */

/* Takes the calling thread and its thread-default main context. */
void
kdcc_owner_init (KdccOwner *owner)
{
  g_return_if_fail (owner != NULL);

  owner->context = g_main_context_ref_thread_default ();
  owner->thread = g_thread_self ();
}

void
kdcc_owner_clear (KdccOwner *owner)
{
  g_return_if_fail (owner != NULL);

  g_clear_pointer (&owner->context, g_main_context_unref);
  owner->thread = NULL;
}

/* TRUE on the owner's thread: there, changes are made at once. */
gboolean
kdcc_owner_is_current (const KdccOwner *owner)
{
  g_return_val_if_fail (owner != NULL, FALSE);

  return g_thread_self () == owner->thread;
}

/* Always from an idle source attached to @context, even on its own thread:
 * sources of one priority run in the order they were attached, so two
 * posts from a worker arrive in order, and after anything the worker's
 * thread attached before (a GTask's completion). */
void
kdcc_context_post (GMainContext   *context,
                   int             priority,
                   GSourceFunc     function,
                   gpointer        data,
                   GDestroyNotify  notify)
{
  GSource *source;

  g_return_if_fail (function != NULL);

  source = g_idle_source_new ();
  g_source_set_priority (source, priority);
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[kdcc] post to owner");
  g_source_attach (source, context);
  g_source_unref (source);
}

/* Runs @function once, at once when called on the owner's thread (so a
 * change made there is visible when this returns), else posted to the
 * owner's context. @function's return value is ignored: it runs once. */
void
kdcc_owner_invoke (const KdccOwner *owner,
                   int              priority,
                   GSourceFunc      function,
                   gpointer         data,
                   GDestroyNotify   notify)
{
  g_return_if_fail (owner != NULL && owner->context != NULL);
  g_return_if_fail (function != NULL);

  if (kdcc_owner_is_current (owner))
    {
      function (data);
      if (notify != NULL)
        notify (data);
      return;
    }
  kdcc_context_post (owner->context, priority, function, data, notify);
}
