/* kdcc-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  KDCC_JOB_STATE_RUNNING,
  KDCC_JOB_STATE_SUCCEEDED,
  KDCC_JOB_STATE_FAILED,
  KDCC_JOB_STATE_CANCELLED,
} KdccJobState;

#define KDCC_TYPE_JOB (kdcc_job_get_type ())

G_DECLARE_FINAL_TYPE (KdccJob, kdcc_job, KDCC, JOB, GObject)

/* One piece of long work (gathering diagnostics, applying a staged batch, a
 * deep-scrub run, an upgrade) as the user sees it: a title, a status line,
 * progress (a fraction, or pulsing when the end is unknown), a way to
 * cancel, and how it ended.
 *
 * A job belongs to the thread that created it and that thread's
 * thread-default main context. Its properties change and notify only
 * there, and only when a value changes. The setters and the
 * succeed/fail calls may be made from any thread: from another thread the
 * change is queued and applied on the owner's main context in the order the
 * calls were made, so a widget bound to a job never sees a notification
 * from a worker thread. The getters return the owner's view and are meant
 * for the owner thread.
 *
 * Properties (all read-only but title, status, fraction, pulsing): title,
 * status, fraction (0..1), pulsing, state, error (a GError boxed, set when
 * FAILED or CANCELLED), cancellable, result (a GObject or NULL), started,
 * finished (GDateTime, UTC). */
KdccJob       *kdcc_job_new             (const char    *title,
                                         GCancellable  *cancellable);

const char    *kdcc_job_get_title       (KdccJob       *self);
void           kdcc_job_set_title       (KdccJob       *self,
                                         const char    *title);
/* A short line under the title: what is being done now. */
const char    *kdcc_job_get_status      (KdccJob       *self);
void           kdcc_job_set_status      (KdccJob       *self,
                                         const char    *status);
double         kdcc_job_get_fraction    (KdccJob       *self);
/* Setting a fraction (clamped to 0..1) stops pulsing. */
void           kdcc_job_set_fraction    (KdccJob       *self,
                                         double         fraction);
gboolean       kdcc_job_get_pulsing     (KdccJob       *self);
void           kdcc_job_set_pulsing     (KdccJob       *self,
                                         gboolean       pulsing);
/* Fraction and status in one step (status NULL leaves it unchanged). */
void           kdcc_job_set_progress    (KdccJob       *self,
                                         double         fraction,
                                         const char    *status);

KdccJobState   kdcc_job_get_state       (KdccJob       *self);
gboolean       kdcc_job_is_finished     (KdccJob       *self);
const GError  *kdcc_job_get_error       (KdccJob       *self);
GObject       *kdcc_job_get_result      (KdccJob       *self);
GDateTime     *kdcc_job_get_started     (KdccJob       *self);
GDateTime     *kdcc_job_get_finished    (KdccJob       *self);

/* The work watches this; kdcc_job_cancel() cancels it. A job stays
 * RUNNING until its work reports the cancellation with kdcc_job_fail(). */
GCancellable  *kdcc_job_get_cancellable (KdccJob       *self);
void           kdcc_job_cancel          (KdccJob       *self);

/* Ends the job (the first call wins; a later one is a programming error).
 * result may be NULL. An error matching G_IO_ERROR_CANCELLED makes the job
 * CANCELLED, any other FAILED; the error is kept either way. */
void           kdcc_job_succeed         (KdccJob       *self,
                                         gpointer       result);
void           kdcc_job_fail            (KdccJob       *self,
                                         const GError  *error);

/* "Running", "Finished", "Failed" or "Cancelled", translated. */
const char    *kdcc_job_state_to_label  (KdccJobState   state);

G_END_DECLS
