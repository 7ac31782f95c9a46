/* kdcc-test-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-test-screenshot"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

void
kdcc_test_ui_init (void)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("kdcc-ui-test-XXXXXX", &error);
  static const char *dirs[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };

  kdcc_test_ignore_glib_quark_arrays ();

  g_assert_no_error (error);
  kdcc_test_remove_at_exit (home);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i], dir, TRUE);
    }

  gtk_init ();
  adw_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

char *
kdcc_test_profiles_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-profiles-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "profiles.ini", NULL);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
kdcc_test_settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *count)
{
  (*count)++;
}

void
kdcc_test_wait_for_paint (GtkWidget *widget,
                          guint      timeout_ms)
{
  GdkFrameClock *clock;
  guint count = 0;
  gulong handler;
  gint64 deadline;

  /* Under ASan on a loaded two-core machine with clusters starting beside
   * the test, the first frames of a window can take well over 5 s. The wait
   * ends at the first paint, so a generous bound costs nothing otherwise. */
  timeout_ms = MAX (timeout_ms, 30000);
  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!gtk_widget_get_mapped (widget))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s was not mapped within %u ms", G_OBJECT_TYPE_NAME (widget), timeout_ms);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &count);
  gtk_widget_queue_draw (widget);

  while (count < 2)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s was not painted within %u ms", G_OBJECT_TYPE_NAME (widget), timeout_ms);
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_signal_handler_disconnect (clock, handler);
}

char *
kdcc_test_screenshot (GtkWidget  *widget,
                      const char *name)
{
  const char *dir = g_getenv ("KDCC_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  kdcc_test_wait_for_paint (widget, 30000);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The paintable draws the widget's cached render node, which GTK drops
   * when the widget is queued for drawing again; until the next frame
   * there is nothing to draw. history-ui's preferences window hit that
   * once (a value landing after its second paint): wait for the frame
   * that draws it, as a user's screenshot tool would. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint frames = 0; node == NULL; frames++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        break;
      g_assert_cmpuint (frames, <, 10);
      g_test_message ("%s: no frame drawn yet, waiting for the next", name);
      kdcc_test_wait_for_paint (widget, 30000);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s (%d×%d)", path, width, height);

  return g_steal_pointer (&path);
}
