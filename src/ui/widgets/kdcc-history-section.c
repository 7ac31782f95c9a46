/* kdcc-history-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-history-section"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-enums.h"
#include "kdcc-history-section.h"
#include "kdcc-pool.h"
#include "kdcc-session-history.h"

/* The list shows the newest changes; the markers show all of them. */
#define MAX_EVENT_ROWS 50

struct _KdccHistorySection
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *box;
  GtkLabel           *source_label;
  GtkLabel           *problem_label;
  GtkToggleButton    *range_1h;
  GtkToggleButton    *range_6h;
  GtkToggleButton    *range_24h;
  GtkToggleButton    *range_7d;
  GtkBox             *charts_box;
  AdwPreferencesGroup *forecast_group;
  AdwActionRow       *nearfull_row;
  AdwActionRow       *full_row;
  AdwActionRow       *quota_row;
  AdwExpanderRow     *events_row;

  /* Owned references */
  KdccSession        *session;
  GPtrArray          *charts;        /* KdccHistoryChart, borrowed from charts_box */
  GPtrArray          *event_rows;    /* GtkWidget in events_row */
  GCancellable       *cancellable;
  char               *forecast_pool;
  guint               reload_id;
  guint               pending;
  guint               generation;
  guint               n_loads;
  KdccChartRange      range;
  gboolean            forecast;
};

G_DEFINE_FINAL_TYPE (KdccHistorySection, kdcc_history_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RANGE,
  N_PROPS
};

enum {
  SIGNAL_LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
kdcc_history_section_range_query (KdccChartRange    range,
                                  gint64            end_ms,
                                  KdccHistoryQuery *query)
{
  gint64 span = kdcc_chart_range_get_seconds (range) * 1000;

  /* About 240 points per range, never finer than 15 s (the Prometheus
   * scrape interval Ceph's own deployments use). Steps fall on multiples
   * of the step, so two reloads ask for the same buckets. */
  query->step = MAX (15000, span / 240);
  query->end = end_ms - end_ms % query->step;
  query->start = query->end - span;
}

static KdccSessionHistory *
get_session_history (KdccHistorySection *self)
{
  return self->session != NULL ? kdcc_session_history_get (self->session) : NULL;
}

static void
part_done (KdccHistorySection *self,
           guint               generation)
{
  if (generation != self->generation || self->pending == 0)
    return;
  if (--self->pending == 0)
    {
      self->n_loads++;
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
    }
}

static void
chart_loaded_cb (KdccHistoryChart   *chart,
                 KdccHistorySection *self)
{
  part_done (self, self->generation);
}

/* What changed ------------------------------------------------------------- */

static char *
format_event_time (gint64 time_ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_ms / 1000);

  /* Translators: when something changed, e.g. "Tue 14 Nov, 21:15" */
  return when != NULL ? g_date_time_format (when, _("%a %-d %b, %H:%M")) : g_strdup ("");
}

static void
show_events (KdccHistorySection *self,
             GPtrArray          *events)
{
  guint n = events != NULL ? events->len : 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->event_rows->len; i++)
    adw_expander_row_remove (self->events_row, g_ptr_array_index (self->event_rows, i));
  g_ptr_array_set_size (self->event_rows, 0);

  for (guint i = 0; i < n && i < MAX_EVENT_ROWS; i++)
    {
      KdccHistoryEvent *event = g_ptr_array_index (events, n - 1 - i);
      g_autofree char *text = kdcc_history_event_describe (event);
      g_autofree char *when = format_event_time (event->time);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_expander_row_add_row (self->events_row, row);
      g_ptr_array_add (self->event_rows, row);
    }

  if (n == 0)
    subtitle = g_strdup (_("Nothing changed in this time range"));
  else
    /* Translators: the number of changes (health checks, OSDs, flags) in the time range shown */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change in this time range",
                                             "%u changes in this time range", n), n);
  adw_expander_row_set_subtitle (self->events_row, subtitle);
  adw_expander_row_set_enable_expansion (self->events_row, n > 0);

  for (guint i = 0; i < self->charts->len; i++)
    kdcc_history_chart_set_events (g_ptr_array_index (self->charts, i), events);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdccHistorySection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  events = kdcc_history_list_events_finish (KDCC_HISTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("What changed: %s", error->message);
  show_events (self, events);
  part_done (self, self->generation);
}

/* Forecast ------------------------------------------------------------------ */

static void
set_eta_row (AdwActionRow          *row,
             const KdccForecastEta *eta,
             const char            *title,
             gint64                 now)
{
  g_autofree char *text = kdcc_forecast_eta_describe (eta, now);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, text);
}

static void
forecast_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccHistorySection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree KdccSessionForecast *f = NULL;
  g_autofree char *nearfull = NULL;
  g_autofree char *full = NULL;
  gint64 now = g_get_real_time () / 1000;

  f = kdcc_session_history_forecast_finish (KDCC_SESSION_HISTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (f == NULL)
    {
      adw_action_row_set_subtitle (self->nearfull_row, error->message);
      adw_action_row_set_subtitle (self->full_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->quota_row), FALSE);
    }
  else
    {
      /* Translators: a forecast row's title, with the cluster's nearfull ratio, e.g. "Nearfull (85 %)" */
      nearfull = g_strdup_printf (_("Nearfull (%.0f %%)"), f->nearfull_ratio * 100);
      /* Translators: a forecast row's title, with the cluster's full ratio, e.g. "Full (95 %)" */
      full = g_strdup_printf (_("Full (%.0f %%)"), f->full_ratio * 100);
      set_eta_row (self->nearfull_row, &f->forecast.nearfull, nearfull, now);
      set_eta_row (self->full_row, &f->forecast.full, full, now);
      set_eta_row (self->quota_row, &f->forecast.quota, _("Quota"), now);
      gtk_widget_set_visible (GTK_WIDGET (self->quota_row), self->forecast_pool != NULL &&
                              f->forecast.quota.state != KDCC_FORECAST_NOT_FILLING);
      adw_preferences_group_set_description (self->forecast_group,
                                             f->ratios_read
                                               ? _("At the current growth rate of the last 7 days, with the range the fit allows")
                                               : _("At the current growth rate of the last 7 days, with the range the fit allows, at Ceph’s default ratios"));
    }
  part_done (self, self->generation);
}

static void
start_forecast (KdccHistorySection *self,
                KdccSessionHistory *history)
{
  KdccCluster *cluster = kdcc_session_get_cluster (self->session);
  double capacity = (double) kdcc_cluster_get_total_bytes (cluster);
  double quota = 0;

  if (self->forecast_pool != NULL)
    {
      KdccPool *pool = kdcc_cluster_find_pool (cluster, self->forecast_pool);

      if (pool != NULL)
        {
          capacity = (double) kdcc_pool_get_stored_bytes (pool)
                     + (double) kdcc_pool_get_max_avail_bytes (pool);
          quota = (double) kdcc_pool_get_quota_max_bytes (pool);
        }
    }
  self->pending++;
  kdcc_session_history_forecast_async (history, self->forecast_pool, capacity, quota,
                                       self->cancellable, forecast_cb, g_object_ref (self));
}

/* Loading ------------------------------------------------------------------- */

static void
update_header (KdccHistorySection *self)
{
  KdccSessionHistory *history = get_session_history (self);
  const char *problem = history != NULL ? kdcc_session_history_get_problem (history) : NULL;
  g_autofree char *source = NULL;

  if (history == NULL)
    source = g_strdup (_("Not connected"));
  else if (kdcc_session_history_get_history (history) == NULL)
    source = g_strdup (kdcc_session_history_get_resolved (history)
                         ? _("No history is available") : _("Looking for history…"));
  else
    /* Translators: where the charts' history comes from, e.g. "From Prometheus at http://…" */
    source = g_strdup_printf (_("From %s"), kdcc_session_history_get_description (history));

  gtk_label_set_label (self->source_label, source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), source);
  gtk_label_set_label (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

void
kdcc_history_section_reload (KdccHistorySection *self)
{
  KdccSessionHistory *session_history;
  KdccHistory *history;
  KdccHistoryQuery query = { 0, };

  g_return_if_fail (KDCC_IS_HISTORY_SECTION (self));

  update_header (self);
  session_history = get_session_history (self);
  history = session_history != NULL ? kdcc_session_history_get_history (session_history) : NULL;
  if (history == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->pending = self->charts->len + 1;

  kdcc_history_section_range_query (self->range, g_get_real_time () / 1000, &query);
  for (guint i = 0; i < self->charts->len; i++)
    kdcc_history_chart_load (g_ptr_array_index (self->charts, i), history, &query, self->range);
  kdcc_history_list_events_async (history, query.start, query.end + query.step, self->cancellable,
                                  events_cb, g_object_ref (self));
  if (self->forecast)
    start_forecast (self, session_history);
}

static gboolean
reload_cb (gpointer user_data)
{
  kdcc_history_section_reload (user_data);
  return G_SOURCE_CONTINUE;
}

static void
history_changed_cb (KdccSessionHistory *history,
                    GParamSpec         *pspec,
                    KdccHistorySection *self)
{
  kdcc_history_section_reload (self);
}

static void
range_toggled_cb (GtkToggleButton    *button,
                  KdccHistorySection *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->range_1h)
    kdcc_history_section_set_range (self, KDCC_CHART_RANGE_1H);
  else if (button == self->range_6h)
    kdcc_history_section_set_range (self, KDCC_CHART_RANGE_6H);
  else if (button == self->range_24h)
    kdcc_history_section_set_range (self, KDCC_CHART_RANGE_24H);
  else
    kdcc_history_section_set_range (self, KDCC_CHART_RANGE_7D);
}

/* Public -------------------------------------------------------------------- */

void
kdcc_history_section_set_session (KdccHistorySection *self,
                                  KdccSession        *session)
{
  KdccSessionHistory *history;

  g_return_if_fail (KDCC_IS_HISTORY_SECTION (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (kdcc_session_history_get (self->session), self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      history = kdcc_session_history_get (session);
      g_signal_connect_object (history, "notify::history", G_CALLBACK (history_changed_cb),
                               self, 0);
      g_signal_connect_object (history, "notify::resolved", G_CALLBACK (history_changed_cb),
                               self, 0);
      g_signal_connect_object (history, "notify::problem", G_CALLBACK (history_changed_cb),
                               self, 0);
    }
  kdcc_history_section_reload (self);
}

void
kdcc_history_section_add_chart (KdccHistorySection *self,
                                KdccHistoryChart   *chart)
{
  g_return_if_fail (KDCC_IS_HISTORY_SECTION (self));
  g_return_if_fail (KDCC_IS_HISTORY_CHART (chart));

  gtk_widget_add_css_class (GTK_WIDGET (chart), "card");
  gtk_widget_add_css_class (GTK_WIDGET (chart), "history-chart");
  gtk_box_append (self->charts_box, GTK_WIDGET (chart));
  g_ptr_array_add (self->charts, chart);
  g_signal_connect_object (chart, "loaded", G_CALLBACK (chart_loaded_cb), self, 0);
}

void
kdcc_history_section_set_forecast (KdccHistorySection *self,
                                   gboolean            enabled,
                                   const char         *pool)
{
  g_return_if_fail (KDCC_IS_HISTORY_SECTION (self));

  self->forecast = enabled;
  g_free (self->forecast_pool);
  self->forecast_pool = g_strdup (pool);
  gtk_widget_set_visible (GTK_WIDGET (self->forecast_group), enabled);
}

KdccChartRange
kdcc_history_section_get_range (KdccHistorySection *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_SECTION (self), KDCC_CHART_RANGE_1H);

  return self->range;
}

void
kdcc_history_section_set_range (KdccHistorySection *self,
                                KdccChartRange      range)
{
  GtkToggleButton *buttons[] = { self->range_1h, self->range_6h, self->range_24h, self->range_7d };

  g_return_if_fail (KDCC_IS_HISTORY_SECTION (self));
  g_return_if_fail (range <= KDCC_CHART_RANGE_7D);

  if (range == self->range)
    return;
  self->range = range;
  gtk_toggle_button_set_active (buttons[range], TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
  kdcc_history_section_reload (self);
}

GPtrArray *
kdcc_history_section_get_charts (KdccHistorySection *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_SECTION (self), NULL);

  return self->charts;
}

const char *
kdcc_history_section_get_forecast_text (KdccHistorySection *self,
                                        const char         *which)
{
  AdwActionRow *row;

  g_return_val_if_fail (KDCC_IS_HISTORY_SECTION (self), NULL);

  row = g_strcmp0 (which, "nearfull") == 0 ? self->nearfull_row
        : g_strcmp0 (which, "quota") == 0 ? self->quota_row : self->full_row;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->forecast_group)) ||
      !gtk_widget_get_visible (GTK_WIDGET (row)))
    return "";
  return adw_action_row_get_subtitle (row) != NULL ? adw_action_row_get_subtitle (row) : "";
}

guint
kdcc_history_section_get_n_events (KdccHistorySection *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_SECTION (self), 0);

  return self->event_rows->len;
}

const char *
kdcc_history_section_get_source_text (KdccHistorySection *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_SECTION (self), NULL);

  return gtk_label_get_label (self->source_label);
}

guint
kdcc_history_section_get_n_loads (KdccHistorySection *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_SECTION (self), 0);

  return self->n_loads;
}

/* GObject ------------------------------------------------------------------- */

static void
kdcc_history_section_map (GtkWidget *widget)
{
  KdccHistorySection *self = KDCC_HISTORY_SECTION (widget);

  GTK_WIDGET_CLASS (kdcc_history_section_parent_class)->map (widget);
  /* Live while shown: a hidden page asks nothing. */
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add_seconds (KDCC_HISTORY_SECTION_RELOAD, reload_cb, self);
  kdcc_history_section_reload (self);
}

static void
kdcc_history_section_unmap (GtkWidget *widget)
{
  KdccHistorySection *self = KDCC_HISTORY_SECTION (widget);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  GTK_WIDGET_CLASS (kdcc_history_section_parent_class)->unmap (widget);
}

static void
kdcc_history_section_dispose (GObject *object)
{
  KdccHistorySection *self = KDCC_HISTORY_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (kdcc_session_history_get (self->session), self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_HISTORY_SECTION);

  G_OBJECT_CLASS (kdcc_history_section_parent_class)->dispose (object);
}

static void
kdcc_history_section_finalize (GObject *object)
{
  KdccHistorySection *self = KDCC_HISTORY_SECTION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->event_rows, g_ptr_array_unref);
  g_clear_pointer (&self->forecast_pool, g_free);

  G_OBJECT_CLASS (kdcc_history_section_parent_class)->finalize (object);
}

static void
kdcc_history_section_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdccHistorySection *self = KDCC_HISTORY_SECTION (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      g_value_set_enum (value, self->range);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_history_section_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KdccHistorySection *self = KDCC_HISTORY_SECTION (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      kdcc_history_section_set_range (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_history_section_class_init (KdccHistorySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_history_section_dispose;
  object_class->finalize = kdcc_history_section_finalize;
  object_class->get_property = kdcc_history_section_get_property;
  object_class->set_property = kdcc_history_section_set_property;
  widget_class->map = kdcc_history_section_map;
  widget_class->unmap = kdcc_history_section_unmap;

  properties[PROP_RANGE] =
    g_param_spec_enum ("range", NULL, NULL, KDCC_TYPE_CHART_RANGE, KDCC_CHART_RANGE_1H,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-history-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, box);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, source_label);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, problem_label);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, range_1h);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, range_6h);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, range_24h);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, range_7d);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, charts_box);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, forecast_group);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, nearfull_row);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, full_row);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, quota_row);
  gtk_widget_class_bind_template_child (widget_class, KdccHistorySection, events_row);
  gtk_widget_class_bind_template_callback (widget_class, range_toggled_cb);
  gtk_widget_class_set_css_name (widget_class, "historysection");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_history_section_init (KdccHistorySection *self)
{
  self->charts = g_ptr_array_new ();
  self->event_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->range = KDCC_CHART_RANGE_1H;
  gtk_widget_init_template (GTK_WIDGET (self));
  update_header (self);
}

GtkWidget *
kdcc_history_section_new (void)
{
  return g_object_new (KDCC_TYPE_HISTORY_SECTION, NULL);
}
