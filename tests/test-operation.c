/* test-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccOperation without a cluster: the exact CLI equivalent of every kind
 * (and that a shell splits it back into the intended words), validation
 * errors, risk levels, read-back matching and inverses. The live test
 * (test-apply-live.c) runs the same texts with the real `ceph`.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-operation.h"
#include "kdcc-source.h"
#include "kdcc-staging.h"

static void
assert_cli (KdccOperation *op,
            const char    *expected)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);

  g_assert_cmpstr (cli, ==, expected);
}

/* The shell reads the text back as ARGV exactly. */
static void
assert_argv (KdccOperation      *op,
             const char * const *expected)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_shell_parse_argv (cli, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (argv, expected);
}

static void
test_cli_each_kind (void)
{
  struct { KdccOperation *op; const char *cli; } cases[] = {
    { kdcc_operation_new_config_set ("osd.1", "osd_max_backfills", "3"),
      "ceph config set osd.1 osd_max_backfills 3" },
    { kdcc_operation_new_config_set ("global", "osd_recovery_sleep", "0.1"),
      "ceph config set global osd_recovery_sleep 0.1" },
    { kdcc_operation_new_config_set ("osd/class:ssd", "osd_max_backfills", "2"),
      "ceph config set osd/class:ssd osd_max_backfills 2" },
    { kdcc_operation_new_config_set ("mgr", "mgr/dashboard/ssl", "false"),
      "ceph config set mgr mgr/dashboard/ssl false" },
    { kdcc_operation_new_config_rm ("osd/host:node1", "osd_max_backfills"),
      "ceph config rm osd/host:node1 osd_max_backfills" },
    { kdcc_operation_new_osd_flag ("noscrub", TRUE), "ceph osd set noscrub" },
    { kdcc_operation_new_osd_flag ("nodeep-scrub", FALSE), "ceph osd unset nodeep-scrub" },
    { kdcc_operation_new_pool_set ("rbd", "size", "3"), "ceph osd pool set rbd size 3" },
    { kdcc_operation_new_pool_set ("rbd", "size", "1"),
      "ceph osd pool set rbd size 1 --yes-i-really-mean-it" },
    { kdcc_operation_new_pool_set ("kdcc-test", "target_size_ratio", "0.2"),
      "ceph osd pool set kdcc-test target_size_ratio 0.2" },
    { kdcc_operation_new_osd_in (3), "ceph osd in 3" },
    { kdcc_operation_new_osd_out (12), "ceph osd out 12" },
    { kdcc_operation_new_osd_reweight (3, 0.85), "ceph osd reweight 3 0.85" },
    { kdcc_operation_new_osd_reweight (0, 1.0), "ceph osd reweight 0 1" },
    { kdcc_operation_new_health_mute ("OSD_DOWN", "4h", FALSE), "ceph health mute OSD_DOWN 4h" },
    { kdcc_operation_new_health_mute ("OSD_DOWN", NULL, TRUE),
      "ceph health mute OSD_DOWN --sticky" },
    { kdcc_operation_new_health_mute ("POOL_NO_REDUNDANCY", "", TRUE),
      "ceph health mute POOL_NO_REDUNDANCY --sticky" },
    { kdcc_operation_new_health_unmute ("OSD_DOWN"), "ceph health unmute OSD_DOWN" },
    { kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "10G"),
      "ceph osd pool set-quota rbd max_bytes 10G" },
    { kdcc_operation_new_pool_set_quota ("rbd", "max_objects", "0"),
      "ceph osd pool set-quota rbd max_objects 0" },
    { kdcc_operation_new_pool_application ("rbd", "rbd", TRUE),
      "ceph osd pool application enable rbd rbd --yes-i-really-mean-it" },
    { kdcc_operation_new_pool_application ("kdcc-test", "rgw", FALSE),
      "ceph osd pool application disable kdcc-test rgw --yes-i-really-mean-it" },
    { kdcc_operation_new_osd_primary_affinity (3, 0.5), "ceph osd primary-affinity osd.3 0.5" },
    { kdcc_operation_new_osd_primary_affinity (0, 1.0), "ceph osd primary-affinity osd.0 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_cli (cases[i].op, cases[i].cli);
      g_object_unref (cases[i].op);
    }
}

static void
test_cli_quoting (void)
{
  g_autoptr(KdccOperation) spaces = NULL;
  g_autoptr(KdccOperation) quote = NULL;
  g_autoptr(KdccOperation) dollar = NULL;
  g_autoptr(KdccOperation) pool = NULL;
  g_autoptr(KdccOperation) glob = NULL;

  spaces = kdcc_operation_new_config_set ("client", "log_file", "/var/log/my ceph.log");
  assert_cli (spaces, "ceph config set client log_file '/var/log/my ceph.log'");
  assert_argv (spaces, (const char *[]) { "ceph", "config", "set", "client", "log_file",
                                          "/var/log/my ceph.log", NULL });

  quote = kdcc_operation_new_config_set ("global", "cluster_network", "it's");
  assert_cli (quote, "ceph config set global cluster_network 'it'\\''s'");
  assert_argv (quote, (const char *[]) { "ceph", "config", "set", "global", "cluster_network",
                                         "it's", NULL });

  dollar = kdcc_operation_new_config_set ("mon.a", "mon_host", "$HOME;rm -rf `x`");
  assert_cli (dollar, "ceph config set mon.a mon_host '$HOME;rm -rf `x`'");
  assert_argv (dollar, (const char *[]) { "ceph", "config", "set", "mon.a", "mon_host",
                                          "$HOME;rm -rf `x`", NULL });

  pool = kdcc_operation_new_pool_set ("my pool", "compression_mode", "aggressive");
  assert_cli (pool, "ceph osd pool set 'my pool' compression_mode aggressive");

  glob = kdcc_operation_new_config_set ("osd", "osd_class_load_list", "*");
  assert_cli (glob, "ceph config set osd osd_class_load_list '*'");
  assert_argv (glob, (const char *[]) { "ceph", "config", "set", "osd", "osd_class_load_list",
                                        "*", NULL });
}

static void
assert_invalid (KdccOperation *op,
                const char    *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kdcc_operation_validate (op, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
  g_object_unref (op);
}

static void
assert_valid (KdccOperation *op)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_operation_validate (op, &error));
  g_assert_no_error (error);
  g_object_unref (op);
}

static void
test_validate (void)
{
  const char *good_who[] = {
    "global", "mon", "mgr", "osd", "mds", "client", "rgw", "osd.3", "mon.a", "client.rgw.gw1",
    "osd/class:ssd", "osd/host:node1", "osd/host:node1/class:ssd", "global/rack:r1",
  };
  const char *bad_who[] = {
    "", "everything", "osd.a", "osd.", "osd.-1", "osd/class", "osd/:ssd", "osd/class:",
    "osd.3/host:node1", "osd /class:ssd", "OSD",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good_who); i++)
    {
      assert_valid (kdcc_operation_new_config_set (good_who[i], "osd_max_backfills", "2"));
      assert_valid (kdcc_operation_new_config_rm (good_who[i], "osd_max_backfills"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_who); i++)
    assert_invalid (kdcc_operation_new_config_set (bad_who[i], "osd_max_backfills", "2"),
                    bad_who[i][0] != '\0' ? bad_who[i] : "target");

  assert_invalid (kdcc_operation_new_config_set ("osd", "", "2"), "name is empty");
  assert_invalid (kdcc_operation_new_config_rm ("osd", NULL), "name is empty");
  assert_invalid (kdcc_operation_new_config_set ("osd", "osd max", "2"), "osd max");
  assert_invalid (kdcc_operation_new_config_set ("osd", "osd_max_backfills", ""),
                  "osd_max_backfills");
  assert_valid (kdcc_operation_new_config_set ("mgr", "mgr/dashboard/ssl", "false"));

  assert_valid (kdcc_operation_new_osd_flag ("noout", TRUE));
  assert_valid (kdcc_operation_new_osd_flag ("pause", FALSE));
  assert_invalid (kdcc_operation_new_osd_flag ("nosuchflag", TRUE), "nosuchflag");
  assert_invalid (kdcc_operation_new_osd_flag ("sortbitwise", FALSE), "sortbitwise");

  assert_valid (kdcc_operation_new_pool_set ("rbd", "min_size", "2"));
  assert_invalid (kdcc_operation_new_pool_set ("", "size", "3"), "pool name is empty");
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "colour", "red"), "colour");
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "size", ""), "size");
  /* Values checked per variable, before the mon sees them. */
  assert_valid (kdcc_operation_new_pool_set ("rbd", "size", "3"));
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "size", "0"), "from 1 to 10");
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "size", "three"), "whole number");
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "min_size", "2.5"), "whole number");
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "pg_num", "0"), "pg_num");
  assert_valid (kdcc_operation_new_pool_set ("rbd", "pg_autoscale_mode", "warn"));
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "pg_autoscale_mode", "auto"),
                  "on, off, warn");
  assert_valid (kdcc_operation_new_pool_set ("rbd", "target_size_ratio", "0.25"));
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "target_size_ratio", "-1"), "at least 0");
  assert_valid (kdcc_operation_new_pool_set ("rbd", "compression_mode", "aggressive"));
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "compression_mode", "max"), "max");
  assert_valid (kdcc_operation_new_pool_set ("rbd", "compression_algorithm", "zstd"));
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "compression_algorithm", "gzip"), "gzip");
  assert_valid (kdcc_operation_new_pool_set ("rbd", "deep_scrub_interval", "1209600"));
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "scrub_max_interval", "weekly"), "weekly");
  assert_invalid (kdcc_operation_new_pool_set ("rbd", "nodelete", "yes"), "true, false");

  assert_valid (kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "10G"));
  assert_valid (kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "1073741824"));
  assert_valid (kdcc_operation_new_pool_set_quota ("rbd", "max_objects", "0"));
  assert_invalid (kdcc_operation_new_pool_set_quota ("rbd", "max_objects", "10k"), "10k");
  assert_invalid (kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "-1"), "-1");
  assert_invalid (kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "10X"), "10X");
  assert_invalid (kdcc_operation_new_pool_set_quota ("rbd", "max_size", "1"), "max_size");
  assert_invalid (kdcc_operation_new_pool_set_quota ("", "max_bytes", "1"), "pool name");

  assert_valid (kdcc_operation_new_pool_application ("rbd", "rbd", TRUE));
  assert_valid (kdcc_operation_new_pool_application ("rbd", "my-app_1.x", FALSE));
  assert_invalid (kdcc_operation_new_pool_application ("rbd", "my app", TRUE), "my app");
  assert_invalid (kdcc_operation_new_pool_application ("rbd", "", TRUE), "application name");

  assert_valid (kdcc_operation_new_osd_primary_affinity (1, 0.0));
  assert_invalid (kdcc_operation_new_osd_primary_affinity (1, 1.5), "primary affinity 1.5");
  assert_invalid (kdcc_operation_new_osd_primary_affinity (-2, 0.5), "-2");

  assert_valid (kdcc_operation_new_osd_reweight (2, 0.0));
  assert_valid (kdcc_operation_new_osd_reweight (2, 1.0));
  assert_invalid (kdcc_operation_new_osd_reweight (2, 1.5), "1.5");
  assert_invalid (kdcc_operation_new_osd_reweight (2, -0.1), "outside 0 to 1");
  assert_invalid (kdcc_operation_new_osd_reweight (2, NAN), "outside 0 to 1");
  assert_invalid (kdcc_operation_new_osd_out (-1), "-1");

  assert_valid (kdcc_operation_new_health_mute ("OSD_DOWN", "1h30m", FALSE));
  assert_valid (kdcc_operation_new_health_mute ("OSD_DOWN", "600", TRUE));
  assert_invalid (kdcc_operation_new_health_mute ("osd_down", NULL, FALSE), "osd_down");
  assert_invalid (kdcc_operation_new_health_mute ("OSD DOWN", NULL, FALSE), "OSD DOWN");
  assert_invalid (kdcc_operation_new_health_mute ("OSD_DOWN", "soon", FALSE), "soon");
  assert_invalid (kdcc_operation_new_health_unmute (""), "health check code");
}

static KdccRisk
risk_of (KdccOperation *op,
         gboolean       want_reason)
{
  KdccRisk risk = kdcc_operation_get_risk (op);

  if (want_reason)
    g_assert_nonnull (kdcc_operation_get_risk_reason (op));
  g_object_unref (op);
  return risk;
}

static void
test_risk (void)
{
  g_autoptr(KdccOperation) size_one = kdcc_operation_new_pool_set ("rbd", "size", "1");
  KdccRisk risk;

  g_assert_cmpint (kdcc_operation_get_risk (size_one), ==, KDCC_RISK_HIGH);
  g_assert_nonnull (strstr (kdcc_operation_get_risk_reason (size_one), "single copy"));
  g_object_get (size_one, "risk", &risk, NULL);
  g_assert_cmpint (risk, ==, KDCC_RISK_HIGH);

  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "min_size", "1"), TRUE), ==,
                   KDCC_RISK_HIGH);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "size", "3"), TRUE), ==,
                   KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "pg_num", "64"), TRUE), ==,
                   KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "deep_scrub_interval", "604800"),
                            TRUE), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "pg_autoscale_mode", "on"),
                            TRUE), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "pg_autoscale_mode", "warn"),
                            FALSE), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set ("rbd", "compression_mode", "force"),
                            TRUE), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "1G"), TRUE),
                   ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_application ("rbd", "rbd", FALSE), TRUE),
                   ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_pool_application ("rbd", "rbd", TRUE), TRUE),
                   ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_primary_affinity (1, 0.0), TRUE), ==,
                   KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_flag ("pause", TRUE), TRUE), ==,
                   KDCC_RISK_HIGH);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_flag ("noout", TRUE), TRUE), ==,
                   KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_flag ("norecover", TRUE), TRUE), ==,
                   KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_flag ("noscrub", TRUE), TRUE), ==,
                   KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_flag ("pause", FALSE), FALSE), ==,
                   KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_out (3), TRUE), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_in (3), FALSE), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_osd_reweight (3, 0.5), TRUE), ==,
                   KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_config_set ("osd", "osd_max_backfills", "3"),
                            FALSE), ==, KDCC_RISK_LOW);
  g_assert_cmpint (risk_of (kdcc_operation_new_config_set ("global", "mon_max_pg_per_osd",
                                                           "1000"), TRUE), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of (kdcc_operation_new_config_set ("global", "osd_pool_default_size",
                                                           "1"), TRUE), ==, KDCC_RISK_HIGH);
  g_assert_cmpint (risk_of (kdcc_operation_new_health_mute ("OSD_DOWN", NULL, FALSE), TRUE), ==,
                   KDCC_RISK_LOW);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_apply_mode (void)
{
  KdccOperation *op = kdcc_operation_new_config_set ("osd", "osd_op_num_shards", "8");
  g_autoptr(KdccOperation) flag = kdcc_operation_new_osd_flag ("noout", TRUE);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (kdcc_operation_get_apply_mode (op), ==, KDCC_APPLY_MODE_UNKNOWN);
  g_assert_cmpint (kdcc_operation_get_apply_mode (flag), ==, KDCC_APPLY_MODE_RUNTIME);
  g_assert_null (kdcc_operation_get_restart_who (op));

  g_signal_connect (op, "notify", G_CALLBACK (notify_cb), names);
  kdcc_operation_set_apply_mode (op, KDCC_APPLY_MODE_RESTART, NULL);
  g_assert_cmpuint (names->len, ==, 2);
  /* By default the daemons the target names restart. */
  g_assert_cmpstr (kdcc_operation_get_restart_who (op), ==, "osd");
  kdcc_operation_set_apply_mode (op, KDCC_APPLY_MODE_RESTART, "osd.1");
  g_assert_cmpstr (kdcc_operation_get_restart_who (op), ==, "osd.1");
  g_assert_cmpuint (names->len, ==, 3);
  /* No change, no notify. */
  kdcc_operation_set_apply_mode (op, KDCC_APPLY_MODE_RESTART, "osd.1");
  g_assert_cmpuint (names->len, ==, 3);

  g_signal_handlers_disconnect_by_data (op, names);
  g_assert_finalize_object (op);
}

static void
assert_inverse (KdccOperation *op,
                const char    *previous,
                const char    *expected_cli)
{
  g_autoptr(KdccOperation) inverse = kdcc_operation_new_inverse (op, previous);

  if (expected_cli == NULL)
    g_assert_null (inverse);
  else
    {
      g_assert_nonnull (inverse);
      assert_cli (inverse, expected_cli);
    }
}

static void
test_inverse (void)
{
  g_autoptr(KdccOperation) set = kdcc_operation_new_config_set ("osd.0", "osd_recovery_sleep", "0.5");
  g_autoptr(KdccOperation) rm = kdcc_operation_new_config_rm ("global", "osd_recovery_sleep");
  g_autoptr(KdccOperation) noscrub = kdcc_operation_new_osd_flag ("noscrub", TRUE);
  g_autoptr(KdccOperation) unset = kdcc_operation_new_osd_flag ("noout", FALSE);
  g_autoptr(KdccOperation) pool = kdcc_operation_new_pool_set ("rbd", "deep_scrub_interval", "600");
  g_autoptr(KdccOperation) size = kdcc_operation_new_pool_set ("rbd", "size", "2");
  g_autoptr(KdccOperation) out = kdcc_operation_new_osd_out (2);
  g_autoptr(KdccOperation) reweight = kdcc_operation_new_osd_reweight (2, 0.5);
  g_autoptr(KdccOperation) mute = kdcc_operation_new_health_mute ("OSD_DOWN", "1h", FALSE);
  g_autoptr(KdccOperation) unmute = kdcc_operation_new_health_unmute ("OSD_DOWN");

  assert_inverse (set, NULL, "ceph config rm osd.0 osd_recovery_sleep");
  assert_inverse (set, "0.250000", "ceph config set osd.0 osd_recovery_sleep 0.250000");
  /* Ceph stores 0.5 as "0.500000": nothing changed, nothing to undo. */
  assert_inverse (set, "0.500000", NULL);
  assert_inverse (rm, "0.100000", "ceph config set global osd_recovery_sleep 0.100000");
  assert_inverse (rm, NULL, NULL);
  assert_inverse (noscrub, NULL, "ceph osd unset noscrub");
  assert_inverse (noscrub, "set", NULL);
  assert_inverse (unset, "set", "ceph osd set noout");
  assert_inverse (pool, NULL, "ceph osd pool set rbd deep_scrub_interval 0");
  assert_inverse (pool, "1209600", "ceph osd pool set rbd deep_scrub_interval 1209600");
  assert_inverse (size, "3", "ceph osd pool set rbd size 3");
  assert_inverse (out, "in", "ceph osd in 2");
  assert_inverse (out, "out", NULL);
  assert_inverse (reweight, "1", "ceph osd reweight 2 1");
  assert_inverse (reweight, NULL, NULL);
  assert_inverse (mute, NULL, "ceph health unmute OSD_DOWN");
  assert_inverse (mute, "muted", NULL);
  assert_inverse (unmute, "muted", "ceph health mute OSD_DOWN --sticky");
  assert_inverse (unmute, NULL, NULL);

  {
    g_autoptr(KdccOperation) quota = kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "1G");
    g_autoptr(KdccOperation) enable = kdcc_operation_new_pool_application ("rbd", "x", TRUE);
    g_autoptr(KdccOperation) disable = kdcc_operation_new_pool_application ("rbd", "x", FALSE);
    g_autoptr(KdccOperation) affinity = kdcc_operation_new_osd_primary_affinity (2, 0.25);

    assert_inverse (quota, "0", "ceph osd pool set-quota rbd max_bytes 0");
    assert_inverse (quota, NULL, "ceph osd pool set-quota rbd max_bytes 0");
    assert_inverse (quota, "5000", "ceph osd pool set-quota rbd max_bytes 5000");
    /* 1G is 1 GiB to set-quota: nothing changed. */
    assert_inverse (quota, "1073741824", NULL);
    assert_inverse (enable, NULL, "ceph osd pool application disable rbd x --yes-i-really-mean-it");
    assert_inverse (enable, "enabled", NULL);
    assert_inverse (disable, "enabled",
                    "ceph osd pool application enable rbd x --yes-i-really-mean-it");
    assert_inverse (disable, NULL, NULL);
    assert_inverse (affinity, "1", "ceph osd primary-affinity osd.2 1");
    assert_inverse (affinity, "0.25", NULL);
    assert_inverse (affinity, NULL, NULL);
  }
  {
    g_autoptr(KdccOperation) mode = kdcc_operation_new_pool_set ("rbd", "compression_mode", "force");
    g_autoptr(KdccOperation) text_unset = kdcc_operation_new_pool_set ("rbd", "compression_mode", "unset");

    /* A text option is removed with "unset", not 0. */
    assert_inverse (mode, NULL, "ceph osd pool set rbd compression_mode unset");
    assert_inverse (mode, "passive", "ceph osd pool set rbd compression_mode passive");
    g_assert_true (kdcc_operation_read_back_matches (text_unset, NULL));
    g_assert_false (kdcc_operation_read_back_matches (text_unset, "force"));
  }
}

static void
test_read_back_matches (void)
{
  g_autoptr(KdccOperation) fl = kdcc_operation_new_config_set ("osd", "osd_recovery_sleep", "0.25");
  g_autoptr(KdccOperation) size = kdcc_operation_new_config_set ("mon", "mon_data_size_warn", "1G");
  g_autoptr(KdccOperation) boolean = kdcc_operation_new_pool_set ("rbd", "fast_read", "true");
  g_autoptr(KdccOperation) zero = kdcc_operation_new_pool_set ("rbd", "deep_scrub_interval", "0");
  g_autoptr(KdccOperation) weight = kdcc_operation_new_osd_reweight (1, 0.85);
  g_autoptr(KdccOperation) rm = kdcc_operation_new_config_rm ("osd", "osd_recovery_sleep");
  g_autoptr(KdccOperation) flag = kdcc_operation_new_osd_flag ("noscrub", TRUE);

  g_assert_true (kdcc_operation_read_back_matches (fl, "0.250000"));
  g_assert_false (kdcc_operation_read_back_matches (fl, "0.260000"));
  g_assert_false (kdcc_operation_read_back_matches (fl, NULL));
  g_assert_true (kdcc_operation_read_back_matches (size, "1073741824"));
  g_assert_true (kdcc_operation_read_back_matches (size, "1000000000"));
  g_assert_false (kdcc_operation_read_back_matches (size, "1000"));
  g_assert_true (kdcc_operation_read_back_matches (boolean, "1"));
  g_assert_false (kdcc_operation_read_back_matches (boolean, "0"));
  g_assert_true (kdcc_operation_read_back_matches (zero, NULL));
  /* 0.85 in 1/65536 steps. */
  g_assert_true (kdcc_operation_read_back_matches (weight, "0.849991"));
  g_assert_false (kdcc_operation_read_back_matches (weight, "0.8"));
  g_assert_true (kdcc_operation_read_back_matches (rm, NULL));
  g_assert_false (kdcc_operation_read_back_matches (rm, "0.1"));
  g_assert_true (kdcc_operation_read_back_matches (flag, "set"));
  g_assert_false (kdcc_operation_read_back_matches (flag, NULL));

  {
    g_autoptr(KdccOperation) quota = kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "10G");
    g_autoptr(KdccOperation) none = kdcc_operation_new_pool_set_quota ("rbd", "max_objects", "0");
    g_autoptr(KdccOperation) app = kdcc_operation_new_pool_application ("rbd", "x", TRUE);
    g_autoptr(KdccOperation) affinity = kdcc_operation_new_osd_primary_affinity (1, 0.3);

    g_assert_true (kdcc_operation_read_back_matches (quota, "10737418240"));
    g_assert_false (kdcc_operation_read_back_matches (quota, "10000000000"));
    g_assert_true (kdcc_operation_read_back_matches (none, "0"));
    g_assert_true (kdcc_operation_read_back_matches (none, NULL));
    g_assert_false (kdcc_operation_read_back_matches (none, "10"));
    g_assert_true (kdcc_operation_read_back_matches (app, "enabled"));
    g_assert_false (kdcc_operation_read_back_matches (app, NULL));
    g_assert_true (kdcc_operation_read_back_matches (affinity, "0.299988"));
    g_assert_false (kdcc_operation_read_back_matches (affinity, "1"));
  }
}

static void
test_split_who (void)
{
  struct { const char *who, *section, *mask; } cases[] = {
    { "global", "global", "" },
    { "osd.3", "osd.3", "" },
    { "osd/class:ssd", "osd", "class:ssd" },
    { "osd/host:node1", "osd", "host:node1" },
    /* `config dump` prints the CRUSH location before the class. */
    { "osd/class:ssd/host:node1", "osd", "host:node1/class:ssd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *section = NULL;
      g_autofree char *mask = NULL;

      kdcc_operation_split_who (cases[i].who, &section, &mask);
      g_assert_cmpstr (section, ==, cases[i].section);
      g_assert_cmpstr (mask, ==, cases[i].mask);
    }
}

static void
test_capabilities (void)
{
  struct { KdccOperation *op; KdccCapabilities cap; } cases[] = {
    { kdcc_operation_new_config_set ("osd", "osd_max_backfills", "3"), KDCC_CAPABILITY_CONFIG_WRITE },
    { kdcc_operation_new_config_rm ("osd", "osd_max_backfills"), KDCC_CAPABILITY_CONFIG_WRITE },
    { kdcc_operation_new_osd_flag ("noout", TRUE), KDCC_CAPABILITY_OSD_FLAGS },
    { kdcc_operation_new_pool_set ("rbd", "size", "3"), KDCC_CAPABILITY_POOL_WRITE },
    { kdcc_operation_new_osd_out (1), KDCC_CAPABILITY_OSD_WRITE },
    { kdcc_operation_new_osd_reweight (1, 0.5), KDCC_CAPABILITY_OSD_WRITE },
    { kdcc_operation_new_health_unmute ("OSD_DOWN"), KDCC_CAPABILITY_HEALTH_MUTE },
    { kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "1"), KDCC_CAPABILITY_POOL_WRITE },
    { kdcc_operation_new_pool_application ("rbd", "x", TRUE), KDCC_CAPABILITY_POOL_WRITE },
    { kdcc_operation_new_osd_primary_affinity (1, 0.5), KDCC_CAPABILITY_OSD_WRITE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (kdcc_capability_for_operation (cases[i].op), ==, cases[i].cap);
      g_assert_finalize_object (cases[i].op);
    }
}

/* The staging file keeps every kind: what is read back is the same
 * operation, with the same CLI text and risk. */
static void
test_json_round_trip (void)
{
  KdccOperation *ops[] = {
    kdcc_operation_new_pool_set ("rbd", "min_size", "2"),
    kdcc_operation_new_pool_set_quota ("rbd", "max_bytes", "10G"),
    kdcc_operation_new_pool_application ("rbd", "rgw", TRUE),
    kdcc_operation_new_pool_application ("rbd", "rgw", FALSE),
    kdcc_operation_new_osd_primary_affinity (4, 0.25),
    kdcc_operation_new_osd_reweight (4, 0.8),
    kdcc_operation_new_osd_out (4),
    kdcc_operation_new_osd_flag ("noout", TRUE),
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(JsonNode) node = kdcc_operation_to_json_node (ops[i]);
      g_autoptr(KdccOperation) back = kdcc_operation_new_from_json (node);
      g_autofree char *cli = kdcc_operation_dup_cli_equivalent (ops[i]);
      g_autofree char *cli_back = NULL;

      g_assert_nonnull (back);
      cli_back = kdcc_operation_dup_cli_equivalent (back);
      g_assert_cmpstr (cli_back, ==, cli);
      g_assert_cmpint (kdcc_operation_get_kind (back), ==, kdcc_operation_get_kind (ops[i]));
      g_assert_cmpint (kdcc_operation_get_risk (back), ==, kdcc_operation_get_risk (ops[i]));
      g_assert_cmpfloat (kdcc_operation_get_weight (back), ==, kdcc_operation_get_weight (ops[i]));
      g_object_unref (ops[i]);
    }
}

/* The upgrade's own operations: require-osd-release (one way) and the PG
 * autoscaler's noautoscale (an mgr command, undone by its opposite). */
static void
test_upgrade_kinds (void)
{
  g_autoptr(KdccOperation) require = kdcc_operation_new_require_osd_release ("reef");
  g_autoptr(KdccOperation) bad = kdcc_operation_new_require_osd_release ("Reef; rm -rf /");
  g_autoptr(KdccOperation) set = kdcc_operation_new_noautoscale (TRUE);
  g_autoptr(KdccOperation) unset = kdcc_operation_new_noautoscale (FALSE);
  g_autoptr(KdccOperation) inverse = NULL;
  g_autoptr(GError) error = NULL;
  KdccOperation *all[] = { require, set, unset };

  assert_cli (require, "ceph osd require-osd-release reef");
  assert_cli (set, "ceph osd pool set noautoscale");
  assert_cli (unset, "ceph osd pool unset noautoscale");

  g_assert_true (kdcc_operation_validate (require, &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_operation_validate (set, &error));
  g_assert_true (kdcc_operation_validate (unset, &error));
  g_assert_false (kdcc_operation_validate (bad, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not a Ceph release name"));
  g_assert_true (kdcc_operation_is_known_release ("pacific"));
  g_assert_true (kdcc_operation_is_known_release ("tentacle"));
  g_assert_false (kdcc_operation_is_known_release ("Reef"));
  g_assert_false (kdcc_operation_is_known_release (NULL));

  /* One way: Ceph never lowers require_osd_release. */
  g_assert_cmpint (kdcc_operation_get_risk (require), ==, KDCC_RISK_HIGH);
  g_assert_nonnull (strstr (kdcc_operation_get_risk_reason (require), "Cannot be undone"));
  g_assert_null (kdcc_operation_new_inverse (require, "pacific"));
  g_assert_null (kdcc_operation_new_inverse (require, "reef"));   /* nothing changed */
  g_assert_cmpstr (kdcc_operation_get_expected_value (require), ==, "reef");
  g_assert_true (kdcc_operation_read_back_matches (require, "reef"));
  g_assert_false (kdcc_operation_read_back_matches (require, "pacific"));

  /* Pacific's unset turns every pool's autoscaler on: the risk says so. */
  g_assert_cmpint (kdcc_operation_get_risk (set), ==, KDCC_RISK_LOW);
  g_assert_cmpint (kdcc_operation_get_risk (unset), ==, KDCC_RISK_MEDIUM);
  g_assert_nonnull (strstr (kdcc_operation_get_risk_reason (unset), "every pool"));
  g_assert_cmpstr (kdcc_operation_get_expected_value (set), ==, "set");
  g_assert_null (kdcc_operation_get_expected_value (unset));
  g_assert_true (kdcc_operation_read_back_matches (set, "set"));
  g_assert_false (kdcc_operation_read_back_matches (set, NULL));
  g_assert_true (kdcc_operation_read_back_matches (unset, NULL));
  inverse = kdcc_operation_new_inverse (set, NULL);
  g_assert_nonnull (inverse);
  assert_cli (inverse, "ceph osd pool unset noautoscale");
  g_clear_object (&inverse);
  inverse = kdcc_operation_new_inverse (unset, "set");
  assert_cli (inverse, "ceph osd pool set noautoscale");
  g_assert_null (kdcc_operation_new_inverse (set, "set"));

  /* Mon and mgr commands: a Dashboard connection refuses them up front. */
  g_assert_cmpint (kdcc_capability_for_operation (require), ==, KDCC_CAPABILITY_MON_COMMANDS);
  g_assert_cmpint (kdcc_capability_for_operation (set), ==, KDCC_CAPABILITY_MGR_COMMANDS);
  g_assert_cmpint (kdcc_capability_for_operation (unset), ==, KDCC_CAPABILITY_MGR_COMMANDS);

  /* The audit log and staging file keep them. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(JsonNode) node = kdcc_operation_to_json_node (all[i]);
      g_autoptr(KdccOperation) back = kdcc_operation_new_from_json (node);
      g_autofree char *cli = kdcc_operation_dup_cli_equivalent (all[i]);
      g_autofree char *cli_back = NULL;

      g_assert_nonnull (back);
      cli_back = kdcc_operation_dup_cli_equivalent (back);
      g_assert_cmpstr (cli_back, ==, cli);
      g_assert_cmpint (kdcc_operation_get_kind (back), ==, kdcc_operation_get_kind (all[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/operation/cli/each-kind", test_cli_each_kind);
  g_test_add_func ("/operation/cli/quoting", test_cli_quoting);
  g_test_add_func ("/operation/validate", test_validate);
  g_test_add_func ("/operation/risk", test_risk);
  g_test_add_func ("/operation/apply-mode", test_apply_mode);
  g_test_add_func ("/operation/inverse", test_inverse);
  g_test_add_func ("/operation/read-back-matches", test_read_back_matches);
  g_test_add_func ("/operation/split-who", test_split_who);
  g_test_add_func ("/operation/capabilities", test_capabilities);
  g_test_add_func ("/operation/json-round-trip", test_json_round_trip);
  g_test_add_func ("/operation/upgrade-kinds", test_upgrade_kinds);

  return g_test_run ();
}
