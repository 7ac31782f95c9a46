/* kdcc-upgrade-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upgrade in progress as a JSON file per cluster. The steps are saved
 * with the state rather than planned again on resume: half-way through,
 * the cluster's versions are mixed and a new plan would differ from the
 * one the admin started.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "kdcc-error.h"
#include "kdcc-upgrade-state.h"
#include "kdcc-json.h"

#define STATE_FORMAT 1

static const char *run_states[] = { "idle", "running", "paused", "failed", "aborted", "done" };
static const char *step_states[] = { "pending", "active", "done" };
static const char *step_kinds[] = { "set-flag", "daemon", "gate", "prepare", "require-release",
                                    "unset-flag", "rook-manifests", "rook-operator", "rook-ceph",
                                    "orch-upgrade" };

const char *
kdcc_upgrade_run_state_to_string (KdccUpgradeRunState state)
{
  return state < G_N_ELEMENTS (run_states) ? run_states[state] : "unknown";
}

const char *
kdcc_upgrade_step_kind_to_string (KdccUpgradeStepKind kind)
{
  return kind < G_N_ELEMENTS (step_kinds) ? step_kinds[kind] : "unknown";
}

static int
index_of (const char * const *names,
          guint               n,
          const char         *name)
{
  for (guint i = 0; i < n && name != NULL; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}

static void
record_free (KdccUpgradeStepRecord *record)
{
  kdcc_upgrade_step_free (record->step);
  g_free (record->note);
  g_free (record);
}

void
kdcc_upgrade_state_free (KdccUpgradeState *state)
{
  if (state == NULL)
    return;
  g_free (state->fsid);
  g_free (state->running_release);
  g_free (state->target_release);
  g_free (state->restart_template);
  g_clear_pointer (&state->steps, g_ptr_array_unref);
  g_free (state->wait_daemon);
  g_free (state->wait_gate);
  g_free (state->wait_reason);
  g_free (state->message);
  g_strfreev (state->autoscale_restore);
  g_free (state);
}

static KdccUpgradeState *
state_new (void)
{
  KdccUpgradeState *state = g_new0 (KdccUpgradeState, 1);

  state->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  return state;
}

KdccUpgradeState *
kdcc_upgrade_state_new_from_plan (const char      *fsid,
                                  KdccUpgradePlan *plan,
                                  guint            target_major,
                                  const char      *restart_template)
{
  KdccUpgradeState *state = state_new ();
  g_autoptr(GPtrArray) steps = g_steal_pointer (&plan->steps);

  state->fsid = g_strdup (fsid);
  state->running_release = g_strdup (plan->running_release);
  state->target_release = g_strdup (plan->target_release);
  state->target_major = target_major;
  state->restart_template = g_strdup (restart_template);
  state->started = state->updated = g_get_real_time ();
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      KdccUpgradeStepRecord *record = g_new0 (KdccUpgradeStepRecord, 1);

      record->step = g_steal_pointer (&steps->pdata[i]);
      g_ptr_array_add (state->steps, record);
    }
  return state;
}

static KdccUpgradeStep *
step_copy (const KdccUpgradeStep *s)
{
  KdccUpgradeStep *copy = g_new0 (KdccUpgradeStep, 1);

  copy->kind = s->kind;
  copy->daemon_type = g_strdup (s->daemon_type);
  copy->daemon_id = g_strdup (s->daemon_id);
  copy->host = g_strdup (s->host);
  copy->description = g_strdup (s->description);
  copy->command = g_strdup (s->command);
  copy->restart_command = g_strdup (s->restart_command);
  copy->target = g_strdup (s->target);
  return copy;
}

KdccUpgradeState *
kdcc_upgrade_state_copy (const KdccUpgradeState *state)
{
  KdccUpgradeState *copy = state_new ();

  copy->fsid = g_strdup (state->fsid);
  copy->running_release = g_strdup (state->running_release);
  copy->target_release = g_strdup (state->target_release);
  copy->target_major = state->target_major;
  copy->restart_template = g_strdup (state->restart_template);
  copy->state = state->state;
  copy->next_step = state->next_step;
  copy->started = state->started;
  copy->updated = state->updated;
  copy->pid = state->pid;
  copy->noout_was_set = state->noout_was_set;
  copy->noautoscale_was_set = state->noautoscale_was_set;
  copy->autoscale_restore = g_strdupv (state->autoscale_restore);
  for (guint i = 0; i < state->steps->len; i++)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);
      KdccUpgradeStepRecord *c = g_new0 (KdccUpgradeStepRecord, 1);

      c->step = step_copy (r->step);
      c->state = r->state;
      c->started = r->started;
      c->finished = r->finished;
      c->note = g_strdup (r->note);
      g_ptr_array_add (copy->steps, c);
    }
  copy->wait_daemon = g_strdup (state->wait_daemon);
  copy->wait_gate = g_strdup (state->wait_gate);
  copy->wait_reason = g_strdup (state->wait_reason);
  copy->wait_since = state->wait_since;
  copy->message = g_strdup (state->message);
  return copy;
}

static char *
file_in_state_dir (const char *fsid,
                   const char *suffix)
{
  g_autofree char *name = g_strconcat (fsid, suffix, NULL);

  return g_build_filename (g_get_user_state_dir (), "kdcc", "upgrade", name, NULL);
}

char *
kdcc_upgrade_state_path (const char *fsid)
{
  return file_in_state_dir (fsid, ".json");
}

char *
kdcc_upgrade_control_path (const char *fsid)
{
  return file_in_state_dir (fsid, ".control");
}

/* Writing ---------------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

char *
kdcc_upgrade_state_to_json (const KdccUpgradeState *state)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_int (b, "format", STATE_FORMAT);
  add_string (b, "fsid", state->fsid);
  add_string (b, "running_release", state->running_release);
  add_string (b, "target_release", state->target_release);
  add_int (b, "target_major", state->target_major);
  add_string (b, "restart_template", state->restart_template);
  add_string (b, "mode", state->restart_template != NULL ? "driven" : "manual");
  add_string (b, "state", kdcc_upgrade_run_state_to_string (state->state));
  add_int (b, "next_step", state->next_step);
  add_int (b, "started_us", state->started);
  add_int (b, "updated_us", state->updated);
  add_int (b, "pid", state->pid);
  json_builder_set_member_name (b, "noout_was_set");
  json_builder_add_boolean_value (b, state->noout_was_set);
  json_builder_set_member_name (b, "noautoscale_was_set");
  json_builder_add_boolean_value (b, state->noautoscale_was_set);
  if (state->autoscale_restore != NULL)
    {
      json_builder_set_member_name (b, "autoscale_restore");
      json_builder_begin_array (b);
      for (guint i = 0; state->autoscale_restore[i] != NULL; i++)
        json_builder_add_string_value (b, state->autoscale_restore[i]);
      json_builder_end_array (b);
    }
  add_string (b, "message", state->message);

  json_builder_set_member_name (b, "wait");
  if (state->wait_since != 0)
    {
      json_builder_begin_object (b);
      add_string (b, "daemon", state->wait_daemon);
      add_string (b, "gate", state->wait_gate);
      add_string (b, "reason", state->wait_reason);
      add_int (b, "since_us", state->wait_since);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < state->steps->len; i++)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);
      const KdccUpgradeStep *s = r->step;

      json_builder_begin_object (b);
      add_string (b, "kind", kdcc_upgrade_step_kind_to_string (s->kind));
      add_string (b, "daemon_type", s->daemon_type);
      add_string (b, "daemon_id", s->daemon_id);
      add_string (b, "host", s->host);
      add_string (b, "description", s->description);
      add_string (b, "command", s->command);
      add_string (b, "restart_command", s->restart_command);
      add_string (b, "target", s->target);
      add_string (b, "state", step_states[r->state]);
      add_int (b, "started_us", r->started);
      add_int (b, "finished_us", r->finished);
      add_string (b, "note", r->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kdcc_upgrade_state_save (KdccUpgradeState  *state,
                         const char        *path,
                         GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *json = NULL;

  state->updated = g_get_real_time ();
  json = kdcc_upgrade_state_to_json (state);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Reading ---------------------------------------------------------------------- */

static char *
dup_string (JsonObject *o,
            const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
get_int (JsonObject *o,
         const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static gboolean
parse_error (GError     **error,
             const char  *path,
             const char  *what)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
               _("The upgrade state %s cannot be read: %s"), path, what);
  return FALSE;
}

KdccUpgradeState *
kdcc_upgrade_state_load (const char  *path,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KdccUpgradeState) state = state_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *run_state = NULL;
  JsonObject *root, *wait;
  JsonArray *steps;
  gsize length = 0;
  int index;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!kdcc_json_parser_load (parser, "upgrade state", text, (gssize) length, &local_error))
    return parse_error (error, path, local_error->message), NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return parse_error (error, path, _("not a JSON object")), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (get_int (root, "format") != STATE_FORMAT)
    return parse_error (error, path, _("written by another version of KDCC")), NULL;

  state->fsid = dup_string (root, "fsid");
  state->running_release = dup_string (root, "running_release");
  state->target_release = dup_string (root, "target_release");
  state->target_major = (guint) get_int (root, "target_major");
  state->restart_template = dup_string (root, "restart_template");
  run_state = dup_string (root, "state");
  index = index_of (run_states, G_N_ELEMENTS (run_states), run_state);
  if (state->fsid == NULL || state->target_release == NULL || index < 0)
    return parse_error (error, path, _("the cluster, the target or the state is missing")), NULL;
  state->state = index;
  state->next_step = (guint) get_int (root, "next_step");
  state->started = get_int (root, "started_us");
  state->updated = get_int (root, "updated_us");
  state->pid = get_int (root, "pid");
  state->noout_was_set = json_object_has_member (root, "noout_was_set")
                         && json_object_get_boolean_member (root, "noout_was_set");
  state->noautoscale_was_set = json_object_has_member (root, "noautoscale_was_set")
                               && json_object_get_boolean_member (root, "noautoscale_was_set");
  if (json_object_has_member (root, "autoscale_restore")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "autoscale_restore")))
    {
      JsonArray *entries = json_object_get_array_member (root, "autoscale_restore");
      GPtrArray *restore = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonNode *entry = json_array_get_element (entries, i);

          if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING)
            g_ptr_array_add (restore, g_strdup (json_node_get_string (entry)));
        }
      g_ptr_array_add (restore, NULL);
      state->autoscale_restore = (char **) g_ptr_array_free (restore, FALSE);
    }
  state->message = dup_string (root, "message");

  wait = json_object_has_member (root, "wait") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "wait"))
         ? json_object_get_object_member (root, "wait") : NULL;
  if (wait != NULL)
    {
      state->wait_daemon = dup_string (wait, "daemon");
      state->wait_gate = dup_string (wait, "gate");
      state->wait_reason = dup_string (wait, "reason");
      state->wait_since = get_int (wait, "since_us");
    }

  if (!json_object_has_member (root, "steps")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "steps")))
    return parse_error (error, path, _("no steps")), NULL;
  steps = json_object_get_array_member (root, "steps");
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonNode *node = json_array_get_element (steps, i);
      KdccUpgradeStepRecord *r;
      g_autofree char *kind = NULL;
      g_autofree char *st = NULL;
      JsonObject *o;
      int k, s;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return parse_error (error, path, _("a step is not an object")), NULL;
      o = json_node_get_object (node);
      kind = dup_string (o, "kind");
      st = dup_string (o, "state");
      k = index_of (step_kinds, G_N_ELEMENTS (step_kinds), kind);
      s = index_of (step_states, G_N_ELEMENTS (step_states), st);
      if (k < 0 || s < 0)
        return parse_error (error, path, _("a step of an unknown kind or state")), NULL;
      r = g_new0 (KdccUpgradeStepRecord, 1);
      r->step = g_new0 (KdccUpgradeStep, 1);
      r->step->kind = k;
      r->step->daemon_type = dup_string (o, "daemon_type");
      r->step->daemon_id = dup_string (o, "daemon_id");
      r->step->host = dup_string (o, "host");
      r->step->description = dup_string (o, "description");
      r->step->command = dup_string (o, "command");
      r->step->restart_command = dup_string (o, "restart_command");
      r->step->target = dup_string (o, "target");
      r->state = s;
      r->started = get_int (o, "started_us");
      r->finished = get_int (o, "finished_us");
      r->note = dup_string (o, "note");
      g_ptr_array_add (state->steps, r);
      if (r->step->kind == KDCC_UPGRADE_STEP_DAEMON
          && (r->step->daemon_type == NULL || r->step->daemon_id == NULL))
        return parse_error (error, path, _("a daemon step names no daemon")), NULL;
    }
  if (state->next_step > state->steps->len)
    return parse_error (error, path, _("the next step is past the end")), NULL;

  return g_steal_pointer (&state);
}

/* Requests from other processes -------------------------------------------------- */

gboolean
kdcc_upgrade_control_request (const char  *fsid,
                              const char  *request,
                              GError     **error)
{
  g_autofree char *path = kdcc_upgrade_control_path (fsid);
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_val_if_fail (g_strcmp0 (request, "pause") == 0 || g_strcmp0 (request, "abort") == 0,
                        FALSE);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, request, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
kdcc_upgrade_control_take (const char *fsid,
                           gboolean    consume)
{
  g_autofree char *path = kdcc_upgrade_control_path (fsid);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  g_strstrip (text);
  if (!g_str_equal (text, "pause") && !g_str_equal (text, "abort"))
    g_clear_pointer (&text, g_free);
  if (consume)
    g_unlink (path);
  return text;
}

gboolean
kdcc_upgrade_state_driver_alive (const KdccUpgradeState *state)
{
  g_autofree char *proc = NULL;

  if (state->pid <= 0)
    return FALSE;
  if (state->pid == (gint64) getpid ())
    return TRUE;
  proc = g_strdup_printf ("/proc/%" G_GINT64_FORMAT, state->pid);
  return g_file_test (proc, G_FILE_TEST_IS_DIR);
}
