/* kdcc-staging.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staging area: the list, its file and the staged change. Applying
 * and rolling back are in kdcc-staging-apply.c.
 *
 * The file is rewritten whole and atomically (g_file_set_contents_full
 * with CONSISTENT: write a temporary, fsync, rename) after every change,
 * so a crash leaves either the old or the new list, never half of one.
 */
#define G_LOG_DOMAIN "kdcc-staging"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "kdcc-error.h"
#include "kdcc-staging-private.h"
#include "kdcc-json.h"

/* ------------------------------------------------------------------------
 * KdccStaging */

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccStaging, kdcc_staging, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_FSID,
  PROP_PATH,
  PROP_N_ITEMS,
  PROP_N_DRIFTED,
  PROP_HAS_LAST_BATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType list_get_item_type (GListModel *m) { return KDCC_TYPE_STAGED_CHANGE; }
static guint list_get_n_items (GListModel *m) { return KDCC_STAGING (m)->changes->len; }

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  KdccStaging *self = KDCC_STAGING (model);

  return position < self->changes->len ? g_object_ref (g_ptr_array_index (self->changes, position))
                                       : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
kdcc_staging_finalize (GObject *object)
{
  KdccStaging *self = KDCC_STAGING (object);

  g_free (self->fsid);
  g_free (self->path);
  g_ptr_array_unref (self->changes);
  g_clear_object (&self->last_batch);
  G_OBJECT_CLASS (kdcc_staging_parent_class)->finalize (object);
}

static void
kdcc_staging_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdccStaging *self = KDCC_STAGING (object);

  switch (prop_id)
    {
    case PROP_FSID: g_value_set_string (value, self->fsid); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->changes->len); break;
    case PROP_N_DRIFTED: g_value_set_uint (value, kdcc_staging_get_n_drifted (self)); break;
    case PROP_HAS_LAST_BATCH: g_value_set_boolean (value, self->last_batch != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_staging_class_init (KdccStagingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = kdcc_staging_finalize;
  object_class->get_property = kdcc_staging_get_property;
  properties[PROP_FSID] = g_param_spec_string ("fsid", NULL, NULL, NULL, ro);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_DRIFTED] = g_param_spec_uint ("n-drifted", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HAS_LAST_BATCH] = g_param_spec_boolean ("has-last-batch", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_staging_init (KdccStaging *self)
{
  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
}

char *
kdcc_staging_default_path (const char *fsid)
{
  g_autofree char *file = g_strconcat (fsid, ".json", NULL);

  return g_build_filename (g_get_user_data_dir (), "kdcc", "staging", file, NULL);
}

KdccStaging *
kdcc_staging_new (const char *fsid,
                  const char *path)
{
  KdccStaging *self;

  g_return_val_if_fail (fsid != NULL && *fsid != '\0', NULL);

  self = g_object_new (KDCC_TYPE_STAGING, NULL);
  self->fsid = g_strdup (fsid);
  self->path = path != NULL ? g_strdup (path) : kdcc_staging_default_path (fsid);
  return self;
}

const char *kdcc_staging_get_fsid (KdccStaging *self) { return self->fsid; }
const char *kdcc_staging_get_path (KdccStaging *self) { return self->path; }
GListModel *kdcc_staging_get_last_batch (KdccStaging *self) { return self->last_batch != NULL ? G_LIST_MODEL (self->last_batch) : NULL; }

guint
kdcc_staging_get_n_drifted (KdccStaging *self)
{
  guint n = 0;

  for (guint i = 0; i < self->changes->len; i++)
    n += kdcc_staged_change_get_drifted (g_ptr_array_index (self->changes, i));
  return n;
}

void
_kdcc_staging_notify_n_items (KdccStaging *self,
                              guint        before)
{
  if (before != self->changes->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DRIFTED]);
}

void
_kdcc_staging_set_last_batch (KdccStaging *self,
                              GListStore  *batch)
{
  gboolean had = self->last_batch != NULL;

  g_clear_object (&self->last_batch);
  if (batch != NULL)
    self->last_batch = g_object_ref (batch);
  if (had != (self->last_batch != NULL) || batch != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LAST_BATCH]);
}

char *
kdcc_staging_to_json (KdccStaging *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_builder_begin_object (builder);
  _kdcc_json_add_string (builder, "fsid", self->fsid);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->changes->len; i++)
    json_builder_add_value (builder, _kdcc_staged_change_to_json (g_ptr_array_index (self->changes, i)));
  json_builder_end_array (builder);
  if (self->last_batch != NULL)
    {
      json_builder_set_member_name (builder, "last_batch");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->last_batch)); i++)
        {
          g_autoptr(KdccStagedChange) change = g_list_model_get_item (G_LIST_MODEL (self->last_batch), i);

          json_builder_add_value (builder, _kdcc_staged_change_to_json (change));
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
kdcc_staging_save (KdccStaging  *self,
                   GError      **error)
{
  g_autofree char *text = kdcc_staging_to_json (self);
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (self->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

gboolean
kdcc_staging_load (KdccStaging  *self,
                   GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GListStore) batch = NULL;
  JsonObject *root;
  JsonArray *array;
  guint before = self->changes->len;

  if (!g_file_get_contents (self->path, &text, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!kdcc_json_parser_load (parser, "staged changes", text, -1, &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("The staging file %s is damaged: %s"),
                   self->path, local_error != NULL ? local_error->message : _("not an object"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "fsid", NULL), self->fsid) != 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The staging file %s belongs to another cluster"), self->path);
      return FALSE;
    }

  g_ptr_array_set_size (self->changes, 0);
  if (json_object_has_member (root, "changes")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "changes")))
    {
      array = json_object_get_array_member (root, "changes");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          KdccStagedChange *change = _kdcc_staged_change_from_json (json_array_get_element (array, i));

          if (change != NULL)
            g_ptr_array_add (self->changes, change);
        }
    }
  if (json_object_has_member (root, "last_batch")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "last_batch")))
    {
      array = json_object_get_array_member (root, "last_batch");
      batch = g_list_store_new (KDCC_TYPE_STAGED_CHANGE);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(KdccStagedChange) change = _kdcc_staged_change_from_json (json_array_get_element (array, i));

          if (change != NULL)
            g_list_store_append (batch, change);
        }
    }
  _kdcc_staging_set_last_batch (self, batch);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->changes->len);
  _kdcc_staging_notify_n_items (self, before);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Editing */

static KdccStagedChange *
append_change (KdccStaging   *self,
               KdccOperation *operation,
               gboolean       ok,
               const char    *old_value,
               const char    *confirmation,
               GError       **error)
{
  g_autoptr(KdccStagedChange) change = _kdcc_staged_change_new (operation, ok, old_value,
                                                                confirmation);

  g_ptr_array_add (self->changes, g_object_ref (change));
  g_list_model_items_changed (G_LIST_MODEL (self), self->changes->len - 1, 0, 1);
  _kdcc_staging_notify_n_items (self, self->changes->len - 1);
  if (!kdcc_staging_save (self, error))
    {
      /* Not on disk: not staged either. */
      g_ptr_array_remove_index (self->changes, self->changes->len - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), self->changes->len, 1, 0);
      _kdcc_staging_notify_n_items (self, self->changes->len + 1);
      return NULL;
    }
  return change;
}

static gboolean
check_confirmation (KdccOperation  *operation,
                    const char     *confirmation,
                    GError        **error)
{
  g_autofree char *reason = g_strstrip (g_strdup (confirmation != NULL ? confirmation : ""));

  if (kdcc_operation_get_risk (operation) == KDCC_RISK_LOW || *reason != '\0')
    return TRUE;
  /* TRANSLATORS: %s is why the change is risky. */
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
               _("This change needs an explicit confirmation: %s"),
               kdcc_operation_get_risk_reason (operation) != NULL
                 ? kdcc_operation_get_risk_reason (operation) : _("it is risky"));
  return FALSE;
}

/* The value in force now. A transport that cannot read this target back
 * (the Dashboard and masked values) still lets the change be staged, with
 * its old value unknown: no drift check and no way back for it. */
static gboolean
read_old_value (KdccSource     *source,
                KdccOperation  *operation,
                gboolean       *has_old,
                char          **old_value,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  *has_old = kdcc_source_read_back_sync (source, operation, old_value, cancellable, &local_error);
  if (*has_old)
    return TRUE;
  if (g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

KdccStagedChange *
kdcc_staging_add_sync (KdccStaging    *self,
                       KdccSource     *source,
                       KdccOperation  *operation,
                       const char     *confirmation,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *old_value = NULL;
  gboolean has_old = FALSE;
  KdccStagedChange *change;

  g_return_val_if_fail (KDCC_IS_STAGING (self), NULL);

  if (!kdcc_operation_validate (operation, error) || !check_confirmation (operation, confirmation,
                                                                          error))
    return NULL;
  if (!read_old_value (source, operation, &has_old, &old_value, cancellable, error))
    return NULL;
  change = append_change (self, operation, has_old, old_value, confirmation, error);
  return change != NULL ? g_object_ref (change) : NULL;
}

typedef struct
{
  KdccOperation *operation;
  KdccSource    *source;
  char          *confirmation;
  char          *old_value;
  gboolean       has_old;
} AddData;

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->operation);
  g_clear_object (&data->source);
  g_free (data->confirmation);
  g_free (data->old_value);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  GError *error = NULL;

  if (!read_old_value (data->source, data->operation, &data->has_old, &data->old_value,
                       cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
kdcc_staging_add_async (KdccStaging         *self,
                        KdccSource          *source,
                        KdccOperation       *operation,
                        const char          *confirmation,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  AddData *data;

  g_task_set_source_tag (task, kdcc_staging_add_async);
  if (!kdcc_operation_validate (operation, &error)
      || !check_confirmation (operation, confirmation, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (AddData, 1);
  data->operation = g_object_ref (operation);
  data->source = g_object_ref (source);
  data->confirmation = g_strdup (confirmation);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_thread);
}

KdccStagedChange *
kdcc_staging_add_finish (KdccStaging   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  AddData *data;
  KdccStagedChange *change;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  change = append_change (self, data->operation, data->has_old, data->old_value,
                          data->confirmation, error);
  return change != NULL ? g_object_ref (change) : NULL;
}

static gboolean
check_position (KdccStaging  *self,
                guint         position,
                GError      **error)
{
  if (position < self->changes->len)
    return TRUE;
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
               _("There is no staged change number %u"), position + 1);
  return FALSE;
}

gboolean
kdcc_staging_drop (KdccStaging  *self,
                   guint         position,
                   GError      **error)
{
  if (!check_position (self, position, error))
    return FALSE;
  g_ptr_array_remove_index (self->changes, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  _kdcc_staging_notify_n_items (self, self->changes->len + 1);
  return kdcc_staging_save (self, error);
}

gboolean
kdcc_staging_move (KdccStaging  *self,
                   guint         from,
                   guint         to,
                   GError      **error)
{
  gpointer change;

  if (!check_position (self, from, error) || !check_position (self, to, error))
    return FALSE;
  if (from == to)
    return TRUE;
  change = g_ptr_array_steal_index (self->changes, from);
  g_ptr_array_insert (self->changes, to, change);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), ABS ((int) from - (int) to) + 1,
                              ABS ((int) from - (int) to) + 1);
  return kdcc_staging_save (self, error);
}

gboolean
kdcc_staging_discard (KdccStaging  *self,
                      GError      **error)
{
  guint before = self->changes->len;

  g_ptr_array_set_size (self->changes, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, 0);
  _kdcc_staging_notify_n_items (self, before);
  return kdcc_staging_save (self, error);
}

char *
kdcc_staging_dup_script (KdccStaging *self)
{
  GString *script = g_string_new ("#!/bin/sh\n");

  g_string_append_printf (script, "# %s %s\nset -e\n",
                          _("KDCC staged changes for cluster"), self->fsid);
  for (guint i = 0; i < self->changes->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (self->changes, i);

      if (kdcc_staged_change_needs_restart (change))
        {
          /* TRANSLATORS: a comment in a shell script; %s: "osd", "osd.3", "global" */
          g_autofree char *note = g_strdup_printf (_("needs a restart of %s to take effect"),
                                                   kdcc_staged_change_get_restart_who (change));

          g_string_append_printf (script, "# %s\n", note);
        }
      g_string_append_printf (script, "%s\n", change->cli);
    }
  return g_string_free (script, FALSE);
}

int
kdcc_staging_check_drift_sync (KdccStaging   *self,
                               KdccSource    *source,
                               GCancellable  *cancellable,
                               GError       **error)
{
  int n = 0;

  for (guint i = 0; i < self->changes->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (self->changes, i);
      g_autofree char *current = NULL;
      gboolean drifted;

      if (!change->has_old_value)
        continue;
      if (!kdcc_source_read_back_sync (source, change->operation, &current, cancellable, error))
        return -1;
      drifted = change->has_old_value && !_kdcc_staging_same_value (change->old_value, current);
      _kdcc_staged_change_set_drift (change, drifted, current);
      n += drifted;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DRIFTED]);
  return n;
}

typedef struct
{
  KdccSource *source;
  GPtrArray  *changes;   /* KdccStagedChange, checked */
  GPtrArray  *currents;  /* char *, per change */
} DriftData;

static void
drift_data_free (DriftData *data)
{
  g_clear_object (&data->source);
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_clear_pointer (&data->currents, g_ptr_array_unref);
  g_free (data);
}

static void
drift_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DriftData *data = task_data;

  for (guint i = 0; i < data->changes->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (data->changes, i);
      GError *error = NULL;
      char *current = NULL;

      if (!kdcc_source_read_back_sync (data->source, kdcc_staged_change_get_operation (change),
                                       &current, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (data->currents, current);
    }
  g_task_return_boolean (task, TRUE);
}

void
kdcc_staging_check_drift_async (KdccStaging         *self,
                                KdccSource          *source,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  DriftData *data = g_new0 (DriftData, 1);

  g_task_set_source_tag (task, kdcc_staging_check_drift_async);
  data->source = g_object_ref (source);
  data->changes = g_ptr_array_new_with_free_func (g_object_unref);
  data->currents = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->changes->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (self->changes, i);

      if (change->has_old_value)
        g_ptr_array_add (data->changes, g_object_ref (change));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) drift_data_free);
  g_task_run_in_thread (task, drift_thread);
}

int
kdcc_staging_check_drift_finish (KdccStaging   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  DriftData *data;
  int n = 0;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;
  data = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < data->changes->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (data->changes, i);
      const char *current = g_ptr_array_index (data->currents, i);
      gboolean drifted = !_kdcc_staging_same_value (change->old_value, current);

      _kdcc_staged_change_set_drift (change, drifted, current);
      n += drifted;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DRIFTED]);
  return n;
}
