/* test-host.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccHost: "osd-count" notifies when the count changes; a change of the
 * OSD ids alone emits "changed" without a property notify.
 */
#include "config.h"

#include "kdcc-host.h"

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_update (void)
{
  KdccHost *host = kdcc_host_new ("node-a");
  KdccHostData *data = kdcc_host_data_new ("node-a");
  gint64 ids[] = { 0, 3 };
  gint64 other = 5;
  guint notifies = 0;
  guint changed = 0;

  g_signal_connect (host, "notify", G_CALLBACK (count_notify_cb), &notifies);
  g_signal_connect (host, "changed", G_CALLBACK (count_cb), &changed);

  g_array_append_vals (data->osd_ids, ids, 2);
  g_assert_true (kdcc_host_update (host, data));
  g_assert_cmpuint (kdcc_host_get_osd_count (host), ==, 2);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_false (kdcc_host_update (host, data));
  g_assert_cmpuint (changed, ==, 1);

  g_array_index (data->osd_ids, gint64, 1) = other;
  g_assert_true (kdcc_host_update (host, data));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpint (g_array_index (kdcc_host_get_osd_ids (host), gint64, 1), ==, 5);

  kdcc_host_data_free (data);
  g_assert_finalize_object (host);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/host/update", test_update);

  return g_test_run ();
}
