/* test-config-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Option metadata, value validation as Ceph parses values, and the staging
 * file format; no cluster (test-controls-live.c covers the live side).
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kdcc-config-catalog.h"
#include "kdcc-config-option.h"
#include "kdcc-config-parse.h"
#include "kdcc-error.h"
#include "kdcc-staging.h"
#include "kdcc-test-util.h"

static void
test_parse_bool (void)
{
  gboolean b;

  g_assert_true (kdcc_config_parse_bool ("true", &b) && b);
  g_assert_true (kdcc_config_parse_bool ("FALSE", &b) && !b);
  g_assert_true (kdcc_config_parse_bool ("0", &b) && !b);
  g_assert_true (kdcc_config_parse_bool ("2", &b) && b);
  g_assert_false (kdcc_config_parse_bool ("yes", &b));
  g_assert_false (kdcc_config_parse_bool ("", &b));
  g_assert_false (kdcc_config_parse_bool ("1x", &b));
}

static void
test_parse_int (void)
{
  gint64 v;

  g_assert_true (kdcc_config_parse_si_int ("42", FALSE, &v) && v == 42);
  g_assert_true (kdcc_config_parse_si_int ("-3", FALSE, &v) && v == -3);
  g_assert_true (kdcc_config_parse_si_int ("4K", FALSE, &v) && v == 4000);
  g_assert_true (kdcc_config_parse_si_int ("2G", TRUE, &v) && v == 2000000000);
  g_assert_false (kdcc_config_parse_si_int ("-3", TRUE, &v));
  /* Ceph's SI cast knows no "B" and no lower case. */
  g_assert_false (kdcc_config_parse_si_int ("5B", FALSE, &v));
  g_assert_false (kdcc_config_parse_si_int ("4k", FALSE, &v));
  g_assert_false (kdcc_config_parse_si_int ("K", FALSE, &v));
  g_assert_false (kdcc_config_parse_si_int ("1.5", FALSE, &v));
  g_assert_false (kdcc_config_parse_si_int ("99999999999E", FALSE, &v));
}

static void
test_parse_size (void)
{
  guint64 v;

  g_assert_true (kdcc_config_parse_size ("4096", &v) && v == 4096);
  g_assert_true (kdcc_config_parse_size ("4G", &v) && v == 4ULL << 30);
  g_assert_true (kdcc_config_parse_size ("512Ki", &v) && v == 512ULL << 10);
  g_assert_true (kdcc_config_parse_size ("1MiB", &v) && v == 1ULL << 20);
  g_assert_true (kdcc_config_parse_size ("3KB", &v) && v == 3ULL << 10);
  g_assert_true (kdcc_config_parse_size ("7B", &v) && v == 7);
  g_assert_false (kdcc_config_parse_size ("-1", &v));
  g_assert_false (kdcc_config_parse_size ("4X", &v));
  g_assert_false (kdcc_config_parse_size ("4Bi", &v));
  g_assert_false (kdcc_config_parse_size ("4KiBB", &v));
  g_assert_false (kdcc_config_parse_size ("16E", &v));
  g_assert_false (kdcc_config_parse_size ("", &v));
}

static void
test_parse_duration (void)
{
  gint64 s;

  g_assert_true (kdcc_config_parse_duration ("30", &s) && s == 30);
  g_assert_true (kdcc_config_parse_duration ("30s", &s) && s == 30);
  g_assert_true (kdcc_config_parse_duration ("1h", &s) && s == 3600);
  g_assert_true (kdcc_config_parse_duration ("2d 12h", &s) && s == 216000);
  g_assert_true (kdcc_config_parse_duration ("1 week", &s) && s == 604800);
  g_assert_true (kdcc_config_parse_duration ("3mo", &s) && s == 3 * 2592000);
  g_assert_false (kdcc_config_parse_duration ("1x", &s));
  g_assert_false (kdcc_config_parse_duration ("30 5m", &s));
  g_assert_false (kdcc_config_parse_duration ("", &s));
  g_assert_false (kdcc_config_parse_duration ("-5s", &s));
}

static void
test_parse_addr (void)
{
  g_assert_true (kdcc_config_parse_addr ("10.0.0.1"));
  g_assert_true (kdcc_config_parse_addr ("10.0.0.1:6789"));
  g_assert_true (kdcc_config_parse_addr ("v2:10.0.0.1:3300/0"));
  g_assert_true (kdcc_config_parse_addr ("[::1]:3300"));
  g_assert_true (kdcc_config_parse_addr ("::1"));
  g_assert_false (kdcc_config_parse_addr ("node1"));
  g_assert_false (kdcc_config_parse_addr ("10.0.0.1:99999"));
}

static GPtrArray *
load_subset (void)
{
  g_autofree char *text = kdcc_test_read_fixture ("pacific-16.2.15/config-help-subset.json", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *options = kdcc_config_parse_options (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (options);
  return options;
}

static KdccConfigOption *
find (GPtrArray  *options,
      const char *name)
{
  for (guint i = 0; i < options->len; i++)
    if (g_str_equal (kdcc_config_option_get_name (g_ptr_array_index (options, i)), name))
      return g_ptr_array_index (options, i);
  g_error ("no option %s in the fixture", name);
  return NULL;
}

static void
assert_refused (KdccConfigOption *option,
                const char       *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kdcc_config_option_check_value (option, value, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, kdcc_config_option_get_name (option)));
}

static void
assert_accepted (KdccConfigOption *option,
                 const char       *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_config_option_check_value (option, value, &error));
  g_assert_no_error (error);
}

static void
test_options (void)
{
  g_autoptr(GPtrArray) options = load_subset ();
  KdccConfigOption *o;

  g_assert_cmpuint (options->len, ==, 19);

  o = find (options, "osd_max_backfills");
  g_assert_cmpint (kdcc_config_option_get_option_type (o), ==, KDCC_CONFIG_TYPE_UINT);
  g_assert_cmpint (kdcc_config_option_get_level (o), ==, KDCC_CONFIG_LEVEL_ADVANCED);
  g_assert_cmpstr (kdcc_config_option_get_default_value (o), ==, "1");
  g_assert_true (kdcc_config_option_get_runtime (o));
  g_assert_cmpstr (kdcc_config_option_get_service (o), ==, "osd");
  assert_accepted (o, "3");
  assert_refused (o, "abc");
  assert_refused (o, "-1");

  /* min and max as numbers in the dump. */
  o = find (options, "mon_osd_laggy_weight");
  g_assert_cmpstr (kdcc_config_option_get_min (o), ==, "0");
  g_assert_cmpstr (kdcc_config_option_get_max (o), ==, "1");
  assert_accepted (o, "0.5");
  assert_refused (o, "1.5");
  assert_refused (o, "heavy");

  o = find (options, "ms_async_op_threads");
  assert_accepted (o, "24");
  assert_refused (o, "25");
  assert_refused (o, "0");

  o = find (options, "osd_pool_default_pg_autoscale_mode");
  g_assert_cmpstr (kdcc_config_option_get_enum_values (o)[0], ==, "off");
  assert_accepted (o, "warn");
  assert_refused (o, "sometimes");

  /* A size with a minimum. */
  o = find (options, "osd_memory_target");
  g_assert_cmpint (kdcc_config_option_get_option_type (o), ==, KDCC_CONFIG_TYPE_SIZE);
  assert_accepted (o, "4G");
  assert_refused (o, "512M");
  assert_refused (o, "4 G");
  g_assert_true (kdcc_config_option_values_equal (o, "4G", "4294967296"));

  /* Not changeable at runtime: a string without the runtime flag. */
  o = find (options, "gss_target_name");
  g_assert_false (kdcc_config_option_get_runtime (o));
  assert_accepted (o, "anything at all");

  o = find (options, "fsid");
  g_assert_cmpint (kdcc_config_option_get_level (o), ==, KDCC_CONFIG_LEVEL_BASIC);
  assert_accepted (o, "5c9220f5-ad9d-4e00-bd6f-9242becee552");
  assert_refused (o, "not-a-uuid");

  o = find (options, "public_addr");
  assert_accepted (o, "10.1.2.3:6789");
  assert_refused (o, "somewhere");

  o = find (options, "rbd_cache");
  g_assert_cmpstr (kdcc_config_option_get_service (o), ==, "client");
  assert_accepted (o, "false");
  assert_refused (o, "maybe");
}

static void
test_secs (void)
{
  g_autoptr(KdccConfigOption) o = kdcc_config_option_new ("mon_x_interval", KDCC_CONFIG_TYPE_SECS,
                                                          KDCC_CONFIG_LEVEL_ADVANCED);

  kdcc_config_option_set_range (o, "60", "");
  assert_accepted (o, "1h");
  assert_accepted (o, "60");
  assert_refused (o, "30s");
  assert_refused (o, "soon");
  g_assert_true (kdcc_config_option_values_equal (o, "1m", "60"));
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) options = load_subset ();
  KdccConfigOption *o = find (options, "osd_max_backfills");

  g_assert_true (kdcc_config_option_matches (o, ""));
  g_assert_true (kdcc_config_option_matches (o, "backfill"));
  /* Words anywhere in name or descriptions, all of them. */
  g_assert_true (kdcc_config_option_matches (o, "concurrent backfills"));
  g_assert_true (kdcc_config_option_matches (o, "reservations"));
  g_assert_false (kdcc_config_option_matches (o, "backfill scrub"));
}

static void
test_dashboard_values (void)
{
  g_autofree char *text = kdcc_test_read_fixture ("pacific-16.2.15/cluster-conf-subset.json", NULL);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GError) error = NULL;

  options = kdcc_config_parse_options (text, -1, &values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (options->len, ==, 2);
  g_assert_nonnull (values);
  g_assert_cmpuint (values->len, >=, 1);
  g_assert_cmpstr (kdcc_config_value_get_name (g_ptr_array_index (values, 0)), !=, NULL);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

static void
test_dump (void)
{
  const char *text = "[{\"section\":\"osd\",\"name\":\"osd_max_backfills\",\"value\":\"3\","
                     "\"mask\":\"class:ssd\"},{\"section\":\"global\",\"name\":\"x\","
                     "\"value\":\"1\",\"mask\":\"\"}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = kdcc_config_parse_dump (text, -1, &error);
  g_autoptr(GPtrArray) options = load_subset ();
  KdccConfigOption *o = find (options, "osd_max_backfills");
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  guint n_notified = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpstr (kdcc_config_value_get_who (g_ptr_array_index (values, 0)), ==,
                   "osd/class:ssd");

  g_ptr_array_add (mine, g_ptr_array_index (values, 0));
  g_assert_false (kdcc_config_option_get_changed (o));
  g_signal_connect (o, "notify::changed", G_CALLBACK (count_cb), &n_notified);
  kdcc_config_option_set_values (o, mine);
  g_assert_true (kdcc_config_option_get_changed (o));
  /* The same values again: no notification. */
  kdcc_config_option_set_values (o, mine);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstr (kdcc_config_option_lookup_value (o, "osd/class:ssd"), ==, "3");
  g_assert_null (kdcc_config_option_lookup_value (o, "osd"));
}

static void
test_operation_json (void)
{
  KdccOperation *ops[] = {
    kdcc_operation_new_config_set ("osd/class:ssd", "osd_max_backfills", "3"),
    kdcc_operation_new_config_rm ("osd.1", "osd_recovery_sleep"),
    kdcc_operation_new_osd_flag ("noout", TRUE),
    kdcc_operation_new_pool_set ("rbd", "size", "3"),
    kdcc_operation_new_osd_reweight (2, 0.5),
    kdcc_operation_new_health_mute ("OSD_DOWN", "1h", TRUE),
  };

  kdcc_operation_set_apply_mode (ops[0], KDCC_APPLY_MODE_RESTART, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(JsonNode) node = kdcc_operation_to_json_node (ops[i]);
      g_autoptr(KdccOperation) back = kdcc_operation_new_from_json (node);
      g_autofree char *cli_a = kdcc_operation_dup_cli_equivalent (ops[i]);
      g_autofree char *cli_b = NULL;

      g_assert_nonnull (back);
      cli_b = kdcc_operation_dup_cli_equivalent (back);
      g_assert_cmpstr (cli_a, ==, cli_b);
      g_assert_cmpint (kdcc_operation_get_apply_mode (back), ==,
                       kdcc_operation_get_apply_mode (ops[i]));
      g_object_unref (ops[i]);
    }
}

/* Issue 7: "a value far outside the usual range" asks first. */
static KdccRisk
risk_of_set (GPtrArray  *options,
             const char *name,
             const char *value)
{
  g_autoptr(KdccOperation) op = kdcc_operation_new_config_set ("osd", name, value);

  kdcc_operation_check_usual_range (op, find (options, name));
  return kdcc_operation_get_risk (op);
}

static void
test_usual_range (void)
{
  g_autoptr(GPtrArray) options = load_subset ();

  /* uint, default 1 */
  g_assert_cmpint (risk_of_set (options, "osd_max_backfills", "9"), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of_set (options, "osd_max_backfills", "10"), ==, KDCC_RISK_MEDIUM);
  /* size, default 4 GiB: a suffix is read as Ceph reads it */
  g_assert_cmpint (risk_of_set (options, "osd_memory_target", "2G"), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of_set (options, "osd_memory_target", "256M"), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of_set (options, "osd_memory_target", "64G"), ==, KDCC_RISK_MEDIUM);
  /* float, default one week */
  g_assert_cmpint (risk_of_set (options, "osd_deep_scrub_interval", "86400"), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of_set (options, "osd_deep_scrub_interval", "3600"), ==, KDCC_RISK_MEDIUM);
  /* int with a daemon default (10000, not 500): the daemons' one counts */
  g_assert_cmpint (risk_of_set (options, "log_max_recent", "5000"), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of_set (options, "log_max_recent", "500"), ==, KDCC_RISK_MEDIUM);
  /* a default of 0 (or negative) has no range to be far from */
  g_assert_cmpint (risk_of_set (options, "osd_recovery_sleep", "100"), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of_set (options, "compressor_zlib_winsize", "-9"), ==, KDCC_RISK_LOW);
  /* an option already risky keeps its own reason */
  {
    g_autoptr(KdccOperation) op = kdcc_operation_new_config_set ("global", "mon_max_pg_per_osd",
                                                                 "5000");
    const char *before = kdcc_operation_get_risk_reason (op);

    kdcc_operation_check_usual_range (op, find (options, "mon_max_pg_per_osd"));
    g_assert_cmpint (kdcc_operation_get_risk (op), ==, KDCC_RISK_MEDIUM);
    g_assert_true (kdcc_operation_get_risk_reason (op) == before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/parse/bool", test_parse_bool);
  g_test_add_func ("/config/parse/int", test_parse_int);
  g_test_add_func ("/config/parse/size", test_parse_size);
  g_test_add_func ("/config/parse/duration", test_parse_duration);
  g_test_add_func ("/config/parse/addr", test_parse_addr);
  g_test_add_func ("/config/options", test_options);
  g_test_add_func ("/config/secs", test_secs);
  g_test_add_func ("/config/search", test_search);
  g_test_add_func ("/config/dashboard-values", test_dashboard_values);
  g_test_add_func ("/config/dump", test_dump);
  g_test_add_func ("/config/operation-json", test_operation_json);
  g_test_add_func ("/config/usual-range", test_usual_range);

  return kdcc_test_run ();
}
