/* kdcc-diagnostics-items.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a bundle holds: the tables of Ceph and Dashboard items, and the
 * tasks made from them for one run (plus KDCC's own files).
 */
#define G_LOG_DOMAIN "kdcc-diagnostics"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <rados/librados.h>
#include <glib/gi18n-lib.h>

#include "kdcc-audit-log.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics-private.h"
#include "kdcc-kube-source.h"
#include "kdcc-rados-source.h"
#include "kdcc-staging.h"
#include "kdcc-json.h"

#define LOG_LAST_LINES  "1000"

/* ------------------------------------------------------------------------
 * Item tables
 * ------------------------------------------------------------------------ */

#define MON KDCC_DIAGNOSTICS_TARGET_MON
#define MGR KDCC_DIAGNOSTICS_TARGET_MGR
#define TEXT KDCC_DIAGNOSTICS_ITEM_TEXT

/* Targets verified on Ceph 16.2.15: `osd df`, `osd perf`, `osd blocked-by`,
 * `osd pool autoscale-status`, `pg *`, `crash *` and `device ls` are mgr
 * commands (the mon only proxies them); the rest are mon commands. The
 * plain-text form is gathered where Ceph prints a table for people; for the
 * others plain output is JSON again. */
static const KdccDiagnosticsItem ceph_items[] = {
  { "status", "ceph/status", MON, "{\"prefix\":\"status\"}", TEXT },
  { "health detail", "ceph/health-detail", MON, "{\"prefix\":\"health\",\"detail\":\"detail\"}", TEXT },
  { "versions", "ceph/versions", MON, "{\"prefix\":\"versions\"}", 0 },
  { "features", "ceph/features", MON, "{\"prefix\":\"features\"}", 0 },
  { "df detail", "ceph/df-detail", MON, "{\"prefix\":\"df\",\"detail\":\"detail\"}", TEXT },
  { "osd tree", "ceph/osd-tree", MON, "{\"prefix\":\"osd tree\"}", TEXT },
  { "osd df tree", "ceph/osd-df-tree", MGR, "{\"prefix\":\"osd df\",\"output_method\":\"tree\"}", TEXT },
  { "osd dump", "ceph/osd-dump", MON, "{\"prefix\":\"osd dump\"}", TEXT },
  { "osd perf", "ceph/osd-perf", MGR, "{\"prefix\":\"osd perf\"}", TEXT },
  { "osd pool ls detail", "ceph/osd-pool-ls-detail", MON, "{\"prefix\":\"osd pool ls\",\"detail\":\"detail\"}", TEXT },
  { "osd pool autoscale-status", "ceph/osd-pool-autoscale-status", MGR, "{\"prefix\":\"osd pool autoscale-status\"}", TEXT },
  { "osd blocked-by", "ceph/osd-blocked-by", MGR, "{\"prefix\":\"osd blocked-by\"}", TEXT },
  { "osd crush dump", "ceph/osd-crush-dump", MON, "{\"prefix\":\"osd crush dump\"}", 0 },
  { "osd metadata", "ceph/osd-metadata", MON, "{\"prefix\":\"osd metadata\"}", 0 },
  { "mon dump", "ceph/mon-dump", MON, "{\"prefix\":\"mon dump\"}", TEXT },
  { "quorum_status", "ceph/quorum-status", MON, "{\"prefix\":\"quorum_status\"}", 0 },
  { "mgr dump", "ceph/mgr-dump", MON, "{\"prefix\":\"mgr dump\"}", 0 },
  { "mgr module ls", "ceph/mgr-module-ls", MON, "{\"prefix\":\"mgr module ls\"}", 0 },
  { "mgr services", "ceph/mgr-services", MON, "{\"prefix\":\"mgr services\"}", 0 },
  { "pg stat", "ceph/pg-stat", MGR, "{\"prefix\":\"pg stat\"}", TEXT },
  { "pg dump_stuck", "ceph/pg-dump-stuck", MGR, "{\"prefix\":\"pg dump_stuck\"}", TEXT },
  { "pg dump pgs_brief", "ceph/pg-dump-pgs-brief", MGR, "{\"prefix\":\"pg dump\",\"dumpcontents\":[\"pgs_brief\"]}", TEXT },
  { "fs dump", "ceph/fs-dump", MON, "{\"prefix\":\"fs dump\"}", TEXT },
  { "mds stat", "ceph/mds-stat", MON, "{\"prefix\":\"mds stat\"}", TEXT },
  { "config dump", "ceph/config-dump", MON, "{\"prefix\":\"config dump\"}", TEXT },
  { "config log", "ceph/config-log", MON, "{\"prefix\":\"config log\"}", TEXT },
  { "config-key dump", "ceph/config-key-dump", MON, "{\"prefix\":\"config-key dump\"}",
    KDCC_DIAGNOSTICS_ITEM_ALL_SECRET },
  { "auth ls", "ceph/auth-ls", MON, "{\"prefix\":\"auth ls\"}", TEXT },
  { "crash ls", "ceph/crash-ls", MGR, "{\"prefix\":\"crash ls\"}",
    TEXT | KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS },
  { "time-sync-status", "ceph/time-sync-status", MON, "{\"prefix\":\"time-sync-status\"}", 0 },
  { "device ls", "ceph/device-ls", MGR, "{\"prefix\":\"device ls\"}", TEXT },
  { "log last (cluster)", "ceph/log-last-cluster", MON,
    "{\"prefix\":\"log last\",\"num\":" LOG_LAST_LINES ",\"level\":\"debug\",\"channel\":\"cluster\"}", TEXT },
  { "log last (audit)", "ceph/log-last-audit", MON,
    "{\"prefix\":\"log last\",\"num\":" LOG_LAST_LINES ",\"level\":\"debug\",\"channel\":\"audit\"}", TEXT },
};

#define DASH KDCC_DIAGNOSTICS_TARGET_DASHBOARD

/* What the Ceph Dashboard REST API offers (GET, Pacific and later). */
static const KdccDiagnosticsItem dashboard_items[] = {
  { "health full", "dashboard/health-full", DASH, "/api/health/full", 0 },
  { "summary", "dashboard/summary", DASH, "/api/summary", 0 },
  { "osd", "dashboard/osd", DASH, "/api/osd", 0 },
  { "pool", "dashboard/pool", DASH, "/api/pool", 0 },
  { "monitor", "dashboard/monitor", DASH, "/api/monitor", 0 },
  { "host", "dashboard/host", DASH, "/api/host", 0 },
  { "mgr module", "dashboard/mgr-module", DASH, "/api/mgr/module", 0 },
  { "crush rule", "dashboard/crush-rule", DASH, "/api/crush_rule", 0 },
  { "erasure code profile", "dashboard/erasure-code-profile", DASH, "/api/erasure_code_profile", 0 },
  { "cluster conf", "dashboard/cluster-conf", DASH, "/api/cluster_conf", 0 },
  { "logs", "dashboard/logs-all", DASH, "/api/logs/all", 0 },
};

#undef MON
#undef MGR
#undef TEXT
#undef DASH

const KdccDiagnosticsItem *
kdcc_diagnostics_get_ceph_items (guint *n_items)
{
  *n_items = G_N_ELEMENTS (ceph_items);
  return ceph_items;
}

const KdccDiagnosticsItem *
kdcc_diagnostics_get_dashboard_items (guint *n_items)
{
  *n_items = G_N_ELEMENTS (dashboard_items);
  return dashboard_items;
}

const char *
kdcc_diagnostics_target_to_string (KdccDiagnosticsTarget target)
{
  switch (target)
    {
    case KDCC_DIAGNOSTICS_TARGET_MON: return "mon";
    case KDCC_DIAGNOSTICS_TARGET_MGR: return "mgr";
    case KDCC_DIAGNOSTICS_TARGET_DASHBOARD: return "dashboard";
    case KDCC_DIAGNOSTICS_TARGET_KDCC: return "kdcc";
    case KDCC_DIAGNOSTICS_TARGET_KUBERNETES: return "kubernetes";
    default: return "unknown";
    }
}


void
_kdcc_diagnostics_task_free (gpointer data)
{
  DiagTask *task = data;

  g_free (task->name);
  g_free (task->file);
  g_free (task->command);
  g_clear_pointer (&task->started, g_date_time_unref);
  g_clear_pointer (&task->data, g_bytes_unref);
  g_free (task->ceph_status);
  g_free (task->error);
  g_free (task);
}

DiagTask *
_kdcc_diagnostics_task_new (const char               *name,
                            const char               *file,
                            KdccDiagnosticsTarget     target,
                            const char               *command,
                            KdccDiagnosticsItemFlags  flags,
                            gboolean                  is_json)
{
  DiagTask *task = g_new0 (DiagTask, 1);

  task->name = g_strdup (name);
  task->file = g_strdup (file);
  task->target = target;
  task->command = g_strdup (command);
  task->flags = flags;
  task->is_json = is_json;
  task->state = TASK_PENDING;
  return task;
}

/* {"prefix":"x"} → {"prefix":"x","format":"json"} */
static char *
command_with_format (const char *command)
{
  gsize len = strlen (command);

  g_assert (len >= 2 && command[len - 1] == '}');
  return g_strdup_printf ("%.*s,\"format\":\"json\"}", (int) (len - 1), command);
}


/* ------------------------------------------------------------------------
 * KDCC's own items
 * ------------------------------------------------------------------------ */

GBytes *
_kdcc_diagnostics_node_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len;
  char *text;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static DiagTask *
kdcc_task_done (const char *name,
                const char *file,
                JsonNode   *node)
{
  DiagTask *task = _kdcc_diagnostics_task_new (name, file, KDCC_DIAGNOSTICS_TARGET_KDCC, "", 0, TRUE);

  task->state = TASK_DONE;
  task->started = g_date_time_new_now_utc ();
  task->data = _kdcc_diagnostics_node_to_bytes (node);
  return task;
}

/* One file's content as JSON: the staging area as it is, the audit log's
 * lines as an array (a line that does not parse is kept as a string). */
static JsonNode *
kdcc_file_node (const char *path,
                gboolean    lines)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) split = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  if (!lines)
    return kdcc_json_load ("staging", text, -1, NULL);
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  split = g_strsplit (text, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      JsonNode *line = *split[i] != '\0' ? kdcc_json_load ("audit log", split[i], -1, NULL) : NULL;

      if (line != NULL)
        json_builder_add_value (builder, line);
      else if (*split[i] != '\0')
        {
          /* A damaged line may not even be UTF-8. */
          g_autofree char *valid = g_utf8_make_valid (split[i], -1);

          json_builder_add_string_value (builder, valid);
        }
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* {FSID: content} for the cluster of this run, or for every cluster with
 * a file when the fsid is not known. */
static JsonNode *
kdcc_files_node (const char *fsid,
                 gboolean    audit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *any = audit ? kdcc_audit_log_default_path ("x") : kdcc_staging_default_path ("x");
  g_autofree char *dir = g_path_get_dirname (any);
  const char *suffix = audit ? ".jsonl" : ".json";
  g_autoptr(GDir) listing = NULL;
  const char *name;

  json_builder_begin_object (builder);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file_fsid = NULL;
      g_autofree char *path = NULL;
      JsonNode *node;

      if (!g_str_has_suffix (name, suffix))
        continue;
      file_fsid = g_strndup (name, strlen (name) - strlen (suffix));
      if (fsid != NULL && !g_str_equal (fsid, file_fsid))
        continue;
      path = g_build_filename (dir, name, NULL);
      node = kdcc_file_node (path, audit);
      if (node == NULL)
        continue;
      json_builder_set_member_name (builder, file_fsid);
      json_builder_add_value (builder, node);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
_kdcc_diagnostics_add_kdcc_tasks (DiagRun *run)
{
  g_autoptr(JsonBuilder) version = json_builder_new ();
  g_autoptr(JsonBuilder) connection = json_builder_new ();
  g_autoptr(JsonBuilder) errors = json_builder_new ();
  g_autoptr(JsonNode) version_node = NULL;
  g_autoptr(JsonNode) connection_node = NULL;
  g_autoptr(JsonNode) errors_node = NULL;
  g_autoptr(JsonNode) staging_node = NULL;
  g_autoptr(JsonNode) audit_node = NULL;
  int rados_major = 0, rados_minor = 0, rados_extra = 0;
  g_autofree char *glib_version = NULL;
  g_autofree char *librados_version = NULL;

  rados_version (&rados_major, &rados_minor, &rados_extra);
  glib_version = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version,
                                  glib_micro_version);
  librados_version = g_strdup_printf ("%d.%d.%d", rados_major, rados_minor, rados_extra);
  json_builder_begin_object (version);
  json_builder_set_member_name (version, "kdcc");
  json_builder_add_string_value (version, PACKAGE_VERSION);
  json_builder_set_member_name (version, "glib");
  json_builder_add_string_value (version, glib_version);
  json_builder_set_member_name (version, "librados");
  json_builder_add_string_value (version, librados_version);
  json_builder_set_member_name (version, "archive");
  json_builder_add_string_value (version, archive_version_string ());
  json_builder_end_object (version);
  version_node = json_builder_get_root (version);
  g_ptr_array_add (run->tasks, kdcc_task_done (_("KDCC version"), "kdcc/version.json", version_node));

  /* How KDCC reaches the cluster, without anything secret: paths and
   * names only, never a key or a password. */
  json_builder_begin_object (connection);
  json_builder_set_member_name (connection, "kind");
  json_builder_add_string_value (connection, kdcc_source_get_kind (run->source));
  if (KDCC_IS_RADOS_SOURCE (run->source))
    {
      KdccRadosSource *rados = KDCC_RADOS_SOURCE (run->source);

      json_builder_set_member_name (connection, "conf_path");
      json_builder_add_string_value (connection, kdcc_rados_source_get_conf_path (rados));
      json_builder_set_member_name (connection, "keyring_path");
      json_builder_add_string_value (connection, kdcc_rados_source_get_keyring_path (rados));
      json_builder_set_member_name (connection, "client_id");
      json_builder_add_string_value (connection, kdcc_rados_source_get_client_id (rados));
    }
  else if (KDCC_IS_KUBE_SOURCE (run->source))
    {
      KdccKubeSource *kube = KDCC_KUBE_SOURCE (run->source);

      json_builder_set_member_name (connection, "kubeconfig");
      json_builder_add_string_value (connection, kdcc_kube_source_get_kubeconfig (kube));
      json_builder_set_member_name (connection, "context");
      json_builder_add_string_value (connection, kdcc_kube_source_get_context (kube));
    }
  json_builder_end_object (connection);
  connection_node = json_builder_get_root (connection);
  g_ptr_array_add (run->tasks, kdcc_task_done (_("KDCC connection"), "kdcc/connection.json",
                                               connection_node));

  json_builder_begin_array (errors);
  for (guint i = 0; run->refresh_errors != NULL && run->refresh_errors[i] != NULL; i++)
    json_builder_add_string_value (errors, run->refresh_errors[i]);
  json_builder_end_array (errors);
  errors_node = json_builder_get_root (errors);
  g_ptr_array_add (run->tasks, kdcc_task_done (_("KDCC refresh errors"), "kdcc/refresh-errors.json",
                                               errors_node));

  staging_node = kdcc_files_node (run->fsid, FALSE);
  g_ptr_array_add (run->tasks, kdcc_task_done (_("KDCC staging area"), "kdcc/staging.json",
                                               staging_node));
  audit_node = kdcc_files_node (run->fsid, TRUE);
  g_ptr_array_add (run->tasks, kdcc_task_done (_("KDCC audit log"), "kdcc/audit-log.json",
                                               audit_node));
}

void
_kdcc_diagnostics_add_item_tasks (DiagRun *run)
{
  gboolean dashboard = KDCC_IS_DASHBOARD_SOURCE (run->source);
  /* Through Kubernetes the Ceph side is the dashboard behind the API
   * server's service proxy: its items, not the mon's. */
  gboolean kube = KDCC_IS_KUBE_SOURCE (run->source);

  for (guint i = 0; i < G_N_ELEMENTS (ceph_items); i++)
    {
      const KdccDiagnosticsItem *item = &ceph_items[i];
      g_autofree char *json_file = g_strconcat (item->file, ".json", NULL);
      g_autofree char *json_command = command_with_format (item->command);
      DiagTask *task = _kdcc_diagnostics_task_new (item->name, json_file, item->target, json_command, item->flags, TRUE);

      if (dashboard || kube)
        {
          task->state = TASK_NOT_AVAILABLE;
          task->error = g_strdup (_("The Ceph Dashboard REST API does not offer this command"));
        }
      g_ptr_array_add (run->tasks, task);

      if ((item->flags & KDCC_DIAGNOSTICS_ITEM_TEXT) && !dashboard && !kube)
        {
          g_autofree char *text_file = g_strconcat (item->file, ".txt", NULL);
          g_autofree char *text_name = g_strdup_printf (_("%s (text)"), item->name);

          g_ptr_array_add (run->tasks, _kdcc_diagnostics_task_new (text_name, text_file, item->target, item->command,
                                                 item->flags & ~KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS,
                                                 FALSE));
        }
    }

  if (dashboard || kube)
    {
      for (guint i = 0; i < G_N_ELEMENTS (dashboard_items); i++)
        {
          const KdccDiagnosticsItem *item = &dashboard_items[i];
          g_autofree char *file = g_strconcat (item->file, ".json", NULL);

          g_ptr_array_add (run->tasks, _kdcc_diagnostics_task_new (item->name, file, item->target, item->command,
                                                 item->flags, TRUE));
        }
    }
}

