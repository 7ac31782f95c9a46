/* kdcc-session-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-session-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-prometheus-history.h"
#include "kdcc-session-history.h"

struct _KdccSessionHistory
{
  GObject             parent_instance;

  /* Borrowed: the session owns this object. NULL once the session has
   * gone (session_gone()) while an answer still held a reference to us. */
  KdccSession        *session;

  /* Owned references */
  GCancellable       *cancellable;
  KdccFlightRecorder *recorder;
  KdccHistory        *history;
  KdccAlertmanager   *alertmanager;
  char               *description;
  char               *problem;
  GSettings          *settings;
  KdccPrometheus     *prometheus;       /* the one in use, or NULL */
  guint               retry_id;

  guint               max_days;
  guint               max_mb;
  gboolean            resolved;
  gboolean            prometheus_done;   /* discovery finished, with or without one */
};

G_DEFINE_FINAL_TYPE (KdccSessionHistory, kdcc_session_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ALERTMANAGER,
  PROP_RESOLVED,
  PROP_DESCRIPTION,
  PROP_PROBLEM,
  PROP_MAX_DAYS,
  PROP_MAX_MB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DATA_KEY "kdcc-session-history"

static void
set_history (KdccSessionHistory *self,
             KdccHistory        *history)
{
  if (self->history == history)
    return;
  g_set_object (&self->history, history);
  g_clear_pointer (&self->description, g_free);
  if (history != NULL)
    self->description = kdcc_history_dup_description (history);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
set_resolved (KdccSessionHistory *self)
{
  if (self->resolved)
    return;
  self->resolved = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
}

/* The flight recorder ------------------------------------------------------ */

static void
open_recorder (KdccSessionHistory *self)
{
  KdccCluster *cluster;
  const char *fsid;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  cluster = kdcc_session_get_cluster (self->session);
  fsid = kdcc_cluster_get_fsid (cluster);
  if (self->recorder != NULL || fsid == NULL || fsid[0] == '\0')
    return;

  self->recorder = kdcc_flight_recorder_new (fsid, NULL, &error);
  if (self->recorder == NULL)
    {
      g_free (self->problem);
      /* Translators: the history store could not be opened; the reason follows */
      self->problem = g_strdup_printf (_("No history is kept: %s"), error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
      return;
    }

  kdcc_flight_recorder_set_max_days (self->recorder, self->max_days);
  kdcc_flight_recorder_set_max_mb (self->recorder, self->max_mb);
  kdcc_flight_recorder_watch_monitor (self->recorder, kdcc_session_get_monitor (self->session));
  if (kdcc_flight_recorder_get_problem (self->recorder) != NULL)
    {
      g_free (self->problem);
      self->problem = g_strdup (kdcc_flight_recorder_get_problem (self->recorder));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }

  /* Without a Prometheus the recorder is the history. */
  if (self->prometheus_done && self->history == NULL)
    set_history (self, KDCC_HISTORY (self->recorder));
}

static void
fsid_changed_cb (KdccCluster        *cluster,
                 GParamSpec         *pspec,
                 KdccSessionHistory *self)
{
  open_recorder (self);
  if (self->prometheus_done && (self->history != NULL || self->problem != NULL))
    set_resolved (self);
}

/* Discovery ---------------------------------------------------------------- */

typedef struct
{
  KdccPrometheus *prometheus;   /* nullable */
  KdccSource     *source;
} AlertmanagerData;

static void
alertmanager_data_free (AlertmanagerData *data)
{
  g_clear_object (&data->prometheus);
  g_clear_object (&data->source);
  g_free (data);
}

static void
alertmanager_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AlertmanagerData *data = task_data;
  g_autofree char *url = NULL;

  if (data->prometheus != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) managers = kdcc_prometheus_dup_alertmanagers (data->prometheus, cancellable,
                                                                  &error);

      if (managers != NULL && managers[0] != NULL)
        url = g_strdup (managers[0]);
      else if (error != NULL)
        g_debug ("Alertmanagers of %s: %s", kdcc_prometheus_get_url (data->prometheus),
                 error->message);
    }
  if (url == NULL && data->source != NULL)
    {
      g_autoptr(GError) error = NULL;

      url = kdcc_prometheus_discover_url (data->source, KDCC_PROMETHEUS_SETTING_ALERTMANAGER,
                                          cancellable, &error);
      if (error != NULL)
        g_debug ("ALERTMANAGER_API_HOST: %s", error->message);
    }

  g_task_return_pointer (task, g_steal_pointer (&url), g_free);
}

static void find_alertmanager (KdccSessionHistory *self);

/* An Alertmanager may be configured later than KDCC connects (or
 * Prometheus has not discovered it yet after a reload): ask again while
 * there is none. */
#define ALERTMANAGER_RETRY_SECONDS 20

static gboolean
retry_alertmanager_cb (gpointer user_data)
{
  KdccSessionHistory *self = user_data;

  self->retry_id = 0;
  find_alertmanager (self);
  return G_SOURCE_REMOVE;
}

static void
alertmanager_found_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KdccSessionHistory) self = user_data;
  g_autofree char *url = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (url != NULL)
    {
      self->alertmanager = kdcc_alertmanager_new (url);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALERTMANAGER]);
    }
  else if (self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (ALERTMANAGER_RETRY_SECONDS, retry_alertmanager_cb,
                                            self);
}

static void
find_alertmanager (KdccSessionHistory *self)
{
  KdccPrometheus *prometheus = self->prometheus;
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, alertmanager_found_cb,
                                      g_object_ref (self));
  AlertmanagerData *data = g_new0 (AlertmanagerData, 1);

  if (prometheus != NULL)
    data->prometheus = g_object_ref (prometheus);
  data->source = g_object_ref (kdcc_session_get_source (self->session));
  g_task_set_source_tag (task, find_alertmanager);
  g_task_set_task_data (task, data, (GDestroyNotify) alertmanager_data_free);
  g_task_run_in_thread (task, alertmanager_thread);
}

static void
prometheus_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KdccSessionHistory) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccPrometheusHistory) prometheus = NULL;

  prometheus = kdcc_prometheus_history_discover_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  /* An unreachable Dashboard setting is not a reason to show no history:
   * the flight recorder answers then. */
  if (error != NULL)
    g_debug ("Prometheus discovery: %s", error->message);

  self->prometheus_done = TRUE;
  if (prometheus != NULL)
    set_history (self, KDCC_HISTORY (prometheus));
  else if (self->recorder != NULL)
    set_history (self, KDCC_HISTORY (self->recorder));

  if (prometheus != NULL)
    self->prometheus = g_object_ref (kdcc_prometheus_history_get_prometheus (prometheus));
  find_alertmanager (self);
  if (self->history != NULL || self->problem != NULL)
    set_resolved (self);
}

/* The bounds the user set in the preferences (history-max-days,
 * history-max-mb), followed while the session lives. Without the schema
 * (uninstalled, some tests) the defaults stay. */
static void
bind_settings (KdccSessionHistory *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "history-max-days"))
    return;
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "history-max-days", self, "max-days", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "history-max-mb", self, "max-mb", G_SETTINGS_BIND_GET);
}

static void
start (KdccSessionHistory *self)
{
  KdccCluster *cluster = kdcc_session_get_cluster (self->session);

  bind_settings (self);
  g_signal_connect_object (cluster, "notify::fsid", G_CALLBACK (fsid_changed_cb), self, 0);
  open_recorder (self);
  kdcc_prometheus_history_discover_async (kdcc_session_get_profile (self->session),
                                          kdcc_session_get_source (self->session),
                                          self->cancellable, prometheus_found_cb,
                                          g_object_ref (self));
}

/* The session is finalized while a discovery or an Alertmanager search may
 * still hold a reference to us: their answers must not reach for the
 * session any more (its memory may already hold another object). */
static void
session_gone (gpointer data)
{
  KdccSessionHistory *self = data;

  self->session = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_object_unref (self);
}

KdccSessionHistory *
kdcc_session_history_get (KdccSession *session)
{
  KdccSessionHistory *self;

  g_return_val_if_fail (KDCC_IS_SESSION (session), NULL);

  self = g_object_get_data (G_OBJECT (session), DATA_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (KDCC_TYPE_SESSION_HISTORY, NULL);
  self->session = session;
  g_object_set_data_full (G_OBJECT (session), DATA_KEY, self, session_gone);
  start (self);
  return self;
}

/* Forecast ----------------------------------------------------------------- */

typedef struct
{
  KdccHistory *history;
  KdccSource  *source;      /* nullable: no mon commands */
  char        *pool;
  double       capacity;
  double       quota;
} ForecastData;

static void
forecast_data_free (ForecastData *data)
{
  g_clear_object (&data->history);
  g_clear_object (&data->source);
  g_free (data->pool);
  g_free (data);
}

static gboolean
read_ratios (KdccSource   *source,
             double       *nearfull,
             double       *full,
             GCancellable *cancellable)
{
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  JsonObject *map;
  const char *text;
  gsize size = 0;
  double n, f;

  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"osd dump\",\"format\":\"json\"}",
                                      &status, cancellable, &error);
  if (out == NULL)
    return FALSE;
  text = g_bytes_get_data (out, &size);
  root = kdcc_json_load_root ("osd dump", text, (gssize) size, JSON_NODE_OBJECT, &error);
  if (root == NULL)
    return FALSE;
  map = kdcc_json_as_object (root);
  n = kdcc_json_find_number (map, "nearfull_ratio", NAN);
  f = kdcc_json_find_number (map, "full_ratio", NAN);
  /* A map of a cluster older than Luminous has zeros here. */
  if (!(n > 0 && n <= 1 && f > 0 && f <= 1))
    return FALSE;
  *nearfull = n;
  *full = f;
  return TRUE;
}

static void
forecast_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ForecastData *data = task_data;
  g_autofree KdccSessionForecast *result = g_new0 (KdccSessionForecast, 1);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  KdccHistoryQuery query = { 0, };
  KdccHistorySeries *used = NULL;
  gint64 now = g_get_real_time () / 1000;

  query.metric = data->pool != NULL ? KDCC_HISTORY_POOL_STORED : KDCC_HISTORY_CAPACITY_USED;
  query.label = data->pool;
  query.step = KDCC_SESSION_FORECAST_STEP;
  query.end = now - now % query.step;
  query.start = query.end - KDCC_SESSION_FORECAST_WINDOW;

  series = kdcc_history_query_range (data->history, &query, cancellable, &error);
  if (series == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < series->len && used == NULL; i++)
    {
      KdccHistorySeries *one = g_ptr_array_index (series, i);

      if (data->pool == NULL || g_strcmp0 (one->label, data->pool) == 0)
        used = one;
    }

  result->nearfull_ratio = 0.85;
  result->full_ratio = 0.95;
  if (data->source != NULL)
    result->ratios_read = read_ratios (data->source, &result->nearfull_ratio,
                                       &result->full_ratio, cancellable);

  if (used == NULL)
    {
      g_autoptr(KdccHistorySeries) empty = kdcc_history_series_new (query.metric, data->pool);

      kdcc_forecast_capacity (empty, data->capacity, result->nearfull_ratio, result->full_ratio,
                              data->quota, &result->forecast);
    }
  else
    kdcc_forecast_capacity (used, data->capacity, result->nearfull_ratio, result->full_ratio,
                            data->quota, &result->forecast);

  g_task_return_pointer (task, g_steal_pointer (&result), g_free);
}

void
kdcc_session_history_forecast_async (KdccSessionHistory  *self,
                                     const char          *pool,
                                     double               capacity,
                                     double               quota,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ForecastData *data;

  g_return_if_fail (KDCC_IS_SESSION_HISTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_session_history_forecast_async);
  if (self->history == NULL || self->session == NULL)
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED, "%s",
                               _("No history is available for this cluster yet"));
      return;
    }

  data = g_new0 (ForecastData, 1);
  data->history = g_object_ref (self->history);
  if (kdcc_session_has_capabilities (self->session, KDCC_CAPABILITY_MON_COMMANDS))
    data->source = g_object_ref (kdcc_session_get_source (self->session));
  data->pool = g_strdup (pool);
  data->capacity = capacity;
  data->quota = quota;
  g_task_set_task_data (task, data, (GDestroyNotify) forecast_data_free);
  g_task_run_in_thread (task, forecast_thread);
}

KdccSessionForecast *
kdcc_session_history_forecast_finish (KdccSessionHistory  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors ----------------------------------------------------------------- */

KdccHistory *
kdcc_session_history_get_history (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), NULL);

  return self->history;
}

KdccAlertmanager *
kdcc_session_history_get_alertmanager (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), NULL);

  return self->alertmanager;
}

KdccPrometheus *
kdcc_session_history_get_prometheus (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), NULL);

  return self->prometheus;
}

KdccFlightRecorder *
kdcc_session_history_get_recorder (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), NULL);

  return self->recorder;
}

gboolean
kdcc_session_history_get_resolved (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), FALSE);

  return self->resolved;
}

const char *
kdcc_session_history_get_description (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), NULL);

  return self->description;
}

const char *
kdcc_session_history_get_problem (KdccSessionHistory *self)
{
  g_return_val_if_fail (KDCC_IS_SESSION_HISTORY (self), NULL);

  return self->problem;
}

void
kdcc_session_history_set_limits (KdccSessionHistory *self,
                                 guint               max_days,
                                 guint               max_mb)
{
  g_return_if_fail (KDCC_IS_SESSION_HISTORY (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (max_days != self->max_days)
    {
      self->max_days = max_days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DAYS]);
    }
  if (max_mb != self->max_mb)
    {
      self->max_mb = max_mb;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_MB]);
    }
  if (self->recorder != NULL)
    {
      kdcc_flight_recorder_set_max_days (self->recorder, max_days);
      kdcc_flight_recorder_set_max_mb (self->recorder, max_mb);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* GObject ------------------------------------------------------------------ */

static void
kdcc_session_history_dispose (GObject *object)
{
  KdccSessionHistory *self = KDCC_SESSION_HISTORY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->settings != NULL)
    {
      g_settings_unbind (self, "max-days");
      g_settings_unbind (self, "max-mb");
      g_clear_object (&self->settings);
    }
  /* Whatever the recorder queued is written before the session goes. */
  if (self->recorder != NULL)
    kdcc_flight_recorder_flush (self->recorder, NULL);

  G_OBJECT_CLASS (kdcc_session_history_parent_class)->dispose (object);
}

static void
kdcc_session_history_finalize (GObject *object)
{
  KdccSessionHistory *self = KDCC_SESSION_HISTORY (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->recorder);
  g_clear_object (&self->alertmanager);
  g_clear_object (&self->prometheus);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (kdcc_session_history_parent_class)->finalize (object);
}

static void
kdcc_session_history_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdccSessionHistory *self = KDCC_SESSION_HISTORY (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ALERTMANAGER:
      g_value_set_object (value, self->alertmanager);
      break;
    case PROP_RESOLVED:
      g_value_set_boolean (value, self->resolved);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_MAX_DAYS:
      g_value_set_uint (value, self->max_days);
      break;
    case PROP_MAX_MB:
      g_value_set_uint (value, self->max_mb);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_session_history_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KdccSessionHistory *self = KDCC_SESSION_HISTORY (object);

  switch (prop_id)
    {
    case PROP_MAX_DAYS:
      kdcc_session_history_set_limits (self, g_value_get_uint (value), self->max_mb);
      break;
    case PROP_MAX_MB:
      kdcc_session_history_set_limits (self, self->max_days, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_session_history_class_init (KdccSessionHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kdcc_session_history_dispose;
  object_class->finalize = kdcc_session_history_finalize;
  object_class->get_property = kdcc_session_history_get_property;
  object_class->set_property = kdcc_session_history_set_property;

  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, KDCC_TYPE_HISTORY, ro);
  properties[PROP_ALERTMANAGER] =
    g_param_spec_object ("alertmanager", NULL, NULL, KDCC_TYPE_ALERTMANAGER, ro);
  properties[PROP_RESOLVED] = g_param_spec_boolean ("resolved", NULL, NULL, FALSE, ro);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, ro);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, ro);
  properties[PROP_MAX_DAYS] =
    g_param_spec_uint ("max-days", NULL, NULL, 1, 3650, KDCC_FLIGHT_RECORDER_DEFAULT_MAX_DAYS, rw);
  properties[PROP_MAX_MB] =
    g_param_spec_uint ("max-mb", NULL, NULL, 1, 100000, KDCC_FLIGHT_RECORDER_DEFAULT_MAX_MB, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_session_history_init (KdccSessionHistory *self)
{
  self->cancellable = g_cancellable_new ();
  self->max_days = KDCC_FLIGHT_RECORDER_DEFAULT_MAX_DAYS;
  self->max_mb = KDCC_FLIGHT_RECORDER_DEFAULT_MAX_MB;
}
