/* kdcc-alertmanager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-alertmanager"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-alertmanager.h"
#include "kdcc-error.h"
#include "kdcc-prometheus.h"
#include "kdcc-prometheus-private.h"

/* A list of alerts is small (a few KB per alert); a silence answer tiny. */
#define MAX_ALERTS_BODY (32 * 1000 * 1000)
#define MAX_SMALL_BODY  (64 * 1000)

struct _KdccAlertmanager
{
  GObject      parent_instance;

  char        *url;
  GMutex       mutex;
  SoupSession *session;
  /* kdcc_alertmanager_set_limits(); 0: the defaults. Under mutex. */
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

G_DEFINE_FINAL_TYPE (KdccAlertmanager, kdcc_alertmanager, G_TYPE_OBJECT)

static GBytes *
request (KdccAlertmanager  *self,
         const char        *method,
         const char        *path,
         const char        *json_body,
         guint64            max_body,
         GCancellable      *cancellable,
         GError           **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  GBytes *body;

  msg = _kdcc_prometheus_message_new ("Alertmanager", self->url, method, path, json_body, error);
  if (msg == NULL)
    return NULL;

  g_mutex_lock (&self->mutex);
  body = _kdcc_prometheus_http_send (self->session, msg, "Alertmanager", self->url,
                                     self->max_body ? self->max_body : max_body,
                                     self->deadline_ms ? self->deadline_ms
                                                       : KDCC_PROMETHEUS_DEADLINE_MS,
                                     cancellable, error);
  g_mutex_unlock (&self->mutex);
  return body;
}

GPtrArray *
kdcc_alertmanager_list_alerts_sync (KdccAlertmanager  *self,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(GBytes) body = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (KDCC_IS_ALERTMANAGER (self), NULL);

  body = request (self, "GET", "/api/v2/alerts?active=true&silenced=true&inhibited=true",
                  NULL, MAX_ALERTS_BODY, cancellable, error);
  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &length);
  return kdcc_prometheus_parse_alerts (text, length, error);
}

char *
kdcc_alertmanager_dup_version_sync (KdccAlertmanager  *self,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(GBytes) body = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (KDCC_IS_ALERTMANAGER (self), NULL);

  /* The status carries the cluster's peers and config too: small still. */
  body = request (self, "GET", "/api/v2/status", NULL, 1000 * 1000, cancellable, error);
  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &length);
  return kdcc_prometheus_parse_version (text, length, TRUE, error);
}

/* Alertmanager refuses a silence without a comment; say so before asking. */
static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ");
}

char *
kdcc_alertmanager_create_silence_sync (KdccAlertmanager  *self,
                                       GHashTable        *matchers,
                                       guint              duration_s,
                                       const char        *comment,
                                       const char        *created_by,
                                       GCancellable      *cancellable,
                                       GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GList) names = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (KDCC_IS_ALERTMANAGER (self), NULL);

  if (matchers == NULL || g_hash_table_size (matchers) == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A silence needs at least one label to match"));
      return NULL;
    }
  if (duration_s == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A silence needs a duration"));
      return NULL;
    }
  if (!has_text (comment))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A silence needs a comment saying why"));
      return NULL;
    }

  until = g_date_time_add_seconds (now, duration_s);
  starts = format_time (now);
  ends = format_time (until);

  /* Sorted, so the same alert always gives the same request. */
  names = g_list_sort (g_hash_table_get_keys (matchers), (GCompareFunc) g_strcmp0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "matchers");
  json_builder_begin_array (builder);
  for (GList *l = names; l != NULL; l = l->next)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, l->data);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, g_hash_table_lookup (matchers, l->data));
      json_builder_set_member_name (builder, "isRegex");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "isEqual");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "startsAt");
  json_builder_add_string_value (builder, starts);
  json_builder_set_member_name (builder, "endsAt");
  json_builder_add_string_value (builder, ends);
  json_builder_set_member_name (builder, "createdBy");
  json_builder_add_string_value (builder, created_by ? created_by : "KDCC");
  json_builder_set_member_name (builder, "comment");
  json_builder_add_string_value (builder, comment);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  body = request (self, "POST", "/api/v2/silences", json, MAX_SMALL_BODY, cancellable, error);
  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &length);
  return kdcc_prometheus_parse_silence_id (text, length, error);
}

gboolean
kdcc_alertmanager_delete_silence_sync (KdccAlertmanager  *self,
                                       const char        *silence_id,
                                       GCancellable      *cancellable,
                                       GError           **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_val_if_fail (KDCC_IS_ALERTMANAGER (self), FALSE);

  if (silence_id == NULL || silence_id[0] == '\0')
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("No silence given"));
      return FALSE;
    }
  escaped = g_uri_escape_string (silence_id, NULL, FALSE);
  path = g_strconcat ("/api/v2/silence/", escaped, NULL);
  body = request (self, "DELETE", path, NULL, MAX_SMALL_BODY, cancellable, error);
  return body != NULL;
}

/* Async wrappers */

typedef struct
{
  GHashTable *matchers;
  guint       duration_s;
  char       *comment;
  char       *created_by;
  char       *silence_id;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->matchers, g_hash_table_unref);
  g_free (data->comment);
  g_free (data->created_by);
  g_free (data->silence_id);
  g_free (data);
}

static void
list_alerts_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *alerts = kdcc_alertmanager_list_alerts_sync (source_object, cancellable, &error);

  if (alerts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, alerts, (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_alertmanager_list_alerts_async (KdccAlertmanager    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kdcc_alertmanager_list_alerts_async);
  g_task_run_in_thread (task, list_alerts_thread);
}

GPtrArray *
kdcc_alertmanager_list_alerts_finish (KdccAlertmanager  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
create_silence_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  char *id = kdcc_alertmanager_create_silence_sync (source_object, data->matchers,
                                                    data->duration_s, data->comment,
                                                    data->created_by, cancellable, &error);

  if (id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, id, g_free);
}

void
kdcc_alertmanager_create_silence_async (KdccAlertmanager    *self,
                                        GHashTable          *matchers,
                                        guint                duration_s,
                                        const char          *comment,
                                        const char          *created_by,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  if (matchers != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* A copy: the caller's table may change while the thread runs. */
      data->matchers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, matchers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (data->matchers, g_strdup (key), g_strdup (value));
    }
  data->duration_s = duration_s;
  data->comment = g_strdup (comment);
  data->created_by = g_strdup (created_by);

  g_task_set_source_tag (task, kdcc_alertmanager_create_silence_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, create_silence_thread);
}

char *
kdcc_alertmanager_create_silence_finish (KdccAlertmanager  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_silence_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (kdcc_alertmanager_delete_silence_sync (source_object, data->silence_id, cancellable,
                                             &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kdcc_alertmanager_delete_silence_async (KdccAlertmanager    *self,
                                        const char          *silence_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->silence_id = g_strdup (silence_id);
  g_task_set_source_tag (task, kdcc_alertmanager_delete_silence_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, delete_silence_thread);
}

gboolean
kdcc_alertmanager_delete_silence_finish (KdccAlertmanager  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object */

KdccAlertmanager *
kdcc_alertmanager_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (KDCC_TYPE_ALERTMANAGER, "url", url, NULL);
}

void
kdcc_alertmanager_set_limits (KdccAlertmanager *self,
                              guint64           max_body,
                              guint             deadline_ms)
{
  g_return_if_fail (KDCC_IS_ALERTMANAGER (self));

  g_mutex_lock (&self->mutex);
  self->max_body = max_body;
  self->deadline_ms = deadline_ms;
  g_mutex_unlock (&self->mutex);
}

const char *
kdcc_alertmanager_get_url (KdccAlertmanager *self)
{
  g_return_val_if_fail (KDCC_IS_ALERTMANAGER (self), NULL);
  return self->url;
}

static void
kdcc_alertmanager_finalize (GObject *object)
{
  KdccAlertmanager *self = KDCC_ALERTMANAGER (object);

  g_clear_object (&self->session);
  g_free (self->url);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_alertmanager_parent_class)->finalize (object);
}

static void
kdcc_alertmanager_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccAlertmanager *self = KDCC_ALERTMANAGER (object);

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
kdcc_alertmanager_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdccAlertmanager *self = KDCC_ALERTMANAGER (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_free (self->url);
      self->url = g_strdup (g_value_get_string (value));
      while (self->url != NULL && g_str_has_suffix (self->url, "/"))
        self->url[strlen (self->url) - 1] = '\0';
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_alertmanager_class_init (KdccAlertmanagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_alertmanager_finalize;
  object_class->get_property = kdcc_alertmanager_get_property;
  object_class->set_property = kdcc_alertmanager_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_alertmanager_init (KdccAlertmanager *self)
{
  g_mutex_init (&self->mutex);
  self->session = kdcc_http_session_new ();
}
