/* kdcc-diagnostics-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the parts of KdccDiagnostics share: kdcc-diagnostics-items.c (the
 * item tables and the tasks made from them), kdcc-diagnostics-scheduler.c
 * (running the tasks on worker threads), kdcc-diagnostics-bundle.c (the
 * manifest, the summary and the .tar.gz) and kdcc-diagnostics.c (the
 * GObject and the async entry point). Not installed, not for other files.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-diagnostics.h"
#include "kdcc-job.h"
#include "kdcc-owner.h"

G_BEGIN_DECLS

/* How many crash reports get their `crash info`: the newest ones are what a
 * support engineer reads; older ones are still listed in crash-ls. */
#define MAX_CRASH_INFOS 10

typedef enum
{
  TASK_PENDING,
  TASK_RUNNING,
  TASK_DONE,
  TASK_FAILED,
  TASK_TIMED_OUT,
  TASK_NOT_AVAILABLE,
  TASK_CANCELLED,
} DiagTaskState;

/* One gathered file. */
typedef struct
{
  char                     *name;
  char                     *file;
  char                     *command;    /* what was sent (JSON or path) */
  KdccDiagnosticsTarget     target;
  KdccDiagnosticsItemFlags  flags;
  gboolean                  is_json;

  DiagTaskState             state;
  GDateTime                *started;
  gint64                    start_us;   /* monotonic */
  gint64                    duration_us;
  GBytes                   *data;
  char                     *ceph_status;
  char                     *error;
} DiagTask;

typedef enum
{
  GATE_UNKNOWN,
  GATE_OPEN,
  GATE_DEAD,
} GateState;

typedef struct
{
  GateState  state;
  DiagTask  *probe;
  char      *reason;
} Gate;

/* MON, MGR and DASHBOARD are the first three targets. */
#define N_GATED_TARGETS 3

/* One gathering run: state shared by the coordinator and worker threads. */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;
  GCond            cond;

  KdccSource      *source;
  GCancellable    *cancellable;
  KdccOwner        owner;        /* the caller of kdcc_diagnostics_gather_async() */
  KdccDiagnostics *self;         /* a strong ref, for progress only */
  KdccJob         *job;          /* what the user sees of this run */
  guint            generation;

  gboolean         redact;
  guint            max_parallel;
  gint64           timeout_us;
  GStrv            refresh_errors;
  /* The session's: whose staging area and audit log to include (NULL:
   * all), and the fsid recorded when status cannot say. */
  char            *fsid;
  char            *output_path;

  GPtrArray       *tasks;         /* DiagTask* */
  /* Per target (mon, mgr, dashboard): the first item is a probe, run
   * alone; when it, or any later item, gets no answer at all, the rest of
   * that target is skipped instead of each waiting for its own timeout. */
  Gate             gates[N_GATED_TARGETS];
  guint            n_running;
  guint            n_finished;
  gboolean         over;          /* no more progress, results ignored */
  gulong           cancel_id;

  /* Results for the object, filled by the coordinator. */
  char            *summary;
  guint            n_failed;
  guint            n_not_available;
  guint            n_items;
  guint            n_cluster_ok;
  guint            n_redactions;
  goffset          bundle_size;
  double           duration;
  char            *first_error;
} DiagRun;

/* kdcc-diagnostics-items.c */
DiagTask  *_kdcc_diagnostics_task_new        (const char               *name,
                                              const char               *file,
                                              KdccDiagnosticsTarget     target,
                                              const char               *command,
                                              KdccDiagnosticsItemFlags  flags,
                                              gboolean                  is_json);
void       _kdcc_diagnostics_task_free       (gpointer                  data);
void       _kdcc_diagnostics_add_item_tasks  (DiagRun                  *run);
void       _kdcc_diagnostics_add_kdcc_tasks  (DiagRun                  *run);
GBytes    *_kdcc_diagnostics_node_to_bytes   (JsonNode                 *node);

/* kdcc-diagnostics-kube.c: the Kubernetes target, for a Kubernetes
 * connection (nothing for the others). */
void       _kdcc_diagnostics_add_kube_tasks  (DiagRun                  *run);
GBytes    *_kdcc_diagnostics_kube_gather     (KdccSource               *source,
                                              const char               *command,
                                              GCancellable             *cancellable,
                                              GError                  **error);
/* A dashboard item through the service proxy of a Kubernetes connection. */
GBytes    *_kdcc_diagnostics_kube_dashboard_get (KdccSource            *source,
                                                 const char            *path,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

/* kdcc-diagnostics-scheduler.c */
DiagRun   *_kdcc_diagnostics_run_new         (void);
DiagRun   *_kdcc_diagnostics_run_ref         (DiagRun                  *run);
void       _kdcc_diagnostics_run_unref       (DiagRun                  *run);
void       _kdcc_diagnostics_run_start_watch (DiagRun                  *run);
void       _kdcc_diagnostics_run_stop_watch  (DiagRun                  *run);
/* Runs every task; FALSE when cancelled. */
gboolean   _kdcc_diagnostics_run_tasks       (DiagRun                  *run);

/* kdcc-diagnostics-bundle.c */
GPtrArray *_kdcc_diagnostics_build_bundle    (DiagRun                  *run,
                                              GDateTime                *created,
                                              double                    duration_s);
gboolean   _kdcc_diagnostics_write_bundle    (const char               *output_path,
                                              GPtrArray                *files,
                                              GDateTime                *created,
                                              goffset                  *out_size,
                                              GCancellable             *cancellable,
                                              GError                  **error);

/* kdcc-diagnostics.c: progress of a run, from any thread; shown on the
 * main context of the caller of kdcc_diagnostics_gather_async(). */
void       _kdcc_diagnostics_post_progress   (DiagRun                  *run,
                                              guint                     done,
                                              guint                     total,
                                              const char               *item,
                                              gboolean                  finished);

G_END_DECLS
