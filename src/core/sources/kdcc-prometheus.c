/* kdcc-prometheus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-prometheus"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-prometheus.h"
#include "kdcc-prometheus-private.h"

/* Small answers (the list of Alertmanagers, a setting) get a small limit. */
#define SMALL_BODY (1000 * 1000)

struct _KdccPrometheus
{
  GObject      parent_instance;

  char        *url;
  /* One request at a time on the session: a SoupSession is not meant to be
   * driven from several threads at once. */
  GMutex       mutex;
  SoupSession *session;
  /* kdcc_prometheus_set_limits(); 0: the defaults. Under mutex. */
  guint64      max_body;
  guint        deadline_ms;
};

enum
{
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (KdccPrometheus, kdcc_prometheus, G_TYPE_OBJECT)

/* The text of an error answer, for the message: Prometheus' "error"
 * member, or a short plain body (Alertmanager answers 400 with a sentence). */
static char *
describe_error_body (GBytes *body)
{
  gsize length = 0;
  const char *text = body ? g_bytes_get_data (body, &length) : NULL;
  char *message;

  if (text == NULL || length == 0)
    return NULL;
  message = kdcc_prometheus_parse_error_message (text, length);
  if (message != NULL)
    return message;
  if (length > 300 || !g_utf8_validate (text, length, NULL) || memchr (text, '\0', length))
    return NULL;
  message = g_strstrip (g_strndup (text, length));
  /* A JSON string ("silence not found") reads better without its quotes. */
  if (message[0] == '"' && strlen (message) > 1 && message[strlen (message) - 1] == '"')
    {
      char *inner = g_strndup (message + 1, strlen (message) - 2);

      g_free (message);
      message = inner;
    }
  return message;
}

GBytes *
_kdcc_prometheus_http_send (SoupSession   *session,
                            SoupMessage   *msg,
                            const char    *what,
                            const char    *url,
                            guint64        max_body,
                            guint          deadline_ms,
                            GCancellable  *cancellable,
                            GError       **error)
{
  KdccHttpLimits limits = { 0, };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *detail = NULL;
  guint status;

  limits.max_body_bytes = max_body;
  limits.max_decoded_bytes = max_body;
  limits.deadline_ms = deadline_ms;
  limits.max_redirects = 3;
  /* A captive portal's or a proxy's HTML page is not an answer to parse. */
  if (g_str_equal (soup_message_get_method (msg), "GET"))
    limits.content_type = "application/json";

  body = kdcc_http_send (session, msg, &limits, cancellable, &local_error);
  if (body == NULL)
    {
      if (local_error->domain == KDCC_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                     _("%s at %s did not answer in time"), what, url);
      else if (local_error->domain == G_TLS_ERROR)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                     _("Secure connection to %s at %s failed: %s"), what, url,
                     local_error->message);
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                     _("Cannot connect to %s at %s: %s"), what, url, local_error->message);
      return NULL;
    }

  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_steal_pointer (&body);

  detail = describe_error_body (body);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                 _("%s at %s refused access (HTTP %u)"), what, url, status);
  else if (detail != NULL)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                 _("%s at %s answered HTTP %u: %s"), what, url, status, detail);
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                 _("%s at %s answered HTTP %u"), what, url, status);
  return NULL;
}

SoupMessage *
_kdcc_prometheus_message_new (const char  *what,
                              const char  *base_url,
                              const char  *method,
                              const char  *path_and_query,
                              const char  *json_body,
                              GError     **error)
{
  g_autofree char *url = g_strconcat (base_url, path_and_query, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  if (msg == NULL)
    {
      /* TRANSLATORS: the second %s is "Prometheus" or "Alertmanager". */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid %s address"), base_url, what);
      return NULL;
    }
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json");
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

char *
kdcc_prometheus_format_time (gint64 time)
{
  gint64 seconds = time / 1000;
  int ms = (int) (time % 1000);

  if (ms < 0)
    {
      seconds -= 1;
      ms += 1000;
    }
  if (ms == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%03d", seconds, ms);
}

static GBytes *
get (KdccPrometheus  *self,
     const char      *path_and_query,
     guint64          max_body,
     GCancellable    *cancellable,
     GError         **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  GBytes *body;

  msg = _kdcc_prometheus_message_new ("Prometheus", self->url, "GET", path_and_query, NULL,
                                      error);
  if (msg == NULL)
    return NULL;

  g_mutex_lock (&self->mutex);
  body = _kdcc_prometheus_http_send (self->session, msg, "Prometheus", self->url,
                                     self->max_body ? self->max_body : max_body,
                                     self->deadline_ms ? self->deadline_ms
                                                       : KDCC_PROMETHEUS_DEADLINE_MS,
                                     cancellable, error);
  g_mutex_unlock (&self->mutex);
  return body;
}

GPtrArray *
kdcc_prometheus_query_range (KdccPrometheus  *self,
                             const char      *promql,
                             gint64           start,
                             gint64           end,
                             gint64           step,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autofree char *query = NULL;
  g_autofree char *s_start = kdcc_prometheus_format_time (start);
  g_autofree char *s_end = kdcc_prometheus_format_time (end);
  g_autofree char *s_step = kdcc_prometheus_format_time (step);
  g_autofree char *escaped = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;
  const char *text;

  g_return_val_if_fail (KDCC_IS_PROMETHEUS (self), NULL);
  g_return_val_if_fail (promql != NULL, NULL);

  if (step <= 0 || end < start)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A history range needs an end after its start and a positive step"));
      return NULL;
    }

  escaped = g_uri_escape_string (promql, NULL, FALSE);
  query = g_strdup_printf ("/api/v1/query_range?query=%s&start=%s&end=%s&step=%s",
                           escaped, s_start, s_end, s_step);
  body = get (self, query, KDCC_PROMETHEUS_MAX_BODY, cancellable, error);
  if (body == NULL)
    return NULL;

  text = g_bytes_get_data (body, &length);
  return kdcc_prometheus_parse_matrix (text, length, error);
}

char **
kdcc_prometheus_dup_alertmanagers (KdccPrometheus  *self,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_autoptr(GBytes) body = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (KDCC_IS_PROMETHEUS (self), NULL);

  body = get (self, "/api/v1/alertmanagers", SMALL_BODY, cancellable, error);
  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &length);
  return kdcc_prometheus_parse_alertmanagers (text, length, error);
}

char *
kdcc_prometheus_dup_version (KdccPrometheus  *self,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GBytes) body = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (KDCC_IS_PROMETHEUS (self), NULL);

  body = get (self, "/api/v1/status/buildinfo", SMALL_BODY, cancellable, error);
  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &length);
  return kdcc_prometheus_parse_version (text, length, FALSE, error);
}

char *
kdcc_prometheus_discover_url (KdccSource             *source,
                              KdccPrometheusSetting   setting,
                              GCancellable           *cancellable,
                              GError                **error)
{
  gboolean prometheus = setting == KDCC_PROMETHEUS_SETTING_PROMETHEUS;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *value = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  if (KDCC_IS_DASHBOARD_SOURCE (source))
    {
      KdccJson json = { NULL, KDCC_JSON_STRICT, error };
      g_autoptr(JsonNode) root = NULL;
      const char *setting_value = NULL;

      json.source = prometheus ? "/api/settings/prometheus-api-host"
                               : "/api/settings/alertmanager-api-host";
      out = kdcc_dashboard_source_get_sync (KDCC_DASHBOARD_SOURCE (source), json.source,
                                            cancellable, error);
      if (out == NULL)
        return NULL;
      text = g_bytes_get_data (out, &length);
      root = kdcc_json_load_root (json.source, text, length, JSON_NODE_OBJECT, error);
      if (root == NULL ||
          !kdcc_json_get_string (&json, json_node_get_object (root), NULL, "value", FALSE,
                                 &setting_value))
        return NULL;
      value = g_strdup (setting_value);
    }
  else
    {
      const char *command = prometheus
        ? "{\"prefix\":\"dashboard get-prometheus-api-host\"}"
        : "{\"prefix\":\"dashboard get-alertmanager-api-host\"}";

      out = kdcc_source_run_command_sync (source, "mgr", command, NULL, cancellable, error);
      if (out == NULL)
        return NULL;
      text = g_bytes_get_data (out, &length);
      if (!g_utf8_validate (text, length, NULL) || memchr (text, '\0', length) != NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("The mgr answered the Prometheus address with unreadable text"));
          return NULL;
        }
      value = g_strndup (text, length);
    }

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  /* The setting may carry a trailing slash; KDCC appends paths itself. */
  while (g_str_has_suffix (value, "/"))
    value[strlen (value) - 1] = '\0';
  if (value[0] == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

KdccPrometheus *
kdcc_prometheus_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (KDCC_TYPE_PROMETHEUS, "url", url, NULL);
}

void
kdcc_prometheus_set_limits (KdccPrometheus *self,
                            guint64         max_body,
                            guint           deadline_ms)
{
  g_return_if_fail (KDCC_IS_PROMETHEUS (self));

  g_mutex_lock (&self->mutex);
  self->max_body = max_body;
  self->deadline_ms = deadline_ms;
  g_mutex_unlock (&self->mutex);
}

const char *
kdcc_prometheus_get_url (KdccPrometheus *self)
{
  g_return_val_if_fail (KDCC_IS_PROMETHEUS (self), NULL);

  return self->url;
}

static void
kdcc_prometheus_finalize (GObject *object)
{
  KdccPrometheus *self = KDCC_PROMETHEUS (object);

  g_clear_object (&self->session);
  g_free (self->url);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_prometheus_parent_class)->finalize (object);
}

static void
kdcc_prometheus_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdccPrometheus *self = KDCC_PROMETHEUS (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_prometheus_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdccPrometheus *self = KDCC_PROMETHEUS (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_free (self->url);
      self->url = g_strdup (g_value_get_string (value));
      /* Paths are appended to it. */
      while (self->url != NULL && g_str_has_suffix (self->url, "/"))
        self->url[strlen (self->url) - 1] = '\0';
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_prometheus_class_init (KdccPrometheusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_prometheus_finalize;
  object_class->get_property = kdcc_prometheus_get_property;
  object_class->set_property = kdcc_prometheus_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_prometheus_init (KdccPrometheus *self)
{
  g_mutex_init (&self->mutex);
  self->session = kdcc_http_session_new ();
}
