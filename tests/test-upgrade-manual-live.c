/* test-upgrade-manual-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The roll without a restart command ("manual" mode): `kdcc-cli upgrade
 * start --to reef` on a private Pacific cluster says which daemon to
 * restart next and waits until it is back on Reef. The test plays the
 * admin: each time the saved state shows KDCC waiting for a daemon to come
 * back, it restarts exactly that daemon on the Reef binaries (the
 * harness's upgrade-daemon). KDCC must ask for them in the order mons,
 * mgr, OSDs, after each OSD's gates, and finish with require_osd_release
 * reef and noout cleared.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-test-util.h"
#include "kdcc-upgrade-state.h"

typedef struct
{
  char             *path;
  KdccUpgradeState *state;
  gint64            read_at;
  gboolean          exited;
  char             *out;
} Watch;

static KdccUpgradeState *
watch_read (Watch *w)
{
  gint64 now = g_get_monotonic_time ();

  if (w->state == NULL || now - w->read_at >= 200 * 1000)
    {
      g_autoptr(GError) error = NULL;
      KdccUpgradeState *state = kdcc_upgrade_state_load (w->path, &error);

      g_assert_no_error (error);
      if (state != NULL)
        {
          g_clear_pointer (&w->state, kdcc_upgrade_state_free);
          w->state = state;
        }
      w->read_at = now;
    }
  return w->state;
}

/* KDCC waits for a daemon to come back, or the driver ended. */
static gboolean
waits_for_daemon (gpointer data)
{
  Watch *w = data;
  KdccUpgradeState *s = watch_read (w);

  return w->exited || (s != NULL && g_strcmp0 (s->wait_gate, "back") == 0);
}

static void
driver_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Watch *w = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &w->out, NULL, &error);
  g_assert_no_error (error);
  w->exited = TRUE;
}

static void
test_manual (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-upgrade-manual-XXXXXX", NULL);
  g_autofree char *state_home = g_build_filename (tmpdir, "state", NULL);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) versions = NULL;
  g_autoptr(GList) codes = NULL;
  g_autoptr(GList) overall_versions = NULL;
  g_autoptr(GSubprocess) driver = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KDCC_CLI");
  const char *expected[] = { "mon.a", "mgr.x", "osd.0", "osd.1", "osd.2" };
  Watch w = { 0 };
  JsonObject *overall;

  g_assert_nonnull (cli);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  file = g_strconcat (cluster->fsid, ".json", NULL);
  w.path = g_build_filename (state_home, "kdcc", "upgrade", file, NULL);

  health = kdcc_test_ceph_json (cluster, "health", NULL);
  codes = json_object_get_members (json_object_get_object_member (json_node_get_object (health),
                                                                  "checks"));
  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("upgrade"));
  g_ptr_array_add (argv, g_strdup ("start"));
  g_ptr_array_add (argv, g_strdup ("--to=reef"));
  g_ptr_array_add (argv, g_strdup ("--stall-after=2"));
  g_ptr_array_add (argv, g_strdup_printf ("--conf=%s", cluster->conf));
  g_ptr_array_add (argv, g_strdup_printf ("--keyring=%s", cluster->keyring));
  g_ptr_array_add (argv, g_strdup_printf ("--id=%s", cluster->client_id));
  for (GList *l = codes; l != NULL; l = l->next)
    g_ptr_array_add (argv, g_strdup_printf ("--accept-warning=%s", (char *) l->data));
  g_ptr_array_add (argv, NULL);
  driver = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (driver, NULL, NULL, driver_done_cb, &w);

  /* The admin's part: restart what KDCC asks for, when it asks. */
  for (;;)
    {
      g_autofree char *name = NULL;
      const KdccUpgradeStepRecord *r;

      g_assert_true (kdcc_test_wait_until (waits_for_daemon, &w, 300000));
      if (w.exited)
        break;
      r = g_ptr_array_index (w.state->steps, w.state->next_step);
      name = g_strdup (w.state->wait_daemon);
      g_assert_cmpint (r->step->kind, ==, KDCC_UPGRADE_STEP_DAEMON);
      g_assert_null (r->step->restart_command);
      g_assert_null (w.state->restart_template);
      g_assert_nonnull (strstr (w.state->wait_reason, "still runs 16.2.15"));
      g_test_message ("KDCC waits for %s: %s", name, w.state->wait_reason);
      g_assert_cmpuint (asked->len, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (name, ==, expected[asked->len]);
      g_ptr_array_add (asked, g_strdup (name));
      kdcc_test_cluster_upgrade_daemon (cluster, name, "reef");
      /* Until KDCC has seen it back, the state still names it. */
      while (!w.exited)
        {
          w.read_at = 0;
          if (g_strcmp0 (watch_read (&w)->wait_daemon, name) != 0)
            break;
          g_main_context_iteration (NULL, FALSE);
          g_usleep (100 * 1000);
        }
    }

  g_test_message ("driver:\n%s", w.out);
  g_assert_true (g_subprocess_get_if_exited (driver));
  g_assert_cmpint (g_subprocess_get_exit_status (driver), ==, 0);
  g_assert_cmpuint (asked->len, ==, G_N_ELEMENTS (expected));
  g_assert_nonnull (strstr (w.out, "No --restart-command"));
  g_assert_nonnull (strstr (w.out, "Restart mon.a on reef now"));
  g_assert_nonnull (strstr (w.out, "Restart osd.2 on reef now"));
  g_assert_nonnull (strstr (w.out, "Upgrade to reef done."));

  out = kdcc_test_ceph_text (cluster, "osd", "dump", NULL);
  g_assert_nonnull (strstr (out, "require_osd_release reef"));
  g_assert_null (strstr (out, "noout"));
  versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  overall = json_object_get_object_member (json_node_get_object (versions), "overall");
  overall_versions = json_object_get_members (overall);
  g_assert_cmpuint (g_list_length (overall_versions), ==, 1);
  g_assert_true (g_str_has_prefix (overall_versions->data, "ceph version 18.2.7 "));

  g_clear_pointer (&w.state, kdcc_upgrade_state_free);
  g_free (w.path);
  g_free (w.out);
  kdcc_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-manual-live/pacific-to-reef", test_manual);

  return kdcc_test_run ();
}
