/* kdcc-upgrade-preflight.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks Rook's health verification and Ceph's upgrade notes ask for
 * before a roll (ceph-facts.md §7). A failed check stops the upgrade; a
 * warning lets it go with the risk said.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-health-check.h"
#include "kdcc-osd.h"
#include "kdcc-pg-class.h"
#include "kdcc-pool.h"
#include "kdcc-upgrade-headroom.h"
#include "kdcc-upgrade-preflight.h"
#include "kdcc-json.h"

#define DEFAULT_NEARFULL_RATIO 0.85

void
kdcc_preflight_check_free (KdccPreflightCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->id);
  g_free (check->title);
  g_free (check->reason);
  g_free (check);
}

const char *
kdcc_preflight_result_to_string (KdccPreflightResult result)
{
  switch (result)
    {
    case KDCC_PREFLIGHT_PASS:
      return "pass";
    case KDCC_PREFLIGHT_WARN:
      return "warn";
    case KDCC_PREFLIGHT_FAIL:
    default:
      return "fail";
    }
}

static void
add (GPtrArray           *checks,
     const char          *id,
     const char          *title,
     KdccPreflightResult  result,
     char                *reason)
{
  KdccPreflightCheck *check = g_new0 (KdccPreflightCheck, 1);

  check->id = g_strdup (id);
  check->title = g_strdup (title);
  check->result = result;
  check->reason = reason;
  g_ptr_array_add (checks, check);
}

static void
check_health (GPtrArray                *checks,
              KdccCluster              *cluster,
              const KdccPreflightInput *input)
{
  GListModel *list = kdcc_cluster_get_health_checks (cluster);
  g_autoptr(GString) refused = g_string_new (NULL);
  g_autoptr(GString) accepted = g_string_new (NULL);
  gboolean error = FALSE;
  const char *title = _("Cluster health");

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KdccHealthCheck) hc = g_list_model_get_item (list, i);
      const char *code = kdcc_health_check_get_code (hc);
      gboolean ok = input->accepted_warnings != NULL
                    && g_strv_contains (input->accepted_warnings, code);

      if (kdcc_health_check_get_muted (hc))
        continue;
      if (kdcc_health_check_get_severity (hc) == KDCC_HEALTH_ERR)
        error = TRUE, ok = FALSE;
      g_string_append_printf (ok ? accepted : refused, "%s%s (%s)", (ok ? accepted : refused)->len > 0 ? "; " : "",
                              code, kdcc_health_check_get_summary (hc));
    }

  if (refused->len > 0)
    add (checks, "health", title, KDCC_PREFLIGHT_FAIL,
         error
         /* TRANSLATORS: followed by the health checks, "CODE (summary)" */
         ? g_strdup_printf (_("HEALTH_ERR: %s"), refused->str)
         : g_strdup_printf (_("Warnings not accepted: %s"), refused->str));
  else if (accepted->len > 0)
    add (checks, "health", title, KDCC_PREFLIGHT_WARN,
         g_strdup_printf (_("Only accepted warnings: %s"), accepted->str));
  else if (kdcc_cluster_get_health (cluster) == KDCC_HEALTH_OK)
    add (checks, "health", title, KDCC_PREFLIGHT_PASS, g_strdup ("HEALTH_OK"));
  else
    add (checks, "health", title, KDCC_PREFLIGHT_FAIL,
         g_strdup (_("The cluster’s health is unknown")));
}

static void
check_pgs (GPtrArray   *checks,
           KdccCluster *cluster)
{
  KdccPgCounts counts;
  const char *title = _("All PGs active+clean");

  kdcc_cluster_get_pg_counts (cluster, &counts);
  if (counts.total == 0 && kdcc_cluster_get_pgs_total (cluster) > 0)
    add (checks, "pgs", title, KDCC_PREFLIGHT_FAIL, g_strdup (_("The PG states are unknown")));
  else if (counts.not_clean > 0)
    add (checks, "pgs", title, KDCC_PREFLIGHT_FAIL,
         /* TRANSLATORS: "3 of 97 PGs are not active+clean" */
         g_strdup_printf (_("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " PGs are not active+clean"),
                          counts.not_clean, counts.total));
  else
    add (checks, "pgs", title, KDCC_PREFLIGHT_PASS,
         g_strdup_printf (_("%" G_GINT64_FORMAT " PGs active+clean"), counts.total));
}

static void
check_mons (GPtrArray   *checks,
            KdccCluster *cluster)
{
  const GPtrArray *mons = kdcc_cluster_get_mons (cluster);
  const GPtrArray *quorum = kdcc_cluster_get_quorum (cluster);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *title = _("All mons in quorum");

  for (guint i = 0; mons != NULL && i < mons->len; i++)
    {
      gboolean in = FALSE;

      for (guint j = 0; quorum != NULL && j < quorum->len && !in; j++)
        in = g_str_equal (mons->pdata[i], quorum->pdata[j]);
      if (!in)
        g_string_append_printf (out, "%smon.%s", out->len > 0 ? ", " : "",
                                (char *) mons->pdata[i]);
    }
  if (mons == NULL || mons->len == 0)
    add (checks, "mons", title, KDCC_PREFLIGHT_FAIL, g_strdup (_("The mons are unknown")));
  else if (out->len > 0)
    add (checks, "mons", title, KDCC_PREFLIGHT_FAIL,
         g_strdup_printf (_("Out of quorum: %s"), out->str));
  else
    add (checks, "mons", title, KDCC_PREFLIGHT_PASS,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mon in quorum", "%u mons in quorum",
                                       mons->len), mons->len));
}

static void
check_mgr (GPtrArray   *checks,
           KdccCluster *cluster)
{
  const char *active = kdcc_cluster_get_mgr_active (cluster);
  const GPtrArray *standbys = kdcc_cluster_get_mgr_standbys (cluster);
  const char *title = _("An active mgr with a standby");

  if (active == NULL)
    add (checks, "mgr", title, KDCC_PREFLIGHT_FAIL, g_strdup (_("No mgr is active")));
  else if (standbys == NULL || standbys->len == 0)
    add (checks, "mgr", title, KDCC_PREFLIGHT_WARN,
         /* TRANSLATORS: %s is the active mgr's name */
         g_strdup_printf (_("mgr.%s is active without a standby: while it restarts, no mgr "
                            "serves the dashboard, metrics or PG statistics"), active));
  else
    add (checks, "mgr", title, KDCC_PREFLIGHT_PASS,
         g_strdup_printf (_("mgr.%s active, %u standby"), active, standbys->len));
}

static void
check_osds (GPtrArray   *checks,
            KdccCluster *cluster,
            double       nearfull)
{
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GListModel *pools = kdcc_cluster_get_pools (cluster);
  g_autoptr(GString) down = g_string_new (NULL);
  g_autoptr(GString) full = g_string_new (NULL);
  const char *title = _("All OSDs up and in");
  guint n = g_list_model_get_n_items (osds);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);
      const char *name = kdcc_osd_get_name (osd);

      if (!kdcc_osd_get_up (osd) || !kdcc_osd_get_in (osd))
        g_string_append_printf (down, "%s%s (%s)", down->len > 0 ? ", " : "", name,
                                !kdcc_osd_get_up (osd) ? (kdcc_osd_get_in (osd) ? _("down") : _("down, out"))
                                                       : _("out"));
      if (kdcc_osd_get_utilization (osd) >= nearfull * 100.0)
        g_string_append_printf (full, "%s%s %.0f%%", full->len > 0 ? ", " : "", name,
                                kdcc_osd_get_utilization (osd));
    }
  if (n == 0)
    add (checks, "osds", title, KDCC_PREFLIGHT_FAIL, g_strdup (_("The OSDs are unknown")));
  else if (down->len > 0)
    add (checks, "osds", title, KDCC_PREFLIGHT_FAIL, g_strdup_printf (_("Not up and in: %s"), down->str));
  else
    add (checks, "osds", title, KDCC_PREFLIGHT_PASS,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u OSD up and in", "%u OSDs up and in", n), n));

  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);

      if (kdcc_pool_get_percent_used (pool) >= nearfull * 100.0)
        g_string_append_printf (full, "%s%s %.0f%%", full->len > 0 ? ", " : "",
                                kdcc_pool_get_name (pool), kdcc_pool_get_percent_used (pool));
    }
  title = _("No OSD or pool near full");
  if (full->len > 0)
    add (checks, "full", title, KDCC_PREFLIGHT_FAIL,
         /* TRANSLATORS: "At or past nearfull (85%): osd.1 91%, rbd 88%" */
         g_strdup_printf (_("At or past nearfull (%.0f%%): %s"), nearfull * 100.0, full->str));
  else
    add (checks, "full", title, KDCC_PREFLIGHT_PASS,
         g_strdup_printf (_("Every OSD and pool below nearfull (%.0f%%)"), nearfull * 100.0));
}

static void
check_require_release (GPtrArray                *checks,
                       KdccVersionSurvey        *survey,
                       KdccReleaseCatalog       *catalog,
                       const KdccPreflightInput *input)
{
  g_autoptr(KdccReleaseCheck) running = kdcc_release_catalog_check (catalog, survey->oldest, NULL);
  const char *require = input->require_osd_release;
  const char *title = _("require_osd_release matches the running release");

  if (require == NULL || running->release_name == NULL)
    add (checks, "require-osd-release", title, KDCC_PREFLIGHT_WARN,
         g_strdup (_("Unknown on this connection: check `ceph osd dump | grep require_osd_release`")));
  else if (g_ascii_strcasecmp (require, running->release_name) == 0)
    add (checks, "require-osd-release", title, KDCC_PREFLIGHT_PASS, g_strdup (require));
  else
    add (checks, "require-osd-release", title, KDCC_PREFLIGHT_FAIL,
         /* TRANSLATORS: "require_osd_release is octopus but pacific runs: finish the last
          * upgrade with `ceph osd require-osd-release pacific`" */
         g_strdup_printf (_("require_osd_release is %s but %s runs: finish the last upgrade "
                            "with `ceph osd require-osd-release %s`"), require,
                          running->release_name, running->release_name));
}

static void
check_versions (GPtrArray                *checks,
                KdccVersionSurvey        *survey,
                const KdccPreflightInput *input)
{
  const char *title = _("Every daemon on one version");

  if (!survey->have_versions)
    add (checks, "versions", title, KDCC_PREFLIGHT_FAIL,
         g_strdup (_("No daemon reported its version")));
  else if (!survey->mixed)
    add (checks, "versions", title, KDCC_PREFLIGHT_PASS,
         g_strdup_printf (_("All daemons run %s"), survey->newest));
  else
    add (checks, "versions", title, input->resuming ? KDCC_PREFLIGHT_PASS : KDCC_PREFLIGHT_FAIL,
         input->resuming
         ? g_strdup_printf (_("Resuming: %s to %s run"), survey->oldest, survey->newest)
         /* TRANSLATORS: "Daemons run 16.2.15 and 18.2.7: an upgrade is in progress; resume it" */
         : g_strdup_printf (_("Daemons run %s and %s: an upgrade is in progress; resume it"),
                            survey->oldest, survey->newest));
}

GPtrArray *
kdcc_upgrade_preflight_run (KdccCluster              *cluster,
                            KdccVersionSurvey        *survey,
                            KdccReleaseCatalog       *catalog,
                            const KdccPreflightInput *input)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_preflight_check_free);
  KdccPreflightInput none = { 0 };
  double nearfull;

  g_return_val_if_fail (KDCC_IS_CLUSTER (cluster), checks);
  g_return_val_if_fail (survey != NULL, checks);

  if (input == NULL)
    input = &none;
  nearfull = input->nearfull_ratio > 0 ? input->nearfull_ratio : DEFAULT_NEARFULL_RATIO;

  check_health (checks, cluster, input);
  check_pgs (checks, cluster);
  check_mons (checks, cluster);
  check_mgr (checks, cluster);
  check_osds (checks, cluster, nearfull);
  g_ptr_array_add (checks, kdcc_upgrade_check_headroom (cluster, input->crush, nearfull));
  check_require_release (checks, survey, catalog, input);
  check_versions (checks, survey, input);
  return checks;
}

gboolean
kdcc_upgrade_preflight_passed (const GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (((KdccPreflightCheck *) checks->pdata[i])->result == KDCC_PREFLIGHT_FAIL)
      return FALSE;
  return TRUE;
}

KdccPreflightCheck *
kdcc_upgrade_preflight_find (const GPtrArray *checks,
                             const char      *id)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (((KdccPreflightCheck *) checks->pdata[i])->id, id))
      return checks->pdata[i];
  return NULL;
}

gboolean
kdcc_upgrade_parse_osd_dump (const char  *json,
                             gssize       length,
                             char       **require_osd_release,
                             double      *nearfull_ratio,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;

  if (!kdcc_json_parser_load (parser, "upgrade preflight", json, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("osd dump is not a JSON object"));
      return FALSE;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  *require_osd_release = g_strdup (json_object_get_string_member_with_default (obj, "require_osd_release", NULL));
  *nearfull_ratio = json_object_get_double_member_with_default (obj, "nearfull_ratio", 0);
  return TRUE;
}

gboolean
kdcc_upgrade_read_osd_dump (KdccSource    *source,
                            char         **require_osd_release,
                            double        *nearfull_ratio,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *status = NULL;
  g_autoptr(GBytes) out = NULL;
  const char *text;
  gsize size = 0;

  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"osd dump\",\"format\":\"json\"}",
                                      &status, cancellable, error);
  if (out == NULL)
    return FALSE;
  text = g_bytes_get_data (out, &size);
  return kdcc_upgrade_parse_osd_dump (text, (gssize) size, require_osd_release, nearfull_ratio,
                                      error);
}
