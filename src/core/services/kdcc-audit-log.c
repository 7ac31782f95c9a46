/* kdcc-audit-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Append-only on purpose: every line is written with one write(2) to a
 * file opened O_APPEND, so the app and kdcc-cli writing at once never
 * interleave inside a line, and nothing ever rewrites what is there.
 */
#define G_LOG_DOMAIN "kdcc-audit-log"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "kdcc-audit-log.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-owner.h"

struct _KdccAuditEntry
{
  GObject    parent_instance;

  GDateTime *time;
  char      *user;
  char      *fsid;
  char      *connection;
  char      *action;
  char      *change;
  char      *cli;
  char      *result;
  char      *message;
};

G_DEFINE_FINAL_TYPE (KdccAuditEntry, kdcc_audit_entry, G_TYPE_OBJECT)

enum {
  EPROP_0,
  EPROP_TIME,
  EPROP_USER,
  EPROP_FSID,
  EPROP_CONNECTION,
  EPROP_ACTION,
  EPROP_CHANGE,
  EPROP_CLI,
  EPROP_RESULT,
  EPROP_MESSAGE,
  N_EPROPS
};

static GParamSpec *entry_properties[N_EPROPS];

static void
kdcc_audit_entry_finalize (GObject *object)
{
  KdccAuditEntry *self = KDCC_AUDIT_ENTRY (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->user);
  g_free (self->fsid);
  g_free (self->connection);
  g_free (self->action);
  g_free (self->change);
  g_free (self->cli);
  g_free (self->result);
  g_free (self->message);
  G_OBJECT_CLASS (kdcc_audit_entry_parent_class)->finalize (object);
}

static void
kdcc_audit_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccAuditEntry *self = KDCC_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case EPROP_TIME: g_value_set_boxed (value, self->time); break;
    case EPROP_USER: g_value_set_string (value, self->user); break;
    case EPROP_FSID: g_value_set_string (value, self->fsid); break;
    case EPROP_CONNECTION: g_value_set_string (value, self->connection); break;
    case EPROP_ACTION: g_value_set_string (value, self->action); break;
    case EPROP_CHANGE: g_value_set_string (value, self->change); break;
    case EPROP_CLI: g_value_set_string (value, self->cli); break;
    case EPROP_RESULT: g_value_set_string (value, self->result); break;
    case EPROP_MESSAGE: g_value_set_string (value, self->message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_audit_entry_class_init (KdccAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[N_EPROPS] = { NULL, "time", "user", "fsid", "connection", "action", "change",
                                  "cli", "result", "message" };

  object_class->finalize = kdcc_audit_entry_finalize;
  object_class->get_property = kdcc_audit_entry_get_property;

  entry_properties[EPROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = EPROP_USER; i < N_EPROPS; i++)
    entry_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_EPROPS, entry_properties);
}

static void
kdcc_audit_entry_init (KdccAuditEntry *self)
{
}

GDateTime *kdcc_audit_entry_get_time (KdccAuditEntry *self) { return self->time; }
const char *kdcc_audit_entry_get_user (KdccAuditEntry *self) { return self->user; }
const char *kdcc_audit_entry_get_fsid (KdccAuditEntry *self) { return self->fsid; }
const char *kdcc_audit_entry_get_connection (KdccAuditEntry *self) { return self->connection; }
const char *kdcc_audit_entry_get_action (KdccAuditEntry *self) { return self->action; }
const char *kdcc_audit_entry_get_change (KdccAuditEntry *self) { return self->change; }
const char *kdcc_audit_entry_get_cli (KdccAuditEntry *self) { return self->cli; }
const char *kdcc_audit_entry_get_result (KdccAuditEntry *self) { return self->result; }
const char *kdcc_audit_entry_get_message (KdccAuditEntry *self) { return self->message; }

char *
kdcc_audit_entry_to_json (KdccAuditEntry *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = g_date_time_format_iso8601 (self->time);
  const char *keys[] = { "time", "user", "fsid", "connection", "action", "change", "cli",
                         "result", "message" };
  const char *values[] = { time, self->user, self->fsid, self->connection, self->action,
                           self->change, self->cli, self->result, self->message };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (values[i] == NULL)
        continue;
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, values[i]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static KdccAuditEntry *
entry_from_json (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  KdccAuditEntry *self;
  JsonObject *o;

  if (!kdcc_json_parser_load (parser, "audit log", line, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  self = g_object_new (KDCC_TYPE_AUDIT_ENTRY, NULL);
#define S(m) g_strdup (json_object_get_string_member_with_default (o, m, NULL))
  {
    g_autofree char *time = S ("time");

    self->time = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
  }
  if (self->time == NULL)
    self->time = g_date_time_new_from_unix_utc (0);
  self->user = S ("user");
  self->fsid = S ("fsid");
  self->connection = S ("connection");
  self->action = S ("action");
  self->change = S ("change");
  self->cli = S ("cli");
  self->result = S ("result");
  self->message = S ("message");
#undef S
  return self;
}

const char *
kdcc_operation_outcome_to_string (KdccOperationOutcome outcome)
{
  switch (outcome)
    {
    case KDCC_OPERATION_OUTCOME_VERIFIED: return "verified";
    case KDCC_OPERATION_OUTCOME_DIFFERS: return "differs";
    case KDCC_OPERATION_OUTCOME_UNVERIFIED: return "unverified";
    case KDCC_OPERATION_OUTCOME_FAILED:
    default: return "failed";
    }
}

/* ------------------------------------------------------------------------
 * KdccAuditLog */

struct _KdccAuditLog
{
  GObject    parent_instance;

  char      *fsid;
  char      *path;
  GPtrArray *entries;
  /* Appends may come from a job's worker thread; the model changes only
   * on the context that created the log. */
  KdccOwner  owner;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccAuditLog, kdcc_audit_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_FSID,
  PROP_PATH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType list_get_item_type (GListModel *m) { return KDCC_TYPE_AUDIT_ENTRY; }
static guint list_get_n_items (GListModel *m) { return KDCC_AUDIT_LOG (m)->entries->len; }

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  KdccAuditLog *self = KDCC_AUDIT_LOG (model);

  return position < self->entries->len ? g_object_ref (g_ptr_array_index (self->entries, position))
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
kdcc_audit_log_finalize (GObject *object)
{
  KdccAuditLog *self = KDCC_AUDIT_LOG (object);

  g_free (self->fsid);
  g_free (self->path);
  g_ptr_array_unref (self->entries);
  kdcc_owner_clear (&self->owner);
  G_OBJECT_CLASS (kdcc_audit_log_parent_class)->finalize (object);
}

static void
kdcc_audit_log_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdccAuditLog *self = KDCC_AUDIT_LOG (object);

  switch (prop_id)
    {
    case PROP_FSID: g_value_set_string (value, self->fsid); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->entries->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_audit_log_class_init (KdccAuditLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = kdcc_audit_log_finalize;
  object_class->get_property = kdcc_audit_log_get_property;
  properties[PROP_FSID] = g_param_spec_string ("fsid", NULL, NULL, NULL, ro);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_audit_log_init (KdccAuditLog *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  kdcc_owner_init (&self->owner);
}

char *
kdcc_audit_log_default_path (const char *fsid)
{
  g_autofree char *file = g_strconcat (fsid, ".jsonl", NULL);

  return g_build_filename (g_get_user_data_dir (), "kdcc", "audit", file, NULL);
}

KdccAuditLog *
kdcc_audit_log_new (const char *fsid,
                    const char *path)
{
  KdccAuditLog *self;

  g_return_val_if_fail (fsid != NULL && *fsid != '\0', NULL);

  self = g_object_new (KDCC_TYPE_AUDIT_LOG, NULL);
  self->fsid = g_strdup (fsid);
  self->path = path != NULL ? g_strdup (path) : kdcc_audit_log_default_path (fsid);
  return self;
}

const char *kdcc_audit_log_get_fsid (KdccAuditLog *self) { return self->fsid; }
const char *kdcc_audit_log_get_path (KdccAuditLog *self) { return self->path; }

typedef struct
{
  KdccAuditLog   *log;
  KdccAuditEntry *entry;
} AddData;

static gboolean
add_entry_cb (gpointer user_data)
{
  AddData *data = user_data;
  KdccAuditLog *self = data->log;

  g_ptr_array_add (self->entries, g_steal_pointer (&data->entry));
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_unref (data->log);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
add_entry (KdccAuditLog   *self,
           KdccAuditEntry *entry)
{
  AddData *data = g_new0 (AddData, 1);

  data->log = g_object_ref (self);
  data->entry = entry;
  /* Runs at once on the owner thread, queued from any other. */
  kdcc_owner_invoke (&self->owner, G_PRIORITY_DEFAULT, add_entry_cb, data, NULL);
}

gboolean
kdcc_audit_log_load (KdccAuditLog  *self,
                     GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) lines = NULL;
  guint before = self->entries->len;

  if (!g_file_get_contents (self->path, &text, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        text = g_strdup ("");
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  g_ptr_array_set_size (self->entries, 0);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      KdccAuditEntry *entry = *lines[i] != '\0' ? entry_from_json (lines[i]) : NULL;

      if (entry != NULL)
        g_ptr_array_add (self->entries, entry);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->entries->len);
  if (before != self->entries->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

static char *
describe (KdccOperation *operation)
{
  const char *target = kdcc_operation_get_target (operation);
  const char *key = kdcc_operation_get_key (operation);
  const char *value = kdcc_operation_get_value (operation);

  return g_strjoin (" ", target != NULL ? target : "", key != NULL ? key : "",
                    value != NULL ? "=" : "", value != NULL ? value : "", NULL);
}

/* Writes the entry (taken) as one line with one write(2) in O_APPEND mode,
 * then adds it to the model. */
static gboolean
write_entry (KdccAuditLog    *self,
             KdccAuditEntry **entry_in,
             GError         **error)
{
  g_autoptr(KdccAuditEntry) entry = g_steal_pointer (entry_in);
  g_autofree char *json = NULL;
  g_autofree char *line = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  gssize written;
  int fd;

  json = kdcc_audit_entry_to_json (entry);
  line = g_strconcat (json, "\n", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (self->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open the audit log %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  written = write (fd, line, strlen (line));
  if (written != (gssize) strlen (line) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the audit log %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  add_entry (self, g_steal_pointer (&entry));
  return TRUE;
}

gboolean
kdcc_audit_log_append (KdccAuditLog         *self,
                       const char           *connection,
                       const char           *action,
                       KdccOperationResult  *result,
                       GError              **error)
{
  g_autoptr(KdccAuditEntry) entry = g_object_new (KDCC_TYPE_AUDIT_ENTRY, NULL);
  KdccOperation *operation = kdcc_operation_result_get_operation (result);
  const GError *failure = kdcc_operation_result_get_error (result);

  entry->time = g_date_time_new_now_utc ();
  entry->user = g_strdup (g_get_user_name ());
  entry->fsid = g_strdup (self->fsid);
  entry->connection = g_strdup (connection);
  entry->action = g_strdup (action);
  entry->change = g_strstrip (describe (operation));
  entry->cli = kdcc_operation_dup_cli_equivalent (operation);
  entry->result = g_strdup (kdcc_operation_outcome_to_string (
                              kdcc_operation_result_get_outcome (result)));
  if (failure != NULL)
    entry->message = g_strdup (failure->message);
  else if (kdcc_operation_result_get_outcome (result) == KDCC_OPERATION_OUTCOME_DIFFERS)
    entry->message = g_strdup_printf (_("read back %s"),
                                      kdcc_operation_result_get_read_back_value (result) != NULL
                                        ? kdcc_operation_result_get_read_back_value (result)
                                        : _("(unset)"));

  return write_entry (self, &entry, error);
}

gboolean
kdcc_audit_log_append_event (KdccAuditLog  *self,
                             const char    *connection,
                             const char    *action,
                             const char    *change,
                             const char    *cli,
                             const char    *result,
                             const char    *message,
                             GError       **error)
{
  g_autoptr(KdccAuditEntry) entry = NULL;

  g_return_val_if_fail (action != NULL && change != NULL && result != NULL, FALSE);

  entry = g_object_new (KDCC_TYPE_AUDIT_ENTRY, NULL);
  entry->time = g_date_time_new_now_utc ();
  entry->user = g_strdup (g_get_user_name ());
  entry->fsid = g_strdup (self->fsid);
  entry->connection = g_strdup (connection);
  entry->action = g_strdup (action);
  entry->change = g_strdup (change);
  entry->cli = g_strdup (cli);
  entry->result = g_strdup (result);
  entry->message = g_strdup (message);
  return write_entry (self, &entry, error);
}

gboolean
kdcc_audit_log_export (KdccAuditLog  *self,
                       const char    *path,
                       GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autofree char *json = kdcc_audit_entry_to_json (g_ptr_array_index (self->entries, i));

      g_string_append (text, json);
      g_string_append_c (text, '\n');
    }
  return g_file_set_contents_full (path, text->str, text->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

char *
kdcc_audit_log_read_text (const char *fsid)
{
  g_autofree char *path = kdcc_audit_log_default_path (fsid);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}
