/* kdcc-diagnostics-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-impact.h"

#include <glib.h>

G_BEGIN_DECLS

/* Pure analysis of a gathered diagnostic bundle: the JSON documents go in,
 * findings and the SUMMARY.txt a person reads first come out. No I/O, no
 * cluster: the unit tests feed it captured fixtures. */

typedef enum
{
  KDCC_FINDING_ERROR,
  KDCC_FINDING_WARNING,
  KDCC_FINDING_INFO,
} KdccFindingSeverity;

typedef struct
{
  KdccFindingSeverity  severity;
  char                *topic;    /* untranslated tag: "health", "osd-down", … */
  char                *code;     /* the Ceph health check code, or NULL */
  char                *message;  /* one line for people (translated) */
  GPtrArray           *details;  /* more lines (char *), may be empty */
  char                *file;     /* the bundle file that shows it */
  KdccImpact           impact;   /* what it means for the data; findings are ranked by it */
} KdccDiagnosticsFinding;

void kdcc_diagnostics_finding_free (KdccDiagnosticsFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccDiagnosticsFinding, kdcc_diagnostics_finding_free)

/* The bundle files the analysis reads (relative to the bundle root). */
#define KDCC_DIAG_FILE_STATUS           "ceph/status.json"
#define KDCC_DIAG_FILE_HEALTH_DETAIL    "ceph/health-detail.json"
#define KDCC_DIAG_FILE_VERSIONS         "ceph/versions.json"
#define KDCC_DIAG_FILE_DF_DETAIL        "ceph/df-detail.json"
#define KDCC_DIAG_FILE_OSD_TREE         "ceph/osd-tree.json"
#define KDCC_DIAG_FILE_OSD_DF_TREE      "ceph/osd-df-tree.json"
#define KDCC_DIAG_FILE_OSD_DUMP         "ceph/osd-dump.json"
#define KDCC_DIAG_FILE_POOL_LS_DETAIL   "ceph/osd-pool-ls-detail.json"
#define KDCC_DIAG_FILE_QUORUM_STATUS    "ceph/quorum-status.json"
#define KDCC_DIAG_FILE_MGR_DUMP         "ceph/mgr-dump.json"
#define KDCC_DIAG_FILE_PG_DUMP_STUCK    "ceph/pg-dump-stuck.json"
#define KDCC_DIAG_FILE_PG_DUMP_BRIEF    "ceph/pg-dump-pgs-brief.json"
#define KDCC_DIAG_FILE_CRASH_LS         "ceph/crash-ls.json"
#define KDCC_DIAG_FILE_TIME_SYNC        "ceph/time-sync-status.json"
#define KDCC_DIAG_DIR_CRASH             "ceph/crash"
#define KDCC_DIAG_FILE_DASH_HEALTH      "dashboard/health-full.json"

/* The bundle file of one crash report: ceph/crash/<id>.json, with the
 * characters of the id that are awkward in file names replaced. */
char      *kdcc_diagnostics_crash_file (const char *crash_id);

/* documents: bundle file name → GBytes of JSON (missing files are simply
 * not analysed). Returns KdccDiagnosticsFinding*, worst first, in a stable
 * order. Malformed documents give an info finding, never a crash. */
GPtrArray *kdcc_diagnostics_analyse (GHashTable *documents);

typedef struct
{
  const char *kdcc_version;
  const char *created;           /* ISO 8601 */
  const char *source_kind;       /* "rados", "dashboard", … */
  const char *fsid;              /* may be NULL */
  gboolean    redacted;
  guint       redactions;        /* total replaced */
  guint       n_items;
  guint       n_ok;
  GPtrArray  *failed;            /* char *: "item: error" lines */
  GPtrArray  *not_gathered;      /* char *: what this transport cannot gather */
  double      duration_s;
} KdccDiagnosticsSummaryInfo;

/* SUMMARY.txt: a header, the findings grouped by severity, each with the
 * file to look at, then what failed and what could not be gathered. */
char      *kdcc_diagnostics_summary_render (const KdccDiagnosticsSummaryInfo *info,
                                            GPtrArray                        *findings);

G_END_DECLS
