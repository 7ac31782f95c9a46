/* kdcc-versions-exporters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-versions-exporters"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-exporters.h"
#include "kdcc-mgr-module.h"
#include "kdcc-session-history.h"
#include "kdcc-versions-exporters.h"

struct _KdccVersionsExporters
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *exporter_row;
  AdwActionRow        *prometheus_row;
  AdwActionRow        *alertmanager_row;
  AdwActionRow        *operator_row;

  KdccSession         *session;
  KdccSessionHistory  *history;        /* borrowed from the session */
  GCancellable        *cancellable;
  KdccExporters       *last;           /* the latest gather, or NULL */
  char                *module_state;   /* the prometheus module's, translated */
  gboolean             gathering;
  guint                n_gathers;
};

G_DEFINE_FINAL_TYPE (KdccVersionsExporters, kdcc_versions_exporters, ADW_TYPE_PREFERENCES_GROUP)

static AdwActionRow *
add_row (KdccVersionsExporters *self,
         const char            *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  return ADW_ACTION_ROW (row);
}

/* "2.42.0 at http://host:9090", or the problem, or none. */
static char *
describe_server (const char *url,
                 const char *version,
                 const char *problem,
                 const char *none)
{
  if (url == NULL)
    return g_strdup (none);
  if (version != NULL)
    /* Translators: a server's version and address: "2.42.0 at http://host:9090" */
    return g_strdup_printf (_("%s at %s"), version, url);
  /* Translators: a server's address and why its version is unknown */
  return g_strdup_printf (_("%s: version unknown (%s)"), url, problem != NULL ? problem : "");
}

static void
show (KdccVersionsExporters *self)
{
  KdccExporters *e = self->last;
  g_autofree char *exporter = NULL;
  g_autofree char *prometheus = NULL;
  g_autofree char *alertmanager = NULL;
  g_autofree char *op = NULL;
  const char *state = self->module_state != NULL ? self->module_state : _("Unknown");

  if (e == NULL)
    {
      exporter = g_strdup (state);
      prometheus = g_strdup (_("Looking…"));
      alertmanager = g_strdup (_("Looking…"));
      op = g_strdup (_("Looking…"));
    }
  else
    {
      if (e->exporter_url != NULL)
        /* Translators: the prometheus mgr module's state and address: "Enabled, at http://…" */
        exporter = g_strdup_printf (_("%s, at %s"), state, e->exporter_url);
      else
        /* Translators: the module's state and why its address is unknown */
        exporter = g_strdup_printf (_("%s; address unknown: %s"), state,
                                    e->exporter_problem != NULL ? e->exporter_problem : "");
      prometheus = describe_server (e->prometheus_url, e->prometheus_version,
                                    e->prometheus_problem,
                                    _("None in use: the history comes from KDCC’s flight recorder"));
      alertmanager = describe_server (e->alertmanager_url, e->alertmanager_version,
                                      e->alertmanager_problem, _("None in use"));
      if (!e->kubernetes)
        op = g_strdup (_("Not a Kubernetes connection"));
      else if (!e->operator_known)
        op = g_strdup (_("Not found yet: the connection has not reached the cluster"));
      else if (e->operator_version != NULL)
        /* Translators: the Rook operator's version and namespace: "v1.16.0 in rook-ceph" */
        op = g_strdup_printf (_("%s in %s"), e->operator_version,
                              e->operator_namespace != NULL ? e->operator_namespace : "?");
      else
        op = g_strdup_printf (_("Version unknown: %s"),
                              e->operator_problem != NULL ? e->operator_problem : "");
    }
  adw_action_row_set_subtitle (self->exporter_row, exporter);
  adw_action_row_set_subtitle (self->prometheus_row, prometheus);
  adw_action_row_set_subtitle (self->alertmanager_row, alertmanager);
  adw_action_row_set_subtitle (self->operator_row, op);
}

static void gather (KdccVersionsExporters *self);

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccVersionsExporters) self = user_data;
  g_autoptr(GError) error = NULL;
  KdccExporters *exporters = kdcc_exporters_gather_finish (result, &error);

  if (exporters == NULL)
    return;
  self->gathering = FALSE;
  g_clear_pointer (&self->last, kdcc_exporters_free);
  self->last = exporters;
  self->n_gathers++;
  show (self);
}

static void
gather (KdccVersionsExporters *self)
{
  if (self->session == NULL || self->gathering)
    return;
  self->gathering = TRUE;
  kdcc_exporters_gather_async (kdcc_session_get_source (self->session),
                               kdcc_session_history_get_prometheus (self->history),
                               kdcc_session_history_get_alertmanager (self->history),
                               self->cancellable, gathered_cb, g_object_ref (self));
}

static void
history_changed_cb (KdccVersionsExporters *self)
{
  /* A gather under way may have missed the change: start afresh. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->gathering = FALSE;
  gather (self);
}

void
kdcc_versions_exporters_update_module (KdccVersionsExporters *self,
                                       KdccCluster           *cluster)
{
  GListModel *modules = cluster != NULL ? kdcc_cluster_get_mgr_modules (cluster) : NULL;
  const char *state = NULL;

  g_return_if_fail (KDCC_IS_VERSIONS_EXPORTERS (self));

  for (guint i = 0; modules != NULL && i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(KdccMgrModule) module = g_list_model_get_item (modules, i);

      if (!g_str_equal (kdcc_mgr_module_get_name (module), "prometheus"))
        continue;
      if (kdcc_mgr_module_get_failed (module))
        state = _("Module “prometheus” failed");
      else if (kdcc_mgr_module_get_enabled (module) || kdcc_mgr_module_get_always_on (module))
        state = _("Module “prometheus” enabled");
      else
        state = _("Module “prometheus” not enabled");
      break;
    }
  if (state == NULL)
    state = modules != NULL && g_list_model_get_n_items (modules) > 0
            ? _("Module “prometheus” not available")
            : _("The connection did not list the manager modules");
  g_free (self->module_state);
  self->module_state = g_strdup (state);
  /* A Kubernetes connection finds its cluster on the first refresh. */
  if (self->last != NULL && self->last->kubernetes && !self->last->operator_known)
    gather (self);
  show (self);
}

void
kdcc_versions_exporters_set_session (KdccVersionsExporters *self,
                                     KdccSession           *session)
{
  g_return_if_fail (KDCC_IS_VERSIONS_EXPORTERS (self));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->gathering = FALSE;
  g_clear_pointer (&self->last, kdcc_exporters_free);
  g_set_object (&self->session, session);
  self->history = NULL;
  if (session != NULL)
    {
      self->history = kdcc_session_history_get (session);
      g_signal_connect_object (self->history, "notify::resolved",
                               G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::alertmanager",
                               G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
      gather (self);
    }
  show (self);
}

const char *
kdcc_versions_exporters_get_row_text (KdccVersionsExporters *self,
                                      const char            *row)
{
  g_return_val_if_fail (KDCC_IS_VERSIONS_EXPORTERS (self), NULL);

  if (g_strcmp0 (row, "exporter") == 0)
    return adw_action_row_get_subtitle (self->exporter_row);
  if (g_strcmp0 (row, "prometheus") == 0)
    return adw_action_row_get_subtitle (self->prometheus_row);
  if (g_strcmp0 (row, "alertmanager") == 0)
    return adw_action_row_get_subtitle (self->alertmanager_row);
  if (g_strcmp0 (row, "operator") == 0)
    return adw_action_row_get_subtitle (self->operator_row);
  return NULL;
}

guint
kdcc_versions_exporters_get_n_gathers (KdccVersionsExporters *self)
{
  g_return_val_if_fail (KDCC_IS_VERSIONS_EXPORTERS (self), 0);

  return self->n_gathers;
}

static void
kdcc_versions_exporters_dispose (GObject *object)
{
  KdccVersionsExporters *self = KDCC_VERSIONS_EXPORTERS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  self->history = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kdcc_versions_exporters_parent_class)->dispose (object);
}

static void
kdcc_versions_exporters_finalize (GObject *object)
{
  KdccVersionsExporters *self = KDCC_VERSIONS_EXPORTERS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last, kdcc_exporters_free);
  g_free (self->module_state);

  G_OBJECT_CLASS (kdcc_versions_exporters_parent_class)->finalize (object);
}

static void
kdcc_versions_exporters_class_init (KdccVersionsExportersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_versions_exporters_dispose;
  object_class->finalize = kdcc_versions_exporters_finalize;
}

static void
kdcc_versions_exporters_init (KdccVersionsExporters *self)
{
  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Operators and Exporters"));
  self->exporter_row = add_row (self, _("Ceph Manager Exporter"));
  self->prometheus_row = add_row (self, _("Prometheus"));
  self->alertmanager_row = add_row (self, _("Alertmanager"));
  self->operator_row = add_row (self, _("Rook Operator"));
  show (self);
}

GtkWidget *
kdcc_versions_exporters_new (void)
{
  return g_object_new (KDCC_TYPE_VERSIONS_EXPORTERS, NULL);
}
