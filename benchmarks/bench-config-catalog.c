/* bench-config-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading the full option catalog (issue 7's configuration panel): the
 * worker-thread fetch (the cluster's answers and their parsing), the
 * main-thread cost of putting ~2,000 options into the model, and one
 * search keystroke (every option matched against the query, as a
 * GtkFilterListModel's custom filter does).
 *
 * Usage: bench-config-catalog --conf CEPH.CONF --keyring KEYRING [--runs R]
 *        bench-config-catalog --dashboard URL --user U --password-file F [--runs R]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <stdlib.h>

#include "kdcc-config-catalog.h"
#include "kdcc-connection-options.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-rados-source.h"

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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *conf = NULL, *keyring = NULL, *url = NULL, *user = NULL, *password_file = NULL;
  g_autofree char *password = NULL;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "conf", 0, 0, G_OPTION_ARG_FILENAME, &conf, "ceph.conf (librados)", "PATH" },
    { "keyring", 0, 0, G_OPTION_ARG_FILENAME, &keyring, "keyring (librados)", "PATH" },
    { "dashboard", 0, 0, G_OPTION_ARG_STRING, &url, "Dashboard URL", "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Dashboard user", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Dashboard password file", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs (default 5)", "N" },
    { NULL }
  };
  const char *queries[] = { "o", "os", "osd", "osd_", "osd_m", "osd_max", "backfill", "scrub interval" };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(GArray) fetch = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_items = 0;
  const char *method = "";

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (url != NULL)
    {
      if (password_file == NULL
          || !g_file_get_contents (password_file, &password, NULL, &error))
        g_error ("--password-file: %s", error != NULL ? error->message : "missing");
      g_strchomp (password);
      source = KDCC_SOURCE (kdcc_dashboard_source_new (url, user, password, NULL));
    }
  else
    source = KDCC_SOURCE (kdcc_rados_source_new (conf, keyring, "admin"));

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(KdccConfigCatalog) catalog = kdcc_config_catalog_new ();
      gint64 start = g_get_monotonic_time ();
      double total, worker;

      if (!kdcc_config_catalog_load_sync (catalog, source, NULL, &error))
        g_error ("%s", error->message);
      total = (g_get_monotonic_time () - start) / 1000.0;
      worker = kdcc_config_catalog_get_load_seconds (catalog) * 1000.0;
      g_array_append_val (fetch, worker);
      total -= worker;
      g_array_append_val (apply, total);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (catalog));
      method = g_intern_string (kdcc_config_catalog_get_method (catalog));

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          guint matched = 0;
          double ms;

          start = g_get_monotonic_time ();
          for (guint i = 0; i < n_items; i++)
            {
              g_autoptr(KdccConfigOption) option = g_list_model_get_item (G_LIST_MODEL (catalog), i);

              matched += kdcc_config_option_matches (option, queries[q]);
            }
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (search, ms);
          if (run == 0)
            g_printerr ("  \"%s\": %u matches\n", queries[q], matched);
        }
    }

  g_print ("| catalog: %u options via %s | median of %d |\n", n_items, method, runs);
  g_print ("|---|---|\n");
  g_print ("| fetch and parse (worker thread) | %.1f ms |\n", median (fetch));
  g_print ("| put into the model (main thread) | %.1f ms |\n", median (apply));
  g_print ("| one search keystroke over all options (main thread) | %.2f ms |\n", median (search));
  kdcc_source_disconnect (source);
  return EXIT_SUCCESS;
}
