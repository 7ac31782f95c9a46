/* kdcc-pod-log-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-kube-client.h"

G_BEGIN_DECLS

#define KDCC_TYPE_POD_LOG_VIEW (kdcc_pod_log_view_get_type ())

G_DECLARE_FINAL_TYPE (KdccPodLogView, kdcc_pod_log_view, KDCC, POD_LOG_VIEW, GtkWidget)

/* One pod's log: the last N lines of a container (bounded as
 * kdcc-kube-logs.h reads them, off the main thread), a Follow switch that
 * appends what the daemon writes (a KdccHttpStream; the text keeps at most
 * the last N lines), and Copy. Errors (a 403 naming "pods/log") show in
 * place of the text. Properties: loading, following. */
GtkWidget  *kdcc_pod_log_view_new           (KdccKubeClient      *client,
                                             const char          *namespace,
                                             const char          *pod,
                                             const char * const  *containers);
/* For tests: the text shown, the error shown (or NULL), and the controls. */
char       *kdcc_pod_log_view_dup_text      (KdccPodLogView      *self);
const char *kdcc_pod_log_view_get_error     (KdccPodLogView      *self);
gboolean    kdcc_pod_log_view_get_loading   (KdccPodLogView      *self);
gboolean    kdcc_pod_log_view_get_following (KdccPodLogView      *self);
void        kdcc_pod_log_view_set_following (KdccPodLogView      *self,
                                             gboolean             following);
void        kdcc_pod_log_view_set_lines     (KdccPodLogView      *self,
                                             guint                lines);
void        kdcc_pod_log_view_copy          (KdccPodLogView      *self);

G_END_DECLS
