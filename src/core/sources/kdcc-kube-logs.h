/* kdcc-kube-logs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-http-stream.h"
#include "kdcc-kube-client.h"

G_BEGIN_DECLS

/* Pod logs, always bounded: the last TAIL_LINES lines (0: the default,
 * KDCC_KUBE_LOG_DEFAULT_LINES) and at most LIMIT_BYTES (0: the default,
 * KDCC_KUBE_LOG_DEFAULT_BYTES), as kubectl logs --tail --limit-bytes asks
 * the API server. CONTAINER NULL: the pod's only container (the API server
 * refuses a pod with several). A denial names the verb and "pods/log". */

#define KDCC_KUBE_LOG_DEFAULT_LINES 500
#define KDCC_KUBE_LOG_DEFAULT_BYTES (1024 * 1024)
/* A followed log reads at most this much in total before it stops. */
#define KDCC_KUBE_LOG_FOLLOW_BYTES  (16 * 1024 * 1024)

/* Blocks: call it from a worker thread. Returns the text (valid UTF-8:
 * bytes that are not become U+FFFD). */
char           *kdcc_kube_pod_log_get    (KdccKubeClient  *client,
                                          const char      *namespace,
                                          const char      *pod,
                                          const char      *container,
                                          guint            tail_lines,
                                          guint64          limit_bytes,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* A followed log (follow=true) as a KdccHttpStream that is not started
 * yet: connect to "event" (one line each) and "finished" (the pod went or
 * the stream failed), then kdcc_http_stream_start(). It begins with the
 * last TAIL_LINES lines and never reconnects (a new connection would
 * repeat lines); it stops after KDCC_KUBE_LOG_FOLLOW_BYTES. */
KdccHttpStream *kdcc_kube_pod_log_follow (KdccKubeClient  *client,
                                          const char      *namespace,
                                          const char      *pod,
                                          const char      *container,
                                          guint            tail_lines);

G_END_DECLS
