/* kdcc-dashboard-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-dashboard-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-history.h"
#include "kdcc-panel.h"

struct _KdccDashboardHistory
{
  GtkWidget           parent_instance;

  /* Template widgets */
  KdccHistorySection *section;

  /* Borrowed references */
  KdccPanel          *panel;   /* the ancestor followed while rooted */
};

G_DEFINE_FINAL_TYPE (KdccDashboardHistory, kdcc_dashboard_history, GTK_TYPE_WIDGET)

static void
panel_session_cb (KdccPanel            *panel,
                  GParamSpec           *pspec,
                  KdccDashboardHistory *self)
{
  KdccSession *session = kdcc_panel_get_session (panel);

  /* Without a connection there is no history to ask (a panel shown on
   * snapshots alone): empty charts would only look broken. */
  gtk_widget_set_visible (GTK_WIDGET (self), session != NULL);
  kdcc_history_section_set_session (self->section, session);
}

static void
kdcc_dashboard_history_root (GtkWidget *widget)
{
  KdccDashboardHistory *self = KDCC_DASHBOARD_HISTORY (widget);

  GTK_WIDGET_CLASS (kdcc_dashboard_history_parent_class)->root (widget);

  self->panel = kdcc_panel_follow_session (widget, (KdccPanelSessionFunc) panel_session_cb,
                                           self);
}

static void
kdcc_dashboard_history_unroot (GtkWidget *widget)
{
  KdccDashboardHistory *self = KDCC_DASHBOARD_HISTORY (widget);

  kdcc_panel_unfollow_session (self->panel, self);
  self->panel = NULL;

  GTK_WIDGET_CLASS (kdcc_dashboard_history_parent_class)->unroot (widget);
}

static void
add_chart (KdccDashboardHistory *self,
           const char           *title,
           KdccChartUnit         unit,
           KdccHistoryMetric     first,
           const char           *first_title,
           KdccHistoryMetric     second,
           const char           *second_title)
{
  GtkWidget *chart = kdcc_history_chart_new (title, unit, FALSE);

  kdcc_history_chart_add_metric (KDCC_HISTORY_CHART (chart), first, NULL, first_title);
  if (second_title != NULL)
    kdcc_history_chart_add_metric (KDCC_HISTORY_CHART (chart), second, NULL, second_title);
  kdcc_history_section_add_chart (self->section, KDCC_HISTORY_CHART (chart));
}

static void
kdcc_dashboard_history_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KDCC_TYPE_DASHBOARD_HISTORY);

  G_OBJECT_CLASS (kdcc_dashboard_history_parent_class)->dispose (object);
}

static void
kdcc_dashboard_history_class_init (KdccDashboardHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_dashboard_history_dispose;
  widget_class->root = kdcc_dashboard_history_root;
  widget_class->unroot = kdcc_dashboard_history_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-dashboard-history.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardHistory, section);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_dashboard_history_init (KdccDashboardHistory *self)
{
  g_type_ensure (KDCC_TYPE_HISTORY_SECTION);
  gtk_widget_init_template (GTK_WIDGET (self));

  add_chart (self, _("Client Throughput"), KDCC_CHART_UNIT_BYTES_PER_SECOND,
             KDCC_HISTORY_CLIENT_READ_BYTES, _("Read"), KDCC_HISTORY_CLIENT_WRITE_BYTES, _("Write"));
  add_chart (self, _("Client Operations"), KDCC_CHART_UNIT_OPS,
             KDCC_HISTORY_CLIENT_READ_OPS, _("Read"), KDCC_HISTORY_CLIENT_WRITE_OPS, _("Write"));
  add_chart (self, _("Recovery"), KDCC_CHART_UNIT_BYTES_PER_SECOND,
             KDCC_HISTORY_RECOVERY_BYTES, _("Recovery"), 0, NULL);
  add_chart (self, _("Raw Capacity"), KDCC_CHART_UNIT_BYTES,
             KDCC_HISTORY_CAPACITY_USED, _("Used"), KDCC_HISTORY_CAPACITY_TOTAL, _("Total"));
  kdcc_history_section_set_forecast (self->section, TRUE, NULL);
}

GtkWidget *
kdcc_dashboard_history_new (void)
{
  return g_object_new (KDCC_TYPE_DASHBOARD_HISTORY, NULL);
}

KdccHistorySection *
kdcc_dashboard_history_get_section (KdccDashboardHistory *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_HISTORY (self), NULL);

  return self->section;
}
