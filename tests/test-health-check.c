/* test-health-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccHealthCheck: severity as the generated enum type, detail and
 * detail-text kept in step, notify only on change.
 */
#include "config.h"

#include "kdcc-enums.h"
#include "kdcc-health-check.h"

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
  g_autoptr(KdccHealthCheck) check = kdcc_health_check_new ("OSD_DOWN");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  KdccHealthCheckData *data = kdcc_health_check_data_new ();
  GParamSpec *pspec;
  g_autofree char *text = NULL;
  KdccHealthStatus severity;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (check), "severity");
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == KDCC_TYPE_HEALTH_STATUS);
  g_assert_cmpint (kdcc_health_check_get_count (check), ==, -1);

  data->code = g_strdup ("OSD_DOWN");
  data->severity = KDCC_HEALTH_WARN;
  data->summary = g_strdup ("1 osds down");
  g_ptr_array_add (data->detail, g_strdup ("osd.1 (root=default,host=a) is down"));
  data->count = 1;

  g_signal_connect (check, "notify", G_CALLBACK (notify_cb), names);
  g_assert_true (kdcc_health_check_update (check, data));
  /* severity, summary, detail, detail-text, count; muted stays FALSE. */
  g_assert_cmpuint (names->len, ==, 5);
  g_object_get (check, "severity", &severity, "detail-text", &text, NULL);
  g_assert_cmpint (severity, ==, KDCC_HEALTH_WARN);
  g_assert_cmpstr (text, ==, "osd.1 (root=default,host=a) is down");

  g_ptr_array_set_size (names, 0);
  g_assert_false (kdcc_health_check_update (check, data));
  g_assert_cmpuint (names->len, ==, 0);

  data->muted = TRUE;
  g_assert_true (kdcc_health_check_update (check, data));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "muted");
  g_assert_true (kdcc_health_check_get_muted (check));

  kdcc_health_check_data_free (data);
}

/* Ceph's own overflow lines (src/mon/PGMap.cc) and what is not one. */
static void
test_overflow (void)
{
  static const struct
  {
    const char *line;
    gboolean    overflow;
    guint64     n_more;
  } cases[] = {
    { "31 more pgs... ", TRUE, 31 },
    { "31 more pgs...", TRUE, 31 },
    { "1 more pgs... ", TRUE, 1 },
    { "123456 more pgs... ", TRUE, 123456 },
    { "(additional pgs left out for brevity)", TRUE, 0 },
    { "pg 1.1c not deep-scrubbed since 2020-11-23T04:49:37.391387+0000", FALSE, 0 },
    { "...more pgs affected", FALSE, 0 },
    { "31 more pgs", FALSE, 0 },
    { "31 more pgs... and then", FALSE, 0 },
    { "more pgs... ", FALSE, 0 },
    { "-3 more pgs... ", FALSE, 0 },
    { "99999999999999999999999 more pgs... ", FALSE, 0 },
    { "", FALSE, 0 },
  };
  const char *capped[] = { "pg 1.0 not scrubbed since x", "pg 1.1 not scrubbed since x",
                           "7 more pgs... ", NULL };
  const char *snaptrim[] = { "snap trim queue for pg 1.0 at 40000", "...more pgs affected",
                             "longest queue on pg 1.0 at 40000", NULL };
  gboolean has = TRUE;
  guint64 more = 99;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 n = 99;

      g_test_message ("%s", cases[i].line);
      g_assert_cmpint (kdcc_health_detail_is_overflow (cases[i].line, &n), ==, cases[i].overflow);
      g_assert_cmpuint (n, ==, cases[i].n_more);
    }
  g_assert_false (kdcc_health_detail_is_overflow (NULL, NULL));

  g_assert_cmpuint (kdcc_health_detail_count_lines (capped, &has, &more), ==, 2);
  g_assert_true (has);
  g_assert_cmpuint (more, ==, 7);
  /* Only a last line counts: the snap trim check goes on after it. */
  g_assert_cmpuint (kdcc_health_detail_count_lines (snaptrim, &has, &more), ==, 3);
  g_assert_false (has);
  g_assert_cmpuint (more, ==, 0);
  g_assert_cmpuint (kdcc_health_detail_count_lines (NULL, &has, NULL), ==, 0);
  g_assert_false (has);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health-check/update", test_update);
  g_test_add_func ("/health-check/overflow", test_overflow);

  return g_test_run ();
}
