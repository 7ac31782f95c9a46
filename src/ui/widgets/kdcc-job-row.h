/* kdcc-job-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-job.h"

G_BEGIN_DECLS

#define KDCC_TYPE_JOB_ROW (kdcc_job_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccJobRow, kdcc_job_row, KDCC, JOB_ROW, GtkWidget)

/* One job in the jobs popover: its title, a progress bar (pulsing when
 * the job does not know its end), its status or how it ended, and a Cancel
 * button while it runs. Property: job (construct-only). */
GtkWidget  *kdcc_job_row_new               (KdccJob    *job);
KdccJob    *kdcc_job_row_get_job           (KdccJobRow *self);
/* For tests: the Cancel button and the line under the title. */
GtkWidget  *kdcc_job_row_get_cancel_button (KdccJobRow *self);
const char *kdcc_job_row_get_status_text   (KdccJobRow *self);

G_END_DECLS
