/* kdcc-test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kdcc-test-screenshot.h"
#include "kdcc-test-window.h"
#include "kdcc-text-cell.h"

void
kdcc_test_window_open (KdccTestWindow *w,
                       int             width,
                       int             height)
{
  g_autofree char *path = kdcc_test_profiles_path ();

  w->settings = kdcc_settings_new ();
  w->store = kdcc_profile_store_new (path);
  w->secrets = kdcc_secret_store_new ();
  w->window = kdcc_window_new (NULL, w->settings, w->store, w->secrets, NULL);
  g_object_add_weak_pointer (G_OBJECT (w->window), (gpointer *) &w->window);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (w->window), width, height);
}

void
kdcc_test_window_close (KdccTestWindow *w,
                        guint           settle_ms)
{
  if (w->window != NULL)
    gtk_window_destroy (GTK_WINDOW (w->window));
  kdcc_test_settle (settle_ms);
  g_assert_null (w->window);

  g_assert_finalize_object (w->store);
  g_assert_finalize_object (w->settings);
  g_clear_object (&w->secrets);
}

const char *
kdcc_test_widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (KDCC_IS_TEXT_CELL (widget))
    return kdcc_text_cell_get_text (KDCC_TEXT_CELL (widget));
  return NULL;
}
