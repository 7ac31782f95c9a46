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

G_END_DECLS
