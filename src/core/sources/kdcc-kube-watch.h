/* kdcc-kube-watch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-kube-client.h"

G_BEGIN_DECLS

#define KDCC_TYPE_KUBE_WATCH (kdcc_kube_watch_get_type ())

G_DECLARE_FINAL_TYPE (KdccKubeWatch, kdcc_kube_watch, KDCC, KUBE_WATCH, GObject)

/* A list followed by a watch of one resource, as client-go's informers do:
 * the list (on a worker thread) gives the objects and the resourceVersion
 * the watch (a KdccHttpStream) starts from; every event moves that version
 * on, so a lost connection resumes where it broke off; when the API server
 * no longer has the version (410 Gone, as an HTTP status or an ERROR event)
 * the watch lists again and starts over.
 *
 * Signals, on the main context of kdcc_kube_watch_start():
 *   "listed" (JsonArray *items)            the whole list, at the start and
 *                                          after every re-list;
 *   "event"  (const char *type, JsonObject *object)
 *                                          ADDED, MODIFIED or DELETED;
 *   "failed" (GError *error)               the watch ended for good (a
 *                                          list failed, a 403, a limit). */
KdccKubeWatch *kdcc_kube_watch_new   (KdccKubeClient          *client,
                                      const KdccKubeResource  *resource,
                                      const char              *namespace,
                                      const char              *label_selector);
void           kdcc_kube_watch_start (KdccKubeWatch           *self);
/* No signal is emitted after it returns. */
void           kdcc_kube_watch_stop  (KdccKubeWatch           *self);
/* Lists made so far (1 after the first; more after 410s). */
guint          kdcc_kube_watch_get_lists (KdccKubeWatch       *self);

G_END_DECLS
