/* kdcc-diagnostics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-diagnostics"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <rados/librados.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics-summary.h"
#include "kdcc-diagnostics.h"
#include "kdcc-error.h"
#include "kdcc-rados-source.h"
#include "kdcc-redactor.h"

/* How many crash reports get their `crash info`: the newest ones are what a
 * support engineer reads; older ones are still listed in crash-ls. */
#define MAX_CRASH_INFOS 10
#define LOG_LAST_LINES  "1000"

/* ------------------------------------------------------------------------
 * Item tables
 * ------------------------------------------------------------------------ */

#define MON KDCC_DIAGNOSTICS_TARGET_MON
#define MGR KDCC_DIAGNOSTICS_TARGET_MGR
#define TEXT KDCC_DIAGNOSTICS_ITEM_TEXT

/* Targets verified on Ceph 16.2.15: `osd df`, `osd perf`, `osd blocked-by`,
 * `osd pool autoscale-status`, `pg *`, `crash *` and `device ls` are mgr
 * commands (the mon only proxies them); the rest are mon commands. The
 * plain-text form is gathered where Ceph prints a table for people; for the
 * others plain output is JSON again. */
static const KdccDiagnosticsItem ceph_items[] = {
  { "status", "ceph/status", MON, "{\"prefix\":\"status\"}", TEXT },
  { "health detail", "ceph/health-detail", MON, "{\"prefix\":\"health\",\"detail\":\"detail\"}", TEXT },
  { "versions", "ceph/versions", MON, "{\"prefix\":\"versions\"}", 0 },
  { "features", "ceph/features", MON, "{\"prefix\":\"features\"}", 0 },
  { "df detail", "ceph/df-detail", MON, "{\"prefix\":\"df\",\"detail\":\"detail\"}", TEXT },
  { "osd tree", "ceph/osd-tree", MON, "{\"prefix\":\"osd tree\"}", TEXT },
  { "osd df tree", "ceph/osd-df-tree", MGR, "{\"prefix\":\"osd df\",\"output_method\":\"tree\"}", TEXT },
  { "osd dump", "ceph/osd-dump", MON, "{\"prefix\":\"osd dump\"}", TEXT },
  { "osd perf", "ceph/osd-perf", MGR, "{\"prefix\":\"osd perf\"}", TEXT },
  { "osd pool ls detail", "ceph/osd-pool-ls-detail", MON, "{\"prefix\":\"osd pool ls\",\"detail\":\"detail\"}", TEXT },
  { "osd pool autoscale-status", "ceph/osd-pool-autoscale-status", MGR, "{\"prefix\":\"osd pool autoscale-status\"}", TEXT },
  { "osd blocked-by", "ceph/osd-blocked-by", MGR, "{\"prefix\":\"osd blocked-by\"}", TEXT },
  { "osd crush dump", "ceph/osd-crush-dump", MON, "{\"prefix\":\"osd crush dump\"}", 0 },
  { "osd metadata", "ceph/osd-metadata", MON, "{\"prefix\":\"osd metadata\"}", 0 },
  { "mon dump", "ceph/mon-dump", MON, "{\"prefix\":\"mon dump\"}", TEXT },
  { "quorum_status", "ceph/quorum-status", MON, "{\"prefix\":\"quorum_status\"}", 0 },
  { "mgr dump", "ceph/mgr-dump", MON, "{\"prefix\":\"mgr dump\"}", 0 },
  { "mgr module ls", "ceph/mgr-module-ls", MON, "{\"prefix\":\"mgr module ls\"}", 0 },
  { "mgr services", "ceph/mgr-services", MON, "{\"prefix\":\"mgr services\"}", 0 },
  { "pg stat", "ceph/pg-stat", MGR, "{\"prefix\":\"pg stat\"}", TEXT },
  { "pg dump_stuck", "ceph/pg-dump-stuck", MGR, "{\"prefix\":\"pg dump_stuck\"}", TEXT },
  { "pg dump pgs_brief", "ceph/pg-dump-pgs-brief", MGR, "{\"prefix\":\"pg dump\",\"dumpcontents\":[\"pgs_brief\"]}", TEXT },
  { "fs dump", "ceph/fs-dump", MON, "{\"prefix\":\"fs dump\"}", TEXT },
  { "mds stat", "ceph/mds-stat", MON, "{\"prefix\":\"mds stat\"}", TEXT },
  { "config dump", "ceph/config-dump", MON, "{\"prefix\":\"config dump\"}", TEXT },
  { "config log", "ceph/config-log", MON, "{\"prefix\":\"config log\"}", TEXT },
  { "config-key dump", "ceph/config-key-dump", MON, "{\"prefix\":\"config-key dump\"}",
    KDCC_DIAGNOSTICS_ITEM_ALL_SECRET },
  { "auth ls", "ceph/auth-ls", MON, "{\"prefix\":\"auth ls\"}", TEXT },
  { "crash ls", "ceph/crash-ls", MGR, "{\"prefix\":\"crash ls\"}",
    TEXT | KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS },
  { "time-sync-status", "ceph/time-sync-status", MON, "{\"prefix\":\"time-sync-status\"}", 0 },
  { "device ls", "ceph/device-ls", MGR, "{\"prefix\":\"device ls\"}", TEXT },
  { "log last (cluster)", "ceph/log-last-cluster", MON,
    "{\"prefix\":\"log last\",\"num\":" LOG_LAST_LINES ",\"level\":\"debug\",\"channel\":\"cluster\"}", TEXT },
  { "log last (audit)", "ceph/log-last-audit", MON,
    "{\"prefix\":\"log last\",\"num\":" LOG_LAST_LINES ",\"level\":\"debug\",\"channel\":\"audit\"}", TEXT },
};

#define DASH KDCC_DIAGNOSTICS_TARGET_DASHBOARD

/* What the Ceph Dashboard REST API offers (GET, Pacific and later). */
static const KdccDiagnosticsItem dashboard_items[] = {
  { "health full", "dashboard/health-full", DASH, "/api/health/full", 0 },
  { "summary", "dashboard/summary", DASH, "/api/summary", 0 },
  { "osd", "dashboard/osd", DASH, "/api/osd", 0 },
  { "pool", "dashboard/pool", DASH, "/api/pool", 0 },
  { "monitor", "dashboard/monitor", DASH, "/api/monitor", 0 },
  { "host", "dashboard/host", DASH, "/api/host", 0 },
  { "mgr module", "dashboard/mgr-module", DASH, "/api/mgr/module", 0 },
  { "crush rule", "dashboard/crush-rule", DASH, "/api/crush_rule", 0 },
  { "erasure code profile", "dashboard/erasure-code-profile", DASH, "/api/erasure_code_profile", 0 },
  { "cluster conf", "dashboard/cluster-conf", DASH, "/api/cluster_conf", 0 },
  { "logs", "dashboard/logs-all", DASH, "/api/logs/all", 0 },
};

#undef MON
#undef MGR
#undef TEXT
#undef DASH

const KdccDiagnosticsItem *
kdcc_diagnostics_get_ceph_items (guint *n_items)
{
  *n_items = G_N_ELEMENTS (ceph_items);
  return ceph_items;
}

const KdccDiagnosticsItem *
kdcc_diagnostics_get_dashboard_items (guint *n_items)
{
  *n_items = G_N_ELEMENTS (dashboard_items);
  return dashboard_items;
}

const char *
kdcc_diagnostics_target_to_string (KdccDiagnosticsTarget target)
{
  switch (target)
    {
    case KDCC_DIAGNOSTICS_TARGET_MON: return "mon";
    case KDCC_DIAGNOSTICS_TARGET_MGR: return "mgr";
    case KDCC_DIAGNOSTICS_TARGET_DASHBOARD: return "dashboard";
    case KDCC_DIAGNOSTICS_TARGET_KDCC: return "kdcc";
    case KDCC_DIAGNOSTICS_TARGET_KUBERNETES: return "kubernetes";
    default: return "unknown";
    }
}

/* ------------------------------------------------------------------------
 * Tasks: one gathered file each
 * ------------------------------------------------------------------------ */

typedef enum
{
  TASK_PENDING,
  TASK_RUNNING,
  TASK_DONE,
  TASK_FAILED,
  TASK_TIMED_OUT,
  TASK_NOT_AVAILABLE,
  TASK_CANCELLED,
} TaskState;

typedef struct
{
  char                     *name;
  char                     *file;
  char                     *command;    /* what was sent (JSON or path) */
  KdccDiagnosticsTarget     target;
  KdccDiagnosticsItemFlags  flags;
  gboolean                  is_json;

  TaskState                 state;
  GDateTime                *started;
  gint64                    start_us;   /* monotonic */
  gint64                    duration_us;
  GBytes                   *data;
  char                     *ceph_status;
  char                     *error;
} Task;

static void
task_free (gpointer data)
{
  Task *task = data;

  g_free (task->name);
  g_free (task->file);
  g_free (task->command);
  g_clear_pointer (&task->started, g_date_time_unref);
  g_clear_pointer (&task->data, g_bytes_unref);
  g_free (task->ceph_status);
  g_free (task->error);
  g_free (task);
}

static Task *
task_new (const char               *name,
          const char               *file,
          KdccDiagnosticsTarget     target,
          const char               *command,
          KdccDiagnosticsItemFlags  flags,
          gboolean                  is_json)
{
  Task *task = g_new0 (Task, 1);

  task->name = g_strdup (name);
  task->file = g_strdup (file);
  task->target = target;
  task->command = g_strdup (command);
  task->flags = flags;
  task->is_json = is_json;
  task->state = TASK_PENDING;
  return task;
}

/* {"prefix":"x"} → {"prefix":"x","format":"json"} */
static char *
command_with_format (const char *command)
{
  gsize len = strlen (command);

  g_assert (len >= 2 && command[len - 1] == '}');
  return g_strdup_printf ("%.*s,\"format\":\"json\"}", (int) (len - 1), command);
}

/* ------------------------------------------------------------------------
 * The job: state shared by the coordinator and worker threads
 * ------------------------------------------------------------------------ */

struct _KdccDiagnostics
{
  GObject       parent_instance;

  KdccSource   *source;
  gboolean      redact;
  guint         max_parallel;
  guint         item_timeout_ms;
  GStrv         refresh_errors;

  double        fraction;
  char         *current_item;
  gboolean      running;
  guint         generation;

  char         *summary;
  guint         n_failed;
  guint         n_items;
  guint         n_cluster_ok;
  guint         n_redactions;
  char         *first_error;
  goffset       bundle_size;
  double        duration;
};

typedef enum
{
  GATE_UNKNOWN,
  GATE_OPEN,
  GATE_DEAD,
} GateState;

typedef struct
{
  GateState  state;
  Task      *probe;
  char      *reason;
} Gate;

/* MON, MGR and DASHBOARD are the first three targets. */
#define N_GATED_TARGETS 3

typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;
  GCond            cond;

  KdccSource      *source;
  GCancellable    *cancellable;
  GMainContext    *context;
  KdccDiagnostics *self;         /* a strong ref, for progress only */
  guint            generation;

  gboolean         redact;
  guint            max_parallel;
  gint64           timeout_us;
  GStrv            refresh_errors;
  char            *output_path;

  GPtrArray       *tasks;         /* Task* */
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
  guint            n_items;
  guint            n_cluster_ok;
  guint            n_redactions;
  goffset          bundle_size;
  double           duration;
  char            *first_error;
} Job;

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (Job *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;

  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_clear_object (&job->source);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->self);
  g_strfreev (job->refresh_errors);
  g_free (job->output_path);
  g_ptr_array_unref (job->tasks);
  for (guint i = 0; i < N_GATED_TARGETS; i++)
    g_free (job->gates[i].reason);
  g_free (job->summary);
  g_free (job->first_error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_REDACT,
  PROP_MAX_PARALLEL,
  PROP_ITEM_TIMEOUT,
  PROP_FRACTION,
  PROP_CURRENT_ITEM,
  PROP_RUNNING,
  N_PROPS
};

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdccDiagnostics, kdcc_diagnostics, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------
 * Progress, delivered on the caller's main context
 * ------------------------------------------------------------------------ */

typedef struct
{
  KdccDiagnostics *self;
  guint            generation;
  guint            done;
  guint            total;
  char            *item;
  gboolean         finished;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress->item);
  g_free (progress);
}

static void
set_running (KdccDiagnostics *self,
             gboolean         running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_progress (KdccDiagnostics *self,
              double           fraction,
              const char      *item)
{
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (item, self->current_item) != 0)
    {
      g_free (self->current_item);
      self->current_item = g_strdup (item);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ITEM]);
    }
}

static gboolean
progress_dispatch_cb (gpointer data)
{
  Progress *progress = data;
  KdccDiagnostics *self = progress->self;

  /* A late update of an earlier or finished run must not move the bar. */
  if (progress->generation != self->generation || !self->running)
    return G_SOURCE_REMOVE;

  set_progress (self, progress->total > 0 ? (double) progress->done / progress->total : 0.0,
                progress->item);
  if (progress->finished)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, progress->done, progress->total,
                   progress->item);
  return G_SOURCE_REMOVE;
}

/* Called with job->lock held. */
static void
job_post_progress_locked (Job        *job,
                          const char *item,
                          gboolean    finished)
{
  Progress *progress;
  guint total = 0, done = 0;

  if (job->over)
    return;

  for (guint i = 0; i < job->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (job->tasks, i);

      if (task->state == TASK_NOT_AVAILABLE)
        continue;
      total++;
      if (task->state != TASK_PENDING && task->state != TASK_RUNNING)
        done++;
    }

  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (job->self);
  progress->generation = job->generation;
  progress->done = done;
  progress->total = total;
  progress->item = g_strdup (item);
  progress->finished = finished;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_dispatch_cb, progress,
                              progress_free);
}

/* ------------------------------------------------------------------------
 * Workers
 * ------------------------------------------------------------------------ */

typedef struct
{
  Job  *job;
  Task *task;
} WorkerData;

static int
compare_crash_newest_first (gconstpointer a,
                            gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode **) a);
  JsonObject *ob = json_node_get_object (*(JsonNode **) b);

  return g_strcmp0 (json_object_get_string_member_with_default (ob, "timestamp", ""),
                    json_object_get_string_member_with_default (oa, "timestamp", ""));
}

/* From `crash ls` (a JSON list of {crash_id, timestamp, entity_name, …}),
 * queue `crash info` for the newest ones. Called with job->lock held. */
static void
queue_crash_infos_locked (Job    *job,
                          GBytes *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) crashes = g_ptr_array_new ();
  JsonNode *root;
  JsonArray *array;
  gsize len;
  const char *text = g_bytes_get_data (data, &len);

  if (len == 0 || !json_parser_load_from_data (parser, text, len, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && json_object_get_string_member_with_default (json_node_get_object (node), "crash_id",
                                                          NULL) != NULL)
        g_ptr_array_add (crashes, node);
    }
  g_ptr_array_sort (crashes, compare_crash_newest_first);

  for (guint i = 0; i < crashes->len && i < MAX_CRASH_INFOS; i++)
    {
      JsonObject *crash = json_node_get_object (g_ptr_array_index (crashes, i));
      const char *id = json_object_get_string_member (crash, "crash_id");
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) cmd = NULL;
      g_autofree char *command = NULL;
      g_autofree char *file = kdcc_diagnostics_crash_file (id);
      g_autofree char *name = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "prefix");
      json_builder_add_string_value (builder, "crash info");
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, "json");
      json_builder_end_object (builder);
      cmd = json_builder_get_root (builder);
      command = json_to_string (cmd, FALSE);

      name = g_strdup_printf ("crash info %s", id);
      g_ptr_array_add (job->tasks, task_new (name, file, KDCC_DIAGNOSTICS_TARGET_MGR, command, 0,
                                             TRUE));
    }
}

/* Errors that say the daemon is not there, as opposed to a command it
 * answered with an error. */
static gboolean
is_unreachable_error (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == KDCC_ERROR)
    return error->code == KDCC_ERROR_TIMEOUT || error->code == KDCC_ERROR_CONNECT
           || error->code == KDCC_ERROR_AUTH || error->code == KDCC_ERROR_TLS;
  return error->domain == G_IO_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static Gate *
task_gate (Job  *job,
           Task *task)
{
  return task->target < N_GATED_TARGETS ? &job->gates[task->target] : NULL;
}

/* Called with job->lock held when a task ends. */
static void
gate_update_locked (Job      *job,
                    Task     *task,
                    gboolean  unreachable)
{
  Gate *gate = task_gate (job, task);

  if (gate == NULL || gate->state == GATE_DEAD)
    return;
  if (unreachable)
    {
      gate->state = GATE_DEAD;
      /* TRANSLATORS: %s: the item that got no answer, then why. */
      gate->reason = g_strdup_printf (_("Skipped: “%s” got no answer (%s)"), task->name,
                                      task->error != NULL ? task->error : "");
      /* mgr commands travel over the same connection as mon commands:
       * without the mons there is no way to the mgr either. */
      if (task->target == KDCC_DIAGNOSTICS_TARGET_MON
          && job->gates[KDCC_DIAGNOSTICS_TARGET_MGR].state != GATE_DEAD)
        {
          Gate *mgr = &job->gates[KDCC_DIAGNOSTICS_TARGET_MGR];

          mgr->state = GATE_DEAD;
          g_free (mgr->reason);
          mgr->reason = g_strdup (gate->reason);
        }
    }
  else if (gate->probe == task)
    gate->state = GATE_OPEN;
}

/* Called with job->lock held. */
static gboolean
can_start_locked (Job  *job,
                  Task *task)
{
  Gate *gate = task_gate (job, task);

  if (gate == NULL)
    return TRUE;
  if (gate->state == GATE_DEAD)
    return FALSE;

  /* The mgr items wait for the mon items: a source may serialise its
   * commands, and a silent mgr must not hold the mon items up. */
  if (task->target == KDCC_DIAGNOSTICS_TARGET_MGR)
    for (guint i = 0; i < job->tasks->len; i++)
      {
        Task *other = g_ptr_array_index (job->tasks, i);

        if (other->target == KDCC_DIAGNOSTICS_TARGET_MON
            && (other->state == TASK_PENDING || other->state == TASK_RUNNING))
          return FALSE;
      }

  if (gate->state == GATE_OPEN)
    return TRUE;
  if (gate->probe != NULL)
    return FALSE;   /* the probe is still running */
  gate->probe = task;
  return TRUE;
}

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *wd = user_data;
  Job *job = wd->job;
  Task *task = wd->task;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GBytes) data = NULL;
  gint64 end_us;

  switch (task->target)
    {
    case KDCC_DIAGNOSTICS_TARGET_MON:
    case KDCC_DIAGNOSTICS_TARGET_MGR:
      data = kdcc_source_run_command_sync (job->source,
                                           kdcc_diagnostics_target_to_string (task->target),
                                           task->command, &status, job->cancellable, &error);
      break;
    case KDCC_DIAGNOSTICS_TARGET_DASHBOARD:
      if (KDCC_IS_DASHBOARD_SOURCE (job->source))
        data = kdcc_dashboard_source_get_sync (KDCC_DASHBOARD_SOURCE (job->source), task->command,
                                               job->cancellable, &error);
      else
        g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                             _("This connection does not go through the Ceph Dashboard"));
      break;
    case KDCC_DIAGNOSTICS_TARGET_KDCC:
    case KDCC_DIAGNOSTICS_TARGET_KUBERNETES:
    default:
      g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                           _("Not available in this version"));
      break;
    }
  end_us = g_get_monotonic_time ();

  /* No JSON document is empty: an empty "success" is a mgr that never
   * answered (librados gives up after its timeout this way). */
  if (data != NULL && task->is_json && g_bytes_get_size (data) == 0)
    {
      g_clear_pointer (&data, g_bytes_unref);
      g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                           _("Empty answer: the daemon did not reply"));
    }

  g_mutex_lock (&job->lock);
  if (task->state == TASK_RUNNING && !job->over)
    {
      task->duration_us = end_us - task->start_us;
      task->ceph_status = g_steal_pointer (&status);
      if (data != NULL)
        {
          task->data = g_steal_pointer (&data);
          task->state = TASK_DONE;
          if ((task->flags & KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS) && task->is_json)
            queue_crash_infos_locked (job, task->data);
        }
      else
        {
          task->error = g_strdup (error != NULL ? error->message : _("No output"));
          task->state = g_cancellable_is_cancelled (job->cancellable) ? TASK_CANCELLED : TASK_FAILED;
        }
      gate_update_locked (job, task, task->state == TASK_FAILED && is_unreachable_error (error));
      job->n_running--;
      job->n_finished++;
      job_post_progress_locked (job, task->name, TRUE);
      g_cond_broadcast (&job->cond);
    }
  g_mutex_unlock (&job->lock);

  job_unref (job);
  g_free (wd);
  return NULL;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->lock);
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* Runs every task, at most max_parallel at once. A task past its deadline
 * is recorded as timed out and its slot is given to the next one; its
 * thread finishes in the background (a blocking librados call cannot be
 * interrupted) and its late answer is dropped. Returns FALSE on cancel. */
static gboolean
run_tasks (Job *job)
{
  gboolean cancelled = FALSE;

  g_mutex_lock (&job->lock);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 deadline = G_MAXINT64;
      gboolean pending = FALSE;

      if (g_cancellable_is_cancelled (job->cancellable))
        {
          cancelled = TRUE;
          break;
        }

      for (guint i = 0; i < job->tasks->len; i++)
        {
          Task *task = g_ptr_array_index (job->tasks, i);

          if (task->state == TASK_RUNNING && now - task->start_us >= job->timeout_us)
            {
              task->state = TASK_TIMED_OUT;
              task->duration_us = now - task->start_us;
              task->error = g_strdup_printf (_("No answer within %.0f s"),
                                             job->timeout_us / (double) G_USEC_PER_SEC);
              gate_update_locked (job, task, TRUE);
              job->n_running--;
              job->n_finished++;
              job_post_progress_locked (job, task->name, TRUE);
            }
        }

      for (guint i = 0; i < job->tasks->len; i++)
        {
          Task *task = g_ptr_array_index (job->tasks, i);
          Gate *gate = task_gate (job, task);

          if (task->state == TASK_PENDING && gate != NULL && gate->state == GATE_DEAD)
            {
              task->state = TASK_FAILED;
              task->started = g_date_time_new_now_utc ();
              task->error = g_strdup (gate->reason);
              job->n_finished++;
              job_post_progress_locked (job, task->name, TRUE);
            }
        }

      for (guint i = 0; i < job->tasks->len && job->n_running < job->max_parallel; i++)
        {
          Task *task = g_ptr_array_index (job->tasks, i);
          WorkerData *wd;
          GThread *thread;
          g_autoptr(GError) error = NULL;

          if (task->state != TASK_PENDING || !can_start_locked (job, task))
            continue;
          task->state = TASK_RUNNING;
          task->started = g_date_time_new_now_utc ();
          task->start_us = g_get_monotonic_time ();
          job->n_running++;
          wd = g_new0 (WorkerData, 1);
          wd->job = job_ref (job);
          wd->task = task;
          thread = g_thread_try_new ("kdcc-diag-item", worker_thread, wd, &error);
          if (thread == NULL)
            {
              task->state = TASK_FAILED;
              task->error = g_strdup (error->message);
              gate_update_locked (job, task, FALSE);
              job->n_running--;
              job->n_finished++;
              job_unref (wd->job);
              g_free (wd);
              continue;
            }
          g_thread_unref (thread);
          job_post_progress_locked (job, task->name, FALSE);
        }

      for (guint i = 0; i < job->tasks->len; i++)
        {
          Task *task = g_ptr_array_index (job->tasks, i);

          if (task->state == TASK_PENDING)
            pending = TRUE;
          else if (task->state == TASK_RUNNING)
            deadline = MIN (deadline, task->start_us + job->timeout_us);
        }
      if (job->n_running == 0 && !pending)
        break;

      if (deadline == G_MAXINT64)
        g_cond_wait (&job->cond, &job->lock);
      else
        g_cond_wait_until (&job->cond, &job->lock, deadline);
    }

  if (cancelled)
    {
      for (guint i = 0; i < job->tasks->len; i++)
        {
          Task *task = g_ptr_array_index (job->tasks, i);

          if (task->state == TASK_PENDING || task->state == TASK_RUNNING)
            task->state = TASK_CANCELLED;
        }
    }
  job->over = TRUE;
  g_mutex_unlock (&job->lock);

  return !cancelled;
}

/* ------------------------------------------------------------------------
 * KDCC's own items
 * ------------------------------------------------------------------------ */

static GBytes *
node_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len;
  char *text;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static Task *
kdcc_task_done (const char *name,
                const char *file,
                JsonNode   *node)
{
  Task *task = task_new (name, file, KDCC_DIAGNOSTICS_TARGET_KDCC, "", 0, TRUE);

  task->state = TASK_DONE;
  task->started = g_date_time_new_now_utc ();
  task->data = node_to_bytes (node);
  return task;
}

static void
add_kdcc_tasks (Job *job)
{
  g_autoptr(JsonBuilder) version = json_builder_new ();
  g_autoptr(JsonBuilder) connection = json_builder_new ();
  g_autoptr(JsonBuilder) errors = json_builder_new ();
  g_autoptr(JsonNode) version_node = NULL;
  g_autoptr(JsonNode) connection_node = NULL;
  g_autoptr(JsonNode) errors_node = NULL;
  Task *task;
  int rados_major = 0, rados_minor = 0, rados_extra = 0;
  g_autofree char *glib_version = NULL;
  g_autofree char *librados_version = NULL;

  rados_version (&rados_major, &rados_minor, &rados_extra);
  glib_version = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version,
                                  glib_micro_version);
  librados_version = g_strdup_printf ("%d.%d.%d", rados_major, rados_minor, rados_extra);
  json_builder_begin_object (version);
  json_builder_set_member_name (version, "kdcc");
  json_builder_add_string_value (version, PACKAGE_VERSION);
  json_builder_set_member_name (version, "glib");
  json_builder_add_string_value (version, glib_version);
  json_builder_set_member_name (version, "librados");
  json_builder_add_string_value (version, librados_version);
  json_builder_set_member_name (version, "archive");
  json_builder_add_string_value (version, archive_version_string ());
  json_builder_end_object (version);
  version_node = json_builder_get_root (version);
  g_ptr_array_add (job->tasks, kdcc_task_done (_("KDCC version"), "kdcc/version.json", version_node));

  /* How KDCC reaches the cluster, without anything secret: paths and
   * names only, never a key or a password. */
  json_builder_begin_object (connection);
  json_builder_set_member_name (connection, "kind");
  json_builder_add_string_value (connection, kdcc_source_get_kind (job->source));
  if (KDCC_IS_RADOS_SOURCE (job->source))
    {
      KdccRadosSource *rados = KDCC_RADOS_SOURCE (job->source);

      json_builder_set_member_name (connection, "conf_path");
      json_builder_add_string_value (connection, kdcc_rados_source_get_conf_path (rados));
      json_builder_set_member_name (connection, "keyring_path");
      json_builder_add_string_value (connection, kdcc_rados_source_get_keyring_path (rados));
      json_builder_set_member_name (connection, "client_id");
      json_builder_add_string_value (connection, kdcc_rados_source_get_client_id (rados));
    }
  json_builder_end_object (connection);
  connection_node = json_builder_get_root (connection);
  g_ptr_array_add (job->tasks, kdcc_task_done (_("KDCC connection"), "kdcc/connection.json",
                                               connection_node));

  json_builder_begin_array (errors);
  for (guint i = 0; job->refresh_errors != NULL && job->refresh_errors[i] != NULL; i++)
    json_builder_add_string_value (errors, job->refresh_errors[i]);
  json_builder_end_array (errors);
  errors_node = json_builder_get_root (errors);
  g_ptr_array_add (job->tasks, kdcc_task_done (_("KDCC refresh errors"), "kdcc/refresh-errors.json",
                                               errors_node));

  task = task_new (_("KDCC staging area"), "kdcc/staging.json", KDCC_DIAGNOSTICS_TARGET_KDCC, "", 0,
                   TRUE);
  task->state = TASK_NOT_AVAILABLE;
  task->error = g_strdup (_("Not available in this version"));
  g_ptr_array_add (job->tasks, task);

  task = task_new (_("KDCC audit log"), "kdcc/audit-log.json", KDCC_DIAGNOSTICS_TARGET_KDCC, "", 0,
                   TRUE);
  task->state = TASK_NOT_AVAILABLE;
  task->error = g_strdup (_("Not available in this version"));
  g_ptr_array_add (job->tasks, task);
}

static void
add_item_tasks (Job *job)
{
  gboolean dashboard = KDCC_IS_DASHBOARD_SOURCE (job->source);

  for (guint i = 0; i < G_N_ELEMENTS (ceph_items); i++)
    {
      const KdccDiagnosticsItem *item = &ceph_items[i];
      g_autofree char *json_file = g_strconcat (item->file, ".json", NULL);
      g_autofree char *json_command = command_with_format (item->command);
      Task *task = task_new (item->name, json_file, item->target, json_command, item->flags, TRUE);

      if (dashboard)
        {
          task->state = TASK_NOT_AVAILABLE;
          task->error = g_strdup (_("The Ceph Dashboard REST API does not offer this command"));
        }
      g_ptr_array_add (job->tasks, task);

      if ((item->flags & KDCC_DIAGNOSTICS_ITEM_TEXT) && !dashboard)
        {
          g_autofree char *text_file = g_strconcat (item->file, ".txt", NULL);
          g_autofree char *text_name = g_strdup_printf (_("%s (text)"), item->name);

          g_ptr_array_add (job->tasks, task_new (text_name, text_file, item->target, item->command,
                                                 item->flags & ~KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS,
                                                 FALSE));
        }
    }

  if (dashboard)
    {
      for (guint i = 0; i < G_N_ELEMENTS (dashboard_items); i++)
        {
          const KdccDiagnosticsItem *item = &dashboard_items[i];
          g_autofree char *file = g_strconcat (item->file, ".json", NULL);

          g_ptr_array_add (job->tasks, task_new (item->name, file, item->target, item->command,
                                                 item->flags, TRUE));
        }
    }
}

/* ------------------------------------------------------------------------
 * The bundle
 * ------------------------------------------------------------------------ */

typedef struct
{
  char   *path;
  GBytes *data;
} BundleFile;

static void
bundle_file_free (gpointer data)
{
  BundleFile *file = data;

  g_free (file->path);
  g_bytes_unref (file->data);
  g_free (file);
}

static void
add_bundle_file (GPtrArray  *files,
                 const char *path,
                 GBytes     *data)
{
  BundleFile *file = g_new0 (BundleFile, 1);

  file->path = g_strdup (path);
  file->data = g_bytes_ref (data);
  g_ptr_array_add (files, file);
}

static const char *
task_state_to_string (TaskState state)
{
  switch (state)
    {
    case TASK_DONE: return "ok";
    case TASK_FAILED: return "failed";
    case TASK_TIMED_OUT: return "timeout";
    case TASK_NOT_AVAILABLE: return "not-available";
    case TASK_CANCELLED: return "cancelled";
    case TASK_PENDING:
    case TASK_RUNNING:
    default: return "not-run";
    }
}

static char *
redact_string (const char          *text,
               gboolean             redact,
               KdccRedactionCounts *counts)
{
  if (text == NULL)
    return NULL;
  if (!redact)
    return g_strdup (text);
  return kdcc_redact_text (text, strlen (text), NULL, counts);
}

/* Redacts one gathered output. An all-secret document that is not JSON is
 * dropped whole: there is no telling which part of it is safe. */
static GBytes *
redact_task_data (Task                *task,
                  KdccRedactionCounts *counts)
{
  gsize len, out_len;
  const char *data = g_bytes_get_data (task->data, &len);
  char *out;

  if (task->flags & KDCC_DIAGNOSTICS_ITEM_ALL_SECRET)
    {
      out = len > 0 ? kdcc_redact_json (data, len, TRUE, &out_len, counts, NULL) : g_strdup ("");
      if (out == NULL)
        {
          counts->counts[KDCC_REDACTION_CONFIG_KEY]++;
          out = g_strdup (KDCC_REDACTED "\n");
        }
      out_len = strlen (out);
    }
  else if (task->is_json)
    out = kdcc_redact_auto (data, len, FALSE, &out_len, counts);
  else
    out = kdcc_redact_text (data, len, &out_len, counts);

  return g_bytes_new_take (out, out_len);
}

static char *
iso_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static char *
fsid_from_status (GHashTable *documents)
{
  GBytes *status = g_hash_table_lookup (documents, KDCC_DIAG_FILE_STATUS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data;
  JsonNode *root;

  if (status == NULL)
    return NULL;
  data = g_bytes_get_data (status, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "fsid",
                                                               NULL));
}

/* Builds every file of the bundle in memory, in the order they go into the
 * tar: SUMMARY.txt, manifest.json, then the items. */
static GPtrArray *
build_bundle (Job       *job,
              GDateTime *created,
              double     duration_s)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (bundle_file_free);
  g_autoptr(GPtrArray) item_files = g_ptr_array_new_with_free_func (bundle_file_free);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) not_gathered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(JsonBuilder) manifest = json_builder_new ();
  g_autoptr(JsonNode) manifest_node = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GBytes) summary_bytes = NULL;
  g_autofree char *created_iso = g_date_time_format_iso8601 (created);
  g_autofree char *summary = NULL;
  KdccRedactionCounts total = { { 0 } };
  KdccRedactionCounts summary_counts = { { 0 } };
  KdccDiagnosticsSummaryInfo info = { 0 };
  guint n_ok = 0, n_items = 0;
  g_autofree char *fsid = NULL;

  json_builder_begin_object (manifest);
  json_builder_set_member_name (manifest, "items");
  json_builder_begin_array (manifest);

  for (guint i = 0; i < job->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (job->tasks, i);
      KdccRedactionCounts counts = { { 0 } };
      g_autoptr(GBytes) out = NULL;
      g_autofree char *started = iso_time (task->started);
      g_autofree char *error = redact_string (task->error, job->redact, &counts);
      g_autofree char *ceph_status = redact_string (task->ceph_status, job->redact, &counts);

      n_items++;
      if (task->state == TASK_DONE)
        {
          n_ok++;
          if (task->target != KDCC_DIAGNOSTICS_TARGET_KDCC)
            job->n_cluster_ok++;
          out = job->redact ? redact_task_data (task, &counts) : g_bytes_ref (task->data);
          add_bundle_file (item_files, task->file, out);
          if (task->is_json)
            g_hash_table_insert (documents, task->file, task->data);
        }
      else if (task->state == TASK_NOT_AVAILABLE)
        g_ptr_array_add (not_gathered, g_strdup_printf ("%s: %s", task->name, error));
      else
        {
          g_ptr_array_add (failed, g_strdup_printf ("%s (%s): %s", task->name,
                                                    task_state_to_string (task->state),
                                                    error != NULL ? error : ""));
          if (job->first_error == NULL && error != NULL)
            job->first_error = g_strdup (error);
        }
      kdcc_redaction_counts_add (&total, &counts);

      json_builder_begin_object (manifest);
      json_builder_set_member_name (manifest, "item");
      json_builder_add_string_value (manifest, task->name);
      json_builder_set_member_name (manifest, "file");
      if (task->state == TASK_DONE)
        json_builder_add_string_value (manifest, task->file);
      else
        json_builder_add_null_value (manifest);
      json_builder_set_member_name (manifest, "target");
      json_builder_add_string_value (manifest, kdcc_diagnostics_target_to_string (task->target));
      json_builder_set_member_name (manifest, "command");
      json_builder_add_string_value (manifest, task->command);
      json_builder_set_member_name (manifest, "format");
      json_builder_add_string_value (manifest, task->is_json ? "json" : "text");
      json_builder_set_member_name (manifest, "started");
      if (started != NULL)
        json_builder_add_string_value (manifest, started);
      else
        json_builder_add_null_value (manifest);
      json_builder_set_member_name (manifest, "duration_ms");
      json_builder_add_double_value (manifest, task->duration_us / 1000.0);
      json_builder_set_member_name (manifest, "bytes");
      json_builder_add_int_value (manifest, out != NULL ? (gint64) g_bytes_get_size (out) : 0);
      json_builder_set_member_name (manifest, "status");
      json_builder_add_string_value (manifest, task_state_to_string (task->state));
      json_builder_set_member_name (manifest, "error");
      if (error != NULL && task->state != TASK_DONE)
        json_builder_add_string_value (manifest, error);
      else
        json_builder_add_null_value (manifest);
      if (ceph_status != NULL && ceph_status[0] != '\0')
        {
          json_builder_set_member_name (manifest, "ceph_status");
          json_builder_add_string_value (manifest, ceph_status);
        }
      json_builder_set_member_name (manifest, "redactions");
      json_builder_begin_object (manifest);
      for (guint k = 0; k < KDCC_REDACTION_N_KINDS; k++)
        if (counts.counts[k] > 0)
          {
            json_builder_set_member_name (manifest, kdcc_redaction_kind_to_string (k));
            json_builder_add_int_value (manifest, counts.counts[k]);
          }
      json_builder_end_object (manifest);
      json_builder_end_object (manifest);
    }
  json_builder_end_array (manifest);

  /* The analysis reads the gathered documents as they came; only its
   * rendered text goes into the bundle, redacted like everything else. */
  findings = kdcc_diagnostics_analyse (documents);
  fsid = fsid_from_status (documents);
  info.kdcc_version = PACKAGE_VERSION;
  info.created = created_iso;
  info.source_kind = kdcc_source_get_kind (job->source);
  info.fsid = fsid;
  info.redacted = job->redact;
  info.redactions = kdcc_redaction_counts_total (&total);
  info.n_items = n_items;
  info.n_ok = n_ok;
  info.failed = failed;
  info.not_gathered = not_gathered;
  info.duration_s = duration_s;
  summary = kdcc_diagnostics_summary_render (&info, findings);
  if (job->redact)
    {
      char *redacted = kdcc_redact_text (summary, strlen (summary), NULL, &summary_counts);

      g_free (summary);
      summary = redacted;
      kdcc_redaction_counts_add (&total, &summary_counts);
    }

  json_builder_set_member_name (manifest, "kdcc_version");
  json_builder_add_string_value (manifest, PACKAGE_VERSION);
  json_builder_set_member_name (manifest, "created");
  json_builder_add_string_value (manifest, created_iso);
  json_builder_set_member_name (manifest, "source_kind");
  json_builder_add_string_value (manifest, kdcc_source_get_kind (job->source));
  json_builder_set_member_name (manifest, "fsid");
  if (fsid != NULL)
    json_builder_add_string_value (manifest, fsid);
  else
    json_builder_add_null_value (manifest);
  json_builder_set_member_name (manifest, "redacted");
  json_builder_add_boolean_value (manifest, job->redact);
  json_builder_set_member_name (manifest, "duration_ms");
  json_builder_add_double_value (manifest, duration_s * 1000.0);
  json_builder_set_member_name (manifest, "n_items");
  json_builder_add_int_value (manifest, n_items);
  json_builder_set_member_name (manifest, "n_ok");
  json_builder_add_int_value (manifest, n_ok);
  json_builder_set_member_name (manifest, "summary_redactions");
  json_builder_begin_object (manifest);
  for (guint k = 0; k < KDCC_REDACTION_N_KINDS; k++)
    if (summary_counts.counts[k] > 0)
      {
        json_builder_set_member_name (manifest, kdcc_redaction_kind_to_string (k));
        json_builder_add_int_value (manifest, summary_counts.counts[k]);
      }
  json_builder_end_object (manifest);
  json_builder_set_member_name (manifest, "redactions_total");
  json_builder_begin_object (manifest);
  for (guint k = 0; k < KDCC_REDACTION_N_KINDS; k++)
    {
      json_builder_set_member_name (manifest, kdcc_redaction_kind_to_string (k));
      json_builder_add_int_value (manifest, total.counts[k]);
    }
  json_builder_end_object (manifest);
  json_builder_end_object (manifest);
  manifest_node = json_builder_get_root (manifest);
  manifest_bytes = node_to_bytes (manifest_node);

  job->n_items = n_items;
  job->n_failed = failed->len;
  job->n_redactions = kdcc_redaction_counts_total (&total);
  job->summary = g_strdup (summary);
  summary_bytes = g_bytes_new_take (g_steal_pointer (&summary), strlen (job->summary));

  add_bundle_file (files, "SUMMARY.txt", summary_bytes);
  add_bundle_file (files, "manifest.json", manifest_bytes);
  for (guint i = 0; i < item_files->len; i++)
    {
      BundleFile *file = g_ptr_array_index (item_files, i);

      add_bundle_file (files, file->path, file->data);
    }
  return g_steal_pointer (&files);
}

static gboolean
archive_failed (struct archive  *archive,
                const char      *path,
                GError         **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot write %s: %s"), path,
               archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
  return FALSE;
}

/* Writes the files as a gzip'd tar under a folder named like the bundle. */
static gboolean
write_archive (int           fd,
               const char   *path,
               const char   *folder,
               GPtrArray    *files,
               GDateTime    *created,
               GCancellable *cancellable,
               GError      **error)
{
  struct archive *archive = archive_write_new ();
  gboolean ok = FALSE;

  if (archive_write_add_filter_gzip (archive) != ARCHIVE_OK
      || archive_write_set_format_pax_restricted (archive) != ARCHIVE_OK
      || archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    {
      archive_failed (archive, path, error);
      goto out;
    }

  for (guint i = 0; i < files->len; i++)
    {
      BundleFile *file = g_ptr_array_index (files, i);
      struct archive_entry *entry;
      g_autofree char *name = g_strdup_printf ("%s/%s", folder, file->path);
      gsize len;
      const void *data = g_bytes_get_data (file->data, &len);
      la_ssize_t written = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, len);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_mtime (entry, g_date_time_to_unix (created), 0);
      if (archive_write_header (archive, entry) != ARCHIVE_OK)
        {
          archive_entry_free (entry);
          archive_failed (archive, path, error);
          goto out;
        }
      archive_entry_free (entry);
      if (len > 0)
        written = archive_write_data (archive, data, len);
      if (written < 0 || (gsize) written != len)
        {
          archive_failed (archive, path, error);
          goto out;
        }
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      archive_failed (archive, path, error);
      goto out;
    }
  ok = TRUE;

out:
  archive_write_free (archive);
  return ok;
}

static char *
bundle_folder_name (const char *output_path)
{
  g_autofree char *base = g_path_get_basename (output_path);

  if (g_str_has_suffix (base, ".tar.gz"))
    base[strlen (base) - strlen (".tar.gz")] = '\0';
  else if (g_str_has_suffix (base, ".tgz"))
    base[strlen (base) - strlen (".tgz")] = '\0';
  if (base[0] == '\0' || base[0] == '.')
    return g_strdup ("kdcc-diagnostics");
  return g_steal_pointer (&base);
}

/* Writes to a hidden temporary file in the target folder and renames it
 * into place only once it is complete, so a reader never sees half a
 * bundle and a failure or cancel leaves nothing behind. */
static gboolean
write_bundle_file (const char    *output_path,
                   GPtrArray     *files,
                   GDateTime     *created,
                   goffset       *out_size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (output_path);
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX.partial", dir, base);
  g_autofree char *folder = bundle_folder_name (output_path);
  GStatBuf st;
  int fd;

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot create a file in %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (!write_archive (fd, output_path, folder, files, created, cancellable, error)
      || fsync (fd) != 0
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot write %s: %s"), tmp_path,
                     g_strerror (errno));
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  close (fd);

  if (g_rename (tmp_path, output_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot create %s: %s"), output_path,
                   g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_stat (output_path, &st) == 0)
    *out_size = st.st_size;
  return TRUE;
}

/* ------------------------------------------------------------------------
 * The coordinator
 * ------------------------------------------------------------------------ */

static void gather_thread_inner (GTask *task, Job *job);

static void
gather_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;

  gather_thread_inner (task, job);
  /* The job may outlive this call (late worker threads hold it), the
   * handler must not. */
  g_cancellable_disconnect (job->cancellable, job->cancel_id);
  job->cancel_id = 0;
}

static void
gather_thread_inner (GTask *task,
                     Job   *job)
{
  g_autoptr(GDateTime) created = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!run_tasks (job))
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_CANCELLED,
                               _("Gathering the diagnostics was cancelled"));
      return;
    }

  job->duration = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  files = build_bundle (job, created, job->duration);

  if (!write_bundle_file (job->output_path, files, created, &job->bundle_size, job->cancellable,
                          &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_CANCELLED,
                                 _("Gathering the diagnostics was cancelled"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_strdup (job->output_path), g_free);
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
kdcc_diagnostics_finalize (GObject *object)
{
  KdccDiagnostics *self = KDCC_DIAGNOSTICS (object);

  g_clear_object (&self->source);
  g_strfreev (self->refresh_errors);
  g_free (self->current_item);
  g_free (self->summary);
  g_free (self->first_error);

  G_OBJECT_CLASS (kdcc_diagnostics_parent_class)->finalize (object);
}

static void
kdcc_diagnostics_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccDiagnostics *self = KDCC_DIAGNOSTICS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_REDACT:
      g_value_set_boolean (value, self->redact);
      break;
    case PROP_MAX_PARALLEL:
      g_value_set_uint (value, self->max_parallel);
      break;
    case PROP_ITEM_TIMEOUT:
      g_value_set_uint (value, self->item_timeout_ms);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_CURRENT_ITEM:
      g_value_set_string (value, self->current_item);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_diagnostics_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdccDiagnostics *self = KDCC_DIAGNOSTICS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_REDACT:
      kdcc_diagnostics_set_redact (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_PARALLEL:
      kdcc_diagnostics_set_max_parallel (self, g_value_get_uint (value));
      break;
    case PROP_ITEM_TIMEOUT:
      kdcc_diagnostics_set_item_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_diagnostics_class_init (KdccDiagnosticsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_diagnostics_finalize;
  object_class->get_property = kdcc_diagnostics_get_property;
  object_class->set_property = kdcc_diagnostics_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, KDCC_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDACT] =
    g_param_spec_boolean ("redact", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_PARALLEL] =
    g_param_spec_uint ("max-parallel", NULL, NULL, 1, 32, 4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TIMEOUT] =
    g_param_spec_uint ("item-timeout", NULL, NULL, 1, G_MAXUINT, 60000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_ITEM] =
    g_param_spec_string ("current-item", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (done, total, item), once per finished item: items finished so far,
   * items known so far (the total grows when crash reports add their
   * `crash info`), and the item that just finished. "current-item" also
   * follows the items as they start. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
kdcc_diagnostics_init (KdccDiagnostics *self)
{
  self->redact = TRUE;
  self->max_parallel = 4;
  self->item_timeout_ms = 60000;
}

KdccDiagnostics *
kdcc_diagnostics_new (KdccSource *source)
{
  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  return g_object_new (KDCC_TYPE_DIAGNOSTICS, "source", source, NULL);
}

KdccSource *
kdcc_diagnostics_get_source (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->source;
}

gboolean
kdcc_diagnostics_get_redact (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), TRUE);
  return self->redact;
}

void
kdcc_diagnostics_set_redact (KdccDiagnostics *self,
                             gboolean         redact)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  redact = !!redact;
  if (self->redact == redact)
    return;
  self->redact = redact;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDACT]);
}

guint
kdcc_diagnostics_get_max_parallel (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->max_parallel;
}

void
kdcc_diagnostics_set_max_parallel (KdccDiagnostics *self,
                                   guint            max_parallel)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  max_parallel = CLAMP (max_parallel, 1, 32);
  if (self->max_parallel == max_parallel)
    return;
  self->max_parallel = max_parallel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PARALLEL]);
}

guint
kdcc_diagnostics_get_item_timeout (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->item_timeout_ms;
}

void
kdcc_diagnostics_set_item_timeout (KdccDiagnostics *self,
                                   guint            timeout_ms)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  timeout_ms = MAX (timeout_ms, 1);
  if (self->item_timeout_ms == timeout_ms)
    return;
  self->item_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_TIMEOUT]);
}

void
kdcc_diagnostics_set_refresh_errors (KdccDiagnostics    *self,
                                     const char * const *errors)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  g_strfreev (self->refresh_errors);
  self->refresh_errors = g_strdupv ((char **) errors);
}

double
kdcc_diagnostics_get_fraction (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0.0);
  return self->fraction;
}

const char *
kdcc_diagnostics_get_current_item (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->current_item;
}

gboolean
kdcc_diagnostics_get_running (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), FALSE);
  return self->running;
}

char *
kdcc_diagnostics_default_file_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("kdcc-diagnostics-%s.tar.gz", stamp);
}

void
kdcc_diagnostics_gather_async (KdccDiagnostics     *self,
                               const char          *output_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));
  g_return_if_fail (output_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_diagnostics_gather_async);
  /* The coordinator checks the cancellable itself, so it can clean up. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->running)
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_FAILED,
                               _("Diagnostics are already being gathered"));
      return;
    }

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref);
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->source = g_object_ref (self->source);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  job->context = g_main_context_ref_thread_default ();
  job->self = g_object_ref (self);
  job->generation = ++self->generation;
  job->redact = self->redact;
  job->max_parallel = self->max_parallel;
  job->timeout_us = (gint64) self->item_timeout_ms * 1000;
  job->refresh_errors = g_strdupv (self->refresh_errors);
  job->output_path = g_strdup (output_path);
  job->tasks = g_ptr_array_new_with_free_func (task_free);
  add_item_tasks (job);
  add_kdcc_tasks (job);
  job->cancel_id = g_cancellable_connect (job->cancellable, G_CALLBACK (cancelled_cb), job, NULL);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->first_error, g_free);
  self->n_failed = self->n_items = self->n_cluster_ok = self->n_redactions = 0;
  self->bundle_size = 0;
  self->duration = 0;
  set_progress (self, 0.0, NULL);
  set_running (self, TRUE);

  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, gather_thread);
}

char *
kdcc_diagnostics_gather_finish (KdccDiagnostics  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  Job *job;
  char *path;

  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (job != NULL)
    {
      if (job->generation == self->generation)
        {
          g_free (self->summary);
          self->summary = g_strdup (job->summary);
          self->n_failed = job->n_failed;
          self->n_items = job->n_items;
          self->n_cluster_ok = job->n_cluster_ok;
          g_free (self->first_error);
          self->first_error = g_strdup (job->first_error);
          self->n_redactions = job->n_redactions;
          self->bundle_size = job->bundle_size;
          self->duration = job->duration;
        }
    }

  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path != NULL)
    set_progress (self, 1.0, NULL);
  set_running (self, FALSE);
  return path;
}

const char *
kdcc_diagnostics_get_summary (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->summary;
}

guint
kdcc_diagnostics_get_n_failed (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_failed;
}

guint
kdcc_diagnostics_get_n_items (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_items;
}

guint
kdcc_diagnostics_get_n_cluster_ok (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_cluster_ok;
}

const char *
kdcc_diagnostics_get_first_error (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->first_error;
}

guint
kdcc_diagnostics_get_n_redactions (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_redactions;
}

goffset
kdcc_diagnostics_get_bundle_size (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->bundle_size;
}

double
kdcc_diagnostics_get_duration (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->duration;
}
