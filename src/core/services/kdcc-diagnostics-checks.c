/* kdcc-diagnostics-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The findings about the cluster maps in a bundle: health checks, OSDs
 * (down, out, full), pools (near full, quotas), unusual flags, and PGs
 * that are not active+clean.
 */
#define G_LOG_DOMAIN "kdcc-diagnostics-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-diagnostics-summary-private.h"
#include "kdcc-health-catalog.h"
#include "kdcc-health-check.h"
#include "kdcc-json.h"
#include "kdcc-pg-class.h"

/* Flags every healthy cluster since Luminous has set; only the others are
 * worth a line. */
static const char * const default_osdmap_flags[] = {
  "sortbitwise", "recovery_deletes", "purged_snapdirs", "pglog_hardlimit",
};

static KdccFindingSeverity
severity_from_ceph (const char *severity)
{
  if (g_strcmp0 (severity, "HEALTH_ERR") == 0)
    return KDCC_FINDING_ERROR;
  if (g_strcmp0 (severity, "HEALTH_WARN") == 0)
    return KDCC_FINDING_WARNING;
  return KDCC_FINDING_INFO;
}

/* One health check, from `health detail` (checks is an object keyed by
 * code) or from the dashboard's /api/health/full (a list with "type"). */
static void
add_health_check (GPtrArray  *findings,
                  const char *file,
                  const char *code,
                  JsonObject *check)
{
  JsonObject *summary = kdcc_json_find_object (check, "summary");
  JsonArray *detail = kdcc_json_find_array (check, "detail");
  const char *message = kdcc_json_find_string (summary, "message");
  const char *severity = kdcc_json_find_string (check, "severity");
  gboolean muted = kdcc_json_find_number (check, "muted", 0) != 0;
  KdccDiagnosticsFinding *finding;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ceph_overflow = NULL;
  guint64 n_more = 0;

  finding = add_finding (findings,
                         muted ? KDCC_FINDING_INFO : severity_from_ceph (severity),
                         "health", code, file,
                         muted ? g_strdup_printf (_("%s (muted): %s"), code, message ? message : "")
                               : g_strdup_printf ("%s: %s", code, message ? message : ""));
  /* A muted check has been acknowledged: it ranks with the notes. */
  finding->impact = muted ? KDCC_IMPACT_NONE
                          : kdcc_health_catalog_get_impact (kdcc_health_catalog_get_default (),
                                                            code, kdcc_health_status_from_string (severity),
                                                            message);
  for (guint i = 0; detail != NULL && i < json_array_get_length (detail); i++)
    {
      JsonNode *node = json_array_get_element (detail, i);
      const char *line = kdcc_json_find_string (kdcc_json_as_object (node), "message");

      if (line != NULL)
        g_ptr_array_add (lines, g_strdup (line));
    }

  /* Ceph's own "31 more pgs... " ends the list when it left lines out:
   * what it stands for joins KDCC's "… and N more" instead of counting as
   * one line. A line that gives no number stays, as Ceph wrote it. */
  if (lines->len > 0 &&
      kdcc_health_detail_is_overflow (g_ptr_array_index (lines, lines->len - 1), &n_more))
    {
      if (n_more == 0)
        ceph_overflow = g_strdup (g_ptr_array_index (lines, lines->len - 1));
      g_ptr_array_remove_index (lines, lines->len - 1);
    }
  add_details_capped_more (finding, lines, n_more);
  if (ceph_overflow != NULL)
    add_detail (finding, g_steal_pointer (&ceph_overflow));
}

void
check_health (GHashTable *documents,
              GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = document_load (documents, KDCC_DIAG_FILE_HEALTH_DETAIL, findings);
  JsonObject *health = kdcc_json_as_object (root);
  const char *file = KDCC_DIAG_FILE_HEALTH_DETAIL;
  g_autoptr(JsonNode) dash_root = NULL;
  const char *status;

  if (health == NULL)
    {
      JsonArray *checks;

      dash_root = document_load (documents, KDCC_DIAG_FILE_DASH_HEALTH, findings);
      health = kdcc_json_find_object (kdcc_json_as_object (dash_root), "health");
      if (health == NULL)
        return;
      file = KDCC_DIAG_FILE_DASH_HEALTH;
      checks = kdcc_json_find_array (health, "checks");
      for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
        {
          JsonObject *check = kdcc_json_as_object (json_array_get_element (checks, i));
          const char *code = kdcc_json_find_string (check, "type");

          if (check != NULL && code != NULL)
            add_health_check (findings, file, code, check);
        }
    }
  else
    {
      JsonObject *checks = kdcc_json_find_object (health, "checks");
      g_autoptr(GList) codes = checks != NULL ? json_object_get_members (checks) : NULL;

      for (GList *l = codes; l != NULL; l = l->next)
        {
          JsonObject *check = kdcc_json_find_object (checks, l->data);

          if (check != NULL)
            add_health_check (findings, file, l->data, check);
        }
    }

  status = kdcc_json_find_string (health, "status");
  if (status != NULL)
    add_finding (findings, severity_from_ceph (status), "health-status", NULL, file,
                 g_strdup_printf (_("Overall health: %s"), status));
}

void
check_osds (GHashTable *documents,
            GPtrArray  *findings,
            JsonObject *osd_dump)
{
  g_autoptr(JsonNode) tree_root = document_load (documents, KDCC_DIAG_FILE_OSD_TREE, findings);
  g_autoptr(JsonNode) df_root = document_load (documents, KDCC_DIAG_FILE_OSD_DF_TREE, findings);
  g_autoptr(GPtrArray) down = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonArray *nodes = kdcc_json_find_array (kdcc_json_as_object (tree_root), "nodes");
  JsonArray *osds = kdcc_json_find_array (osd_dump, "osds");
  double nearfull = kdcc_json_find_number (osd_dump, "nearfull_ratio", 0.85) * 100.0;
  double backfillfull = kdcc_json_find_number (osd_dump, "backfillfull_ratio", 0.90) * 100.0;
  double full = kdcc_json_find_number (osd_dump, "full_ratio", 0.95) * 100.0;
  g_autoptr(GPtrArray) full_osds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backfillfull_osds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) nearfull_osds = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = kdcc_json_as_object (json_array_get_element (nodes, i));

      if (g_strcmp0 (kdcc_json_find_string (node, "type"), "osd") == 0
          && g_strcmp0 (kdcc_json_find_string (node, "status"), "down") == 0)
        g_ptr_array_add (down, g_strdup (kdcc_json_find_string (node, "name")));
    }
  if (down->len > 0)
    {
      KdccDiagnosticsFinding *finding =
        add_finding (findings, KDCC_FINDING_ERROR, "osd-down", NULL, KDCC_DIAG_FILE_OSD_TREE,
                     g_strdup_printf (ngettext ("%u OSD is down", "%u OSDs are down", down->len),
                                      down->len));
      add_details_capped (finding, down);
    }

  for (guint i = 0; osds != NULL && i < json_array_get_length (osds); i++)
    {
      JsonObject *osd = kdcc_json_as_object (json_array_get_element (osds, i));

      if (osd != NULL && json_object_has_member (osd, "in")
          && kdcc_json_find_number (osd, "in", 1) == 0)
        g_ptr_array_add (out, g_strdup_printf ("osd.%.0f", kdcc_json_find_number (osd, "osd", -1)));
    }
  if (out->len > 0)
    {
      KdccDiagnosticsFinding *finding =
        add_finding (findings, KDCC_FINDING_WARNING, "osd-out", NULL, KDCC_DIAG_FILE_OSD_DUMP,
                     g_strdup_printf (ngettext ("%u OSD is out", "%u OSDs are out", out->len),
                                      out->len));
      add_details_capped (finding, out);
    }

  nodes = kdcc_json_find_array (kdcc_json_as_object (df_root), "nodes");
  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = kdcc_json_as_object (json_array_get_element (nodes, i));
      double use = kdcc_json_find_number (node, "utilization", -1);
      char *line;

      if (g_strcmp0 (kdcc_json_find_string (node, "type"), "osd") != 0 || use < nearfull)
        continue;
      line = g_strdup_printf (_("%s is %.3g %% full"), kdcc_json_find_string (node, "name"), use);
      if (use >= full)
        g_ptr_array_add (full_osds, line);
      else if (use >= backfillfull)
        g_ptr_array_add (backfillfull_osds, line);
      else
        g_ptr_array_add (nearfull_osds, line);
    }
  if (full_osds->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_ERROR, "osd-full", NULL,
                                     KDCC_DIAG_FILE_OSD_DF_TREE,
                                     g_strdup_printf (ngettext ("%u OSD is at or above the full ratio (%.3g %%)",
                                                                "%u OSDs are at or above the full ratio (%.3g %%)",
                                                                full_osds->len),
                                                      full_osds->len, full)),
                        full_osds);
  if (backfillfull_osds->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "osd-backfillfull", NULL,
                                     KDCC_DIAG_FILE_OSD_DF_TREE,
                                     g_strdup_printf (ngettext ("%u OSD is above the backfillfull ratio (%.3g %%)",
                                                                "%u OSDs are above the backfillfull ratio (%.3g %%)",
                                                                backfillfull_osds->len),
                                                      backfillfull_osds->len, backfillfull)),
                        backfillfull_osds);
  if (nearfull_osds->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "osd-nearfull", NULL,
                                     KDCC_DIAG_FILE_OSD_DF_TREE,
                                     g_strdup_printf (ngettext ("%u OSD is above the nearfull ratio (%.3g %%)",
                                                                "%u OSDs are above the nearfull ratio (%.3g %%)",
                                                                nearfull_osds->len),
                                                      nearfull_osds->len, nearfull)),
                        nearfull_osds);
}

void
check_flags (GPtrArray  *findings,
             JsonObject *osd_dump)
{
  const char *flags = kdcc_json_find_string (osd_dump, "flags");
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) unusual = g_ptr_array_new_with_free_func (g_free);
  JsonArray *pools = kdcc_json_find_array (osd_dump, "pools");
  g_autoptr(GPtrArray) pool_flags = g_ptr_array_new_with_free_func (g_free);

  if (flags != NULL)
    {
      parts = g_strsplit (flags, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *flag = g_strstrip (parts[i]);
          gboolean normal = flag[0] == '\0';

          for (guint k = 0; k < G_N_ELEMENTS (default_osdmap_flags); k++)
            normal |= g_str_equal (flag, default_osdmap_flags[k]);
          if (!normal)
            g_ptr_array_add (unusual, g_strdup (flag));
        }
    }
  if (unusual->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (unusual, NULL);
      joined = g_strjoinv (", ", (char **) unusual->pdata);
      add_finding (findings, KDCC_FINDING_WARNING, "osdmap-flags", NULL, KDCC_DIAG_FILE_OSD_DUMP,
                   g_strdup_printf (_("OSD map flags set: %s"), joined));
    }

  /* Pools Ceph has marked full or near full, by ratio or by quota. */
  for (guint i = 0; pools != NULL && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = kdcc_json_as_object (json_array_get_element (pools, i));
      const char *names = kdcc_json_find_string (pool, "flags_names");
      g_auto(GStrv) pool_parts = names != NULL ? g_strsplit (names, ",", -1) : NULL;

      for (guint k = 0; pool_parts != NULL && pool_parts[k] != NULL; k++)
        if (g_str_has_prefix (pool_parts[k], "full") || g_str_equal (pool_parts[k], "nearfull")
            || g_str_equal (pool_parts[k], "backfillfull"))
          g_ptr_array_add (pool_flags, g_strdup_printf (_("pool %s: %s"),
                                                        kdcc_json_find_string (pool, "pool_name"),
                                                        pool_parts[k]));
    }
  if (pool_flags->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "pool-flags", NULL,
                                     KDCC_DIAG_FILE_OSD_DUMP,
                                     g_strdup (_("Pools flagged full or near full"))),
                        pool_flags);
}

void
check_pools (GHashTable *documents,
             GPtrArray  *findings,
             JsonObject *osd_dump)
{
  g_autoptr(JsonNode) root = document_load (documents, KDCC_DIAG_FILE_DF_DETAIL, findings);
  JsonArray *pools = kdcc_json_find_array (kdcc_json_as_object (root), "pools");
  double nearfull = kdcc_json_find_number (osd_dump, "nearfull_ratio", 0.85);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pools != NULL && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = kdcc_json_as_object (json_array_get_element (pools, i));
      JsonObject *stats = kdcc_json_find_object (pool, "stats");
      const char *name = kdcc_json_find_string (pool, "name");
      double used = kdcc_json_find_number (stats, "percent_used", 0);
      double quota_bytes = kdcc_json_find_number (stats, "quota_bytes", 0);
      double quota_objects = kdcc_json_find_number (stats, "quota_objects", 0);
      double stored = kdcc_json_find_number (stats, "stored", 0);
      double objects = kdcc_json_find_number (stats, "objects", 0);

      /* percent_used is a ratio of 0..1 despite its name. */
      if (used >= nearfull)
        g_ptr_array_add (lines, g_strdup_printf (_("pool %s is %.3g %% used"), name, used * 100));
      if (quota_bytes > 0 && stored >= nearfull * quota_bytes)
        g_ptr_array_add (lines, g_strdup_printf (_("pool %s uses %.1f %% of its byte quota"), name,
                                                 100 * stored / quota_bytes));
      if (quota_objects > 0 && objects >= nearfull * quota_objects)
        g_ptr_array_add (lines, g_strdup_printf (_("pool %s uses %.1f %% of its object quota"),
                                                 name, 100 * objects / quota_objects));
    }
  if (lines->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "pool-nearfull", NULL,
                                     KDCC_DIAG_FILE_DF_DETAIL,
                                     g_strdup_printf (ngettext ("%u pool is near full",
                                                                "%u pools are near full",
                                                                lines->len), lines->len)),
                        lines);
}

static JsonArray *
pg_stats_array (JsonNode   *root,
                const char *member)
{
  /* Pacific wraps the list: {"pg_ready":true,"<member>":[…]}; older
   * releases printed the bare list. */
  if (kdcc_json_as_array (root) != NULL)
    return kdcc_json_as_array (root);
  return kdcc_json_find_array (kdcc_json_as_object (root), member);
}

void
check_pgs (GHashTable *documents,
           GPtrArray  *findings)
{
  g_autoptr(JsonNode) stuck_root =
    document_load (documents, KDCC_DIAG_FILE_PG_DUMP_STUCK, findings);
  g_autoptr(JsonNode) brief_root =
    document_load (documents, KDCC_DIAG_FILE_PG_DUMP_BRIEF, findings);
  JsonArray *stuck = pg_stats_array (stuck_root, "stuck_pg_stats");
  JsonArray *brief = pg_stats_array (brief_root, "pg_stats");
  g_autoptr(GPtrArray) stuck_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inconsistent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inactive = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) unclean = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) unclean_lines = g_ptr_array_new_with_free_func (g_free);
  guint n_unclean = 0;

  for (guint i = 0; stuck != NULL && i < json_array_get_length (stuck); i++)
    {
      JsonObject *pg = kdcc_json_as_object (json_array_get_element (stuck, i));

      if (kdcc_json_find_string (pg, "pgid") == NULL)
        continue;
      g_ptr_array_add (stuck_lines, g_strdup_printf ("%s %s", kdcc_json_find_string (pg, "pgid"),
                                                     kdcc_json_find_string (pg, "state")));
    }
  if (stuck_lines->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "pg-stuck", NULL,
                                     KDCC_DIAG_FILE_PG_DUMP_STUCK,
                                     g_strdup_printf (ngettext ("%u PG is stuck", "%u PGs are stuck",
                                                                stuck_lines->len),
                                                      stuck_lines->len)),
                        stuck_lines);

  for (guint i = 0; brief != NULL && i < json_array_get_length (brief); i++)
    {
      JsonObject *pg = kdcc_json_as_object (json_array_get_element (brief, i));
      const char *state = kdcc_json_find_string (pg, "state");
      const char *pgid = kdcc_json_find_string (pg, "pgid");
      g_auto(GStrv) parts = NULL;
      gboolean active = FALSE, clean = FALSE;

      if (state == NULL || pgid == NULL)
        continue;
      parts = g_strsplit (state, "+", -1);
      for (guint k = 0; parts[k] != NULL; k++)
        {
          if (g_str_equal (parts[k], "inconsistent"))
            g_ptr_array_add (inconsistent, g_strdup_printf ("%s %s", pgid, state));
        }
      /* One classification for the whole app: stale+active+clean is
       * neither active nor clean (kdcc-pg-class.h). */
      active = kdcc_pg_class_is_active (state);
      clean = kdcc_pg_class_is_clean (state);
      if (!active)
        g_ptr_array_add (inactive, g_strdup_printf ("%s %s", pgid, state));
      if (!(active && clean))
        {
          gpointer count = g_hash_table_lookup (unclean, state);

          g_hash_table_insert (unclean, g_strdup (state), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
          n_unclean++;
        }
    }
  if (inconsistent->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_ERROR, "pg-inconsistent", NULL,
                                     KDCC_DIAG_FILE_PG_DUMP_BRIEF,
                                     g_strdup_printf (ngettext ("%u PG is inconsistent",
                                                                "%u PGs are inconsistent",
                                                                inconsistent->len),
                                                      inconsistent->len)),
                        inconsistent);
  if (inactive->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_ERROR, "pg-inactive", NULL,
                                     KDCC_DIAG_FILE_PG_DUMP_BRIEF,
                                     g_strdup_printf (ngettext ("%u PG is not active",
                                                                "%u PGs are not active",
                                                                inactive->len),
                                                      inactive->len)),
                        inactive);
  if (n_unclean > 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, unclean);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_ptr_array_add (unclean_lines, g_strdup_printf ("%u %s", GPOINTER_TO_UINT (value),
                                                         (const char *) key));
      g_ptr_array_sort (unclean_lines, (GCompareFunc) g_ascii_strcasecmp);
      add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "pg-unclean", NULL,
                                       KDCC_DIAG_FILE_PG_DUMP_BRIEF,
                                       g_strdup_printf (ngettext ("%u PG is not active+clean",
                                                                  "%u PGs are not active+clean",
                                                                  n_unclean),
                                                        n_unclean)),
                          unclean_lines);
    }
}

