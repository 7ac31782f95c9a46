/* test-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccPool: updates notify exactly the properties that changed, including
 * the applications vector, and keep usage values when df was not fetched.
 */
#include "config.h"

#include "kdcc-pool.h"

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_update (void)
{
  g_autoptr(KdccPool) pool = kdcc_pool_new (4);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  KdccPoolData *data = kdcc_pool_data_new ();
  g_auto(GStrv) apps = NULL;

  data->id = 4;
  data->name = g_strdup ("rbd");
  data->type = g_strdup ("replicated");
  data->size = 3;
  data->min_size = 2;
  data->pg_num = 32;
  data->autoscale_mode = g_strdup ("on");
  g_ptr_array_add (data->applications, g_strdup ("rbd"));
  data->has_usage = TRUE;
  data->stored_bytes = 4096;
  data->max_avail_bytes = 1 << 20;
  data->percent_used = 0.39;
  data->objects = 2;

  g_assert_true (kdcc_pool_update (pool, data));
  g_assert_cmpstr (kdcc_pool_get_pool_type (pool), ==, "replicated");
  g_assert_cmpstr (kdcc_pool_get_applications (pool)[0], ==, "rbd");
  g_assert_null (kdcc_pool_get_applications (pool)[1]);

  g_signal_connect (pool, "notify", G_CALLBACK (notify_cb), names);
  g_assert_false (kdcc_pool_update (pool, data));
  g_assert_cmpuint (names->len, ==, 0);

  /* Adding an application is a change of "applications" only. */
  g_ptr_array_add (data->applications, g_strdup ("rgw"));
  g_assert_true (kdcc_pool_update (pool, data));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "applications");
  g_object_get (pool, "applications", &apps, NULL);
  g_assert_cmpuint (g_strv_length (apps), ==, 2);
  g_assert_cmpstr (apps[1], ==, "rgw");

  /* No df this time: usage stays, size change still notifies. */
  g_ptr_array_set_size (names, 0);
  data->has_usage = FALSE;
  data->stored_bytes = 0;
  data->size = 2;
  g_assert_true (kdcc_pool_update (pool, data));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "size");
  g_assert_cmpuint (kdcc_pool_get_stored_bytes (pool), ==, 4096);

  kdcc_pool_data_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pool/update", test_update);

  return g_test_run ();
}
