/* kdcc-job-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-job.h"

G_BEGIN_DECLS

#define KDCC_TYPE_JOB_MANAGER (kdcc_job_manager_get_type ())

G_DECLARE_FINAL_TYPE (KdccJobManager, kdcc_job_manager, KDCC, JOB_MANAGER, GObject)

/* The long work of one window (or one kdcc-cli run): a GListModel of
 * KdccJob in the order they were added. Running jobs stay until they end;
 * finished ones stay too, so the user can read how they ended, until
 * kdcc_job_manager_clear_finished(). Jobs are watched on the manager's
 * thread (the owner thread of the jobs it holds).
 *
 * Properties: n-items (jobs held), n-running (jobs still RUNNING); both
 * notify only when they change. */
KdccJobManager *kdcc_job_manager_new             (void);

/* Appends job (a new reference is taken). Adding a job twice does
 * nothing. */
void            kdcc_job_manager_add             (KdccJobManager *self,
                                                  KdccJob        *job);
guint           kdcc_job_manager_get_n_running   (KdccJobManager *self);
/* Removes every job that has ended, in as few items-changed as the
 * positions allow (one per run of adjacent finished jobs). */
void            kdcc_job_manager_clear_finished  (KdccJobManager *self);
/* Cancels every running job (each ends when its work notices). */
void            kdcc_job_manager_cancel_all      (KdccJobManager *self);

G_END_DECLS
