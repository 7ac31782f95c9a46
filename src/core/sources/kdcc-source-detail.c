/* kdcc-source-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-source-detail.h"

/* Details run through kdcc_source_run_command_sync(), so every source that
 * runs raw Ceph commands has them without code of its own; the others fail
 * with KDCC_ERROR_NOT_SUPPORTED before anything is sent. */

void
kdcc_osd_metadata_free (KdccOsdMetadata *metadata)
{
  if (metadata == NULL)
    return;
  g_free (metadata->hostname);
  g_free (metadata->devices);
  g_free (metadata->device_class);
  g_free (metadata->ceph_version);
  g_free (metadata->ceph_version_full);
  g_free (metadata->front_addr);
  g_free (metadata->back_addr);
  g_free (metadata->objectstore);
  g_free (metadata->os);
  g_free (metadata->kernel);
  g_clear_pointer (&metadata->pairs, g_ptr_array_unref);
  g_free (metadata);
}

/* Empty strings mean "none" in osd metadata (a memstore OSD has no
 * devices). */
static char *
dup_nonempty (JsonObject *obj,
              const char *member)
{
  const char *value = kdcc_json_find_string (obj, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

KdccOsdMetadata *
kdcc_osd_metadata_parse (const char  *json,
                         gssize       length,
                         GError     **error)
{
  KdccJson ctx_data = { "osd metadata", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccOsdMetadata) metadata = g_new0 (KdccOsdMetadata, 1);
  g_autoptr(GList) keys = NULL;
  JsonObject *obj;

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return NULL;
  obj = json_node_get_object (root);
  if (!kdcc_json_get_int (ctx, obj, NULL, "id", TRUE, &metadata->id))
    return NULL;

  metadata->hostname = dup_nonempty (obj, "hostname");
  metadata->devices = dup_nonempty (obj, "devices");
  metadata->device_class = dup_nonempty (obj, "default_device_class");
  metadata->ceph_version = dup_nonempty (obj, "ceph_version_short");
  metadata->ceph_version_full = dup_nonempty (obj, "ceph_version");
  metadata->front_addr = dup_nonempty (obj, "front_addr");
  metadata->back_addr = dup_nonempty (obj, "back_addr");
  metadata->objectstore = dup_nonempty (obj, "osd_objectstore");
  metadata->os = dup_nonempty (obj, "distro_description");
  metadata->kernel = dup_nonempty (obj, "kernel_version");
  metadata->rotational = g_strcmp0 (kdcc_json_find_string (obj, "rotational"), "1") == 0;

  metadata->pairs = g_ptr_array_new_with_free_func (g_free);
  keys = g_list_sort (json_object_get_members (obj), (GCompareFunc) g_strcmp0);
  for (const GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (obj, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      g_ptr_array_add (metadata->pairs, g_strdup (l->data));
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (metadata->pairs, g_strdup (json_node_get_string (node)));
      else
        g_ptr_array_add (metadata->pairs, json_to_string (node, FALSE));
    }
  return g_steal_pointer (&metadata);
}

typedef struct
{
  gint64 osd_id;
} DetailRequest;

static void
get_osd_metadata_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  DetailRequest *request = task_data;
  g_autofree char *command = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  KdccOsdMetadata *metadata;
  gsize len = 0;
  const char *data;

  command = g_strdup_printf ("{\"prefix\":\"osd metadata\",\"id\":%" G_GINT64_FORMAT
                             ",\"format\":\"json\"}", request->osd_id);
  bytes = kdcc_source_run_command_sync (source_object, "mon", command, NULL, cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  metadata = kdcc_osd_metadata_parse (data, len, &error);
  if (metadata == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, metadata, (GDestroyNotify) kdcc_osd_metadata_free);
}

static GTask *
detail_task_new (KdccSource          *self,
                 gint64               osd_id,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DetailRequest *request = g_new0 (DetailRequest, 1);

  g_task_set_source_tag (task, source_tag);
  request->osd_id = osd_id;
  g_task_set_task_data (task, request, g_free);
  return task;
}

void
kdcc_source_get_osd_metadata_async (KdccSource          *self,
                                    gint64               osd_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SOURCE (self));

  task = detail_task_new (self, osd_id, kdcc_source_get_osd_metadata_async, cancellable,
                          callback, user_data);
  g_task_run_in_thread (task, get_osd_metadata_thread);
}

KdccOsdMetadata *
kdcc_source_get_osd_metadata_finish (KdccSource    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        kdcc_source_get_osd_metadata_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_osd_pgs_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  DetailRequest *request = task_data;
  g_autofree char *command = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pgs = NULL;
  gsize len = 0;
  const char *data;

  /* A mgr command: the mgr holds the PG map. */
  command = g_strdup_printf ("{\"prefix\":\"pg ls-by-osd\",\"osd\":%" G_GINT64_FORMAT
                             ",\"format\":\"json\"}", request->osd_id);
  bytes = kdcc_source_run_command_sync (source_object, "mgr", command, NULL, cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!kdcc_ceph_parse_pg_list (data, len, g_get_real_time () / G_USEC_PER_SEC, &pgs, &error))
    {
      g_prefix_error (&error, "pg ls-by-osd: ");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&pgs), (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_source_list_osd_pgs_async (KdccSource          *self,
                                gint64               osd_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SOURCE (self));

  task = detail_task_new (self, osd_id, kdcc_source_list_osd_pgs_async, cancellable,
                          callback, user_data);
  g_task_run_in_thread (task, list_osd_pgs_thread);
}

GPtrArray *
kdcc_source_list_osd_pgs_finish (KdccSource    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        kdcc_source_list_osd_pgs_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
