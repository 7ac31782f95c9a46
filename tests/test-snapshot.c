/* test-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kdcc-snapshot.h"

static void
test_health_status_strings (void)
{
  g_assert_cmpint (kdcc_health_status_from_string ("HEALTH_OK"), ==, KDCC_HEALTH_OK);
  g_assert_cmpint (kdcc_health_status_from_string ("HEALTH_WARN"), ==, KDCC_HEALTH_WARN);
  g_assert_cmpint (kdcc_health_status_from_string ("HEALTH_ERR"), ==, KDCC_HEALTH_ERR);
  g_assert_cmpint (kdcc_health_status_from_string ("health_ok"), ==, KDCC_HEALTH_UNKNOWN);
  g_assert_cmpint (kdcc_health_status_from_string (NULL), ==, KDCC_HEALTH_UNKNOWN);
  g_assert_cmpstr (kdcc_health_status_to_string (KDCC_HEALTH_WARN), ==, "HEALTH_WARN");
}

static void
test_ensure_is_idempotent (void)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  KdccOsdData *a, *b;
  KdccHostData *h1, *h2;

  g_assert_null (snap->osds);
  g_assert_true (kdcc_snapshot_ensure_osd_list (snap) == snap->osds);
  g_assert_cmpuint (snap->osds->len, ==, 0);
  g_assert_true (kdcc_snapshot_ensure_osd_list (snap) == snap->osds);
  a = kdcc_snapshot_ensure_osd (snap, 7);
  b = kdcc_snapshot_ensure_osd (snap, 7);
  g_assert_true (a == b);
  g_assert_cmpstr (a->name, ==, "osd.7");
  g_assert_cmpuint (snap->osds->len, ==, 1);

  /* Enough OSDs that a quadratic merge would show up in the test time. */
  for (gint64 i = 0; i < 20000; i++)
    kdcc_snapshot_ensure_osd (snap, i);
  g_assert_cmpuint (snap->osds->len, ==, 20000);

  h1 = kdcc_snapshot_ensure_host (snap, "node1");
  h2 = kdcc_snapshot_ensure_host (snap, "node1");
  g_assert_true (h1 == h2);
  g_assert_true (kdcc_snapshot_ensure_pool (snap, 3) == kdcc_snapshot_ensure_pool (snap, 3));
}

static void
test_class_capacity_copy (void)
{
  KdccClassCapacityData *data = kdcc_class_capacity_data_new ("ssd");
  KdccClassCapacityData *copy;

  data->total_bytes = 300;
  data->used_bytes = 100;
  data->avail_bytes = 200;
  copy = kdcc_class_capacity_data_copy (data);
  g_assert_true (copy != data);
  g_assert_true (copy->device_class != data->device_class);
  g_assert_cmpstr (copy->device_class, ==, "ssd");
  g_assert_cmpuint (copy->total_bytes, ==, 300);
  g_assert_cmpuint (copy->used_bytes, ==, 100);
  g_assert_cmpuint (copy->avail_bytes, ==, 200);
  kdcc_class_capacity_data_free (data);
  kdcc_class_capacity_data_free (copy);
}

static void
test_ref_counting (void)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  g_assert_true (kdcc_snapshot_ref (snap) == snap);
  kdcc_snapshot_unref (snap);
  g_assert_cmpint (snap->ref_count, ==, 1);
  kdcc_snapshot_unref (snap);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/snapshot/health-status-strings", test_health_status_strings);
  g_test_add_func ("/snapshot/ensure-is-idempotent", test_ensure_is_idempotent);
  g_test_add_func ("/snapshot/class-capacity-copy", test_class_capacity_copy);
  g_test_add_func ("/snapshot/ref-counting", test_ref_counting);
  return g_test_run ();
}
