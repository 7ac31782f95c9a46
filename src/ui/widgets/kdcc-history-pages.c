/* kdcc-history-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-history-pages"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-history-pages.h"

static KdccHistorySection *
add_section (AdwPreferencesPage *page,
             KdccSession        *session)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *section = kdcc_history_section_new ();

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), section);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  kdcc_history_section_set_session (KDCC_HISTORY_SECTION (section), session);
  return KDCC_HISTORY_SECTION (section);
}

static KdccHistoryChart *
add_chart (KdccHistorySection *section,
           const char         *title,
           KdccChartUnit       unit)
{
  GtkWidget *chart = kdcc_history_chart_new (title, unit, FALSE);

  kdcc_history_section_add_chart (section, KDCC_HISTORY_CHART (chart));
  return KDCC_HISTORY_CHART (chart);
}

KdccHistorySection *
kdcc_history_pages_add_osd (AdwPreferencesPage *page,
                            KdccSession        *session,
                            gint64              osd_id)
{
  g_autofree char *label = g_strdup_printf ("osd.%" G_GINT64_FORMAT, osd_id);
  KdccHistorySection *section;
  KdccHistoryChart *chart;

  g_return_val_if_fail (ADW_IS_PREFERENCES_PAGE (page), NULL);

  if (session == NULL)
    return NULL;
  section = add_section (page, session);
  chart = add_chart (section, _("Latency"), KDCC_CHART_UNIT_MILLISECONDS);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_OSD_COMMIT_LATENCY, label, _("Commit"));
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_OSD_APPLY_LATENCY, label, _("Apply"));
  /* The history keeps utilization in percent, the chart a fraction. */
  chart = add_chart (section, _("Utilization"), KDCC_CHART_UNIT_PERCENT);
  kdcc_history_chart_set_value_scale (chart, 0.01);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_OSD_UTILIZATION, label, _("Used"));
  return section;
}

KdccHistorySection *
kdcc_history_pages_add_pool (AdwPreferencesPage *page,
                             KdccSession        *session,
                             const char         *pool)
{
  KdccHistorySection *section;
  KdccHistoryChart *chart;

  g_return_val_if_fail (ADW_IS_PREFERENCES_PAGE (page), NULL);
  g_return_val_if_fail (pool != NULL, NULL);

  if (session == NULL)
    return NULL;
  section = add_section (page, session);
  chart = add_chart (section, _("Client Throughput"), KDCC_CHART_UNIT_BYTES_PER_SECOND);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_POOL_READ_BYTES, pool, _("Read"));
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_POOL_WRITE_BYTES, pool, _("Write"));
  chart = add_chart (section, _("Client Operations"), KDCC_CHART_UNIT_OPS);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_POOL_READ_OPS, pool, _("Read"));
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_POOL_WRITE_OPS, pool, _("Write"));
  chart = add_chart (section, _("Usage"), KDCC_CHART_UNIT_BYTES);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_POOL_STORED, pool, _("Stored"));
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_POOL_MAX_AVAIL, pool, _("Max available"));
  kdcc_history_section_set_forecast (section, TRUE, pool);
  return section;
}

KdccHistorySection *
kdcc_history_pages_add_host (AdwPreferencesPage *page,
                             KdccSession        *session,
                             const GArray       *osd_ids)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  KdccHistorySection *section;
  KdccHistoryChart *chart;

  g_return_val_if_fail (ADW_IS_PREFERENCES_PAGE (page), NULL);

  if (session == NULL || osd_ids == NULL || osd_ids->len == 0)
    return NULL;
  for (guint i = 0; i < osd_ids->len; i++)
    g_ptr_array_add (labels, g_strdup_printf ("osd.%" G_GINT64_FORMAT,
                                              g_array_index (osd_ids, gint64, i)));
  g_ptr_array_add (labels, NULL);

  section = add_section (page, session);
  /* One series per OSD of the host: a slow disk stands out against its
   * neighbours. */
  chart = add_chart (section, _("Commit Latency per OSD"), KDCC_CHART_UNIT_MILLISECONDS);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_OSD_COMMIT_LATENCY, NULL, NULL);
  kdcc_history_chart_set_label_filter (chart, (const char * const *) labels->pdata);
  chart = add_chart (section, _("Utilization per OSD"), KDCC_CHART_UNIT_PERCENT);
  kdcc_history_chart_set_value_scale (chart, 0.01);
  kdcc_history_chart_add_metric (chart, KDCC_HISTORY_OSD_UTILIZATION, NULL, NULL);
  kdcc_history_chart_set_label_filter (chart, (const char * const *) labels->pdata);
  return section;
}
