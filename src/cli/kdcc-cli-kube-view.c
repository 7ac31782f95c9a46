/* kdcc-cli-kube-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kdcc-cli kube: a Rook cluster's objects, pods and deployments as the
 * Kubernetes page shows them, and a pod's log (bounded, or followed).
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>

#include "kdcc-cli-kube-view.h"
#include "kdcc-error.h"
#include "kdcc-kube-inventory.h"
#include "kdcc-kube-logs.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rook.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

static int
fail (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  g_strdelimit (line, "\r\n", ' ');
  if (error->domain == G_OPTION_ERROR)
    {
      g_printerr (_("kdcc-cli: %s (see “kdcc-cli kube --help”)\n"), line);
      return EXIT_USAGE;
    }
  g_printerr ("kdcc-cli: %s\n", line);
  return EXIT_FAILED;
}

/* NAMESPACE as given, else the first CephCluster's, else the context's. */
static char *
choose_namespace (KdccKubeClient *client,
                  const char     *namespace)
{
  g_autoptr(GPtrArray) clusters = NULL;

  if (namespace != NULL)
    return g_strdup (namespace);
  clusters = kdcc_rook_discover (client, NULL, NULL, NULL);
  if (clusters != NULL && clusters->len > 0)
    return g_strdup (((KdccRookCluster *) g_ptr_array_index (clusters, 0))->namespace);
  return g_strdup (kdcc_kube_client_get_namespace (client));
}

static void
print_item (KdccKubeSection  section,
            KdccKubeItem    *item)
{
  switch (section)
    {
    case KDCC_KUBE_SECTION_PODS:
      g_print ("%-40s %-6s %-18s %8u %-16s %-6s %s\n", kdcc_kube_item_get_name (item),
               kdcc_kube_item_get_ready (item), kdcc_kube_item_get_status (item),
               kdcc_kube_item_get_restarts (item), kdcc_kube_item_get_node (item),
               kdcc_kube_item_get_age (item), kdcc_kube_item_get_image (item));
      break;
    case KDCC_KUBE_SECTION_DEPLOYMENTS:
      g_print ("%-40s %-6s %-12s %-10s %-12s %s\n", kdcc_kube_item_get_name (item),
               kdcc_kube_item_get_ready (item), kdcc_kube_item_get_status (item),
               kdcc_kube_item_get_rook_version (item) ? kdcc_kube_item_get_rook_version (item) : "-",
               kdcc_kube_item_get_ceph_version (item) ? kdcc_kube_item_get_ceph_version (item) : "-",
               kdcc_kube_item_get_image (item));
      break;
    case KDCC_KUBE_SECTION_BLOCK_POOLS:
    case KDCC_KUBE_SECTION_FILESYSTEMS:
    case KDCC_KUBE_SECTION_OBJECT_STORES:
    case KDCC_KUBE_SECTION_OBJECT_STORE_USERS:
    case KDCC_KUBE_N_SECTIONS:
    default:
      g_print ("%-20s %-30s %-12s %-6s %s\n", kdcc_kube_item_get_kind (item),
               kdcc_kube_item_get_name (item), kdcc_kube_item_get_status (item),
               kdcc_kube_item_get_age (item), kdcc_kube_item_get_detail (item));
      break;
    }
}

static void
print_header (KdccKubeSection section)
{
  if (section == KDCC_KUBE_SECTION_PODS)
    g_print ("%-40s %-6s %-18s %8s %-16s %-6s %s\n", _("NAME"), _("READY"), _("STATUS"),
             _("RESTARTS"), _("NODE"), _("AGE"), _("IMAGE"));
  else if (section == KDCC_KUBE_SECTION_DEPLOYMENTS)
    g_print ("%-40s %-6s %-12s %-10s %-12s %s\n", _("NAME"), _("READY"), _("STATUS"),
             _("ROOK"), _("CEPH"), _("IMAGE"));
  else
    g_print ("%-20s %-30s %-12s %-6s %s\n", _("KIND"), _("NAME"), _("PHASE"), _("AGE"),
             _("CONDITIONS"));
}

/* Lists the sections; a section that cannot be read is reported and the
 * others are still printed. */
static int
list_sections (KdccKubeClient        *client,
               const char            *namespace,
               const KdccKubeSection *sections,
               guint                  n_sections)
{
  int status = 0;

  print_header (sections[0]);
  for (guint i = 0; i < n_sections; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = kdcc_kube_inventory_list_section (client, namespace,
                                                                     sections[i], NULL, &error);

      if (items == NULL)
        {
          g_printerr (_("kdcc-cli: %s: %s\n"), kdcc_kube_section_get_title (sections[i]),
                      error->message);
          status = EXIT_FAILED;
          continue;
        }
      for (guint j = 0; j < items->len; j++)
        print_item (sections[i], g_ptr_array_index (items, j));
    }
  return status;
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Follow;

static void
follow_event_cb (KdccHttpStream *stream,
                 GBytes         *line,
                 Follow         *follow)
{
  gsize len;
  const char *data = g_bytes_get_data (line, &len);

  fwrite (data, 1, len, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
follow_finished_cb (KdccHttpStream *stream,
                    GError         *error,
                    Follow         *follow)
{
  if (error != NULL)
    follow->error = g_error_copy (error);
  g_main_loop_quit (follow->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Follow *follow = user_data;

  g_main_loop_quit (follow->loop);
  return G_SOURCE_CONTINUE;
}

static int
logs (KdccKubeClient *client,
      const char     *namespace,
      const char     *pod,
      const char     *container,
      int             tail,
      gboolean        following)
{
  g_autoptr(GError) error = NULL;

  if (!following)
    {
      g_autofree char *text = kdcc_kube_pod_log_get (client, namespace, pod, container,
                                                     (guint) tail, 0, NULL, &error);

      if (text == NULL)
        return fail (error);
      g_print ("%s", text);
      return 0;
    }
  else
    {
      g_autoptr(KdccHttpStream) stream = kdcc_kube_pod_log_follow (client, namespace, pod,
                                                                   container, (guint) tail);
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      Follow follow = { loop, NULL };
      guint sigint_id, sigterm_id;
      int status = 0;

      g_signal_connect (stream, "event", G_CALLBACK (follow_event_cb), &follow);
      g_signal_connect (stream, "finished", G_CALLBACK (follow_finished_cb), &follow);
      sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, &follow);
      sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, &follow);
      kdcc_http_stream_start (stream, NULL);
      g_main_loop_run (loop);
      kdcc_http_stream_stop (stream);
      g_source_remove (sigint_id);
      g_source_remove (sigterm_id);
      if (follow.error != NULL)
        {
          status = fail (follow.error);
          g_error_free (follow.error);
        }
      return status;
    }
}

int
kdcc_cli_kube (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autofree char *kubeconfig = NULL;
  g_autofree char *kube_context = NULL;
  g_autofree char *namespace_arg = NULL;
  g_autofree char *container = NULL;
  g_autofree char *namespace = NULL;
  gboolean following = FALSE;
  int tail = KDCC_KUBE_LOG_DEFAULT_LINES;
  const char *what;
  const GOptionEntry entries[] = {
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig,
      N_("The kubeconfig (several joined with “:”; default: KUBECONFIG or ~/.kube/config)"),
      N_("PATH") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &kube_context,
      N_("The kubeconfig context (default: its current context)"), N_("CONTEXT") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace_arg,
      N_("The CephCluster's namespace (default: the first CephCluster found)"), N_("NS") },
    { "container", 'c', 0, G_OPTION_ARG_STRING, &container,
      N_("logs: the container (needed when the pod has several)"), N_("NAME") },
    { "tail", 0, 0, G_OPTION_ARG_INT, &tail,
      N_("logs: the last N lines (default 500)"), N_("N") },
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &following,
      N_("logs: go on printing what the container writes, until interrupted"), NULL },
    { NULL }
  };
  static const KdccKubeSection resources[] = {
    KDCC_KUBE_SECTION_BLOCK_POOLS, KDCC_KUBE_SECTION_FILESYSTEMS,
    KDCC_KUBE_SECTION_OBJECT_STORES, KDCC_KUBE_SECTION_OBJECT_STORE_USERS,
  };
  static const KdccKubeSection pods[] = { KDCC_KUBE_SECTION_PODS };
  static const KdccKubeSection deployments[] = { KDCC_KUBE_SECTION_DEPLOYMENTS };

  context = g_option_context_new (_("resources|pods|deployments|logs POD — a Rook cluster "
                                    "through Kubernetes"));
  g_option_context_set_summary (context,
                                _("Shows Rook's custom resources with their phase and "
                                  "conditions, the daemon pods and deployments, or a pod's "
                                  "log, as the Kubernetes page does."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);

  what = argc > 1 ? argv[1] : NULL;
  if (what == NULL || !(g_str_equal (what, "resources") || g_str_equal (what, "pods") ||
                        g_str_equal (what, "deployments") || g_str_equal (what, "logs")) ||
      (g_str_equal (what, "logs") ? argc != 3 : argc != 2) || tail < 1 || tail > 100000)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give one of resources, pods, deployments or logs POD (--tail "
                             "between 1 and 100000)"));
      return fail (error);
    }

  kc = kdcc_kubeconfig_load (kubeconfig, &error);
  if (kc == NULL)
    return fail (error);
  ctx = kdcc_kubeconfig_resolve (kc, kube_context, &error);
  if (ctx == NULL)
    return fail (error);
  client = kdcc_kube_client_new (ctx);
  namespace = choose_namespace (client, namespace_arg);

  if (g_str_equal (what, "resources"))
    return list_sections (client, namespace, resources, G_N_ELEMENTS (resources));
  if (g_str_equal (what, "pods"))
    return list_sections (client, namespace, pods, G_N_ELEMENTS (pods));
  if (g_str_equal (what, "deployments"))
    return list_sections (client, namespace, deployments, G_N_ELEMENTS (deployments));
  return logs (client, namespace, argv[2], container, tail, following);
}
