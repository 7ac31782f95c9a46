/* kdcc-diagnostics-summary-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by kdcc-diagnostics-summary.c and kdcc-diagnostics-checks.c.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-diagnostics-summary.h"

G_BEGIN_DECLS

/* Detail lines shown under one finding; the file has the rest. */
#define MAX_DETAILS 10

/* Appends a finding to findings and returns it; takes message. */
KdccDiagnosticsFinding *add_finding                (GPtrArray              *findings,
                                                    KdccFindingSeverity     severity,
                                                    const char             *topic,
                                                    const char             *code,
                                                    const char             *file,
                                                    char                   *message);
/* Takes line. */
void                    add_detail         (KdccDiagnosticsFinding *finding,
                                                    char                   *line);
/* Up to MAX_DETAILS lines of lines, then "… and N more". */
void                    add_details_capped (KdccDiagnosticsFinding *finding,
                                                    GPtrArray              *lines);
/* The same, where Ceph itself left MORE items out (its "31 more pgs... "
 * line): N counts them too. */
void                    add_details_capped_more (KdccDiagnosticsFinding *finding,
                                                 GPtrArray              *lines,
                                                 guint64                 more);
/* Parses documents[file]; NULL when missing. A document that does not
 * parse gives an info finding so the reader knows why it was skipped. */
JsonNode               *document_load              (GHashTable             *documents,
                                                    const char             *file,
                                                    GPtrArray              *findings);

/* kdcc-diagnostics-checks.c */
void check_health (GHashTable *documents,
                   GPtrArray  *findings);
void check_osds   (GHashTable *documents,
                   GPtrArray  *findings,
                   JsonObject *osd_dump);
void check_pools  (GHashTable *documents,
                   GPtrArray  *findings,
                   JsonObject *osd_dump);
void check_flags  (GPtrArray  *findings,
                   JsonObject *osd_dump);
void check_pgs    (GHashTable *documents,
                   GPtrArray  *findings);

G_END_DECLS
