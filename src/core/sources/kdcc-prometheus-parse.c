/* kdcc-prometheus-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-prometheus-parse"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-prometheus-parse.h"

/* Timestamps Prometheus can mean: after 1970 and before the year 5138
 * (1e11 s), so the conversion to milliseconds cannot overflow. */
#define MAX_TIMESTAMP 1e11

void
kdcc_prometheus_series_free (KdccPrometheusSeries *series)
{
  if (series == NULL)
    return;
  g_clear_pointer (&series->labels, g_hash_table_unref);
  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

void
kdcc_alert_free (KdccAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->fingerprint);
  g_free (alert->name);
  g_free (alert->severity);
  g_free (alert->summary);
  g_free (alert->state);
  g_clear_pointer (&alert->silenced_by, g_ptr_array_unref);
  g_clear_pointer (&alert->labels, g_hash_table_unref);
  g_free (alert);
}

/* A label set: an object of strings. */
static GHashTable *
read_labels (KdccJson   *json,
             JsonObject *object,
             const char *path)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) members = NULL;

  if (object == NULL)
    return g_steal_pointer (&labels);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = NULL;

      if (!kdcc_json_get_string (json, object, path, l->data, TRUE, &value))
        return NULL;
      g_hash_table_replace (labels, g_strdup (l->data), g_strdup (value));
    }
  return g_steal_pointer (&labels);
}

/* Checks "status" and returns "data" of a Prometheus API answer. */
static JsonObject *
read_data (KdccJson   *json,
           JsonObject *root)
{
  const char *status = NULL;
  JsonObject *data = NULL;

  if (!kdcc_json_get_string (json, root, NULL, "status", TRUE, &status))
    return NULL;
  if (!g_str_equal (status, "success"))
    {
      const char *type = kdcc_json_find_string (root, "errorType");
      const char *message = kdcc_json_find_string (root, "error");

      g_set_error (json->error, KDCC_ERROR, KDCC_ERROR_HTTP, _("%s: %s (%s)"), json->source,
                   message ? message : _("the query failed"), type ? type : status);
      return NULL;
    }
  if (!kdcc_json_get_object (json, root, NULL, "data", TRUE, &data))
    return NULL;
  return data;
}

static gboolean
read_point (KdccJson            *json,
            JsonNode            *node,
            const char          *path,
            KdccPrometheusPoint *point)
{
  JsonArray *pair = kdcc_json_as_array (node);
  const char *text = NULL;
  char *end = NULL;
  double seconds;

  if (pair == NULL || json_array_get_length (pair) != 2)
    {
      g_set_error (json->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: “%s” is not a [time, value] pair"), json->source, path);
      return FALSE;
    }
  if (!kdcc_json_node_get_double (json, json_array_get_element (pair, 0), path, "0", &seconds) ||
      !kdcc_json_node_get_string (json, json_array_get_element (pair, 1), path, "1", &text))
    return FALSE;
  if (!(seconds >= 0 && seconds < MAX_TIMESTAMP))
    return kdcc_json_error (json, path, "0", KDCC_JSON_OUT_OF_RANGE);

  point->time = (gint64) llround (seconds * 1000.0);
  point->value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      g_set_error (json->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: “%s” is not a sample value"), json->source, path);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
kdcc_prometheus_parse_matrix (const char  *text,
                              gsize        length,
                              GError     **error)
{
  KdccJson json = { "query_range", KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) result = NULL;
  JsonObject *data;
  JsonArray *series;
  const char *type = NULL;

  root = kdcc_json_load_root (json.source, text, length, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  data = read_data (&json, json_node_get_object (root));
  if (data == NULL)
    return NULL;
  if (!kdcc_json_get_string (&json, data, "data", "resultType", TRUE, &type))
    return NULL;
  if (!g_str_equal (type, "matrix"))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: the answer is a %s, not a matrix"), json.source, type);
      return NULL;
    }
  if (!kdcc_json_get_array (&json, data, "data", "result", TRUE, &series))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_prometheus_series_free);
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      g_autoptr(KdccPrometheusSeries) one = g_new0 (KdccPrometheusSeries, 1);
      char path[KDCC_JSON_PATH_SIZE];
      char point_path[KDCC_JSON_PATH_SIZE];
      char labels_path[KDCC_JSON_PATH_SIZE];
      JsonObject *object, *metric = NULL;
      JsonArray *values;
      gint64 previous = G_MININT64;

      one->points = g_array_new (FALSE, FALSE, sizeof (KdccPrometheusPoint));
      if (!kdcc_json_element_object (&json, series, i, "data.result", path, &object))
        return NULL;
      if (!kdcc_json_get_object (&json, object, path, "metric", FALSE, &metric))
        return NULL;
      kdcc_json_path (labels_path, path, "metric");
      one->labels = read_labels (&json, metric, labels_path);
      if (one->labels == NULL)
        return NULL;
      if (!kdcc_json_get_array (&json, object, path, "values", TRUE, &values))
        return NULL;

      g_array_set_size (one->points, json_array_get_length (values));
      for (guint j = 0; j < json_array_get_length (values); j++)
        {
          KdccPrometheusPoint *p = &g_array_index (one->points, KdccPrometheusPoint, j);

          g_snprintf (point_path, sizeof point_path, "%s.values[%u]", path, j);
          if (!read_point (&json, json_array_get_element (values, j), point_path, p))
            return NULL;
          /* Charts and the forecast rely on time order. */
          if (p->time <= previous)
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                           _("%s: “%s” is not later than the sample before it"),
                           json.source, point_path);
              return NULL;
            }
          previous = p->time;
        }
      g_ptr_array_add (result, g_steal_pointer (&one));
    }
  return g_steal_pointer (&result);
}

char *
kdcc_prometheus_parse_error_message (const char *text,
                                     gsize       length)
{
  g_autoptr(JsonNode) root = kdcc_json_load ("error", text, length, NULL);
  const char *message;

  /* Prometheus says "error"; Alertmanager's API v2 says "message". */
  message = kdcc_json_find_string (kdcc_json_as_object (root), "error");
  if (message == NULL)
    message = kdcc_json_find_string (kdcc_json_as_object (root), "message");
  if (message == NULL || !g_utf8_validate (message, -1, NULL))
    return NULL;
  return g_strdup (message);
}

char **
kdcc_prometheus_parse_alertmanagers (const char  *text,
                                     gsize        length,
                                     GError     **error)
{
  KdccJson json = { "alertmanagers", KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  JsonObject *data;
  JsonArray *active;

  root = kdcc_json_load_root (json.source, text, length, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  data = read_data (&json, json_node_get_object (root));
  if (data == NULL)
    return NULL;
  if (!kdcc_json_get_array (&json, data, "data", "activeAlertmanagers", TRUE, &active))
    return NULL;

  for (guint i = 0; i < json_array_get_length (active); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *object;
      const char *url = NULL;
      const char *api;

      if (!kdcc_json_element_object (&json, active, i, "data.activeAlertmanagers", path, &object) ||
          !kdcc_json_get_string (&json, object, path, "url", TRUE, &url))
        return NULL;
      /* Prometheus lists the endpoint it posts to; KDCC wants the base. */
      api = strstr (url, "/api/v");
      {
        g_autofree char *base = api ? g_strndup (url, api - url) : g_strdup (url);

        g_strv_builder_add (urls, base);
      }
    }
  return g_strv_builder_end (urls);
}

char *
kdcc_prometheus_parse_version (const char  *text,
                               gsize        length,
                               gboolean     alertmanager,
                               GError     **error)
{
  KdccJson json = { alertmanager ? "status" : "buildinfo", KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *version = NULL;

  root = kdcc_json_load_root (json.source, text, length, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  if (alertmanager)
    {
      if (!kdcc_json_get_object (&json, json_node_get_object (root), NULL, "versionInfo", TRUE,
                                 &object) ||
          !kdcc_json_get_string (&json, object, "versionInfo", "version", TRUE, &version))
        return NULL;
    }
  else
    {
      object = read_data (&json, json_node_get_object (root));
      if (object == NULL ||
          !kdcc_json_get_string (&json, object, "data", "version", TRUE, &version))
        return NULL;
    }
  return g_strdup (version);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt ? g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000 : 0;
}

static KdccAlert *
read_alert (KdccJson   *json,
            JsonObject *object,
            const char *path)
{
  g_autoptr(KdccAlert) alert = g_new0 (KdccAlert, 1);
  char sub[KDCC_JSON_PATH_SIZE];
  JsonObject *labels = NULL, *annotations = NULL, *status = NULL;
  JsonArray *silenced = NULL;
  const char *s = NULL;

  alert->silenced_by = g_ptr_array_new_with_free_func (g_free);

  if (!kdcc_json_get_string (json, object, path, "fingerprint", TRUE, &s))
    return NULL;
  alert->fingerprint = g_strdup (s);

  if (!kdcc_json_get_object (json, object, path, "labels", TRUE, &labels))
    return NULL;
  kdcc_json_path (sub, path, "labels");
  alert->labels = read_labels (json, labels, sub);
  if (alert->labels == NULL)
    return NULL;
  alert->name = g_strdup (g_hash_table_lookup (alert->labels, "alertname"));
  alert->severity = g_strdup (g_hash_table_lookup (alert->labels, "severity"));

  if (!kdcc_json_get_object (json, object, path, "annotations", FALSE, &annotations))
    return NULL;
  s = kdcc_json_find_string (annotations, "summary");
  if (s == NULL)
    s = kdcc_json_find_string (annotations, "description");
  alert->summary = g_strdup (s);

  if (!kdcc_json_get_object (json, object, path, "status", TRUE, &status))
    return NULL;
  kdcc_json_path (sub, path, "status");
  s = NULL;
  if (!kdcc_json_get_string (json, status, sub, "state", TRUE, &s))
    return NULL;
  alert->state = g_strdup (s);
  if (!kdcc_json_get_array (json, status, sub, "silencedBy", FALSE, &silenced))
    return NULL;
  for (guint i = 0; silenced != NULL && i < json_array_get_length (silenced); i++)
    {
      char id_path[KDCC_JSON_PATH_SIZE];
      const char *id = NULL;

      g_snprintf (id_path, sizeof id_path, "%s.silencedBy[%u]", sub, i);
      if (!kdcc_json_node_get_string (json, json_array_get_element (silenced, i), id_path, NULL, &id))
        return NULL;
      g_ptr_array_add (alert->silenced_by, g_strdup (id));
    }

  alert->starts_at = parse_time (kdcc_json_find_string (object, "startsAt"));
  return g_steal_pointer (&alert);
}

GPtrArray *
kdcc_prometheus_parse_alerts (const char  *text,
                              gsize        length,
                              GError     **error)
{
  KdccJson json = { "alerts", KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_alert_free);
  JsonArray *array;

  root = kdcc_json_load_root (json.source, text, length, JSON_NODE_ARRAY, error);
  if (root == NULL)
    return NULL;
  array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *object;
      KdccAlert *alert;

      if (!kdcc_json_element_object (&json, array, i, "", path, &object))
        return NULL;
      alert = read_alert (&json, object, path);
      if (alert == NULL)
        return NULL;
      g_ptr_array_add (alerts, alert);
    }
  return g_steal_pointer (&alerts);
}

char *
kdcc_prometheus_parse_silence_id (const char  *text,
                                  gsize        length,
                                  GError     **error)
{
  KdccJson json = { "silences", KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  const char *id = NULL;

  root = kdcc_json_load_root (json.source, text, length, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  if (!kdcc_json_get_string (&json, json_node_get_object (root), NULL, "silenceID", TRUE, &id))
    return NULL;
  return g_strdup (id);
}
