/* kdcc-stage-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdcc-session.h"
#include "kdcc-staging.h"

G_BEGIN_DECLS

/* Called with what became of a request: the text for the control's status
 * line ("Staged: ceph osd pool set rbd size 3", or why not) and whether
 * the change is now staged. */
typedef void (*KdccStageRequestFunc) (GtkWidget  *owner,
                                      const char *status,
                                      gboolean    staged);

/* Stages OPERATION on the staging area of SESSION's cluster, as every
 * control page does: checks it against the cluster
 * (kdcc_operation_check_target), and, when its risk is above LOW and not
 * CONFIRMED, first asks in a dialog that names the risk's reason and the
 * exact command ("Stage Anyway" stages it with the reason as its
 * confirmation; "Cancel" reports nothing). The old value is read on a
 * worker thread; FUNC is called on OWNER (kept alive meanwhile) when done,
 * unless CANCELLABLE was cancelled. */
void       kdcc_stage_request          (GtkWidget            *owner,
                                        KdccSession          *session,
                                        KdccOperation        *operation,
                                        gboolean              confirmed,
                                        GCancellable         *cancellable,
                                        KdccStageRequestFunc  func);

/* The confirmation dialog a request has open, or NULL; for tests. */
AdwMessageDialog *kdcc_stage_request_get_dialog (void);

/* The status line of a group of controls: what the last request became
 * (what FUNC was given), green when staged, red when not. A new one is
 * hidden, wraps and can be selected (to copy the command); STATUS NULL
 * hides it again. _get is its text, or NULL while hidden. */
GtkWidget  *kdcc_stage_status_new (void);
void        kdcc_stage_status_set (GtkWidget  *label,
                                   const char *status,
                                   gboolean    staged);
const char *kdcc_stage_status_get (GtkWidget  *label);

G_END_DECLS
