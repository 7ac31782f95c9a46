/* kdcc-diagnostics-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-diagnostics-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-diagnostics-summary.h"
#include "kdcc-json.h"

/* Detail lines shown under one finding; the file has the rest. */
#define MAX_DETAILS 10

/* Flags every healthy cluster since Luminous has set; only the others are
 * worth a line. */
static const char * const default_osdmap_flags[] = {
  "sortbitwise", "recovery_deletes", "purged_snapdirs", "pglog_hardlimit",
};

void
kdcc_diagnostics_finding_free (KdccDiagnosticsFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->topic);
  g_free (finding->code);
  g_free (finding->message);
  g_ptr_array_unref (finding->details);
  g_free (finding->file);
  g_free (finding);
}

static KdccDiagnosticsFinding *
add_finding (GPtrArray           *findings,
             KdccFindingSeverity  severity,
             const char          *topic,
             const char          *code,
             const char          *file,
             char                *message)
{
  KdccDiagnosticsFinding *finding = g_new0 (KdccDiagnosticsFinding, 1);

  finding->severity = severity;
  finding->topic = g_strdup (topic);
  finding->code = g_strdup (code);
  finding->file = g_strdup (file);
  finding->message = message;
  finding->details = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (findings, finding);
  return finding;
}

static void
add_detail (KdccDiagnosticsFinding *finding,
            char                   *line)
{
  g_ptr_array_add (finding->details, line);
}

/* Adds up to MAX_DETAILS lines of list, then "… and N more". */
static void
add_details_capped (KdccDiagnosticsFinding *finding,
                    GPtrArray              *lines)
{
  for (guint i = 0; i < lines->len && i < MAX_DETAILS; i++)
    add_detail (finding, g_strdup (g_ptr_array_index (lines, i)));
  if (lines->len > MAX_DETAILS)
    add_detail (finding, g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                    lines->len - MAX_DETAILS),
                                          lines->len - MAX_DETAILS));
}

/* Parses documents[file]; NULL when missing. A document that does not
 * parse gives an info finding so the reader knows why it was skipped. */
static JsonNode *
load (GHashTable *documents,
      const char *file,
      GPtrArray  *findings)
{
  GBytes *bytes = g_hash_table_lookup (documents, file);
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;
  JsonNode *root;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  /* The message names the file: "Could not analyse osd-tree.json: ...". */
  root = kdcc_json_load (file, data, len, &error);
  if (root == NULL)
    add_finding (findings, KDCC_FINDING_INFO, "unreadable", NULL, file,
                 g_strdup_printf (_("Could not analyse %s"), error->message));
  return root;
}

static JsonObject *
as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
as_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  return object != NULL && json_object_has_member (object, member)
         ? as_object (json_object_get_member (object, member)) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  return object != NULL && json_object_has_member (object, member)
         ? as_array (json_object_get_member (object, member)) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
get_number (JsonObject *object,
            const char *member,
            double      fallback)
{
  JsonNode *node;
  GType type;

  if (object == NULL || !json_object_has_member (object, member))
    return fallback;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  return fallback;
}

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
  JsonObject *summary = get_object (check, "summary");
  JsonArray *detail = get_array (check, "detail");
  const char *message = get_string (summary, "message");
  gboolean muted = get_number (check, "muted", 0) != 0;
  KdccDiagnosticsFinding *finding;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  finding = add_finding (findings,
                         muted ? KDCC_FINDING_INFO : severity_from_ceph (get_string (check, "severity")),
                         "health", code, file,
                         muted ? g_strdup_printf (_("%s (muted): %s"), code, message ? message : "")
                               : g_strdup_printf ("%s: %s", code, message ? message : ""));
  for (guint i = 0; detail != NULL && i < json_array_get_length (detail); i++)
    {
      JsonNode *node = json_array_get_element (detail, i);
      const char *line = get_string (as_object (node), "message");

      if (line != NULL)
        g_ptr_array_add (lines, g_strdup (line));
    }
  add_details_capped (finding, lines);
}

static void
analyse_health (GHashTable *documents,
                GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = load (documents, KDCC_DIAG_FILE_HEALTH_DETAIL, findings);
  JsonObject *health = as_object (root);
  const char *file = KDCC_DIAG_FILE_HEALTH_DETAIL;
  g_autoptr(JsonNode) dash_root = NULL;
  const char *status;

  if (health == NULL)
    {
      JsonArray *checks;

      dash_root = load (documents, KDCC_DIAG_FILE_DASH_HEALTH, findings);
      health = get_object (as_object (dash_root), "health");
      if (health == NULL)
        return;
      file = KDCC_DIAG_FILE_DASH_HEALTH;
      checks = get_array (health, "checks");
      for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
        {
          JsonObject *check = as_object (json_array_get_element (checks, i));
          const char *code = get_string (check, "type");

          if (check != NULL && code != NULL)
            add_health_check (findings, file, code, check);
        }
    }
  else
    {
      JsonObject *checks = get_object (health, "checks");
      g_autoptr(GList) codes = checks != NULL ? json_object_get_members (checks) : NULL;

      for (GList *l = codes; l != NULL; l = l->next)
        {
          JsonObject *check = get_object (checks, l->data);

          if (check != NULL)
            add_health_check (findings, file, l->data, check);
        }
    }

  status = get_string (health, "status");
  if (status != NULL)
    add_finding (findings, severity_from_ceph (status), "health-status", NULL, file,
                 g_strdup_printf (_("Overall health: %s"), status));
}

static void
analyse_osds (GHashTable *documents,
              GPtrArray  *findings,
              JsonObject *osd_dump)
{
  g_autoptr(JsonNode) tree_root = load (documents, KDCC_DIAG_FILE_OSD_TREE, findings);
  g_autoptr(JsonNode) df_root = load (documents, KDCC_DIAG_FILE_OSD_DF_TREE, findings);
  g_autoptr(GPtrArray) down = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonArray *nodes = get_array (as_object (tree_root), "nodes");
  JsonArray *osds = get_array (osd_dump, "osds");
  double nearfull = get_number (osd_dump, "nearfull_ratio", 0.85) * 100.0;
  double backfillfull = get_number (osd_dump, "backfillfull_ratio", 0.90) * 100.0;
  double full = get_number (osd_dump, "full_ratio", 0.95) * 100.0;
  g_autoptr(GPtrArray) full_osds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backfillfull_osds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) nearfull_osds = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = as_object (json_array_get_element (nodes, i));

      if (g_strcmp0 (get_string (node, "type"), "osd") == 0
          && g_strcmp0 (get_string (node, "status"), "down") == 0)
        g_ptr_array_add (down, g_strdup (get_string (node, "name")));
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
      JsonObject *osd = as_object (json_array_get_element (osds, i));

      if (osd != NULL && json_object_has_member (osd, "in") && get_number (osd, "in", 1) == 0)
        g_ptr_array_add (out, g_strdup_printf ("osd.%.0f", get_number (osd, "osd", -1)));
    }
  if (out->len > 0)
    {
      KdccDiagnosticsFinding *finding =
        add_finding (findings, KDCC_FINDING_WARNING, "osd-out", NULL, KDCC_DIAG_FILE_OSD_DUMP,
                     g_strdup_printf (ngettext ("%u OSD is out", "%u OSDs are out", out->len),
                                      out->len));
      add_details_capped (finding, out);
    }

  nodes = get_array (as_object (df_root), "nodes");
  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = as_object (json_array_get_element (nodes, i));
      double use = get_number (node, "utilization", -1);
      char *line;

      if (g_strcmp0 (get_string (node, "type"), "osd") != 0 || use < nearfull)
        continue;
      line = g_strdup_printf (_("%s is %.3g %% full"), get_string (node, "name"), use);
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

static void
analyse_flags (GPtrArray  *findings,
               JsonObject *osd_dump)
{
  const char *flags = get_string (osd_dump, "flags");
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) unusual = g_ptr_array_new_with_free_func (g_free);
  JsonArray *pools = get_array (osd_dump, "pools");
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
      JsonObject *pool = as_object (json_array_get_element (pools, i));
      const char *names = get_string (pool, "flags_names");
      g_auto(GStrv) pool_parts = names != NULL ? g_strsplit (names, ",", -1) : NULL;

      for (guint k = 0; pool_parts != NULL && pool_parts[k] != NULL; k++)
        if (g_str_has_prefix (pool_parts[k], "full") || g_str_equal (pool_parts[k], "nearfull")
            || g_str_equal (pool_parts[k], "backfillfull"))
          g_ptr_array_add (pool_flags, g_strdup_printf (_("pool %s: %s"),
                                                        get_string (pool, "pool_name"),
                                                        pool_parts[k]));
    }
  if (pool_flags->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "pool-flags", NULL,
                                     KDCC_DIAG_FILE_OSD_DUMP,
                                     g_strdup (_("Pools flagged full or near full"))),
                        pool_flags);
}

static void
analyse_pools (GHashTable *documents,
               GPtrArray  *findings,
               JsonObject *osd_dump)
{
  g_autoptr(JsonNode) root = load (documents, KDCC_DIAG_FILE_DF_DETAIL, findings);
  JsonArray *pools = get_array (as_object (root), "pools");
  double nearfull = get_number (osd_dump, "nearfull_ratio", 0.85);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pools != NULL && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = as_object (json_array_get_element (pools, i));
      JsonObject *stats = get_object (pool, "stats");
      const char *name = get_string (pool, "name");
      double used = get_number (stats, "percent_used", 0);
      double quota_bytes = get_number (stats, "quota_bytes", 0);
      double quota_objects = get_number (stats, "quota_objects", 0);
      double stored = get_number (stats, "stored", 0);
      double objects = get_number (stats, "objects", 0);

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
  if (as_array (root) != NULL)
    return as_array (root);
  return get_array (as_object (root), member);
}

static void
analyse_pgs (GHashTable *documents,
             GPtrArray  *findings)
{
  g_autoptr(JsonNode) stuck_root = load (documents, KDCC_DIAG_FILE_PG_DUMP_STUCK, findings);
  g_autoptr(JsonNode) brief_root = load (documents, KDCC_DIAG_FILE_PG_DUMP_BRIEF, findings);
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
      JsonObject *pg = as_object (json_array_get_element (stuck, i));

      if (get_string (pg, "pgid") == NULL)
        continue;
      g_ptr_array_add (stuck_lines, g_strdup_printf ("%s %s", get_string (pg, "pgid"),
                                                     get_string (pg, "state")));
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
      JsonObject *pg = as_object (json_array_get_element (brief, i));
      const char *state = get_string (pg, "state");
      const char *pgid = get_string (pg, "pgid");
      g_auto(GStrv) parts = NULL;
      gboolean active = FALSE, clean = FALSE;

      if (state == NULL || pgid == NULL)
        continue;
      parts = g_strsplit (state, "+", -1);
      for (guint k = 0; parts[k] != NULL; k++)
        {
          active |= g_str_equal (parts[k], "active");
          clean |= g_str_equal (parts[k], "clean");
          if (g_str_equal (parts[k], "inconsistent"))
            g_ptr_array_add (inconsistent, g_strdup_printf ("%s %s", pgid, state));
        }
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

char *
kdcc_diagnostics_crash_file (const char *crash_id)
{
  g_autofree char *safe = g_strdup (crash_id);

  g_strcanon (safe, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-", '_');
  return g_strdup_printf ("%s/%s.json", KDCC_DIAG_DIR_CRASH, safe);
}

static int
compare_nodes_by_timestamp_desc (gconstpointer a,
                                 gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode **) a);
  JsonObject *ob = json_node_get_object (*(JsonNode **) b);

  return g_strcmp0 (get_string (ob, "timestamp"), get_string (oa, "timestamp"));
}

static void
analyse_crashes (GHashTable *documents,
                 GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = load (documents, KDCC_DIAG_FILE_CRASH_LS, findings);
  JsonArray *crashes = as_array (root);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  KdccDiagnosticsFinding *finding;
  guint n_new = 0;

  for (guint i = 0; crashes != NULL && i < json_array_get_length (crashes); i++)
    {
      JsonNode *node = json_array_get_element (crashes, i);

      if (as_object (node) != NULL && get_string (as_object (node), "crash_id") != NULL)
        g_ptr_array_add (sorted, node);
    }
  if (sorted->len == 0)
    return;
  g_ptr_array_sort (sorted, compare_nodes_by_timestamp_desc);

  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *crash = json_node_get_object (g_ptr_array_index (sorted, i));
      const char *id = get_string (crash, "crash_id");
      /* `crash ls` marks archived reports with an "archived" stamp;
       * the others are new and raise RECENT_CRASH. */
      gboolean archived = json_object_has_member (crash, "archived");
      g_autofree char *file = kdcc_diagnostics_crash_file (id);

      if (!archived)
        n_new++;
      g_ptr_array_add (lines, g_strdup_printf ("%s %s%s → %s", get_string (crash, "timestamp"),
                                               get_string (crash, "entity_name"),
                                               archived ? _(" (archived)") : "", file));
    }

  finding = add_finding (findings, n_new > 0 ? KDCC_FINDING_WARNING : KDCC_FINDING_INFO, "crash",
                         NULL, KDCC_DIAG_FILE_CRASH_LS,
                         g_strdup_printf (ngettext ("%u crash report (%u new)",
                                                    "%u crash reports (%u new)", sorted->len),
                                          sorted->len, n_new));
  add_details_capped (finding, lines);
}

static void
analyse_versions (GHashTable *documents,
                  GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = load (documents, KDCC_DIAG_FILE_VERSIONS, findings);
  JsonObject *versions = as_object (root);
  JsonObject *overall = get_object (versions, "overall");
  g_autoptr(GList) names = overall != NULL ? json_object_get_members (overall) : NULL;
  guint n = g_list_length (names);

  if (n == 1)
    add_finding (findings, KDCC_FINDING_INFO, "version", NULL, KDCC_DIAG_FILE_VERSIONS,
                 g_strdup_printf (_("All daemons run %s"), (const char *) names->data));
  else if (n > 1)
    {
      KdccDiagnosticsFinding *finding =
        add_finding (findings, KDCC_FINDING_WARNING, "mixed-versions", NULL, KDCC_DIAG_FILE_VERSIONS,
                     g_strdup_printf (_("Daemons run %u different Ceph versions"), n));
      g_autoptr(GList) types = json_object_get_members (versions);

      for (GList *t = types; t != NULL; t = t->next)
        {
          JsonObject *per_type = get_object (versions, t->data);
          g_autoptr(GList) vs = NULL;

          if (g_str_equal (t->data, "overall") || per_type == NULL)
            continue;
          vs = json_object_get_members (per_type);
          for (GList *v = vs; v != NULL; v = v->next)
            add_detail (finding, g_strdup_printf ("%s: %.0f × %s", (const char *) t->data,
                                                  get_number (per_type, v->data, 0),
                                                  (const char *) v->data));
        }
    }
}

static void
analyse_time_sync (GHashTable *documents,
                   GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = load (documents, KDCC_DIAG_FILE_TIME_SYNC, findings);
  JsonObject *skews = get_object (as_object (root), "time_skew_status");
  g_autoptr(GList) mons = skews != NULL ? json_object_get_members (skews) : NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = mons; l != NULL; l = l->next)
    {
      JsonObject *mon = get_object (skews, l->data);
      const char *health = get_string (mon, "health");

      if (health != NULL && !g_str_equal (health, "HEALTH_OK"))
        g_ptr_array_add (lines, g_strdup_printf (_("mon.%s: skew %.3f s, latency %.3f s (%s)"),
                                                 (const char *) l->data, get_number (mon, "skew", 0),
                                                 get_number (mon, "latency", 0), health));
    }
  if (lines->len > 0)
    add_details_capped (add_finding (findings, KDCC_FINDING_WARNING, "clock-skew", NULL,
                                     KDCC_DIAG_FILE_TIME_SYNC,
                                     g_strdup (_("Monitor clocks are skewed"))),
                        lines);
}

static void
analyse_daemons (GHashTable *documents,
                 GPtrArray  *findings)
{
  g_autoptr(JsonNode) mgr_root = load (documents, KDCC_DIAG_FILE_MGR_DUMP, findings);
  g_autoptr(JsonNode) quorum_root = load (documents, KDCC_DIAG_FILE_QUORUM_STATUS, findings);
  JsonObject *mgr = as_object (mgr_root);
  JsonObject *quorum = as_object (quorum_root);

  if (mgr != NULL && json_object_has_member (mgr, "available") && get_number (mgr, "available", 1) == 0)
    add_finding (findings, KDCC_FINDING_ERROR, "mgr-unavailable", NULL, KDCC_DIAG_FILE_MGR_DUMP,
                 g_strdup (_("No mgr is active: mgr commands and the dashboard do not work")));

  if (quorum != NULL)
    {
      JsonArray *names = get_array (quorum, "quorum_names");
      JsonArray *mons = get_array (get_object (quorum, "monmap"), "mons");
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; mons != NULL && i < json_array_get_length (mons); i++)
        {
          const char *name = get_string (as_object (json_array_get_element (mons, i)), "name");
          gboolean in = FALSE;

          for (guint k = 0; names != NULL && k < json_array_get_length (names); k++)
            {
              JsonNode *element = json_array_get_element (names, k);

              if (JSON_NODE_HOLDS_VALUE (element)
                  && json_node_get_value_type (element) == G_TYPE_STRING)
                in |= g_strcmp0 (json_node_get_string (element), name) == 0;
            }
          if (name != NULL && !in)
            g_ptr_array_add (missing, g_strdup_printf ("mon.%s", name));
        }
      if (missing->len > 0)
        add_details_capped (add_finding (findings, KDCC_FINDING_ERROR, "mon-out-of-quorum", NULL,
                                         KDCC_DIAG_FILE_QUORUM_STATUS,
                                         g_strdup_printf (ngettext ("%u monitor is out of quorum",
                                                                    "%u monitors are out of quorum",
                                                                    missing->len),
                                                          missing->len)),
                            missing);
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const KdccDiagnosticsFinding *fa = *(KdccDiagnosticsFinding **) a;
  const KdccDiagnosticsFinding *fb = *(KdccDiagnosticsFinding **) b;

  if (fa->severity != fb->severity)
    return (int) fa->severity - (int) fb->severity;
  /* The overall status line leads its group. */
  if (g_str_equal (fa->topic, "health-status") != g_str_equal (fb->topic, "health-status"))
    return g_str_equal (fa->topic, "health-status") ? -1 : 1;
  return 0;
}

GPtrArray *
kdcc_diagnostics_analyse (GHashTable *documents)
{
  GPtrArray *findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_diagnostics_finding_free);
  g_autoptr(JsonNode) osd_dump_root = NULL;
  JsonObject *osd_dump;

  g_return_val_if_fail (documents != NULL, findings);

  osd_dump_root = load (documents, KDCC_DIAG_FILE_OSD_DUMP, findings);
  osd_dump = as_object (osd_dump_root);

  analyse_health (documents, findings);
  analyse_daemons (documents, findings);
  analyse_osds (documents, findings, osd_dump);
  analyse_pools (documents, findings, osd_dump);
  analyse_flags (findings, osd_dump);
  analyse_pgs (documents, findings);
  analyse_crashes (documents, findings);
  analyse_time_sync (documents, findings);
  analyse_versions (documents, findings);

  /* A stable sort keeps each analyser's order within a severity. */
  {
    g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (gpointer), findings->len);

    for (guint i = 0; i < findings->len; i++)
      g_array_append_val (order, findings->pdata[i]);
    g_array_sort (order, compare_findings);
    for (guint i = 0; i < findings->len; i++)
      findings->pdata[i] = g_array_index (order, gpointer, i);
  }
  return findings;
}

static const char *
severity_label (KdccFindingSeverity severity)
{
  switch (severity)
    {
    case KDCC_FINDING_ERROR:
      /* TRANSLATORS: a label in SUMMARY.txt; keep it short. */
      return _("ERROR");
    case KDCC_FINDING_WARNING:
      return _("WARNING");
    case KDCC_FINDING_INFO:
    default:
      return _("INFO");
    }
}

static void
append_heading (GString    *out,
                const char *title)
{
  glong width = g_utf8_strlen (title, -1);

  g_string_append_printf (out, "\n%s\n", title);
  for (glong i = 0; i < width; i++)
    g_string_append_c (out, '-');
  g_string_append_c (out, '\n');
}

char *
kdcc_diagnostics_summary_render (const KdccDiagnosticsSummaryInfo *info,
                                 GPtrArray                        *findings)
{
  GString *out = g_string_new (NULL);
  const char *title = _("KDCC diagnostic bundle");
  guint n_failed = info->failed != NULL ? info->failed->len : 0;
  guint n_not = info->not_gathered != NULL ? info->not_gathered->len : 0;

  g_string_append_printf (out, "%s\n", title);
  for (glong i = 0; i < g_utf8_strlen (title, -1); i++)
    g_string_append_c (out, '=');
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%-14s %s\n", _("Created:"), info->created ? info->created : "");
  g_string_append_printf (out, "%-14s %s\n", _("KDCC version:"), info->kdcc_version);
  g_string_append_printf (out, "%-14s %s\n", _("Connection:"), info->source_kind ? info->source_kind : "");
  if (info->fsid != NULL)
    g_string_append_printf (out, "%-14s %s\n", _("Cluster fsid:"), info->fsid);
  g_string_append_printf (out, "%-14s ", _("Items:"));
  g_string_append_printf (out, _("%u gathered, %u failed, %u not available"), info->n_ok, n_failed,
                          n_not);
  g_string_append_printf (out, _(" (%.1f s)"), info->duration_s);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%-14s ", _("Redaction:"));
  if (info->redacted)
    g_string_append_printf (out, ngettext ("on, %u secret replaced (counts per file in manifest.json)",
                                           "on, %u secrets replaced (counts per file in manifest.json)",
                                           info->redactions),
                            info->redactions);
  else
    g_string_append (out, _("OFF: this bundle may contain keys and passwords; do not share it"));
  g_string_append_c (out, '\n');

  append_heading (out, _("Findings"));
  if (findings == NULL || findings->len == 0)
    g_string_append_printf (out, "%s\n", _("Nothing to report."));
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      KdccDiagnosticsFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (out, "[%s] %s\n", severity_label (finding->severity), finding->message);
      for (guint k = 0; k < finding->details->len; k++)
        g_string_append_printf (out, "    %s\n", (const char *) g_ptr_array_index (finding->details, k));
      if (finding->file != NULL)
        /* TRANSLATORS: points to the bundle file that shows a finding. */
        g_string_append_printf (out, "    %s %s\n", _("see"), finding->file);
    }

  if (n_failed > 0)
    {
      append_heading (out, _("Items that failed"));
      for (guint i = 0; i < n_failed; i++)
        g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (info->failed, i));
    }

  if (n_not > 0)
    {
      append_heading (out, _("Not gathered through this connection"));
      for (guint i = 0; i < n_not; i++)
        g_string_append_printf (out, "  %s\n",
                                (const char *) g_ptr_array_index (info->not_gathered, i));
    }

  append_heading (out, _("Files"));
  g_string_append_printf (out, "%s\n",
                          _("manifest.json lists every item with its command, timing, size, "
                            "status, error and the secrets replaced in it. ceph/ holds Ceph's "
                            "answers as JSON (.json) and as text (.txt), kdcc/ what KDCC itself "
                            "knows."));
  return g_string_free (out, FALSE);
}
