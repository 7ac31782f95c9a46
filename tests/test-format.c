/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kdcc-format.h"

/* GLib separates number and unit with a no-break space. */
#define NBSP "\302\240"

/* No setlocale() call: the C locale keeps "." as decimal point and the
 * untranslated English strings, which is what these tests compare with. */

static void
test_size (void)
{
  g_autofree char *zero = kdcc_format_size (0);
  g_autofree char *kib = kdcc_format_size (1536);
  g_autofree char *gib = kdcc_format_size (G_GUINT64_CONSTANT (3) * 1024 * 1024 * 1024);
  g_autofree char *tib = kdcc_format_size (G_GUINT64_CONSTANT (5) << 40);

  g_assert_cmpstr (zero, ==, "0 bytes");
  g_assert_cmpstr (kib, ==, "1.5" NBSP "KiB");
  g_assert_cmpstr (gib, ==, "3.0" NBSP "GiB");
  g_assert_cmpstr (tib, ==, "5.0" NBSP "TiB");
}

static void
test_byte_rate (void)
{
  g_autofree char *zero = kdcc_format_byte_rate (0);
  g_autofree char *neg = kdcc_format_byte_rate (-12);
  g_autofree char *nan_rate = kdcc_format_byte_rate (NAN);
  g_autofree char *mib = kdcc_format_byte_rate (12.0 * 1024 * 1024);

  g_assert_cmpstr (zero, ==, "0 bytes/s");
  g_assert_cmpstr (neg, ==, "0 bytes/s");
  g_assert_cmpstr (nan_rate, ==, "0 bytes/s");
  g_assert_cmpstr (mib, ==, "12.0" NBSP "MiB/s");
}

static void
test_op_rate (void)
{
  g_autofree char *zero = kdcc_format_op_rate (0);
  g_autofree char *small = kdcc_format_op_rate (950.4);
  g_autofree char *kilo = kdcc_format_op_rate (1234);
  g_autofree char *mega = kdcc_format_op_rate (3400000);
  g_autofree char *inf = kdcc_format_op_rate (INFINITY);

  g_assert_cmpstr (zero, ==, "0 op/s");
  g_assert_cmpstr (small, ==, "950 op/s");
  g_assert_cmpstr (kilo, ==, "1.2k op/s");
  g_assert_cmpstr (mega, ==, "3.4M op/s");
  g_assert_cmpstr (inf, ==, "0 op/s");
}

static void
test_percent (void)
{
  g_autofree char *zero = kdcc_format_percent (0);
  g_autofree char *small = kdcc_format_percent (0.042);
  g_autofree char *mid = kdcc_format_percent (0.429);
  g_autofree char *full = kdcc_format_percent (1.7);
  g_autofree char *neg = kdcc_format_percent (-0.5);
  g_autofree char *tiny = kdcc_format_percent (0.00007);

  g_assert_cmpstr (zero, ==, "0%");
  g_assert_cmpstr (small, ==, "4.2%");
  /* Floor, not round: 99.6% full must not read as 100%. */
  g_assert_cmpstr (mid, ==, "42%");
  g_assert_cmpstr (full, ==, "100%");
  g_assert_cmpstr (neg, ==, "0%");
  g_assert_cmpstr (tiny, ==, "<0.1%");
}

static void
test_health (void)
{
  g_autofree char *ok = kdcc_format_health_sentence (KDCC_HEALTH_OK, 0, 0);
  g_autofree char *one = kdcc_format_health_sentence (KDCC_HEALTH_WARN, 0, 1);
  g_autofree char *two = kdcc_format_health_sentence (KDCC_HEALTH_WARN, 0, 2);
  g_autofree char *both = kdcc_format_health_sentence (KDCC_HEALTH_ERR, 1, 2);
  g_autofree char *errs = kdcc_format_health_sentence (KDCC_HEALTH_ERR, 3, 0);
  g_autofree char *bare = kdcc_format_health_sentence (KDCC_HEALTH_WARN, 0, 0);

  g_assert_cmpstr (kdcc_format_health_label (KDCC_HEALTH_OK), ==, "Healthy");
  g_assert_cmpstr (kdcc_format_health_label (KDCC_HEALTH_WARN), ==, "Warning");
  g_assert_cmpstr (kdcc_format_health_label (KDCC_HEALTH_ERR), ==, "Error");
  g_assert_cmpstr (kdcc_format_health_label (KDCC_HEALTH_UNKNOWN), ==, "Unknown");
  g_assert_cmpstr (kdcc_format_health_label ((KdccHealthStatus) 42), ==, "Unknown");

  g_assert_cmpstr (ok, ==, "Healthy");
  g_assert_cmpstr (one, ==, "1 warning");
  g_assert_cmpstr (two, ==, "2 warnings");
  g_assert_cmpstr (both, ==, "1 error, 2 warnings");
  g_assert_cmpstr (errs, ==, "3 errors");
  g_assert_cmpstr (bare, ==, "Warning");
}

static void
test_health_look (void)
{
  static const struct
  {
    KdccHealthStatus  status;
    const char       *icon;
    const char       *css;
    const char       *tag;
  } cases[] = {
    { KDCC_HEALTH_OK, "emblem-ok-symbolic", "success", "[OK]" },
    { KDCC_HEALTH_WARN, "dialog-warning-symbolic", "warning", "[WRN]" },
    { KDCC_HEALTH_ERR, "dialog-error-symbolic", "error", "[ERR]" },
    { KDCC_HEALTH_UNKNOWN, "dialog-question-symbolic", "dim-label", "[?]" },
    /* A value from a newer model falls back to "unknown". */
    { (KdccHealthStatus) 42, "dialog-question-symbolic", "dim-label", "[?]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (kdcc_format_health_icon_name (cases[i].status), ==, cases[i].icon);
      g_assert_cmpstr (kdcc_format_health_css_class (cases[i].status), ==, cases[i].css);
      g_assert_cmpstr (kdcc_format_health_tag (cases[i].status), ==, cases[i].tag);
    }
}

static void
test_age (void)
{
  struct { gint64 seconds; const char *expected; } cases[] = {
    { -3, "just now" },
    { 0, "just now" },
    { 4, "just now" },
    { 5, "5 seconds ago" },
    { 59, "59 seconds ago" },
    { 60, "1 minute ago" },
    { 125, "2 minutes ago" },
    { 3600, "1 hour ago" },
    { 7300, "2 hours ago" },
    { 86400, "1 day ago" },
    { 86400 * 9 + 5, "9 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *age = kdcc_format_age (cases[i].seconds);
      g_assert_cmpstr (age, ==, cases[i].expected);
    }
}

static void
test_stale_message (void)
{
  gint64 now = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;
  g_autofree char *never = kdcc_format_stale_message (0, now);
  g_autofree char *two = kdcc_format_stale_message (now - 120 * G_USEC_PER_SEC, now);
  /* A clock that went backwards must not print a negative age. */
  g_autofree char *future = kdcc_format_stale_message (now + 10 * G_USEC_PER_SEC, now);

  g_assert_cmpstr (never, ==, "Cannot reach the cluster. Retrying…");
  g_assert_cmpstr (two, ==,
                   "Cannot reach the cluster — showing data from 2 minutes ago. Retrying…");
  g_assert_cmpstr (future, ==,
                   "Cannot reach the cluster — showing data from just now. Retrying…");
}

static void
test_count_of (void)
{
  g_autofree char *s = kdcc_format_count_of (2, 3);

  g_assert_cmpstr (s, ==, "2 of 3");
}

static void
test_mgrs (void)
{
  static const struct
  {
    const char *active;
    guint       standbys;
    const char *text;
  } cases[] = {
    { "x", 0, "mgr.x active, no standby" },
    { "x", 1, "mgr.x active, 1 standby" },
    { "x", 2, "mgr.x active, 2 standbys" },
    { NULL, 0, "None active, no standby" },
    { "", 1, "None active, 1 standby" },
    { NULL, 3, "None active, 3 standbys" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kdcc_format_mgrs (cases[i].active, cases[i].standbys);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/size", test_size);
  g_test_add_func ("/format/byte-rate", test_byte_rate);
  g_test_add_func ("/format/op-rate", test_op_rate);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/health", test_health);
  g_test_add_func ("/format/health-look", test_health_look);
  g_test_add_func ("/format/age", test_age);
  g_test_add_func ("/format/stale-message", test_stale_message);
  g_test_add_func ("/format/count-of", test_count_of);
  g_test_add_func ("/format/mgrs", test_mgrs);

  return g_test_run ();
}
