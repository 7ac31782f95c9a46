/* bench-fetch-floor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a full refresh's time goes, command by command, and what librados
 * alone needs for the two big answers: connect, then each command the full
 * fetch sends (alone, one after the other: the answer's size, the round
 * trip, and json-glib's parse of it), then `osd df` and `osd tree` on two
 * threads at once (the floor the issue compares against). Uses librados
 * and json-glib directly, not KdccRadosSource.
 *
 * Usage: bench-fetch-floor --conf PATH --keyring PATH [--id NAME] [--runs N]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <rados/librados.h>

#include "kdcc-ceph-parse.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

typedef struct
{
  rados_t     cluster;
  const char *target;
  const char *json;
  double      ms;
  size_t      len;
  int         ret;
} Command;

static gpointer
run_command (gpointer data)
{
  Command *c = data;
  const char *cmd[] = { c->json };
  char *out = NULL, *outs = NULL;
  size_t out_len = 0, outs_len = 0;
  gint64 start = g_get_monotonic_time ();

  if (g_str_equal (c->target, "mgr"))
    c->ret = rados_mgr_command (c->cluster, cmd, 1, "", 0, &out, &out_len, &outs, &outs_len);
  else
    c->ret = rados_mon_command (c->cluster, cmd, 1, "", 0, &out, &out_len, &outs, &outs_len);
  c->ms = ms_since (start);
  c->len = out_len;
  if (out != NULL)
    rados_buffer_free (out);
  if (outs != NULL)
    rados_buffer_free (outs);
  return NULL;
}

/* json-glib's parse of the answer, and *KDCC_MS the KDCC parser's (osd
 * tree and osd df only, each into an empty snapshot). */
static double
parse_ms (rados_t     cluster,
          const char *target,
          const char *json,
          double     *kdcc_ms)
{
  const char *cmd[] = { json };
  char *out = NULL, *outs = NULL;
  size_t out_len = 0, outs_len = 0;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gint64 start;
  double elapsed;
  int ret;

  if (g_str_equal (target, "mgr"))
    ret = rados_mgr_command (cluster, cmd, 1, "", 0, &out, &out_len, &outs, &outs_len);
  else
    ret = rados_mon_command (cluster, cmd, 1, "", 0, &out, &out_len, &outs, &outs_len);
  if (outs != NULL)
    rados_buffer_free (outs);
  if (ret < 0)
    return -1;
  start = g_get_monotonic_time ();
  json_parser_load_from_data (parser, out, out_len, NULL);
  elapsed = ms_since (start);

  *kdcc_ms = -1;
  if (strstr (json, "\"osd tree\"") != NULL || strstr (json, "\"osd df\"") != NULL)
    {
      g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();

      start = g_get_monotonic_time ();
      if (strstr (json, "\"osd tree\"") != NULL)
        kdcc_ceph_parse_osd_tree (snap, out, out_len, NULL);
      else
        kdcc_ceph_parse_osd_df (snap, out, out_len, NULL);
      *kdcc_ms = ms_since (start);
    }
  rados_buffer_free (out);
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  static const Command commands[] = {
    { NULL, "mon", "{\"prefix\":\"status\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"health\",\"detail\":\"detail\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"mgr stat\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"mon dump\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"mgr dump\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"versions\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"quorum_status\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"fs dump\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"fs ls\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"node ls\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"osd tree\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"osd pool ls\",\"detail\":\"detail\",\"format\":\"json\"}" },
    { NULL, "mon", "{\"prefix\":\"df\",\"format\":\"json\"}" },
    { NULL, "mgr", "{\"prefix\":\"osd df\",\"format\":\"json\"}" },
    { NULL, "mgr", "{\"prefix\":\"osd perf\",\"format\":\"json\"}" },
    { NULL, "mgr", "{\"prefix\":\"osd pool stats\",\"format\":\"json\"}" },
    { NULL, "mgr", "{\"prefix\":\"fs status\",\"format\":\"json\"}" },
  };
  g_autofree char *conf = NULL;
  g_autofree char *keyring = NULL;
  g_autofree char *id = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "conf", 0, 0, G_OPTION_ARG_FILENAME, &conf, "ceph.conf", "PATH" },
    { "keyring", 0, 0, G_OPTION_ARG_FILENAME, &keyring, "keyring", "PATH" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, "client id", "NAME" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GArray) connect_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pair_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) serial_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *round_ms[G_N_ELEMENTS (commands)];
  GArray *json_ms[G_N_ELEMENTS (commands)];
  GArray *kdcc_ms[G_N_ELEMENTS (commands)];
  size_t sizes[G_N_ELEMENTS (commands)] = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || conf == NULL || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--conf is required");
      return 2;
    }
  name = g_strdup_printf ("client.%s", id != NULL ? id : "admin");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      round_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      json_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      kdcc_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (int run = 0; run < runs; run++)
    {
      rados_t cluster = NULL;
      gint64 start = g_get_monotonic_time ();
      Command pair[2];
      GThread *thread;
      double v;

      if (rados_create2 (&cluster, "ceph", name, 0) < 0
          || rados_conf_read_file (cluster, conf) < 0
          || (keyring != NULL && rados_conf_set (cluster, "keyring", keyring) < 0)
          || rados_connect (cluster) < 0)
        {
          g_printerr ("Cannot connect\n");
          return 1;
        }
      v = ms_since (start);
      g_array_append_val (connect_ms, v);

      /* The floor: the two big answers at once, nothing parsed. */
      pair[0] = (Command) { cluster, "mgr", "{\"prefix\":\"osd df\",\"format\":\"json\"}" };
      pair[1] = (Command) { cluster, "mon", "{\"prefix\":\"osd tree\",\"format\":\"json\"}" };
      start = g_get_monotonic_time ();
      thread = g_thread_new ("floor", run_command, &pair[0]);
      run_command (&pair[1]);
      g_thread_join (thread);
      v = ms_since (start);
      g_array_append_val (pair_ms, v);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          Command c = commands[i];

          c.cluster = cluster;
          run_command (&c);
          v = c.ms;
          g_array_append_val (round_ms[i], v);
          sizes[i] = c.ret < 0 ? 0 : c.len;
        }
      v = ms_since (start);
      g_array_append_val (serial_ms, v);

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          double k;

          v = parse_ms (cluster, commands[i].target, commands[i].json, &k);
          g_array_append_val (json_ms[i], v);
          g_array_append_val (kdcc_ms[i], k);
        }
      rados_shutdown (cluster);
    }

  g_print ("| command (median of %d) | round trip | answer | json-glib parse | KDCC parse |\n",
           runs);
  g_print ("|---|---|---|---|---|\n");
  g_print ("| connect (rados_create2 ... rados_connect) | %.1f ms | | | |\n", median (connect_ms));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      double k = median (kdcc_ms[i]);
      g_autofree char *kdcc = k >= 0 ? g_strdup_printf ("%.1f ms", k) : g_strdup ("");

      g_print ("| %s %s | %.1f ms | %zu B | %.1f ms | %s |\n", commands[i].target,
               commands[i].json, median (round_ms[i]), sizes[i], median (json_ms[i]), kdcc);
      g_array_unref (round_ms[i]);
      g_array_unref (json_ms[i]);
      g_array_unref (kdcc_ms[i]);
    }
  g_print ("| all of the above, one after the other | %.1f ms | | | |\n", median (serial_ms));
  g_print ("| osd df (mgr) and osd tree (mon) at once, unparsed | %.1f ms | | | |\n",
           median (pair_ms));
  return 0;
}
