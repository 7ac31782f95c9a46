/* test-upgrade-auto-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automated upgrade on a real private Pacific 16.2.15 cluster:
 * `kdcc-cli upgrade auto` sets notify mode and its --check says Reef is
 * available; then a maintenance window that is open now, with the
 * harness's `upgrade-daemon` restart template, makes the app's scheduler
 * (KdccUpgradeWatch) start the roll to Reef by itself. The pool's
 * min_size is raised to its size, so `osd ok-to-stop` refuses osd.0 and
 * the roll stalls there after the mons and the mgr. The test owns
 * org.gtk.Notifications on the run's session bus (GLib 2.74's GNotification
 * sends to it when it has an owner, else to org.freedesktop.Notifications)
 * and checks what the GApplication really sent: "available", "started"
 * and "stalled", each opening the upgrade page (app.show-upgrade with the
 * fsid); then it aborts the roll and checks "ended".
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-test-session.h"
#include "kdcc-test-util.h"
#include "kdcc-upgrade-auto.h"
#include "kdcc-upgrade-watch.h"

/* The notification server ---------------------------------------------------------- */

static const char introspection[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/>"
  "<arg type='s' direction='in'/></method>"
  "</interface></node>";

typedef struct
{
  char *app_id;
  char *id;
  char *title;
  char *body;
  char *action;
  char *target;
} Received;

static void
received_free (Received *r)
{
  g_free (r->app_id);
  g_free (r->id);
  g_free (r->title);
  g_free (r->body);
  g_free (r->action);
  g_free (r->target);
  g_free (r);
}

typedef struct
{
  GPtrArray *received;   /* Received, in order */
  gboolean   acquired;
  gboolean   lost;
  char      *fsid;
} Server;

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Server *server = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      Received *r = g_new0 (Received, 1);
      g_autoptr(GVariant) dict = NULL;
      g_autoptr(GVariant) target = NULL;

      g_variant_get (parameters, "(ss@a{sv})", &r->app_id, &r->id, &dict);
      g_variant_lookup (dict, "title", "s", &r->title);
      g_variant_lookup (dict, "body", "s", &r->body);
      g_variant_lookup (dict, "default-action", "s", &r->action);
      target = g_variant_lookup_value (dict, "default-action-target", G_VARIANT_TYPE_STRING);
      if (target != NULL)
        r->target = g_variant_dup_string (target, NULL);
      g_test_message ("notification %s: %s — %s", r->id, r->title, r->body);
      g_ptr_array_add (server->received, r);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Server *) user_data)->acquired = TRUE;
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  ((Server *) user_data)->lost = TRUE;
}

static gboolean
name_settled (gpointer data)
{
  Server *server = data;

  return server->acquired || server->lost;
}

static const Received *
find (Server     *server,
      const char *kind)
{
  g_autofree char *id = g_strdup_printf ("upgrade-%s-%s", kind, server->fsid);

  /* The newest: one of a kind replaces the last on the desktop too. */
  for (guint i = server->received->len; i > 0; i--)
    {
      const Received *r = g_ptr_array_index (server->received, i - 1);

      if (g_str_equal (r->id, id))
        return r;
    }
  return NULL;
}

typedef struct
{
  Server     *server;
  const char *kind;
  const char *in_body;   /* NULL: any */
} Wanted;

static gboolean
received (gpointer data)
{
  Wanted *w = data;
  const Received *r = find (w->server, w->kind);

  return r != NULL && (w->in_body == NULL || strstr (r->body, w->in_body) != NULL);
}

/* kdcc-cli ---------------------------------------------------------------------------- */

static int
cli_auto (KdccTestCluster    *cluster,
          const char * const *extra,
          JsonNode          **json)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccTestCli) run = NULL;

  g_ptr_array_add (argv, g_strdup ("upgrade"));
  g_ptr_array_add (argv, g_strdup ("auto"));
  g_ptr_array_add (argv, g_strdup_printf ("--conf=%s", cluster->conf));
  g_ptr_array_add (argv, g_strdup_printf ("--keyring=%s", cluster->keyring));
  g_ptr_array_add (argv, g_strdup_printf ("--id=%s", cluster->client_id));
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);
  run = kdcc_test_cli_runv (NULL, (const char * const *) argv->pdata);
  if (json != NULL)
    {
      g_autoptr(GError) error = NULL;

      *json = json_from_string (run->out, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (*json));
    }
  return run->status;
}

/* The test -------------------------------------------------------------------------- */

static void
test_window_roll (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-upgrade-auto-XXXXXX", NULL);
  g_autofree char *state_home = g_build_filename (tmpdir, "state", NULL);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccUpgradeWatch) watch = NULL;
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GList) codes = NULL;
  g_autoptr(GPtrArray) window_args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = NULL;
  g_autofree char *window = NULL;
  g_autofree char *state_path = NULL;
  g_autoptr(KdccUpgradeState) state = NULL;
  KdccTestRefreshes refreshes = { 0 };
  KdccUpgradeTiming timing = { 1000, 3, 600 };
  Server server = { 0 };
  Wanted wanted = { &server, NULL, NULL };
  const char *tool = g_getenv ("KDCC_TEST_CLUSTER_TOOL");
  const Received *r;
  guint object_id, owner_id;

  g_assert_nonnull (tmpdir);
  g_assert_nonnull (tool);
  g_assert_cmpstr (cluster->release, ==, "pacific");
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  server.received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  server.fsid = g_strdup (cluster->fsid);

  /* 1. The CLI: notify mode, and the decision it leads to. */
  {
    const char *notify_args[] = { "--mode=notify", "--json", NULL };
    const char *check_args[] = { "--check", "--json", NULL };
    const char *bad_args[] = { "--window=Sat 25:00 4h", NULL };
    JsonObject *o;

    g_assert_cmpint (cli_auto (cluster, notify_args, &json), ==, 0);
    o = json_node_get_object (json);
    g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "notify");
    g_clear_pointer (&json, json_node_unref);

    g_assert_cmpint (cli_auto (cluster, check_args, &json), ==, 0);
    o = json_node_get_object (json);
    g_assert_cmpstr (json_object_get_string_member (o, "action"), ==, "notify-available");
    g_assert_cmpstr (json_object_get_string_member (o, "target_release"), ==, "reef");
    g_clear_pointer (&json, json_node_unref);

    /* A window that is not one is refused and changes nothing. */
    g_assert_cmpint (cli_auto (cluster, bad_args, NULL), ==, 2);
  }

  /* 2. The notification server, then the application. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_assert_no_error (error);
  {
    const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

    object_id = g_dbus_connection_register_object (bus, "/org/gtk/Notifications",
                                                   info->interfaces[0], &vtable, &server, NULL,
                                                   &error);
    g_assert_no_error (error);
  }
  owner_id = g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                           name_acquired_cb, name_lost_cb, &server, NULL);
  g_assert_true (kdcc_test_wait_until (name_settled, &server, 30000));
  g_assert_true (server.acquired);

  app = g_application_new ("tech.koor.DataControlCenter.TestUpgradeAuto",
                           G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  profile = kdcc_test_direct_profile (cluster);
  session = kdcc_test_session_new (profile, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  kdcc_test_session_start_fast (session, 2, &refreshes);
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 1, 60000));

  /* 3. The scheduler in notify mode: an update is available, told once. */
  watch = kdcc_upgrade_watch_new (session, app);
  kdcc_upgrade_watch_set_interval (watch, 0);
  kdcc_upgrade_watch_set_timing (watch, &timing);
  kdcc_upgrade_watch_check (watch);
  wanted.kind = "available";
  if (!kdcc_test_wait_until (received, &wanted, 120000))
    g_error ("no “available” notification; the scheduler said: %s",
             kdcc_upgrade_watch_get_reason (watch));
  r = find (&server, "available");
  g_assert_cmpstr (r->app_id, ==, "tech.koor.DataControlCenter.TestUpgradeAuto");
  g_assert_nonnull (strstr (r->title, "Reef"));
  g_assert_cmpstr (r->action, ==, "app.show-upgrade");
  g_assert_cmpstr (r->target, ==, cluster->fsid);
  g_assert_null (kdcc_upgrade_watch_get_run (watch));

  /* 4. A window open now (it opened 30 minutes ago), the harness's
   * restart template, and the fresh cluster's standing warnings accepted
   * one by one. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    opened = g_date_time_add_minutes (now, -30);
  }
  window = g_date_time_format (opened, "--window=daily %H:%M 2h");
  g_ptr_array_add (window_args, g_strdup ("--mode=window"));
  g_ptr_array_add (window_args, g_strdup (window));
  g_ptr_array_add (window_args, g_strdup_printf ("--restart-command=%s upgrade-daemon %s "
                                                 "{type}.{id} reef", tool, cluster->dir));
  health = kdcc_test_ceph_json (cluster, "health", NULL);
  codes = json_object_get_members (json_object_get_object_member (json_node_get_object (health),
                                                                  "checks"));
  for (GList *l = codes; l != NULL; l = l->next)
    g_ptr_array_add (window_args, g_strdup_printf ("--accept-warning=%s", (char *) l->data));
  g_ptr_array_add (window_args, g_strdup ("--json"));
  g_ptr_array_add (window_args, NULL);
  g_assert_cmpint (cli_auto (cluster, (const char * const *) window_args->pdata, &json), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "mode"), ==,
                   "window");
  g_clear_pointer (&json, json_node_unref);

  /* ok-to-stop refuses every OSD while a PG cannot lose a copy. The
   * scheduler's preflight reads the PG states of the session's last
   * refresh, so the PGs must have peered again after the change and a
   * refresh must have started since: else the check meets them peering
   * and does not start. */
  kdcc_test_cluster_set_min_size (cluster, 3);
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 1, 60000));

  kdcc_upgrade_watch_check (watch);

  wanted.kind = "started";
  if (!kdcc_test_wait_until (received, &wanted, 120000))
    g_error ("no “started” notification; the scheduler said: %s",
             kdcc_upgrade_watch_get_reason (watch));
  g_assert_nonnull (kdcc_upgrade_watch_get_run (watch));

  /* "available" was told once, before. */
  g_assert_true (find (&server, "available") == g_ptr_array_index (server.received, 0));
  for (guint i = 1; i < server.received->len; i++)
    g_assert_false (g_str_has_prefix (((Received *) g_ptr_array_index (server.received, i))->id,
                                      "upgrade-available-"));

  r = find (&server, "started");
  g_assert_cmpstr (r->app_id, ==, "tech.koor.DataControlCenter.TestUpgradeAuto");
  g_assert_nonnull (strstr (r->title, "started"));
  g_assert_nonnull (strstr (r->title, "Reef"));
  g_assert_cmpstr (r->action, ==, "app.show-upgrade");
  g_assert_cmpstr (r->target, ==, cluster->fsid);

  /* 5. The gate holds osd.0, after the mons and the mgr: a stall. */
  /* (A restarted mgr slow to come back may be told as a stall before.) */
  wanted.kind = "stalled";
  wanted.in_body = "osd.0";
  if (!kdcc_test_wait_until (received, &wanted, 300000))
    g_error ("no “stalled” notification for osd.0");
  wanted.in_body = NULL;
  r = find (&server, "stalled");
  g_test_message ("stalled: %s", r->body);
  g_assert_nonnull (strstr (r->body, "osd.0"));
  g_assert_nonnull (strstr (r->body, "ok-to-stop"));
  g_assert_cmpstr (r->action, ==, "app.show-upgrade");

  state_path = kdcc_upgrade_state_path (cluster->fsid);
  state = kdcc_upgrade_state_load (state_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_cmpstr (state->target_release, ==, "reef");
  g_assert_cmpint (state->state, ==, KDCC_UPGRADE_RUN_RUNNING);
  g_assert_cmpstr (state->wait_daemon, ==, "osd.0");

  /* 6. Abort: the roll ends, and says so. */
  kdcc_upgrade_run_request_abort (kdcc_upgrade_watch_get_run (watch));
  wanted.kind = "ended";
  if (!kdcc_test_wait_until (received, &wanted, 300000))
    g_error ("no “ended” notification");
  r = find (&server, "ended");
  g_assert_nonnull (strstr (r->title, "aborted"));
  g_assert_null (kdcc_upgrade_watch_get_run (watch));
  g_clear_pointer (&state, kdcc_upgrade_state_free);
  state = kdcc_upgrade_state_load (state_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state->state, ==, KDCC_UPGRADE_RUN_ABORTED);

  kdcc_upgrade_watch_stop (watch);

  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, "min_size", "2",
                               NULL));
  kdcc_test_refreshes_clear (&refreshes);
  g_clear_object (&watch);
  kdcc_session_close (session);
  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_clear_pointer (&server.received, g_ptr_array_unref);
  g_free (server.fsid);
  kdcc_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  kdcc_test_ignore_glib_quark_arrays ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-auto-live/window-roll", test_window_roll);

  return kdcc_test_run ();
}
