/* kdcc-health-links.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-subject.h"

G_BEGIN_DECLS

/* What a health check names, read from its code, summary and detail lines
 * as Ceph writes them, so an alert links to its subjects:
 *
 *   OSD_DOWN, OSD_NEARFULL, OSD_FULL, SLOW_OPS, BLUESTORE_*, ... -> osd.N
 *   OSD_HOST_DOWN                                    -> host/NAME
 *   POOL_*, LARGE_OMAP_OBJECTS, ...                   -> pool/NAME
 *   PG_*, OSD_SCRUB_ERRORS                            -> pgs, with the PG ids
 *   MON_*, AUTH_INSECURE_GLOBAL_ID_RECLAIM*           -> mons
 *   MGR_*, MGR_MODULE_*                               -> mgrs, with the module
 *   RECENT_CRASH                                      -> the crashed daemons
 *
 * Subjects come in the order the check names them, each once. A check that
 * names nothing KDCC can show (OSDMAP_FLAGS, an unknown code) has no
 * subjects: link it to health/CODE. */
typedef struct
{
  GPtrArray *subjects;   /* (element-type KdccSubject) */
  GPtrArray *pgids;      /* (element-type utf8) PGs named, for the pgs subject's filter */
  char      *mgr_module; /* the mgr module a MGR_MODULE_* check names, or NULL */
} KdccHealthLinks;

/* SUMMARY and DETAIL (NULL-terminated) may be NULL. Never returns NULL. */
KdccHealthLinks *kdcc_health_links_new   (const char          *code,
                                          const char          *summary,
                                          const char * const  *detail);
void             kdcc_health_links_free  (KdccHealthLinks     *links);
/* The first subject, or health/CODE when the check names none; a new
 * subject (free with kdcc_subject_free()). */
KdccSubject     *kdcc_health_links_dup_primary (const KdccHealthLinks *links,
                                                const char            *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccHealthLinks, kdcc_health_links_free)

G_END_DECLS
