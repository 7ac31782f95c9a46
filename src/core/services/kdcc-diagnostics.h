/* kdcc-diagnostics.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-job.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* Where an item is gathered from. KUBERNETES is reserved for the objects
 * and pod logs a later Kubernetes source adds; no item uses it yet. */
typedef enum
{
  KDCC_DIAGNOSTICS_TARGET_MON,
  KDCC_DIAGNOSTICS_TARGET_MGR,
  KDCC_DIAGNOSTICS_TARGET_DASHBOARD,
  KDCC_DIAGNOSTICS_TARGET_KDCC,
  KDCC_DIAGNOSTICS_TARGET_KUBERNETES,
} KdccDiagnosticsTarget;

typedef enum
{
  KDCC_DIAGNOSTICS_ITEM_NONE        = 0,
  KDCC_DIAGNOSTICS_ITEM_TEXT        = 1 << 0,  /* also gather the plain-text form */
  KDCC_DIAGNOSTICS_ITEM_ALL_SECRET  = 1 << 1,  /* every value is a secret (config-key dump) */
  KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS = 1 << 2,  /* follow up with `crash info` of recent crashes */
} KdccDiagnosticsItemFlags;

/* One entry of the item table. For mon/mgr items, command is the Ceph
 * command as JSON without "format"; for dashboard items, a GET path. file
 * is the bundle path without extension (".json" / ".txt" are added). */
typedef struct
{
  const char               *name;
  const char               *file;
  KdccDiagnosticsTarget     target;
  const char               *command;
  KdccDiagnosticsItemFlags  flags;
} KdccDiagnosticsItem;

/* The item tables, for the panel's list and for the tests. */
const KdccDiagnosticsItem *kdcc_diagnostics_get_ceph_items      (guint *n_items);
const KdccDiagnosticsItem *kdcc_diagnostics_get_dashboard_items (guint *n_items);

const char *kdcc_diagnostics_target_to_string (KdccDiagnosticsTarget target);

#define KDCC_TYPE_DIAGNOSTICS (kdcc_diagnostics_get_type ())

G_DECLARE_FINAL_TYPE (KdccDiagnostics, kdcc_diagnostics, KDCC, DIAGNOSTICS, GObject)

/* Gathers everything a support engineer asks for into one redacted
 * .tar.gz: one file per item, manifest.json and SUMMARY.txt.
 *
 * Items run in parallel on worker threads (at most max-parallel at once),
 * each with its own timeout; a failing item is recorded in the manifest and
 * the rest goes on. Progress is reported on the main context that called
 * kdcc_diagnostics_gather_async(): the "progress" signal and the
 * "fraction"/"current-item" properties. The bundle is written to a hidden
 * temporary file next to the target and renamed into place only when it is
 * complete; on failure or cancellation nothing is left behind.
 *
 * Each gathering is also a KdccJob (kdcc_diagnostics_get_job()): its status
 * names the item, its fraction follows the items, its cancellable is the
 * one given to gather_async (cancelling the job cancels the gathering),
 * and it ends SUCCEEDED with the bundle's GFile as result, CANCELLED with
 * G_IO_ERROR_CANCELLED, or FAILED with the error _finish returns.
 *
 * Properties: source (construct-only), redact (default TRUE), max-parallel
 * (default 4), item-timeout (ms, default 60000), fraction, current-item,
 * running. */
KdccDiagnostics *kdcc_diagnostics_new                (KdccSource          *source);

KdccSource      *kdcc_diagnostics_get_source         (KdccDiagnostics     *self);
gboolean         kdcc_diagnostics_get_redact         (KdccDiagnostics     *self);
void             kdcc_diagnostics_set_redact         (KdccDiagnostics     *self,
                                                      gboolean             redact);
guint            kdcc_diagnostics_get_max_parallel   (KdccDiagnostics     *self);
void             kdcc_diagnostics_set_max_parallel   (KdccDiagnostics     *self,
                                                      guint                max_parallel);
guint            kdcc_diagnostics_get_item_timeout   (KdccDiagnostics     *self);
void             kdcc_diagnostics_set_item_timeout   (KdccDiagnostics     *self,
                                                      guint                timeout_ms);
/* Recent refresh errors of the caller's monitor, recorded in the bundle
 * (redacted like everything else). NULL clears them. */
void             kdcc_diagnostics_set_refresh_errors (KdccDiagnostics     *self,
                                                      const char * const  *errors);

/* The cluster whose staging area and audit log go into the bundle
 * (kdcc/staging.json, kdcc/audit-log.json, redacted like everything else);
 * NULL (the default): those of every cluster found on this machine. */
void             kdcc_diagnostics_set_fsid           (KdccDiagnostics     *self,
                                                      const char          *fsid);

double           kdcc_diagnostics_get_fraction       (KdccDiagnostics     *self);
const char      *kdcc_diagnostics_get_current_item   (KdccDiagnostics     *self);
gboolean         kdcc_diagnostics_get_running        (KdccDiagnostics     *self);

/* "kdcc-diagnostics-YYYYmmdd-HHMMSS.tar.gz" for now (local time). */
char            *kdcc_diagnostics_default_file_name  (void);

/* output_path: the .tar.gz to write; its folder must exist. */
void             kdcc_diagnostics_gather_async       (KdccDiagnostics     *self,
                                                      const char          *output_path,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* Returns the path of the bundle written. A cancelled gathering fails with
 * G_IO_ERROR_CANCELLED. */
char            *kdcc_diagnostics_gather_finish      (KdccDiagnostics     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The job of the current or last gathering (NULL before the first); add
 * it to a KdccJobManager to show it in the header. */
KdccJob         *kdcc_diagnostics_get_job            (KdccDiagnostics     *self);

/* After a successful gather: SUMMARY.txt's text, the number of items that
 * failed, of secrets replaced, the bundle's size and the gathering time. */
const char      *kdcc_diagnostics_get_summary        (KdccDiagnostics     *self);
guint            kdcc_diagnostics_get_n_failed       (KdccDiagnostics     *self);
guint            kdcc_diagnostics_get_n_items        (KdccDiagnostics     *self);
/* Items gathered from the cluster (not KDCC's own): 0 means the cluster
 * could not be reached at all. */
guint            kdcc_diagnostics_get_n_cluster_ok   (KdccDiagnostics     *self);
/* The (redacted) error of the first item that failed, or NULL. */
const char      *kdcc_diagnostics_get_first_error    (KdccDiagnostics     *self);
guint            kdcc_diagnostics_get_n_redactions   (KdccDiagnostics     *self);
goffset          kdcc_diagnostics_get_bundle_size    (KdccDiagnostics     *self);
double           kdcc_diagnostics_get_duration       (KdccDiagnostics     *self);

G_END_DECLS
