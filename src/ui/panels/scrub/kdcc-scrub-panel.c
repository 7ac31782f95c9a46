/* kdcc-scrub-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scrub planner page. Everything it shows is computed in core
 * (kdcc-scrub-planner.h) from the model, the option catalog and the scrub
 * flags; the page only rebuilds its short lists when a refresh lands or a
 * value in the editor changes. Edited values go into the settings as a
 * global value would (kdcc_scrub_settings_try_value), so the forecast shows
 * what staging them would do.
 */
#define G_LOG_DOMAIN "kdcc-scrub-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-controls-state.h"
#include "kdcc-job-manager.h"
#include "kdcc-scrub-charts.h"
#include "kdcc-scrub-rows.h"
#include "kdcc-scrub-job.h"
#include "kdcc-scrub-panel.h"
#include "kdcc-session-history.h"
#include "kdcc-stage-request.h"

struct _KdccScrubPanel
{
  KdccPanel          parent_instance;

  /* Template widgets */
  GtkWidget         *page;
  GtkWidget         *forecast_label;
  GtkWidget         *summary_label;
  GtkWidget         *warnings_label;
  GtkWidget         *pools_list;
  GtkWidget         *week_group;
  GtkWidget         *editor_group;
  GtkWidget         *stage_button;
  GtkWidget         *settings_list;
  GtkWidget         *osd_spin;
  GtkWidget         *osd_button;

  GtkWidget         *week_view;
  GtkWidget         *status_label;
  GtkWidget         *spins[KDCC_SCRUB_N_OPTS];

  /* Owned references */
  KdccControlsState *state;
  KdccJobManager    *job_manager;
  KdccCluster       *held;         /* whose PG list this page holds */
  KdccScrubInputs   *inputs;       /* edits applied */
  KdccScrubSettings *base;         /* as stored, without the edits */
  KdccScrubInputs   *flags;        /* the last `osd dump` flags, or NULL */
  KdccScrubReport   *report;
  char              *status;

  gboolean           edited[KDCC_SCRUB_N_OPTS];
  double             edits[KDCC_SCRUB_N_OPTS];
  gboolean           updating;
  guint              recompute_id;
  gulong             update_id;
  gulong             catalog_id;
};

G_DEFINE_FINAL_TYPE (KdccScrubPanel, kdcc_scrub_panel, KDCC_TYPE_PANEL)

enum {
  PROP_0,
  PROP_JOB_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The editor's fields. Intervals are edited in days. */
static const struct
{
  KdccScrubOption option;
  const char     *title;     /* N_() */
  double          min, max, step;
  guint           digits;
  double          scale;     /* stored value = shown × scale */
} editor_fields[] = {
  { KDCC_SCRUB_OPT_BEGIN_HOUR, N_("Windows begin at hour"), 0, 23, 1, 0, 1 },
  { KDCC_SCRUB_OPT_END_HOUR, N_("Windows end at hour"), 0, 23, 1, 0, 1 },
  { KDCC_SCRUB_OPT_BEGIN_WEEK_DAY, N_("From week day (0 = Sunday)"), 0, 6, 1, 0, 1 },
  { KDCC_SCRUB_OPT_END_WEEK_DAY, N_("To week day (exclusive)"), 0, 6, 1, 0, 1 },
  { KDCC_SCRUB_OPT_MIN_INTERVAL, N_("Scrub no sooner than (days)"), 0, 365, 0.5, 2, 86400 },
  { KDCC_SCRUB_OPT_MAX_INTERVAL, N_("Scrub at the latest after (days)"), 0.01, 365, 0.5, 2,
    86400 },
  { KDCC_SCRUB_OPT_DEEP_INTERVAL, N_("Deep-scrub every (days)"), 0.01, 365, 0.5, 2, 86400 },
  { KDCC_SCRUB_OPT_MAX_SCRUBS, N_("Scrubs at once per OSD"), 1, 64, 1, 0, 1 },
  { KDCC_SCRUB_OPT_SLEEP, N_("Sleep between chunks (seconds)"), 0, 10, 0.05, 2, 1 },
  { KDCC_SCRUB_OPT_LOAD_THRESHOLD, N_("Load threshold"), 0, 100, 0.1, 2, 1 },
};

static void
set_status (KdccScrubPanel *self,
            const char     *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (GTK_LABEL (self->status_label), status != NULL ? status : "");
  gtk_widget_set_visible (self->status_label, status != NULL);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static KdccConfigCatalog *
get_catalog (KdccScrubPanel *self)
{
  if (self->state == NULL)
    return NULL;
  return kdcc_controls_state_get_catalog (self->state);
}

/* ------------------------------------------------------------------------
 * Showing the report */

static void
show_settings (KdccScrubPanel *self)
{
  const KdccScrubSettings *settings = self->inputs->settings;

  clear_list (self->settings_list);
  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->settings_list),
                         kdcc_scrub_setting_row_new (&settings->options[i], i));
  if (settings->flags_known)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *flags = settings->noscrub && settings->nodeep_scrub ? "noscrub, nodeep-scrub"
                          : settings->noscrub ? "noscrub"
                          : settings->nodeep_scrub ? "nodeep-scrub" : _("none");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Cluster flags"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (flags));
      gtk_list_box_append (GTK_LIST_BOX (self->settings_list), row);
    }
}

static void
deep_scrub_clicked_cb (GtkButton      *button,
                       KdccScrubPanel *self)
{
  g_autoptr(KdccJob) job = kdcc_scrub_panel_deep_scrub_pool (
    self, g_object_get_data (G_OBJECT (button), "pool"));

  if (job != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Started: %s"), kdcc_job_get_title (job));

      set_status (self, text);
    }
}

static GtkWidget *
pool_row (KdccScrubPanel            *self,
          const KdccScrubPoolStatus *p)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  GtkWidget *button = NULL;
  GtkWidget *row = kdcc_scrub_pool_row_new (p, &button);

  gtk_widget_set_sensitive (button, p->overdue_deep > 0 && session != NULL
                                    && kdcc_session_has_capabilities (session,
                                                                      KDCC_CAPABILITY_PG_SCRUB));
  g_object_set_data_full (G_OBJECT (button), "pool", g_strdup (p->name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (deep_scrub_clicked_cb), self);
  return row;
}

static void
show_report (KdccScrubPanel *self)
{
  const KdccScrubReport *r = self->report;
  KdccScrubWindow window = kdcc_scrub_settings_get_window (self->inputs->settings);
  g_autoptr(GString) forecast = g_string_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *warnings = NULL;

  for (guint i = 0; i < r->pools->len; i++)
    {
      const KdccScrubPoolStatus *p = g_ptr_array_index (r->pools, i);

      if (p->reason != KDCC_SCRUB_FORECAST_ON_TRACK
          && p->reason != KDCC_SCRUB_FORECAST_CHECK_DISABLED)
        g_string_append_printf (forecast, "%s• %s", forecast->len > 0 ? "\n" : "", p->sentence);
    }
  if (forecast->len == 0)
    g_string_printf (forecast, _("On track: no PG_NOT_DEEP_SCRUBBED expected within %u days"),
                     (guint) KDCC_SCRUB_HORIZON_DAYS);
  gtk_label_set_text (GTK_LABEL (self->forecast_label), forecast->str);

  /* TRANSLATORS: counts, then deep scrubs a day needed and allowed, and
   * the share of the week the windows allow. */
  summary = g_strdup_printf (_("%u PGs · %u not deep-scrubbed in time · %u not scrubbed in time · "
                               "%u scrubbing now · deep scrubs a day: %.1f needed, %.1f allowed "
                               "by the schedule (%.0f%% of the week, %.0f s each, %s)\n%s"),
                             r->n_pgs, r->overdue_deep, r->overdue_scrub, r->scrubbing,
                             r->needed_per_day, r->capacity_per_day, r->window_share * 100,
                             r->deep_scrub_duration,
                             r->duration_measured ? _("measured") : _("estimated"),
                             r->observed_text);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  if (r->warnings->len > 0)
    {
      g_ptr_array_add (r->warnings, NULL);
      warnings = g_strjoinv ("\n", (char **) r->warnings->pdata);
      g_ptr_array_set_size (r->warnings, r->warnings->len - 1);
    }
  gtk_label_set_text (GTK_LABEL (self->warnings_label), warnings != NULL ? warnings : "");
  gtk_widget_set_visible (self->warnings_label, warnings != NULL);

  clear_list (self->pools_list);
  for (guint i = 0; i < r->pools->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->pools_list),
                         pool_row (self, g_ptr_array_index (r->pools, i)));
  kdcc_scrub_week_view_set_window (self->week_view, &window);
  show_settings (self);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      KdccScrubOption opt = editor_fields[i].option;

      if (!self->edited[opt])
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spins[opt]),
                                   self->inputs->settings->options[opt].value
                                   / editor_fields[i].scale);
    }
  self->updating = FALSE;
}

/* ------------------------------------------------------------------------
 * Computing */

static void
apply_flags (KdccScrubPanel *self)
{
  if (self->flags == NULL)
    return;
  kdcc_scrub_inputs_set_recorded (self->inputs, self->flags->recorded);
  self->inputs->settings->flags_known = self->flags->settings->flags_known;
  self->inputs->settings->noscrub = self->flags->settings->noscrub;
  self->inputs->settings->nodeep_scrub = self->flags->settings->nodeep_scrub;
  for (guint i = 0; i < self->inputs->pools->len; i++)
    {
      KdccScrubPoolInput *pool = &g_array_index (self->inputs->pools, KdccScrubPoolInput, i);

      for (guint j = 0; j < self->flags->pools->len; j++)
        {
          KdccScrubPoolInput *f = &g_array_index (self->flags->pools, KdccScrubPoolInput, j);

          if (f->id == pool->id)
            {
              pool->noscrub = f->noscrub;
              pool->nodeep_scrub = f->nodeep_scrub;
            }
        }
    }
}

static void
recompute (KdccScrubPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  KdccConfigCatalog *catalog = get_catalog (self);
  g_autoptr(KdccScrubInputs) inputs = kdcc_scrub_inputs_new ();
  gboolean stamps;

  if (cluster == NULL)
    return;
  if (catalog != NULL && kdcc_config_catalog_get_loaded (catalog))
    kdcc_scrub_settings_load_catalog (inputs->settings, catalog);
  g_clear_pointer (&self->base, kdcc_scrub_settings_free);
  self->base = kdcc_scrub_settings_copy (inputs->settings);
  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    if (self->edited[i])
      kdcc_scrub_settings_try_value (inputs->settings, i, self->edits[i]);
  stamps = kdcc_scrub_inputs_fill_from_cluster (inputs, cluster);

  g_clear_pointer (&self->inputs, kdcc_scrub_inputs_free);
  self->inputs = g_steal_pointer (&inputs);
  apply_flags (self);
  g_clear_pointer (&self->report, kdcc_scrub_report_free);
  if (!stamps)
    {
      gtk_label_set_text (GTK_LABEL (self->forecast_label),
                          kdcc_cluster_get_pg_list_loaded (cluster)
                          ? _("The connection does not report the PGs’ scrub stamps")
                          : _("Waiting for the placement groups’ scrub stamps…"));
      return;
    }
  self->report = kdcc_scrub_report_new (self->inputs);
  show_report (self);
}

static gboolean
recompute_idle_cb (gpointer user_data)
{
  KdccScrubPanel *self = user_data;

  self->recompute_id = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recompute (KdccScrubPanel *self)
{
  if (self->recompute_id == 0)
    self->recompute_id = g_idle_add (recompute_idle_cb, self);
}

static void
something_changed_cb (GObject        *object,
                      GParamSpec     *pspec,
                      KdccScrubPanel *self)
{
  schedule_recompute (self);
}

static void
flags_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KdccScrubInputs *inputs = task_data;
  KdccSource *source = g_object_get_data (G_OBJECT (task), "source");
  KdccFlightRecorder *recorder = g_object_get_data (G_OBJECT (task), "recorder");
  GError *error = NULL;

  /* The recorded deep scrubs: read off the main thread, with the flags. */
  if (recorder != NULL && !kdcc_scrub_inputs_load_history_sync (inputs, recorder, &error))
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }
  if (kdcc_scrub_inputs_load_flags_sync (inputs, source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
flags_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KdccScrubPanel *self = KDCC_SCRUB_PANEL (object);
  /* The task data has no destroy notify: GTask always calls back, and
   * this callback owns it. */
  g_autoptr(KdccScrubInputs) flags = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("No scrub flags: %s", error->message);
      return;
    }
  g_clear_pointer (&self->flags, kdcc_scrub_inputs_free);
  self->flags = g_steal_pointer (&flags);
  schedule_recompute (self);
}

static void
fetch_flags (KdccScrubPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  KdccScrubInputs *inputs;
  KdccFlightRecorder *recorder;
  g_autoptr(GTask) task = NULL;

  if (session == NULL || cluster == NULL
      || !kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS))
    return;
  inputs = kdcc_scrub_inputs_new ();
  kdcc_scrub_inputs_fill_from_cluster (inputs, cluster);
  task = g_task_new (self, kdcc_panel_get_cancellable (KDCC_PANEL (self)), flags_done_cb, NULL);
  g_task_set_source_tag (task, fetch_flags);
  g_task_set_task_data (task, inputs, NULL);
  g_object_set_data_full (G_OBJECT (task), "source",
                          g_object_ref (kdcc_session_get_source (session)), g_object_unref);
  recorder = kdcc_session_history_get_recorder (kdcc_session_history_get (session));
  if (recorder != NULL)
    g_object_set_data_full (G_OBJECT (task), "recorder", g_object_ref (recorder),
                            g_object_unref);
  g_task_run_in_thread (task, flags_thread);
}

/* ------------------------------------------------------------------------
 * Editor and actions */

static void
spin_changed_cb (GtkSpinButton  *spin,
                 KdccScrubPanel *self)
{
  if (self->updating)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    if (self->spins[editor_fields[i].option] == GTK_WIDGET (spin))
      kdcc_scrub_panel_edit (self, editor_fields[i].option,
                             gtk_spin_button_get_value (spin) * editor_fields[i].scale);
}

void
kdcc_scrub_panel_edit (KdccScrubPanel  *self,
                       KdccScrubOption  option,
                       double           value)
{
  g_return_if_fail (KDCC_IS_SCRUB_PANEL (self));
  g_return_if_fail (option < KDCC_SCRUB_N_OPTS);

  self->edited[option] = TRUE;
  self->edits[option] = value;
  gtk_widget_set_sensitive (self->stage_button, TRUE);
  /* At once, not at idle: a test or a fast typist sees the forecast follow. */
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  recompute (self);
}

static void
stage_request_cb (GtkWidget  *owner,
                  const char *status,
                  gboolean    staged)
{
  set_status (KDCC_SCRUB_PANEL (owner), status);
}

/* As every control page: a change above low risk asks first. */
static gboolean
stage_one (KdccScrubPanel *self,
           KdccOperation  *operation)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  KdccConfigCatalog *catalog = get_catalog (self);
  g_autoptr(GError) error = NULL;

  if (catalog != NULL && kdcc_config_catalog_get_loaded (catalog)
      && !kdcc_config_catalog_check_operation (catalog, operation,
                                               kdcc_panel_get_cluster (KDCC_PANEL (self)),
                                               &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  kdcc_stage_request (GTK_WIDGET (self), session, operation, FALSE,
                      kdcc_panel_get_cancellable (KDCC_PANEL (self)), stage_request_cb);
  return TRUE;
}

guint
kdcc_scrub_panel_stage (KdccScrubPanel *self)
{
  KdccSession *session;
  KdccStaging *staging;
  guint n = 0;

  g_return_val_if_fail (KDCC_IS_SCRUB_PANEL (self), 0);

  session = kdcc_panel_get_session (KDCC_PANEL (self));
  staging = self->state != NULL ? kdcc_controls_state_get_staging (self->state) : NULL;
  if (session == NULL || staging == NULL || self->base == NULL)
    {
      set_status (self, _("Connect to a cluster first"));
      return 0;
    }
  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    {
      const KdccScrubSetting *s = &self->base->options[i];
      const char *name = kdcc_scrub_option_name (i);
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      if (!self->edited[i] || (self->edits[i] == s->value && self->edits[i] == s->mgr_value))
        continue;
      g_ascii_formatd (text, sizeof text, kdcc_scrub_option_is_interval (i) ? "%.0f" : "%.6g",
                       self->edits[i]);
      {
        g_autoptr(KdccOperation) set = kdcc_operation_new_config_set ("global", name, text);

        n += stage_one (self, set) ? 1 : 0;
      }
      /* A value under osd or mgr would still win over the global one. */
      if (s->origin == KDCC_SCRUB_ORIGIN_SECTION)
        {
          g_autoptr(KdccOperation) rm = kdcc_operation_new_config_rm ("osd", name);

          n += stage_one (self, rm) ? 1 : 0;
        }
      if (s->mgr_origin == KDCC_SCRUB_ORIGIN_SECTION)
        {
          g_autoptr(KdccOperation) rm = kdcc_operation_new_config_rm ("mgr", name);

          n += stage_one (self, rm) ? 1 : 0;
        }
    }
  if (n == 0 && self->status == NULL)
    set_status (self, _("Nothing to stage: the values are those in force"));
  return n;
}

static void
stage_clicked_cb (GtkButton      *button,
                  KdccScrubPanel *self)
{
  kdcc_scrub_panel_stage (self);
}

static KdccJob *
start_job (KdccScrubPanel *self,
           GPtrArray      *pgids,
           const char     *title)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  KdccJob *job;

  job = kdcc_scrub_deep_scrub_job_new (kdcc_session_get_source (session),
                                       self->state != NULL
                                       ? kdcc_controls_state_get_audit (self->state) : NULL,
                                       kdcc_source_get_kind (kdcc_session_get_source (session)),
                                       title, pgids, KDCC_SCRUB_DEFAULT_SPACING);
  if (self->job_manager != NULL)
    kdcc_job_manager_add (self->job_manager, job);
  return job;
}

KdccJob *
kdcc_scrub_panel_deep_scrub_pool (KdccScrubPanel *self,
                                  const char     *pool)
{
  g_autoptr(GPtrArray) pgids = NULL;
  g_autofree char *title = NULL;
  gint64 pool_id = -1;

  g_return_val_if_fail (KDCC_IS_SCRUB_PANEL (self), NULL);

  if (kdcc_panel_get_session (KDCC_PANEL (self)) == NULL || self->inputs == NULL)
    return NULL;
  for (guint i = 0; i < self->inputs->pools->len; i++)
    if (g_strcmp0 (g_array_index (self->inputs->pools, KdccScrubPoolInput, i).name, pool) == 0)
      pool_id = g_array_index (self->inputs->pools, KdccScrubPoolInput, i).id;
  pgids = kdcc_scrub_pick_deep_scrub (self->inputs, pool_id, FALSE, 0);
  if (pgids->len == 0)
    return NULL;
  /* TRANSLATORS: how many PGs, and the pool. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deep-scrub %u PG of pool %s",
                                        "Deep-scrub %u PGs of pool %s", pgids->len),
                           pgids->len, pool);
  return start_job (self, pgids, title);
}

KdccJob *
kdcc_scrub_panel_deep_scrub_osd (KdccScrubPanel *self,
                                 gint64          osd_id)
{
  g_autoptr(GPtrArray) pgids = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (KDCC_IS_SCRUB_PANEL (self), NULL);

  if (kdcc_panel_get_session (KDCC_PANEL (self)) == NULL || self->inputs == NULL)
    return NULL;
  pgids = kdcc_scrub_pick_deep_scrub_osd (self->inputs, osd_id, FALSE, 0);
  if (pgids->len == 0)
    return NULL;
  /* TRANSLATORS: how many PGs, and the OSD's id. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Deep-scrub %u PG of osd.%" G_GINT64_FORMAT,
                                        "Deep-scrub %u PGs of osd.%" G_GINT64_FORMAT, pgids->len),
                           pgids->len, osd_id);
  return start_job (self, pgids, title);
}

static void
osd_deep_scrub_clicked_cb (GtkButton      *button,
                           KdccScrubPanel *self)
{
  gint64 osd_id = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->osd_spin));
  g_autoptr(KdccJob) job = kdcc_scrub_panel_deep_scrub_osd (self, osd_id);
  g_autofree char *text = NULL;

  if (job != NULL)
    text = g_strdup_printf (_("Started: %s"), kdcc_job_get_title (job));
  else
    text = g_strdup_printf (_("osd.%" G_GINT64_FORMAT " has no PG overdue for a deep scrub"),
                            osd_id);
  set_status (self, text);
}

/* ------------------------------------------------------------------------
 * Panel */

static void
release_cluster (KdccScrubPanel *self)
{
  if (self->held == NULL)
    return;
  g_clear_signal_handler (&self->update_id, self->held);
  kdcc_cluster_release_pg_list (self->held);
  g_clear_object (&self->held);
}

static void
kdcc_scrub_panel_cluster_changed (KdccPanel   *panel,
                                  KdccCluster *old_cluster)
{
  KdccScrubPanel *self = KDCC_SCRUB_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  release_cluster (self);
  g_clear_pointer (&self->flags, kdcc_scrub_inputs_free);
  if (cluster == NULL)
    return;
  self->held = g_object_ref (cluster);
  kdcc_cluster_hold_pg_list (cluster);
  self->update_id = g_signal_connect (cluster, "notify::last-update",
                                      G_CALLBACK (something_changed_cb), self);
  schedule_recompute (self);
}

static void
kdcc_scrub_panel_session_changed (KdccPanel   *panel,
                                  KdccSession *old_session)
{
  KdccScrubPanel *self = KDCC_SCRUB_PANEL (panel);
  KdccSession *session = kdcc_panel_get_session (panel);

  if (self->state != NULL)
    g_clear_signal_handler (&self->catalog_id, kdcc_controls_state_get_catalog (self->state));
  g_clear_object (&self->state);
  if (session == NULL)
    return;
  self->state = g_object_ref (kdcc_controls_state_get (session));
  self->catalog_id = g_signal_connect (kdcc_controls_state_get_catalog (self->state),
                                       "notify::loaded", G_CALLBACK (something_changed_cb), self);
  kdcc_controls_state_ensure_catalog (self->state);
  fetch_flags (self);
  schedule_recompute (self);
}

static void
kdcc_scrub_panel_dispose (GObject *object)
{
  KdccScrubPanel *self = KDCC_SCRUB_PANEL (object);

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  release_cluster (self);
  if (self->state != NULL)
    g_clear_signal_handler (&self->catalog_id, kdcc_controls_state_get_catalog (self->state));
  g_clear_object (&self->state);
  g_clear_object (&self->job_manager);
  g_clear_pointer (&self->inputs, kdcc_scrub_inputs_free);
  g_clear_pointer (&self->base, kdcc_scrub_settings_free);
  g_clear_pointer (&self->flags, kdcc_scrub_inputs_free);
  g_clear_pointer (&self->report, kdcc_scrub_report_free);
  g_clear_pointer (&self->status, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_SCRUB_PANEL);

  G_OBJECT_CLASS (kdcc_scrub_panel_parent_class)->dispose (object);
}

static void
kdcc_scrub_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccScrubPanel *self = KDCC_SCRUB_PANEL (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      g_value_set_object (value, self->job_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_scrub_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdccScrubPanel *self = KDCC_SCRUB_PANEL (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      if (g_set_object (&self->job_manager, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_scrub_panel_class_init (KdccScrubPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_scrub_panel_dispose;
  object_class->get_property = kdcc_scrub_panel_get_property;
  object_class->set_property = kdcc_scrub_panel_set_property;
  panel_class->cluster_changed = kdcc_scrub_panel_cluster_changed;
  panel_class->session_changed = kdcc_scrub_panel_session_changed;

  properties[PROP_JOB_MANAGER] =
    g_param_spec_object ("job-manager", NULL, NULL, KDCC_TYPE_JOB_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/tech/koor/DataControlCenter/ui/kdcc-scrub-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, page);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, pools_list);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, week_group);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, editor_group);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, stage_button);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, osd_spin);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, osd_button);
  gtk_widget_class_bind_template_child (widget_class, KdccScrubPanel, settings_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_scrub_panel_init (KdccScrubPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->week_view = kdcc_scrub_week_view_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->week_group), self->week_view);

  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (editor_fields[i].min,
                                                        editor_fields[i].max,
                                                        editor_fields[i].step);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), editor_fields[i].digits);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(editor_fields[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   kdcc_scrub_option_name (editor_fields[i].option));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->editor_group), row);
      self->spins[editor_fields[i].option] = spin;
      g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed_cb), self);
    }
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_set_margin_top (self->status_label, 12);
  gtk_widget_set_visible (self->status_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->editor_group), self->status_label);
  g_signal_connect (self->stage_button, "clicked", G_CALLBACK (stage_clicked_cb), self);
  g_signal_connect (self->osd_button, "clicked", G_CALLBACK (osd_deep_scrub_clicked_cb), self);
}

GtkWidget *
kdcc_scrub_panel_new (void)
{
  return g_object_new (KDCC_TYPE_SCRUB_PANEL, NULL);
}

const KdccScrubReport *
kdcc_scrub_panel_get_report (KdccScrubPanel *self)
{
  g_return_val_if_fail (KDCC_IS_SCRUB_PANEL (self), NULL);
  return self->report;
}

const char *
kdcc_scrub_panel_get_status (KdccScrubPanel *self)
{
  g_return_val_if_fail (KDCC_IS_SCRUB_PANEL (self), NULL);
  return self->status;
}
