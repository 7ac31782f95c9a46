/* kdcc-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* The coordinates of one real test cluster, as tests/cluster writes them
 * into cluster.env. */
typedef struct
{
  char *dir;
  char *conf;
  char *keyring;
  char *client_id;
  char *fsid;
  char *dashboard_url;
  char *dashboard_user;
  char *dashboard_password_file;
  char *dashboard_password;
  char *prometheus_url;
  char *pool;
  char *release;    /* "pacific" or "reef" (KDCC_TEST_CEPH_RELEASE) */
  gboolean owned;   /* started by this process: stop it in _free */
  /* For an owned cluster: a process that stops it when this one ends
   * without calling _free (an assertion aborted it). */
  GPid     watchdog;
  int      watchdog_fd;
} KdccTestCluster;

/* The Ceph release a test entry asks for: KDCC_TEST_CEPH_RELEASE, or
 * "pacific". On "reef" the cluster has no dashboard and no exporter
 * (dashboard_url, dashboard_user, dashboard_password and prometheus_url
 * are NULL): Debian 13's Reef mgr cannot load them here. */
const char      *kdcc_test_cluster_wanted_release (void);
/* The shared cluster of the wanted release that build-aux/run-tests
 * provides: Pacific from the KDCC_TEST_* vars, Reef started on the first
 * request. Aborts the test with a clear message when the variables are
 * missing: a live test never silently skips. */
KdccTestCluster *kdcc_test_cluster_get_shared (void);
/* A private cluster (of the wanted release) for tests that stop daemons;
 * stopped by _free, or by a watchdog process when the test ends without
 * _free (an assertion failed), so no cluster outlives its test. */
KdccTestCluster *kdcc_test_cluster_start_private (void);
/* The same on a given release ("pacific" or "reef"). */
KdccTestCluster *kdcc_test_cluster_start_private_release (const char *release);
/* Restarts NAME ("mon", "mgr", "osd.N") on RELEASE's binaries, same conf
 * and data: one step of a rolling upgrade. */
void             kdcc_test_cluster_upgrade_daemon (KdccTestCluster *cluster,
                                                   const char      *name,
                                                   const char      *release);
void             kdcc_test_cluster_free (KdccTestCluster *cluster);
/* NAME: "mon", "mgr" or "osd.N" */
gboolean         kdcc_test_cluster_daemon_running (KdccTestCluster *cluster,
                                                   const char      *name);
/* TRUE when nothing listens on the URL's host and port any more. */
gboolean         kdcc_test_port_refuses          (const char      *url);
void             kdcc_test_cluster_stop_daemon  (KdccTestCluster *cluster,
                                                 const char      *name);
void             kdcc_test_cluster_start_daemon (KdccTestCluster *cluster,
                                                 const char      *name);
/* Returns once every PG is active+clean (the harness' wait-pgs-clean);
 * fails the test after 60 s. */
void             kdcc_test_cluster_wait_pgs_clean (KdccTestCluster *cluster);
/* Sets the test pool's min_size and returns once its PGs have peered again
 * and every PG is active+clean in the mon's digest too; fails the test
 * after 60 s. */
void             kdcc_test_cluster_set_min_size (KdccTestCluster *cluster,
                                                 guint            min_size);

/* Starts an RGW, client.rgw.ID, on the cluster (opt-in: it creates pools;
 * private clusters only) through the harness' start-rgw; returns its S3
 * URL, "http://127.0.0.1:PORT/". */
char            *kdcc_test_cluster_start_rgw    (KdccTestCluster *cluster,
                                                 const char      *id);
/* GET URL with the real curl (anonymous S3 ListAllMyBuckets on an RGW's
 * "/"); fails the test unless it answers 2xx. Returns the body. */
char            *kdcc_test_s3_list_buckets      (const char      *url);

/* Runs the real `ceph` CLI against the cluster with -f json and returns the
 * parsed document; e.g. kdcc_test_ceph_json (cluster, "osd", "tree", NULL).
 * Fails the test on error. */
JsonNode        *kdcc_test_ceph_json (KdccTestCluster *cluster,
                                      const char      *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
/* The same, returning the raw text (stdout) of the command; no -f json is
 * added. */
char            *kdcc_test_ceph_text (KdccTestCluster *cluster,
                                      const char      *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;

/* Reads tests/fixtures/<relpath> (KDCC_FIXTURES) into a string. */
char            *kdcc_test_read_fixture (const char *relpath,
                                         gsize      *length);

/* Spins the default main context until predicate returns TRUE or
 * timeout_ms passes. Returns the predicate's last value. */
gboolean         kdcc_test_wait_until (gboolean (*predicate) (gpointer data),
                                       gpointer   data,
                                       guint      timeout_ms);

/* The end of every test's main: waits (up to 30 s, spinning the default
 * main context) until the process holds no librados handle, then removes
 * the UI tests' temporary home and returns STATUS. A worker of a session
 * the tests closed may still be fetching, and a process that exits under
 * librados' threads crashes in OpenSSL's clean-up. Handles still open
 * then fail the run (a source never disconnected or freed): free the
 * tests' own sources before. */
int              kdcc_test_exit       (int status);
/* g_test_run(), then kdcc_test_exit(), for a main with nothing to free. */
int              kdcc_test_run        (void);
/* A temporary folder kdcc_test_exit() removes after the tests (the run's
 * own TMPDIR catches those of a test that aborts). */
void             kdcc_test_remove_at_exit (const char *path);

/* Lookups in a parsed snapshot; NULL when there is no such item. */
KdccOsdData         *kdcc_test_find_osd   (KdccSnapshot *snap,
                                           gint64        id);
KdccPoolData        *kdcc_test_find_pool  (KdccSnapshot *snap,
                                           const char   *name);
KdccHealthCheckData *kdcc_test_find_check (KdccSnapshot *snap,
                                           const char   *code);

/* The number of entries in the folder PATH, which must exist. */
guint            kdcc_test_count_dir_entries (const char *path);
/* Removes a temporary folder and everything in it (symbolic links are
 * removed, not followed); every removal must succeed. */
void             kdcc_test_remove_tree       (const char *path);
/* One field of /proc/self/status in kB ("VmHWM", "VmRSS"). */
guint64          kdcc_test_proc_status_kb    (const char *field);
/* Resets VmHWM to the resident size now, so that the next reading is the
 * peak of what follows and not of earlier tests; returns that size. */
guint64          kdcc_test_reset_peak_kb     (void);

/* FALSE when the tests run without a cluster (KDCC_TEST_NO_CLUSTER=1, set
 * by tests/meson.build for the GUI tests under -Dlive_tests=false): a test
 * program then registers only its subtests that need no cluster. TRUE
 * otherwise, also when the KDCC_TEST_* variables are missing, so a live
 * subtest fails with a clear message rather than silently disappearing. */
gboolean         kdcc_test_have_cluster (void);

/* Sends SIGNAL_NAME ("KILL", "STOP", "CONT", ...) to one daemon of the
 * cluster through the harness' kill-daemon, which fails when NAME is not
 * running; after KILL it returns once the process is gone. */
void             kdcc_test_cluster_kill_daemon (KdccTestCluster *cluster,
                                                const char      *name,
                                                const char      *signal_name);
/* The pid of one running daemon (the harness' pid subcommand), for a test
 * that must signal it at an exact moment with kill(2). */
GPid             kdcc_test_cluster_daemon_pid  (KdccTestCluster *cluster,
                                                const char      *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccTestCluster, kdcc_test_cluster_free)

/* One finished run of kdcc-cli (the binary in $KDCC_CLI, set by
 * tests/meson.build). */
typedef struct
{
  int    status;   /* exit status */
  char  *out;
  char  *err;
  double seconds;  /* wall time from spawn to exit */
} KdccTestCli;

void             kdcc_test_cli_free (KdccTestCli *cli);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccTestCli, kdcc_test_cli_free)
/* Runs kdcc-cli with ARGS (NULL-terminated) under LC_ALL=C.UTF-8 with an
 * empty stdin and, when CONFIG_HOME is not NULL, XDG_CONFIG_HOME set to it
 * (profiles, settings); logs the outcome with g_test_message. */
KdccTestCli     *kdcc_test_cli_runv (const char         *config_home,
                                     const char * const *args);

/* Under AddressSanitizer, marks the quark arrays GLib 2.74 leaks on purpose
 * as not leaked (see kdcc-test-util.c); call first in main(). */
void             kdcc_test_ignore_glib_quark_arrays (void);

/* A PG's state in kdcc_test_pg_dump(). */
typedef struct
{
  const char *pgid;
  const char *state;
} KdccTestPgState;

/* A generated `pg dump pgs_brief` answer, in the shape of the capture
 * pacific-16.2.15-cephfs/pg-dump-pgs-brief.json: n_pools pools of n_seeds
 * PGs each, listed in Ceph's kind of order (pools and seeds falling, never
 * the model's), every PG active+clean unless states names it. */
char            *kdcc_test_pg_dump (guint                  n_pools,
                                    guint                  n_seeds,
                                    const KdccTestPgState *states,
                                    guint                  n_states);

G_END_DECLS
