/* kdcc-exporters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-exporters"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-exporters.h"
#include "kdcc-kube-source.h"
#include "kdcc-json.h"

typedef struct
{
  KdccSource       *source;
  KdccPrometheus   *prometheus;     /* nullable */
  KdccAlertmanager *alertmanager;   /* nullable */
} GatherData;

static void
gather_data_free (GatherData *data)
{
  g_clear_object (&data->source);
  g_clear_object (&data->prometheus);
  g_clear_object (&data->alertmanager);
  g_free (data);
}

void
kdcc_exporters_free (KdccExporters *exporters)
{
  if (exporters == NULL)
    return;
  g_free (exporters->exporter_url);
  g_free (exporters->exporter_problem);
  g_free (exporters->prometheus_url);
  g_free (exporters->prometheus_version);
  g_free (exporters->prometheus_problem);
  g_free (exporters->alertmanager_url);
  g_free (exporters->alertmanager_version);
  g_free (exporters->alertmanager_problem);
  g_free (exporters->operator_version);
  g_free (exporters->operator_namespace);
  g_free (exporters->operator_problem);
  g_free (exporters);
}

/* `mgr services`: {"dashboard": "https://…/", "prometheus": "http://…:9283/"} */
static void
read_exporter (KdccExporters *out,
               KdccSource    *source,
               GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *text;
  gsize length;

  if (!(kdcc_source_get_capabilities (source) & KDCC_CAPABILITY_MON_COMMANDS))
    {
      out->exporter_problem = g_strdup (_("This connection cannot read the manager’s services"));
      return;
    }
  bytes = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"mgr services\","
                                        "\"format\":\"json\"}", NULL, cancellable, &error);
  if (bytes == NULL)
    {
      out->exporter_problem = g_strdup (error->message);
      return;
    }
  text = g_bytes_get_data (bytes, &length);
  root = kdcc_json_parser_load (parser, "exporters", text, (gssize) length, NULL)
         ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      out->exporter_problem = g_strdup (_("The manager answered its services with unreadable text"));
      return;
    }
  if (json_object_has_member (json_node_get_object (root), "prometheus") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (json_node_get_object (root), "prometheus")))
    out->exporter_url = g_strdup (json_object_get_string_member (json_node_get_object (root),
                                                                 "prometheus"));
  else
    out->exporter_problem = g_strdup (_("The manager lists no Prometheus exporter"));
}

static void
gather_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GatherData *data = task_data;
  g_autoptr(KdccExporters) out = g_new0 (KdccExporters, 1);
  g_autoptr(GError) error = NULL;

  read_exporter (out, data->source, cancellable);

  if (data->prometheus != NULL)
    {
      out->prometheus_url = g_strdup (kdcc_prometheus_get_url (data->prometheus));
      out->prometheus_version = kdcc_prometheus_dup_version (data->prometheus, cancellable,
                                                             &error);
      if (out->prometheus_version == NULL)
        out->prometheus_problem = g_strdup (error->message);
      g_clear_error (&error);
    }
  if (data->alertmanager != NULL)
    {
      out->alertmanager_url = g_strdup (kdcc_alertmanager_get_url (data->alertmanager));
      out->alertmanager_version = kdcc_alertmanager_dup_version_sync (data->alertmanager,
                                                                      cancellable, &error);
      if (out->alertmanager_version == NULL)
        out->alertmanager_problem = g_strdup (error->message);
      g_clear_error (&error);
    }

  if (KDCC_IS_KUBE_SOURCE (data->source))
    {
      out->kubernetes = TRUE;
      out->operator_known = kdcc_kube_source_dup_operator (KDCC_KUBE_SOURCE (data->source),
                                                           &out->operator_version,
                                                           &out->operator_namespace,
                                                           &out->operator_problem);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) kdcc_exporters_free);
}

void
kdcc_exporters_gather_async (KdccSource          *source,
                             KdccPrometheus      *prometheus,
                             KdccAlertmanager    *alertmanager,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GatherData *data = g_new0 (GatherData, 1);

  g_return_if_fail (KDCC_IS_SOURCE (source));

  data->source = g_object_ref (source);
  data->prometheus = prometheus != NULL ? g_object_ref (prometheus) : NULL;
  data->alertmanager = alertmanager != NULL ? g_object_ref (alertmanager) : NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_exporters_gather_async);
  g_task_set_task_data (task, data, (GDestroyNotify) gather_data_free);
  g_task_run_in_thread (task, gather_thread);
}

KdccExporters *
kdcc_exporters_gather_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
