/* kdcc-memory.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gives the heap memory malloc keeps free back to the system, soon and off
 * the main thread. A heavy refresh at 10,000 OSDs parses megabytes of JSON
 * on a worker and replaces lists of thousands of objects; glibc keeps what
 * that freed (in the worker's arena too) as the process' resident memory:
 * about 14 MB with the OSD page open, measured with bench-osd-page on the
 * grown test cluster. KdccMonitor calls this after applying a snapshot
 * that carried the heavy maps. At most one trim is pending at a time; it
 * starts from a low-priority idle of the default main context, once the
 * caller has dropped what it was done with. A no-op without glibc. */
void     kdcc_memory_trim_later   (void);
/* Whether a trim is scheduled or running. */
gboolean kdcc_memory_trim_pending (void);
/* Trims finished since the process started. */
guint    kdcc_memory_get_trims    (void);

G_END_DECLS
