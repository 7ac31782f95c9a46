/* kdcc-diagnostics-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The findings that are not about the cluster maps (daemons, crashes, clock
 * skew, versions), their order, and SUMMARY.txt. The checks of health,
 * OSDs, pools, flags and PGs are in kdcc-diagnostics-checks.c.
 */
#define G_LOG_DOMAIN "kdcc-diagnostics-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-diagnostics-summary-private.h"
#include "kdcc-json.h"

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

/* What KDCC's own findings mean for the data, on the scale the health
 * checks use (kdcc-impact.h): a finding about PGs that are not active
 * comes before a late scrub whatever Ceph's severity says. Health check
 * findings get theirs from the catalog instead. */
static const struct { const char *topic; KdccImpact impact; } topic_impacts[] = {
  { "pg-inactive", KDCC_IMPACT_DATA_UNAVAILABLE },
  { "osd-full", KDCC_IMPACT_DATA_UNAVAILABLE },
  { "osd-down", KDCC_IMPACT_DATA_AT_RISK },
  { "osd-out", KDCC_IMPACT_DATA_AT_RISK },
  { "pg-unclean", KDCC_IMPACT_DATA_AT_RISK },
  { "pg-stuck", KDCC_IMPACT_DATA_AT_RISK },
  { "pg-inconsistent", KDCC_IMPACT_DATA_AT_RISK },
  { "osd-nearfull", KDCC_IMPACT_DATA_AT_RISK },
  { "osd-backfillfull", KDCC_IMPACT_DATA_AT_RISK },
  { "pool-nearfull", KDCC_IMPACT_DATA_AT_RISK },
  { "mon-out-of-quorum", KDCC_IMPACT_DATA_AT_RISK },
  { "mgr-unavailable", KDCC_IMPACT_DATA_AT_RISK },
  { "clock-skew", KDCC_IMPACT_PERFORMANCE },
  { "osdmap-flags", KDCC_IMPACT_HYGIENE },
  { "pool-flags", KDCC_IMPACT_HYGIENE },
  { "mixed-versions", KDCC_IMPACT_HYGIENE },
  { "crash", KDCC_IMPACT_HYGIENE },
};

static KdccImpact
impact_of_topic (const char *topic)
{
  for (guint i = 0; i < G_N_ELEMENTS (topic_impacts); i++)
    if (g_str_equal (topic, topic_impacts[i].topic))
      return topic_impacts[i].impact;
  return KDCC_IMPACT_NONE;
}

KdccDiagnosticsFinding *
add_finding (GPtrArray           *findings,
             KdccFindingSeverity  severity,
             const char          *topic,
             const char          *code,
             const char          *file,
             char                *message)
{
  KdccDiagnosticsFinding *finding = g_new0 (KdccDiagnosticsFinding, 1);

  finding->severity = severity;
  finding->impact = impact_of_topic (topic);
  finding->topic = g_strdup (topic);
  finding->code = g_strdup (code);
  finding->file = g_strdup (file);
  finding->message = message;
  finding->details = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (findings, finding);
  return finding;
}

void
add_detail (KdccDiagnosticsFinding *finding,
            char                   *line)
{
  g_ptr_array_add (finding->details, line);
}

/* Adds up to MAX_DETAILS lines of list, then "… and N more", N counting
 * the lines not shown and the MORE items Ceph left out itself. */
void
add_details_capped_more (KdccDiagnosticsFinding *finding,
                         GPtrArray              *lines,
                         guint64                 more)
{
  guint64 left_out = more;

  for (guint i = 0; i < lines->len && i < MAX_DETAILS; i++)
    add_detail (finding, g_strdup (g_ptr_array_index (lines, i)));
  if (lines->len > MAX_DETAILS)
    left_out += lines->len - MAX_DETAILS;
  if (left_out > 0)
    {
      guint n = (guint) MIN (left_out, G_MAXUINT);

      add_detail (finding, g_strdup_printf (ngettext ("… and %u more", "… and %u more", n), n));
    }
}

void
add_details_capped (KdccDiagnosticsFinding *finding,
                    GPtrArray              *lines)
{
  add_details_capped_more (finding, lines, 0);
}

/* Parses documents[file]; NULL when missing. A document that does not
 * parse gives an info finding so the reader knows why it was skipped. */
JsonNode *
document_load (GHashTable *documents,
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

  return g_strcmp0 (kdcc_json_find_string (ob, "timestamp"),
                    kdcc_json_find_string (oa, "timestamp"));
}

static void
analyse_crashes (GHashTable *documents,
                 GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = document_load (documents, KDCC_DIAG_FILE_CRASH_LS, findings);
  JsonArray *crashes = kdcc_json_as_array (root);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  KdccDiagnosticsFinding *finding;
  guint n_new = 0;

  for (guint i = 0; crashes != NULL && i < json_array_get_length (crashes); i++)
    {
      JsonNode *node = json_array_get_element (crashes, i);

      if (kdcc_json_find_string (kdcc_json_as_object (node), "crash_id") != NULL)
        g_ptr_array_add (sorted, node);
    }
  if (sorted->len == 0)
    return;
  g_ptr_array_sort (sorted, compare_nodes_by_timestamp_desc);

  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *crash = json_node_get_object (g_ptr_array_index (sorted, i));
      const char *id = kdcc_json_find_string (crash, "crash_id");
      /* `crash ls` marks archived reports with an "archived" stamp;
       * the others are new and raise RECENT_CRASH. */
      gboolean archived = json_object_has_member (crash, "archived");
      g_autofree char *file = kdcc_diagnostics_crash_file (id);

      if (!archived)
        n_new++;
      g_ptr_array_add (lines, g_strdup_printf ("%s %s%s → %s",
                                               kdcc_json_find_string (crash, "timestamp"),
                                               kdcc_json_find_string (crash, "entity_name"),
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
  g_autoptr(JsonNode) root = document_load (documents, KDCC_DIAG_FILE_VERSIONS, findings);
  JsonObject *versions = kdcc_json_as_object (root);
  JsonObject *overall = kdcc_json_find_object (versions, "overall");
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
          JsonObject *per_type = kdcc_json_find_object (versions, t->data);
          g_autoptr(GList) vs = NULL;

          if (g_str_equal (t->data, "overall") || per_type == NULL)
            continue;
          vs = json_object_get_members (per_type);
          for (GList *v = vs; v != NULL; v = v->next)
            add_detail (finding, g_strdup_printf ("%s: %.0f × %s", (const char *) t->data,
                                                  kdcc_json_find_number (per_type, v->data, 0),
                                                  (const char *) v->data));
        }
    }
}

static void
analyse_time_sync (GHashTable *documents,
                   GPtrArray  *findings)
{
  g_autoptr(JsonNode) root = document_load (documents, KDCC_DIAG_FILE_TIME_SYNC, findings);
  JsonObject *skews = kdcc_json_find_object (kdcc_json_as_object (root), "time_skew_status");
  g_autoptr(GList) mons = skews != NULL ? json_object_get_members (skews) : NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = mons; l != NULL; l = l->next)
    {
      JsonObject *mon = kdcc_json_find_object (skews, l->data);
      const char *health = kdcc_json_find_string (mon, "health");

      if (health != NULL && !g_str_equal (health, "HEALTH_OK"))
        g_ptr_array_add (lines, g_strdup_printf (_("mon.%s: skew %.3f s, latency %.3f s (%s)"),
                                                 (const char *) l->data,
                                                 kdcc_json_find_number (mon, "skew", 0),
                                                 kdcc_json_find_number (mon, "latency", 0),
                                                 health));
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
  g_autoptr(JsonNode) mgr_root = document_load (documents, KDCC_DIAG_FILE_MGR_DUMP, findings);
  g_autoptr(JsonNode) quorum_root = document_load (documents, KDCC_DIAG_FILE_QUORUM_STATUS,
                                                   findings);
  JsonObject *mgr = kdcc_json_as_object (mgr_root);
  JsonObject *quorum = kdcc_json_as_object (quorum_root);

  if (mgr != NULL && json_object_has_member (mgr, "available")
      && kdcc_json_find_number (mgr, "available", 1) == 0)
    add_finding (findings, KDCC_FINDING_ERROR, "mgr-unavailable", NULL, KDCC_DIAG_FILE_MGR_DUMP,
                 g_strdup (_("No mgr is active: mgr commands and the dashboard do not work")));

  if (quorum != NULL)
    {
      JsonArray *names = kdcc_json_find_array (quorum, "quorum_names");
      JsonArray *mons = kdcc_json_find_array (kdcc_json_find_object (quorum, "monmap"), "mons");
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; mons != NULL && i < json_array_get_length (mons); i++)
        {
          JsonObject *mon = kdcc_json_as_object (json_array_get_element (mons, i));
          const char *name = kdcc_json_find_string (mon, "name");
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

  /* The overall status line comes first, then what matters most for the
   * data (the same order as the dashboard's alerts), then Ceph's
   * severity. */
  if (g_str_equal (fa->topic, "health-status") != g_str_equal (fb->topic, "health-status"))
    return g_str_equal (fa->topic, "health-status") ? -1 : 1;
  if (fa->impact != fb->impact)
    return (int) fb->impact - (int) fa->impact;
  if (fa->severity != fb->severity)
    return (int) fa->severity - (int) fb->severity;
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

  osd_dump_root = document_load (documents, KDCC_DIAG_FILE_OSD_DUMP, findings);
  osd_dump = kdcc_json_as_object (osd_dump_root);

  check_health (documents, findings);
  analyse_daemons (documents, findings);
  check_osds (documents, findings, osd_dump);
  check_pools (documents, findings, osd_dump);
  check_flags (findings, osd_dump);
  check_pgs (documents, findings);
  analyse_crashes (documents, findings);
  analyse_time_sync (documents, findings);
  analyse_versions (documents, findings);

  /* A stable sort keeps each analyser's order within an impact and severity. */
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
