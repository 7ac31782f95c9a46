/* kdcc-setup-preflight.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. Preflight reads, it never writes: nodes (required: without
 * them there is nothing to check, so failing to list them fails the run),
 * the CephClusters of the target namespace and Rook's discovery config
 * maps (optional: a read that fails becomes a check saying why). What the
 * template needs comes from its parameters: storage hosts, and the resource
 * requests of mons, mgrs and one OSD per host when they are set. Koor's
 * production minimums are warnings, not failures: the koor-operator only
 * reports them (status.meetsMinimumResources), and a test cluster is not
 * measured against them at all.
 */
#define G_LOG_DOMAIN "kdcc-setup-preflight"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-setup-preflight.h"

void
kdcc_setup_check_free (KdccSetupCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->id);
  g_free (check->title);
  g_free (check->detail);
  g_free (check);
}

const char *
kdcc_setup_check_result_to_string (KdccSetupCheckResult result)
{
  switch (result)
    {
    case KDCC_SETUP_CHECK_PASSED: return "passed";
    case KDCC_SETUP_CHECK_WARNING: return "warning";
    case KDCC_SETUP_CHECK_UNKNOWN: return "unknown";
    case KDCC_SETUP_CHECK_FAILED: return "failed";
    default: g_return_val_if_reached ("unknown");
    }
}

const char *
kdcc_setup_check_result_to_label (KdccSetupCheckResult result)
{
  switch (result)
    {
    /* TRANSLATORS: the outcome of one preflight check. */
    case KDCC_SETUP_CHECK_PASSED: return _("Passed");
    case KDCC_SETUP_CHECK_WARNING: return _("Warning");
    case KDCC_SETUP_CHECK_UNKNOWN: return _("Unknown");
    case KDCC_SETUP_CHECK_FAILED: return _("Failed");
    default: g_return_val_if_reached ("");
    }
}

static void
add_check (GPtrArray            *checks,
           const char           *id,
           const char           *title,
           KdccSetupCheckResult  result,
           char                 *detail)
{
  KdccSetupCheck *check = g_new0 (KdccSetupCheck, 1);

  check->id = g_strdup (id);
  check->title = g_strdup (title);
  check->result = result;
  check->detail = detail;
  g_ptr_array_add (checks, check);
}

gboolean
kdcc_kube_quantity_parse (const char *text,
                          double     *value)
{
  static const struct { const char *suffix; double factor; } suffixes[] = {
    { "Ki", 1024.0 }, { "Mi", 1048576.0 }, { "Gi", 1073741824.0 },
    { "Ti", 1099511627776.0 }, { "Pi", 1125899906842624.0 }, { "Ei", 1152921504606846976.0 },
    { "n", 1e-9 }, { "u", 1e-6 }, { "m", 1e-3 }, { "k", 1e3 }, { "M", 1e6 }, { "G", 1e9 },
    { "T", 1e12 }, { "P", 1e15 }, { "E", 1e18 },
  };
  char *end = NULL;
  double number;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  number = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (number) || number < 0)
    return FALSE;
  if (*end == '\0')
    {
      *value = number;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_equal (end, suffixes[i].suffix))
      {
        *value = number * suffixes[i].factor;
        return TRUE;
      }
  return FALSE;
}

typedef struct
{
  char     *name;
  gboolean  ready;
  gboolean  schedulable;
  char     *problem;      /* why it cannot take Ceph daemons, or NULL */
  double    cpu;          /* allocatable cores, -1 unknown */
  double    memory;       /* allocatable bytes, -1 unknown */
} Node;

static void
node_free (Node *node)
{
  g_free (node->name);
  g_free (node->problem);
  g_free (node);
}

static Node *
node_parse (JsonObject *object)
{
  JsonObject *spec = kdcc_json_find_object (object, "spec");
  JsonObject *status = kdcc_json_find_object (object, "status");
  JsonObject *allocatable = kdcc_json_find_object (status, "allocatable");
  JsonArray *conditions = kdcc_json_find_array (status, "conditions");
  JsonArray *taints = kdcc_json_find_array (spec, "taints");
  Node *node = g_new0 (Node, 1);
  g_autoptr(GString) problems = g_string_new (NULL);

  node->name = g_strdup (kdcc_json_find_string (kdcc_json_find_object (object, "metadata"),
                                                "name"));
  if (node->name == NULL)
    node->name = g_strdup ("?");
  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *cond = kdcc_json_as_object (json_array_get_element (conditions, i));

      if (g_strcmp0 (kdcc_json_find_string (cond, "type"), "Ready") == 0)
        node->ready = g_strcmp0 (kdcc_json_find_string (cond, "status"), "True") == 0;
    }
  if (!node->ready)
    g_string_append (problems, _("not Ready"));

  node->schedulable = kdcc_json_find_number (spec, "unschedulable", 0) == 0;
  if (!node->schedulable)
    g_string_append_printf (problems, "%s%s", problems->len ? ", " : "",
                            _("cordoned (unschedulable)"));
  for (guint i = 0; taints != NULL && i < json_array_get_length (taints); i++)
    {
      JsonObject *taint = kdcc_json_as_object (json_array_get_element (taints, i));
      const char *effect = kdcc_json_find_string (taint, "effect");

      /* Rook's example placements tolerate nothing: a NoSchedule or
       * NoExecute taint keeps its daemons off the node. */
      if (g_strcmp0 (effect, "NoSchedule") == 0 || g_strcmp0 (effect, "NoExecute") == 0)
        {
          node->schedulable = FALSE;
          g_string_append_printf (problems, "%s", problems->len ? ", " : "");
          g_string_append_printf (problems, _("tainted %s:%s"),
                                  kdcc_json_find_string (taint, "key") ?: "", effect);
        }
    }
  if (problems->len > 0)
    node->problem = g_string_free (g_steal_pointer (&problems), FALSE);

  if (!kdcc_kube_quantity_parse (kdcc_json_find_string (allocatable, "cpu"), &node->cpu))
    node->cpu = -1;
  if (!kdcc_kube_quantity_parse (kdcc_json_find_string (allocatable, "memory"), &node->memory))
    node->memory = -1;
  return node;
}

static char *
format_cpu (double cores)
{
  /* TRANSLATORS: a number of CPU cores, e.g. "3.5 CPUs". */
  return g_strdup_printf (_("%.4g CPUs"), cores);
}

static char *
format_bytes (double bytes)
{
  return g_format_size_full ((guint64) MAX (bytes, 0), G_FORMAT_SIZE_IEC_UNITS);
}

/* The sum of COUNT times the request KEY, or -1 when it is not set. */
static double
request_total (KdccSetupParams *params,
               const char      *key,
               gint64           count)
{
  double one;

  if (!kdcc_kube_quantity_parse (kdcc_setup_params_get (params, key), &one))
    return -1;
  return one * count;
}

static void
check_existing (GPtrArray       *checks,
                KdccKubeClient  *client,
                const char      *namespace,
                GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = kdcc_kube_client_list (client, &kdcc_kube_cephclusters, namespace,
                                                      NULL, NULL, cancellable, &error);
  const char *title = _("No CephCluster in the namespace");

  if (items == NULL && g_error_matches (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND))
    add_check (checks, "existing-cluster", title, KDCC_SETUP_CHECK_PASSED,
               g_strdup (_("Rook's CephCluster resource is not installed yet")));
  else if (items == NULL)
    add_check (checks, "existing-cluster", title, KDCC_SETUP_CHECK_UNKNOWN,
               g_strdup_printf (_("Cannot list the CephClusters in “%s”: %s"), namespace,
                                error->message));
  else if (json_array_get_length (items) == 0)
    add_check (checks, "existing-cluster", title, KDCC_SETUP_CHECK_PASSED,
               g_strdup_printf (_("Namespace “%s” has no CephCluster"), namespace));
  else
    {
      JsonObject *first = kdcc_json_as_object (json_array_get_element (items, 0));
      const char *name = kdcc_json_find_string (kdcc_json_find_object (first, "metadata"),
                                                "name");

      add_check (checks, "existing-cluster", title, KDCC_SETUP_CHECK_FAILED,
                 g_strdup_printf (_("CephCluster “%s” already exists in namespace “%s”: Rook "
                                    "runs one cluster per namespace, and KDCC does not install "
                                    "over an existing one"), name ? name : "?", namespace));
    }
}

/* Raw devices from Rook's discovery daemon (ROOK_ENABLE_DISCOVERY_DAEMON):
 * one config map per node, "local-device-NODE", labelled app=rook-discover,
 * whose "devices" is a JSON array of {name, size, filesystem, type…}. */
static void
check_devices (GPtrArray       *checks,
               KdccKubeClient  *client,
               KdccSetupParams *params,
               GHashTable      *usable,
               gint64           hosts,
               gboolean         production,
               GCancellable    *cancellable)
{
  const char *namespace = kdcc_setup_params_get (params, "namespace");
  const char *filter = kdcc_setup_params_get (params, "device_filter");
  const char *title = _("Raw devices");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(JsonArray) maps = NULL;
  g_autoptr(GHashTable) hosts_with = g_hash_table_new (g_str_hash, g_str_equal);
  guint64 total = 0;
  guint n_devices = 0;

  maps = kdcc_kube_client_list (client, &kdcc_kube_configmaps, namespace, "app=rook-discover",
                                NULL, cancellable, &error);
  if (maps == NULL || json_array_get_length (maps) == 0)
    {
      add_check (checks, "devices", title, KDCC_SETUP_CHECK_UNKNOWN,
                 maps == NULL
                   ? g_strdup_printf (_("Not discoverable: %s"), error->message)
                   : g_strdup (_("Not discoverable: Rook's discovery daemon has not reported "
                                 "the nodes' devices (no rook-discover config maps); Rook "
                                 "will use the empty devices it finds")));
      if (production)
        add_check (checks, "production-storage", _("Koor production minimum: storage"),
                   KDCC_SETUP_CHECK_UNKNOWN, g_strdup (_("Not discoverable")));
      return;
    }
  if (filter != NULL && *filter != '\0')
    regex = g_regex_new (filter, 0, 0, NULL);

  for (guint i = 0; i < json_array_get_length (maps); i++)
    {
      JsonObject *map = kdcc_json_as_object (json_array_get_element (maps, i));
      JsonObject *metadata = kdcc_json_find_object (map, "metadata");
      const char *node = kdcc_json_find_string (kdcc_json_find_object (metadata, "labels"),
                                                "rook.io/node");
      const char *text = kdcc_json_find_string (kdcc_json_find_object (map, "data"), "devices");
      g_autoptr(JsonNode) parsed = NULL;
      JsonArray *devices;

      if (node == NULL)
        {
          node = kdcc_json_find_string (metadata, "name");
          if (node != NULL && g_str_has_prefix (node, "local-device-"))
            node += strlen ("local-device-");
        }
      if (node == NULL || text == NULL || !g_hash_table_contains (usable, node))
        continue;
      parsed = kdcc_json_load ("devices", text, -1, NULL);
      devices = kdcc_json_as_array (parsed);
      for (guint j = 0; devices != NULL && j < json_array_get_length (devices); j++)
        {
          JsonObject *device = kdcc_json_as_object (json_array_get_element (devices, j));
          const char *name = kdcc_json_find_string (device, "name");
          const char *fs = kdcc_json_find_string (device, "filesystem");
          const char *type = kdcc_json_find_string (device, "type");

          /* Rook takes only devices without a filesystem, whole disks or
           * partitions, matching deviceFilter. */
          if (name == NULL || (fs != NULL && *fs != '\0'))
            continue;
          if (type != NULL && !g_str_equal (type, "disk") && !g_str_equal (type, "part"))
            continue;
          if (regex != NULL && !g_regex_match (regex, name, 0, NULL))
            continue;
          n_devices++;
          total += (guint64) MAX (kdcc_json_find_number (device, "size", 0), 0);
          g_hash_table_add (hosts_with, (gpointer) node);
        }
    }

  {
    /* Disks are sold and labelled in decimal units. */
    g_autofree char *size = g_format_size (total);
    guint n_hosts = g_hash_table_size (hosts_with);

    if (n_hosts < hosts)
      add_check (checks, "devices", title, KDCC_SETUP_CHECK_FAILED,
                 g_strdup_printf (_("%u empty devices (%s) on %u usable nodes; the template "
                                    "puts OSDs on %" G_GINT64_FORMAT " hosts, so it needs an "
                                    "empty device on each"), n_devices, size, n_hosts, hosts));
    else
      add_check (checks, "devices", title, KDCC_SETUP_CHECK_PASSED,
                 g_strdup_printf (_("%u empty devices (%s) on %u usable nodes"), n_devices,
                                  size, n_hosts));
    if (production)
      {
        g_autofree char *min = g_format_size (KDCC_SETUP_MIN_STORAGE_BYTES);

        add_check (checks, "production-storage", _("Koor production minimum: storage"),
                   total >= KDCC_SETUP_MIN_STORAGE_BYTES ? KDCC_SETUP_CHECK_PASSED
                                                         : KDCC_SETUP_CHECK_WARNING,
                   g_strdup_printf (_("%s of raw devices; Koor recommends at least %s for "
                                      "production"), size, min));
      }
  }
}

static void
check_resource (GPtrArray  *checks,
                const char *id,
                const char *title,
                double      available,
                double      needed,
                gboolean    is_cpu)
{
  g_autofree char *have = is_cpu ? format_cpu (available) : format_bytes (available);
  g_autofree char *want = needed >= 0 ? (is_cpu ? format_cpu (needed) : format_bytes (needed))
                                      : NULL;

  if (needed < 0)
    add_check (checks, id, title, KDCC_SETUP_CHECK_PASSED,
               g_strdup_printf (_("%s allocatable on the usable nodes; the template sets no "
                                  "resource requests"), have));
  else if (available < needed)
    add_check (checks, id, title, KDCC_SETUP_CHECK_FAILED,
               g_strdup_printf (_("%s allocatable on the usable nodes, but the mons, mgrs and "
                                  "OSDs request %s"), have, want));
  else
    add_check (checks, id, title, KDCC_SETUP_CHECK_PASSED,
               g_strdup_printf (_("%s allocatable on the usable nodes; the mons, mgrs and OSDs "
                                  "request %s"), have, want));
}

GPtrArray *
kdcc_setup_preflight_run (KdccKubeClient   *client,
                          KdccSetupParams  *params,
                          GCancellable     *cancellable,
                          GError          **error)
{
  const KdccSetupTemplate *template = kdcc_setup_params_get_template (params);
  const char *namespace = kdcc_setup_params_get (params, "namespace");
  gboolean production = !g_str_equal (kdcc_setup_template_get_id (template), "test");
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_setup_check_free);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  g_autoptr(GHashTable) usable = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) wanted = kdcc_setup_params_get_list (params, "nodes");
  g_autoptr(JsonArray) items = NULL;
  gint64 hosts = kdcc_setup_params_get_hosts (params);
  gint64 mons = kdcc_setup_params_get_int (params, "mon_count");
  gint64 mgrs = kdcc_setup_params_get_int (params, "mgr_count");
  double cpu = 0, memory = 0, need_cpu = -1, need_memory = -1;
  guint n_usable;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);

  items = kdcc_kube_client_list (client, &kdcc_kube_nodes, NULL, NULL, NULL, cancellable, error);
  if (items == NULL)
    return NULL;

  check_existing (checks, client, namespace, cancellable);

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (nodes, node_parse (kdcc_json_as_object (json_array_get_element (items, i))));

  /* Storage hosts named by the parameters must exist and be usable;
   * otherwise every usable node counts. */
  for (guint i = 0; wanted[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < nodes->len; j++)
        found |= g_str_equal (((Node *) g_ptr_array_index (nodes, j))->name, wanted[i]);
      if (!found)
        {
          g_autofree char *id = g_strconcat ("node/", wanted[i], NULL);

          add_check (checks, id, wanted[i], KDCC_SETUP_CHECK_FAILED,
                     g_strdup (_("No such node, but the parameters name it as a storage host")));
        }
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      gboolean named = wanted[0] == NULL || g_strv_contains ((const char * const *) wanted,
                                                             node->name);
      g_autofree char *id = g_strconcat ("node/", node->name, NULL);
      g_autofree char *c = node->cpu >= 0 ? format_cpu (node->cpu) : g_strdup (_("CPUs unknown"));
      g_autofree char *m = node->memory >= 0 ? format_bytes (node->memory)
                                             : g_strdup (_("memory unknown"));

      if (node->problem == NULL && named)
        {
          g_hash_table_add (usable, node->name);
          cpu += MAX (node->cpu, 0);
          memory += MAX (node->memory, 0);
        }
      if (node->problem != NULL)
        add_check (checks, id, node->name,
                   named && wanted[0] != NULL ? KDCC_SETUP_CHECK_FAILED : KDCC_SETUP_CHECK_WARNING,
                   /* TRANSLATORS: a node, e.g. "not Ready; 4 CPUs, 16 GiB allocatable". */
                   g_strdup_printf (_("%s; %s, %s allocatable: Ceph daemons cannot run here"),
                                    node->problem, c, m));
      else if (!named)
        add_check (checks, id, node->name, KDCC_SETUP_CHECK_PASSED,
                   g_strdup_printf (_("%s, %s allocatable; not one of the storage hosts"), c, m));
      else
        add_check (checks, id, node->name, KDCC_SETUP_CHECK_PASSED,
                   g_strdup_printf (_("Ready; %s, %s allocatable"), c, m));
    }

  n_usable = g_hash_table_size (usable);
  if (n_usable < hosts)
    add_check (checks, "nodes", _("Nodes for the storage hosts"), KDCC_SETUP_CHECK_FAILED,
               g_strdup_printf (_("%u of %u nodes are Ready and schedulable, but the template "
                                  "needs %" G_GINT64_FORMAT " storage hosts"),
                                n_usable, nodes->len, hosts));
  else
    add_check (checks, "nodes", _("Nodes for the storage hosts"), KDCC_SETUP_CHECK_PASSED,
               g_strdup_printf (_("%u of %u nodes are Ready and schedulable; the template needs "
                                  "%" G_GINT64_FORMAT), n_usable, nodes->len, hosts));

  /* One OSD per storage host at least: a lower bound of the requests. */
  {
    double parts[3] = { request_total (params, "mon_cpu", mons),
                        request_total (params, "mgr_cpu", mgrs),
                        request_total (params, "osd_cpu", hosts) };
    double mparts[3] = { request_total (params, "mon_memory", mons),
                         request_total (params, "mgr_memory", mgrs),
                         request_total (params, "osd_memory", hosts) };

    for (guint i = 0; i < 3; i++)
      {
        if (parts[i] >= 0)
          need_cpu = MAX (need_cpu, 0) + parts[i];
        if (mparts[i] >= 0)
          need_memory = MAX (need_memory, 0) + mparts[i];
      }
  }
  check_resource (checks, "cpu", _("CPU"), cpu, need_cpu, TRUE);
  check_resource (checks, "memory", _("Memory"), memory, need_memory, FALSE);
  check_devices (checks, client, params, usable, hosts, production, cancellable);

  if (production)
    {
      g_autofree char *c = format_cpu (cpu);
      g_autofree char *m = format_bytes (memory);
      g_autofree char *min_m = format_bytes ((double) KDCC_SETUP_MIN_MEMORY_BYTES);

      add_check (checks, "production-nodes", _("Koor production minimum: nodes"),
                 n_usable >= KDCC_SETUP_MIN_NODES ? KDCC_SETUP_CHECK_PASSED
                                                  : KDCC_SETUP_CHECK_WARNING,
                 g_strdup_printf (_("%u usable nodes; Koor recommends at least %d for "
                                    "production"), n_usable, KDCC_SETUP_MIN_NODES));
      add_check (checks, "production-cpu", _("Koor production minimum: CPU"),
                 cpu >= KDCC_SETUP_MIN_CPU ? KDCC_SETUP_CHECK_PASSED : KDCC_SETUP_CHECK_WARNING,
                 g_strdup_printf (_("%s; Koor recommends at least %.0f for production"), c,
                                  KDCC_SETUP_MIN_CPU));
      add_check (checks, "production-memory", _("Koor production minimum: memory"),
                 memory >= (double) KDCC_SETUP_MIN_MEMORY_BYTES ? KDCC_SETUP_CHECK_PASSED
                                                                : KDCC_SETUP_CHECK_WARNING,
                 g_strdup_printf (_("%s; Koor recommends at least %s for production"), m,
                                  min_m));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&checks);
}

gboolean
kdcc_setup_preflight_passed (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (((KdccSetupCheck *) g_ptr_array_index (checks, i))->result == KDCC_SETUP_CHECK_FAILED)
      return FALSE;
  return TRUE;
}

typedef struct
{
  KdccKubeClient  *client;
  KdccSetupParams *params;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->params, kdcc_setup_params_free);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  GPtrArray *checks = kdcc_setup_preflight_run (data->client, data->params, cancellable, &error);

  if (checks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checks, (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_setup_preflight_run_async (KdccKubeClient      *client,
                                KdccSetupParams     *params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_task_set_source_tag (task, kdcc_setup_preflight_run_async);
  data->client = g_object_ref (client);
  data->params = kdcc_setup_params_copy (params);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

GPtrArray *
kdcc_setup_preflight_run_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
