/* kdcc-rados-drill.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-rados-source-private.h"

/* What the drill-down pages need from librados beyond the dashboard's
 * snapshot: mons with ranks, addresses and the leader, mgrs and their
 * modules, CephFS and MDS, RGW, daemons per host, and the PG list. Each
 * map is fetched when its epoch moves and cached; a list goes into a
 * snapshot only when its content changed, so a refresh that finds nothing
 * new costs the main thread nothing for it. */

/* ------------------------------------------------------------------------
 * Commands in parallel
 *
 * librados 16.2 has no asynchronous mon or mgr command in its C API, so
 * each command of a batch runs on a thread of its own: at 10,000 OSDs
 * `osd df` (mgr, ~130 ms), `osd tree` (mon, ~55 ms) and `fs status`
 * (mgr, ~300 ms) then cost the longest of them instead of their sum, and
 * a dead mgr costs one timeout, not one per command. */

typedef struct
{
  RadosMgrBatch *batch;
  guint          index;
} BatchJob;

struct _RadosMgrBatch
{
  KdccRadosSource *self;
  RadosConn       *conn;
  GCancellable    *cancellable;
  char            *target;
  GStrv            commands;
  GBytes         **answers;
  GError         **errors;
  GThread        **threads;
  BatchJob        *jobs;
  guint            n;
};

static gpointer
batch_job_thread (gpointer data)
{
  BatchJob *job = data;
  RadosMgrBatch *batch = job->batch;
  guint i = job->index;
  g_autoptr(JsonNode) root = json_from_string (batch->commands[i], NULL);
  const char *label = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                      ? json_object_get_string_member_with_default (json_node_get_object (root),
                                                                    "prefix", batch->target)
                      : batch->target;

  batch->answers[i] = _kdcc_rados_command_run (batch->self, batch->conn, batch->target,
                                               batch->commands[i], label, NULL,
                                               batch->cancellable, &batch->errors[i]);
  return NULL;
}

RadosMgrBatch *
_kdcc_rados_batch_start (KdccRadosSource    *self,
                         RadosConn          *conn,
                         const char         *target,
                         const char * const *commands,
                         GCancellable       *cancellable)
{
  RadosMgrBatch *batch = g_new0 (RadosMgrBatch, 1);
  guint n = g_strv_length ((char **) commands);

  batch->self = g_object_ref (self);
  batch->conn = _kdcc_rados_conn_ref (conn);
  batch->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  batch->target = g_strdup (target);
  batch->commands = g_strdupv ((char **) commands);
  batch->n = n;
  batch->answers = g_new0 (GBytes *, n + 1);
  batch->errors = g_new0 (GError *, n + 1);
  batch->threads = g_new0 (GThread *, n + 1);
  batch->jobs = g_new0 (BatchJob, n + 1);
  for (guint i = 0; i < n; i++)
    {
      batch->jobs[i].batch = batch;
      batch->jobs[i].index = i;
      batch->threads[i] = g_thread_new ("kdcc-rados-cmd", batch_job_thread, &batch->jobs[i]);
    }
  return batch;
}

RadosMgrBatch *
_kdcc_rados_mgr_batch_start (KdccRadosSource    *self,
                             RadosConn          *conn,
                             const char * const *commands,
                             GCancellable       *cancellable)
{
  return _kdcc_rados_batch_start (self, conn, "mgr", commands, cancellable);
}

void
_kdcc_rados_mgr_batch_join (RadosMgrBatch *batch)
{
  for (guint i = 0; i < batch->n; i++)
    if (batch->threads[i] != NULL)
      g_thread_join (g_steal_pointer (&batch->threads[i]));
}

GBytes *
_kdcc_rados_mgr_batch_take (RadosMgrBatch  *batch,
                            guint           i,
                            GError        **error)
{
  g_return_val_if_fail (i < batch->n && batch->threads[i] == NULL, NULL);

  if (batch->answers[i] == NULL)
    {
      if (batch->errors[i] != NULL)
        g_propagate_error (error, g_steal_pointer (&batch->errors[i]));
      else
        g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("No answer"));
      return NULL;
    }
  return g_steal_pointer (&batch->answers[i]);
}

void
_kdcc_rados_mgr_batch_free (RadosMgrBatch *batch)
{
  if (batch == NULL)
    return;
  _kdcc_rados_mgr_batch_join (batch);
  for (guint i = 0; i < batch->n; i++)
    {
      g_clear_pointer (&batch->answers[i], g_bytes_unref);
      g_clear_error (&batch->errors[i]);
    }
  g_free (batch->answers);
  g_free (batch->errors);
  g_free (batch->threads);
  g_free (batch->jobs);
  g_free (batch->target);
  g_strfreev (batch->commands);
  g_clear_object (&batch->cancellable);
  _kdcc_rados_conn_unref (batch->conn);
  g_object_unref (batch->self);
  g_free (batch);
}

/* ------------------------------------------------------------------------
 * Daemons, modules, filesystems */

void
_kdcc_rados_forget_drill (KdccRadosSource *self)
{
  g_clear_pointer (&self->drill, kdcc_snapshot_unref);
  self->quorum_monmap_epoch = -1;
  g_clear_pointer (&self->quorum_names, g_ptr_array_unref);
  self->fsmap_epoch = -1;
  self->fs_status_done = FALSE;
  g_clear_pointer (&self->node_ls, g_bytes_unref);
  g_clear_pointer (&self->last_daemons, g_ptr_array_unref);
  g_clear_pointer (&self->last_modules, g_ptr_array_unref);
  g_clear_pointer (&self->last_filesystems, g_ptr_array_unref);
  self->pgs_osdmap_epoch = -1;
  self->pgs_pgmap_version = -1;
  g_clear_pointer (&self->pgs_digest, g_free);
  g_clear_pointer (&self->last_pgs, g_ptr_array_unref);
}

static GBytes *
mon_command (KdccRadosSource  *self,
             RadosConn        *conn,
             const char       *json,
             const char       *label,
             GCancellable     *cancellable,
             GError          **error)
{
  return _kdcc_rados_command_run (self, conn, "mon", json, label, NULL, cancellable, error);
}

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

static gboolean
parse_bytes (ParseFunc      parse,
             KdccSnapshot  *snap,
             GBytes        *bytes,
             GError       **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  return parse (snap, data, len, error);
}

static gboolean
strings_equal (const GPtrArray *a,
               const GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
_kdcc_rados_fetch_daemons (KdccRadosSource  *self,
                           RadosConn        *conn,
                           KdccSnapshot     *snap,
                           GBytes           *status,
                           GBytes           *mgr_dump,
                           gboolean          force,
                           gboolean          heavy,
                           GCancellable     *cancellable,
                           GError          **error)
{
  KdccSnapshot *drill;

  if (self->drill == NULL)
    self->drill = kdcc_snapshot_new ();
  drill = self->drill;

  /* The leader changes by election without the monmap moving, but never
   * without the quorum changing at least for a moment: quorum_status
   * again when either moved. */
  if (force || self->quorum_names == NULL || snap->monmap_epoch != self->quorum_monmap_epoch
      || !strings_equal (self->quorum_names, snap->quorum))
    {
      g_autoptr(GBytes) bytes = mon_command (self, conn,
                                             "{\"prefix\":\"quorum_status\",\"format\":\"json\"}",
                                             "quorum_status", cancellable, error);

      if (bytes == NULL || !parse_bytes (kdcc_ceph_parse_quorum_status, drill, bytes, error))
        return FALSE;
      g_clear_pointer (&self->quorum_names, g_ptr_array_unref);
      self->quorum_names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; snap->quorum != NULL && i < snap->quorum->len; i++)
        g_ptr_array_add (self->quorum_names, g_strdup (g_ptr_array_index (snap->quorum, i)));
      self->quorum_monmap_epoch = snap->monmap_epoch;
    }

  if (mgr_dump != NULL && !parse_bytes (kdcc_ceph_parse_mgr_services, drill, mgr_dump, error))
    return FALSE;

  if (force || snap->fsmap_epoch < 0 || snap->fsmap_epoch != self->fsmap_epoch)
    {
      g_autoptr(GBytes) dump = mon_command (self, conn,
                                            "{\"prefix\":\"fs dump\",\"format\":\"json\"}",
                                            "fs dump", cancellable, error);

      if (dump == NULL || !parse_bytes (kdcc_ceph_parse_fs_dump, drill, dump, error))
        return FALSE;
      /* New filesystem entries: their client counts are unknown again. */
      self->fs_status_done = FALSE;
      if (drill->filesystems != NULL && drill->filesystems->len > 0)
        {
          g_autoptr(GBytes) ls = mon_command (self, conn,
                                              "{\"prefix\":\"fs ls\",\"format\":\"json\"}",
                                              "fs ls", cancellable, error);

          if (ls == NULL || !parse_bytes (kdcc_ceph_parse_fs_ls, drill, ls, error))
            return FALSE;
        }
      self->fsmap_epoch = snap->fsmap_epoch;
    }

  if (status != NULL && !parse_bytes (kdcc_ceph_parse_service_map, drill, status, error))
    return FALSE;

  if (heavy || self->node_ls == NULL)
    {
      GBytes *bytes = mon_command (self, conn, "{\"prefix\":\"node ls\",\"format\":\"json\"}",
                                   "node ls", cancellable, error);

      if (bytes == NULL)
        return FALSE;
      g_clear_pointer (&self->node_ls, g_bytes_unref);
      self->node_ls = bytes;
    }
  return TRUE;
}

void
_kdcc_rados_attach_lists (KdccRadosSource *self,
                          KdccSnapshot    *snap)
{
  KdccSnapshot *drill = self->drill;
  g_autoptr(GPtrArray) daemons = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  g_autoptr(GPtrArray) filesystems = NULL;
  g_autoptr(GError) error = NULL;

  if (drill == NULL)
    return;

  daemons = kdcc_snapshot_copy_list (drill->daemons, (GCopyFunc) kdcc_daemon_data_copy,
                                     (GDestroyNotify) kdcc_daemon_data_free);
  if (daemons == NULL)
    daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  /* node ls places the daemons (and, in a heavy snapshot, adds them to
   * the hosts); it is cached, so every snapshot places them alike. */
  g_clear_pointer (&snap->daemons, g_ptr_array_unref);
  snap->daemons = g_steal_pointer (&daemons);
  if (self->node_ls != NULL
      && !parse_bytes (kdcc_ceph_parse_node_ls, snap, self->node_ls, &error))
    g_message ("Skipping daemons per host: %s", error->message);
  kdcc_snapshot_finish_hosts (snap);

  if (kdcc_daemon_lists_equal (self->last_daemons, snap->daemons))
    g_clear_pointer (&snap->daemons, g_ptr_array_unref);
  else
    {
      g_clear_pointer (&self->last_daemons, g_ptr_array_unref);
      self->last_daemons = kdcc_snapshot_copy_list (snap->daemons,
                                                    (GCopyFunc) kdcc_daemon_data_copy,
                                                    (GDestroyNotify) kdcc_daemon_data_free);
    }

  modules = kdcc_snapshot_copy_list (drill->mgr_modules, (GCopyFunc) kdcc_mgr_module_data_copy,
                                     (GDestroyNotify) kdcc_mgr_module_data_free);
  g_clear_pointer (&snap->mgr_modules, g_ptr_array_unref);
  snap->mgr_modules = g_steal_pointer (&modules);
  kdcc_ceph_merge_module_health (snap);
  if (kdcc_mgr_module_lists_equal (self->last_modules, snap->mgr_modules))
    g_clear_pointer (&snap->mgr_modules, g_ptr_array_unref);
  else
    {
      g_clear_pointer (&self->last_modules, g_ptr_array_unref);
      self->last_modules = kdcc_snapshot_copy_list (snap->mgr_modules,
                                                    (GCopyFunc) kdcc_mgr_module_data_copy,
                                                    (GDestroyNotify) kdcc_mgr_module_data_free);
    }

  filesystems = kdcc_snapshot_copy_list (drill->filesystems,
                                         (GCopyFunc) kdcc_filesystem_data_copy,
                                         (GDestroyNotify) kdcc_filesystem_data_free);
  g_clear_pointer (&snap->filesystems, g_ptr_array_unref);
  if (kdcc_filesystem_lists_equal (self->last_filesystems, filesystems))
    return;
  g_clear_pointer (&self->last_filesystems, g_ptr_array_unref);
  self->last_filesystems = kdcc_snapshot_copy_list (filesystems,
                                                    (GCopyFunc) kdcc_filesystem_data_copy,
                                                    (GDestroyNotify) kdcc_filesystem_data_free);
  snap->filesystems = g_steal_pointer (&filesystems);
}

/* ------------------------------------------------------------------------
 * PG list */

/* Pacific's status carries no pgmap version: the PG state counts and the
 * osdmap epoch stand in for it (a PG changes state or mapping only with
 * one of them). */
static char *
pg_digest (KdccSnapshot *snap)
{
  GString *digest = g_string_new (NULL);

  g_string_append_printf (digest, "%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";",
                          snap->pgmap_version, snap->pgs_total);
  for (guint i = 0; snap->pg_states != NULL && i < snap->pg_states->len; i++)
    {
      KdccPgStateData *state = g_ptr_array_index (snap->pg_states, i);

      g_string_append_printf (digest, "%s=%" G_GINT64_FORMAT ";", state->state, state->count);
    }
  return g_string_free (digest, FALSE);
}

gboolean
_kdcc_rados_pg_list_due (KdccRadosSource *self,
                         KdccSnapshot    *snap,
                         gboolean         force)
{
  g_autofree char *digest = NULL;

  if ((kdcc_source_get_wanted (KDCC_SOURCE (self)) & KDCC_MODEL_PART_PG_LIST) == 0)
    return FALSE;
  if (force || self->last_pgs == NULL || snap->osdmap_epoch != self->pgs_osdmap_epoch)
    return TRUE;
  digest = pg_digest (snap);
  return g_strcmp0 (digest, self->pgs_digest) != 0;
}

/* `pg ls` carries the scrub stamps but costs about 2 KiB per PG; past
 * that size pgs_brief (about 100 bytes per PG) does, and the PGs Ceph
 * itself finds not scrubbed in time still come from its health checks. */
#define PG_LS_MAX_PGS 20000

const char *
_kdcc_rados_pg_list_command (gint64 pgs_total)
{
  if (pgs_total >= 0 && pgs_total <= PG_LS_MAX_PGS)
    return "{\"prefix\":\"pg ls\",\"format\":\"json\"}";
  return "{\"prefix\":\"pg dump\",\"dumpcontents\":[\"pgs_brief\"],\"format\":\"json\"}";
}

gboolean
_kdcc_rados_take_pg_list (KdccRadosSource  *self,
                          KdccSnapshot     *snap,
                          GBytes           *bytes,
                          GError          **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  gint64 now = snap->fetched_at > 0 ? snap->fetched_at / G_USEC_PER_SEC
                                    : g_get_real_time () / G_USEC_PER_SEC;

  if (!kdcc_ceph_parse_pg_list (data, len, now, &snap->pgs, error))
    return FALSE;
  kdcc_ceph_mark_pg_problems (snap);

  g_clear_pointer (&self->last_pgs, g_ptr_array_unref);
  self->last_pgs = g_ptr_array_ref (snap->pgs);
  self->pgs_osdmap_epoch = snap->osdmap_epoch;
  g_free (self->pgs_digest);
  self->pgs_digest = pg_digest (snap);
  return TRUE;
}
