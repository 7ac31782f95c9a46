/* kdcc-audit-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-operation-runner.h"

G_BEGIN_DECLS

/* One line of the audit log. Properties (read-only): time (GDateTime,
 * UTC), user (the local user), fsid, connection ("librados",
 * "dashboard", ...), action ("apply" or "rollback"), change (a short
 * description: "osd.1 osd_max_backfills = 3"), cli (the CLI equivalent),
 * result ("verified", "differs", "unverified" or "failed"), message (why it
 * failed, or what was read back; may be NULL). */
#define KDCC_TYPE_AUDIT_ENTRY (kdcc_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (KdccAuditEntry, kdcc_audit_entry, KDCC, AUDIT_ENTRY, GObject)

GDateTime  *kdcc_audit_entry_get_time       (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_user       (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_fsid       (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_connection (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_action     (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_change     (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_cli        (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_result     (KdccAuditEntry *self);
const char *kdcc_audit_entry_get_message    (KdccAuditEntry *self);
/* The entry as the JSON object of its line. */
char       *kdcc_audit_entry_to_json        (KdccAuditEntry *self);

#define KDCC_TYPE_AUDIT_LOG (kdcc_audit_log_get_type ())

G_DECLARE_FINAL_TYPE (KdccAuditLog, kdcc_audit_log, KDCC, AUDIT_LOG, GObject)

/* The audit log of one cluster: a local, append-only file of JSON lines,
 * shared by the app and kdcc-cli, read back as a GListModel of
 * KdccAuditEntry, oldest first. PATH NULL: the default file,
 * kdcc_audit_log_default_path (FSID). Property: fsid, path, n-items. */
KdccAuditLog *kdcc_audit_log_new          (const char           *fsid,
                                           const char           *path);
/* $XDG_DATA_HOME/kdcc/audit/FSID.jsonl */
char         *kdcc_audit_log_default_path (const char           *fsid);
const char   *kdcc_audit_log_get_fsid     (KdccAuditLog         *self);
const char   *kdcc_audit_log_get_path     (KdccAuditLog         *self);
/* Reads the file (a missing file is an empty log); lines that do not
 * parse are skipped, not fatal: the log is evidence, keep what is there. */
gboolean      kdcc_audit_log_load         (KdccAuditLog         *self,
                                           GError              **error);
/* Appends one line for RESULT (ACTION "apply" or "rollback") with one
 * write(2) in O_APPEND mode, then adds the entry to the model. May be
 * called from a worker thread (the staging job does): the file is written
 * at once, the model changes on the thread that created the log. */
gboolean      kdcc_audit_log_append       (KdccAuditLog         *self,
                                           const char           *connection,
                                           const char           *action,
                                           KdccOperationResult  *result,
                                           GError              **error);
/* Appends one line for something that is not a single operation: a step
 * of an upgrade ("upgrade-restart": a daemon restarted through the
 * restart command, "upgrade-pause", ...) or of a set-up install (a kubectl
 * or helm step). CLI: the command that did it, or NULL; RESULT as for
 * operations ("verified", "failed", ...), "done" or "cancelled"; MESSAGE
 * (nullable) why it failed.
 * Any thread, like kdcc_audit_log_append. */
gboolean      kdcc_audit_log_append_event (KdccAuditLog         *self,
                                           const char           *connection,
                                           const char           *action,
                                           const char           *change,
                                           const char           *cli,
                                           const char           *result,
                                           const char           *message,
                                           GError              **error);
/* Writes the whole log (JSON lines) to PATH. */
gboolean      kdcc_audit_log_export       (KdccAuditLog         *self,
                                           const char           *path,
                                           GError              **error);
/* The log's text, for the diagnostics bundle; NULL when there is none. */
char         *kdcc_audit_log_read_text    (const char           *fsid);

/* "verified", "differs", "unverified", "failed" */
const char   *kdcc_operation_outcome_to_string (KdccOperationOutcome outcome);

G_END_DECLS
