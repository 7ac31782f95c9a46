/* kdcc-jobs-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-job-manager.h"

G_BEGIN_DECLS

#define KDCC_TYPE_JOBS_BUTTON (kdcc_jobs_button_get_type ())

G_DECLARE_FINAL_TYPE (KdccJobsButton, kdcc_jobs_button, KDCC, JOBS_BUTTON, GtkWidget)

/* The header's view of a KdccJobManager: a menu button that is visible only
 * while the manager holds jobs, shows a spinner and the number of running
 * jobs while any runs, and opens a popover listing every job (KdccJobRow:
 * title, progress, status, Cancel) with "Clear Finished" below.
 * Property: job-manager. */
GtkWidget      *kdcc_jobs_button_new              (void);
KdccJobManager *kdcc_jobs_button_get_job_manager  (KdccJobsButton *self);
void            kdcc_jobs_button_set_job_manager  (KdccJobsButton *self,
                                                   KdccJobManager *job_manager);

/* For tests and screenshots. */
GtkWidget      *kdcc_jobs_button_get_menu_button  (KdccJobsButton *self);
GtkWidget      *kdcc_jobs_button_get_popover      (KdccJobsButton *self);
GtkListBox     *kdcc_jobs_button_get_list         (KdccJobsButton *self);
GtkWidget      *kdcc_jobs_button_get_clear_button (KdccJobsButton *self);
const char     *kdcc_jobs_button_get_count_text   (KdccJobsButton *self);

G_END_DECLS
