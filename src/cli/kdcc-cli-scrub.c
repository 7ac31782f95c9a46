/* kdcc-cli-scrub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli scrub status [--json]`: the scrub settings in force and where
 * they come from, per pool the PGs not (deep-)scrubbed in time by the
 * mgr's own formula, and the forecast.
 * `kdcc-cli scrub deep-scrub --pool P|--osd ID [--max N]`: asks for deep
 * scrubs of the overdue PGs of a pool (or on an OSD), oldest first, a few seconds apart, each one an
 * operation recorded in the audit log (`ceph pg deep-scrub PGID`).
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "kdcc-cli-controls.h"
#include "kdcc-cli-scrub.h"
#include "kdcc-error.h"
#include "kdcc-pool.h"
#include "kdcc-scrub-job.h"
#include "kdcc-scrub-planner.h"

/* Everything both subcommands read: settings, pools, PGs, flags. */
static int
gather (KdccCliControls  *controls,
        KdccScrubInputs **out)
{
  g_autoptr(KdccScrubInputs) inputs = kdcc_scrub_inputs_new ();
  g_autoptr(GError) error = NULL;
  KdccSource *source = kdcc_session_get_source (controls->session);
  KdccCluster *cluster = kdcc_session_get_cluster (controls->session);
  int status;

  if ((status = kdcc_cli_controls_load_catalog (controls)) != 0)
    return status;
  kdcc_scrub_settings_load_catalog (inputs->settings, controls->catalog);
  if (!kdcc_scrub_fetch_pgs_sync (source, cluster, NULL, &error))
    return kdcc_cli_controls_fail (error);
  if (!kdcc_scrub_inputs_fill_from_cluster (inputs, cluster))
    {
      g_autoptr(GError) none = g_error_new_literal (KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                                                    _("The cluster did not report the PGs’ "
                                                      "scrub stamps"));

      kdcc_cluster_release_pg_list (cluster);
      return kdcc_cli_controls_fail (none);
    }
  kdcc_cluster_release_pg_list (cluster);
  if (!kdcc_scrub_inputs_load_flags_sync (inputs, source, NULL, &error))
    {
      /* The Dashboard runs no `osd dump`: say so and go on without flags. */
      g_printerr ("kdcc-cli: %s\n", error->message);
      g_clear_error (&error);
    }
  *out = g_steal_pointer (&inputs);
  return 0;
}

static char *
format_value (KdccScrubOption option,
              double          value)
{
  if (kdcc_scrub_option_is_interval (option))
    {
      g_autofree char *span = kdcc_scrub_format_span (value);

      return g_strdup_printf ("%s (%.0f s)", span, value);
    }
  return g_strdup_printf ("%g", value);
}

static void
print_settings (const KdccScrubSettings *settings)
{
  g_print ("%s\n", _("Settings (for the OSDs; for the mgr where it differs):"));
  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    {
      const KdccScrubSetting *s = &settings->options[i];
      g_autofree char *value = format_value (i, s->value);

      g_print ("  %-38s %-22s %s", kdcc_scrub_option_name (i), value,
               kdcc_scrub_origin_to_label (s->origin));
      if (s->mgr_value != s->value || s->mgr_origin != s->origin)
        {
          g_autofree char *mgr = format_value (i, s->mgr_value);

          /* TRANSLATORS: the value the mgr reads, and where it comes from. */
          g_print (_("   mgr: %s (%s)"), mgr, kdcc_scrub_origin_to_label (s->mgr_origin));
        }
      g_print ("\n");
      for (guint j = 0; j < s->overrides->len; j++)
        {
          const KdccScrubOverride *o = g_ptr_array_index (s->overrides, j);
          g_autofree char *v = format_value (i, o->value);

          g_print ("    %-36s %-22s %s\n", o->who, v, kdcc_scrub_origin_to_label (o->origin));
        }
    }
  if (settings->flags_known)
    g_print ("  %-38s %s\n", _("flags"),
             settings->nodeep_scrub || settings->noscrub
               ? (settings->noscrub && settings->nodeep_scrub ? "noscrub,nodeep-scrub"
                  : settings->noscrub ? "noscrub" : "nodeep-scrub")
               : _("none"));
}

static void
print_report (const KdccScrubReport   *report,
              const KdccScrubSettings *settings,
              guint                    n_osds)
{
  g_print (_("PGs: %u   not scrubbed in time: %u   not deep-scrubbed in time: %u   "
             "scrubbing now: %u\n"),
           report->n_pgs, report->overdue_scrub, report->overdue_deep, report->scrubbing);
  /* TRANSLATORS: the share of the week scrubs may run, the OSD count, the
   * seconds one deep scrub takes and whether that was measured. */
  g_print (_("Schedule: %.0f%% of the week; %u OSDs; a deep scrub takes about %.0f s (%s)\n"),
           report->window_share * 100, n_osds, report->deep_scrub_duration,
           report->duration_measured ? _("measured") : _("estimated from the PG sizes"));
  g_print (_("Deep scrubs a day: needed %.1f, the schedule allows %.1f, observed %.1f\n"),
           report->needed_per_day, report->capacity_per_day, MAX (report->observed_per_day, 0));
  g_print ("%s\n\n", report->observed_text);
  print_settings (settings);
  if (report->warnings->len > 0)
    {
      g_print ("\n%s\n", _("Warnings:"));
      for (guint i = 0; i < report->warnings->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->warnings, i));
    }
  g_print ("\n%-20s %6s %14s %19s %10s  %s\n", _("POOL"), _("PGS"), _("NOT SCRUBBED"),
           _("NOT DEEP-SCRUBBED"), _("SCRUBBING"), _("DEEP INTERVAL"));
  for (guint i = 0; i < report->pools->len; i++)
    {
      const KdccScrubPoolStatus *p = g_ptr_array_index (report->pools, i);
      g_autofree char *interval = kdcc_scrub_format_span (p->deep_interval);

      g_print ("%-20s %6u %14u %19u %10u  %s (%s)\n", p->name, p->n_pgs, p->overdue_scrub,
               p->overdue_deep, p->scrubbing, interval,
               kdcc_scrub_origin_to_label (p->deep_interval_origin));
    }
  g_print ("\n%s\n", _("Forecast:"));
  for (guint i = 0; i < report->pools->len; i++)
    {
      const KdccScrubPoolStatus *p = g_ptr_array_index (report->pools, i);

      g_print ("  %s\n", p->sentence);
    }
}

static int
scrub_status (int    argc,
              char **argv)
{
  KdccCliControls controls = { 0 };
  g_autoptr(KdccScrubInputs) inputs = NULL;
  g_autoptr(KdccScrubReport) report = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the status as JSON"), NULL },
    { NULL }
  };

  status = kdcc_cli_controls_parse ("", _("Show the scrub settings in force, the PGs not "
                                          "(deep-)scrubbed in time per pool and the forecast."),
                                    entries, &argc, &argv, &controls);
  if (status == 0 && argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      status = kdcc_cli_controls_usage (message);
    }
  if (status == 0)
    status = gather (&controls, &inputs);
  if (status == 0)
    {
      report = kdcc_scrub_report_new (inputs);
      if (json)
        {
          g_autoptr(JsonNode) node = kdcc_scrub_report_to_json (report, inputs->settings);

          kdcc_cli_controls_print_json (node);
        }
      else
        print_report (report, inputs->settings, inputs->n_osds);
    }
  kdcc_cli_controls_clear (&controls);
  return status;
}

static int
scrub_deep_scrub (int    argc,
                  char **argv)
{
  KdccCliControls controls = { 0 };
  g_autoptr(KdccScrubInputs) inputs = NULL;
  g_autoptr(GPtrArray) pgids = NULL;
  g_autoptr(KdccJob) job = NULL;
  g_autofree char *pool_name = NULL;
  g_autofree char *title = NULL;
  gboolean all = FALSE;
  int osd = -1;
  double spacing = KDCC_SCRUB_DEFAULT_SPACING;
  int max = 0;
  int status;
  KdccPool *pool;
  const GOptionEntry entries[] = {
    { "pool", 0, 0, G_OPTION_ARG_STRING, &pool_name, N_("The pool whose PGs to deep-scrub"),
      N_("POOL") },
    { "osd", 0, 0, G_OPTION_ARG_INT, &osd,
      N_("Instead of a pool: the PGs whose acting set holds this OSD"), N_("ID") },
    { "max", 0, 0, G_OPTION_ARG_INT, &max, N_("Ask for at most N deep scrubs (0: all)"),
      N_("N") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Every PG of the pool, not only the overdue ones (oldest first)"), NULL },
    { "spacing", 0, 0, G_OPTION_ARG_DOUBLE, &spacing,
      N_("Seconds between two requests (default 2)"), N_("SECONDS") },
    { NULL }
  };

  status = kdcc_cli_controls_parse ("", _("Deep-scrub the PGs of a pool that are not "
                                          "deep-scrubbed in time, oldest first."),
                                    entries, &argc, &argv, &controls);
  if (status == 0 && ((pool_name == NULL) == (osd < 0) || max < 0 || spacing < 0 || argc > 1))
    status = kdcc_cli_controls_usage ((pool_name == NULL) == (osd < 0)
                                      ? _("Give either --pool or --osd")
                                      : _("--max and --spacing must not be negative"));
  if (status == 0)
    status = gather (&controls, &inputs);
  if (status != 0)
    goto out;

  if (pool_name != NULL)
    {
      pool = kdcc_cluster_find_pool (kdcc_session_get_cluster (controls.session), pool_name);
      if (pool == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The cluster has no pool “%s”"),
                                                      pool_name);

          status = kdcc_cli_controls_usage (message);
          goto out;
        }
      pgids = kdcc_scrub_pick_deep_scrub (inputs, kdcc_pool_get_id (pool), all, (guint) max);
      title = g_strdup_printf (_("Deep-scrub %u PGs of pool %s"), pgids->len, pool_name);
    }
  else
    {
      pgids = kdcc_scrub_pick_deep_scrub_osd (inputs, osd, all, (guint) max);
      title = g_strdup_printf (_("Deep-scrub %u PGs on osd.%d"), pgids->len, osd);
    }
  if (pgids->len == 0)
    {
      g_print ("%s\n", _("No PG there is overdue for a deep scrub"));
      goto out;
    }
  job = kdcc_scrub_deep_scrub_job_new (kdcc_session_get_source (controls.session), controls.audit,
                                       kdcc_source_get_kind (kdcc_session_get_source (
                                         controls.session)), title, pgids, spacing);
  if (!kdcc_cli_controls_wait (job))
    {
      status = kdcc_cli_controls_fail (kdcc_job_get_error (job));
      goto out;
    }
  for (guint i = 0; i < pgids->len; i++)
    g_print ("ceph pg deep-scrub %s\n", (const char *) g_ptr_array_index (pgids, i));
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Asked for %u deep scrub; its stamp moves when the OSD has done it\n",
                        "Asked for %u deep scrubs; their stamps move as the OSDs do them\n",
                        pgids->len), pgids->len);

out:
  kdcc_cli_controls_clear (&controls);
  return status;
}

int
kdcc_cli_scrub (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return scrub_status (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "deep-scrub"))
    return scrub_deep_scrub (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n  kdcc-cli scrub status [--json]\n"
               "  kdcc-cli scrub deep-scrub --pool POOL|--osd ID [--max N] [--all] [--spacing S]\n",
               _("Usage:"));
      return EXIT_SUCCESS;
    }
  return kdcc_cli_controls_usage (_("Use “scrub status” or “scrub deep-scrub”"));
}
