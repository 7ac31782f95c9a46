/* test-osd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccOsd: updates notify exactly the properties that changed and emit
 * "changed" once; usage values survive a refresh that did not fetch them.
 */
#include "config.h"

#include "kdcc-osd.h"

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
changed_cb (KdccOsd *osd,
            guint   *count)
{
  (*count)++;
}

static void
test_lifecycle (void)
{
  KdccOsd *osd = kdcc_osd_new (7);
  gint64 id;

  g_object_get (osd, "id", &id, NULL);
  g_assert_cmpint (id, ==, 7);
  g_assert_cmpint (kdcc_osd_get_pgs (osd), ==, -1);
  g_assert_cmpfloat (kdcc_osd_get_reweight (osd), ==, 1.0);
  g_assert_finalize_object (osd);
}

static void
test_update_notifies_changes_only (void)
{
  g_autoptr(KdccOsd) osd = kdcc_osd_new (3);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  KdccOsdData *data = kdcc_osd_data_new ();
  guint changed = 0;

  data->id = 3;
  data->name = g_strdup ("osd.3");
  data->host = g_strdup ("node-a");
  data->device_class = g_strdup ("ssd");
  data->up = TRUE;
  data->in = TRUE;
  data->crush_weight = 0.0975;
  data->has_usage = TRUE;
  data->utilization = 12.5;
  data->total_bytes = 100;
  data->used_bytes = 12;
  data->avail_bytes = 88;
  data->pgs = 40;

  g_assert_true (kdcc_osd_update (osd, data));
  g_signal_connect (osd, "notify", G_CALLBACK (notify_cb), names);
  g_signal_connect (osd, "changed", G_CALLBACK (changed_cb), &changed);

  /* The same data again: nothing to say. */
  g_assert_false (kdcc_osd_update (osd, data));
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  /* A tiny change of a double is still a change. */
  data->in = FALSE;
  data->utilization = 12.500001;
  g_assert_true (kdcc_osd_update (osd, data));
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "in", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "utilization", g_str_equal, NULL));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (kdcc_osd_get_in (osd));
  g_assert_cmpstr (kdcc_osd_get_device_class (osd), ==, "ssd");
  g_assert_cmpstr (kdcc_osd_get_host (osd), ==, "node-a");

  /* osd df not fetched this time: the usage values stay. */
  g_ptr_array_set_size (names, 0);
  data->has_usage = FALSE;
  data->utilization = 0;
  data->pgs = -1;
  g_assert_false (kdcc_osd_update (osd, data));
  g_assert_cmpfloat (kdcc_osd_get_utilization (osd), ==, 12.500001);
  g_assert_cmpint (kdcc_osd_get_pgs (osd), ==, 40);
  g_assert_cmpuint (kdcc_osd_get_used_bytes (osd), ==, 12);

  /* The host can become unknown. */
  g_clear_pointer (&data->host, g_free);
  g_assert_true (kdcc_osd_update (osd, data));
  g_assert_null (kdcc_osd_get_host (osd));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "host");

  kdcc_osd_data_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/osd/lifecycle", test_lifecycle);
  g_test_add_func ("/osd/update-notifies-changes-only", test_update_notifies_changes_only);

  return g_test_run ();
}
