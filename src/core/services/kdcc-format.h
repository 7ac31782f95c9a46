/* kdcc-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-chart-series.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* Pure formatting helpers shared by the GUI and kdcc-cli. They take plain
 * values and return newly allocated, translated strings, so they can be unit
 * tested without a display or a cluster. */

/* "1.5 GiB": binary units, as Ceph itself reports capacity. */
char       *kdcc_format_size            (guint64           bytes);
/* "12.0 MiB/s"; negative or non-finite rates are shown as 0 B/s. */
char       *kdcc_format_byte_rate       (double            bytes_per_second);
/* "0 op/s", "950 op/s", "1.2k op/s", "3.4M op/s" */
char       *kdcc_format_op_rate         (double            ops_per_second);
/* "42%" for 0.42; clamped to 0..100, with one decimal below 10%, and
 * "<0.1%" for anything above 0 that would round to nothing. */
char       *kdcc_format_percent         (double            fraction);
/* "Healthy", "Warning", "Error", "Unknown" */
const char *kdcc_format_health_label    (KdccHealthStatus  status);
/* The one mapping from a health status to how it looks, used by the health
 * badge, the dashboard's alert rows and kdcc-cli:
 * icon: "emblem-ok-symbolic", "dialog-warning-symbolic",
 *       "dialog-error-symbolic", "dialog-question-symbolic";
 * style class (libadwaita's): "success", "warning", "error", "dim-label";
 * tag (as `ceph health detail` marks them): "[OK]", "[WRN]", "[ERR]", "[?]". */
const char *kdcc_format_health_icon_name (KdccHealthStatus status);
const char *kdcc_format_health_css_class (KdccHealthStatus status);
const char *kdcc_format_health_tag       (KdccHealthStatus status);
/* "Healthy", "1 warning", "2 warnings", "1 error", "1 error, 2 warnings";
 * a non-OK status without any checks says "Warning" or "Error". */
char       *kdcc_format_health_sentence (KdccHealthStatus  status,
                                         guint             n_errors,
                                         guint             n_warnings);
/* "just now", "5 seconds ago", "2 minutes ago", "3 hours ago", "4 days ago" */
char       *kdcc_format_age             (gint64            seconds);
/* "Cannot reach the cluster — showing data from 2 minutes ago. Retrying…";
 * when there was never any data: "Cannot reach the cluster. Retrying…" */
char       *kdcc_format_stale_message   (gint64            last_update_usec,
                                         gint64            now_usec);
/* "3 of 3 in quorum" */
char       *kdcc_format_count_of        (gint64            part,
                                         gint64            total);
/* The managers in KDCC's words: "mgr.x active, no standby",
 * "mgr.x active, 2 standbys", "None active, 1 standby". ACTIVE is the
 * active mgr's name (NULL or "" when none is). */
char       *kdcc_format_mgrs            (const char       *active,
                                         guint             standbys);

/* A chart value in its unit: "1.2k op/s", "512 MiB", "12.0 MiB/s", "42%".
 * With exact, as a hover read-out shows it: "1234.5 op/s",
 * "1.2 GiB (1,288,490,188 bytes)", "12.0 MiB/s (12582912 B/s)", "42.37%".
 * NaN is "—" (no data). */
char       *kdcc_format_chart_value     (KdccChartUnit     unit,
                                         double            value,
                                         gboolean          exact);

G_END_DECLS
