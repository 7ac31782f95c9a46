/* kdcc-upgrade-rook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Rook upgrade's facts, plan and preflight (kdcc-upgrade-rook.h); the
 * execution is in kdcc-upgrade-rook-run.c.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-upgrade-plan.h"
#include "kdcc-upgrade-rook.h"

/* Where `kubectl apply` finds a Rook release's manifests. */
#define ROOK_MANIFESTS_URL "https://raw.githubusercontent.com/rook/rook/%s/deploy/examples"

void
kdcc_rook_daemon_free (KdccRookDaemon *daemon)
{
  if (daemon == NULL)
    return;
  g_free (daemon->type);
  g_free (daemon->id);
  g_free (daemon->deployment);
  g_free (daemon->rook_version);
  g_free (daemon->ceph_version);
  g_free (daemon->image);
  g_free (daemon);
}

void
kdcc_rook_facts_free (KdccRookFacts *facts)
{
  if (facts == NULL)
    return;
  g_clear_pointer (&facts->cluster, kdcc_rook_cluster_free);
  g_free (facts->state_id);
  g_free (facts->operator_deployment);
  g_free (facts->operator_container);
  g_free (facts->helm_release);
  g_free (facts->ceph_running);
  g_clear_pointer (&facts->daemons, g_ptr_array_unref);
  g_clear_pointer (&facts->csi, g_ptr_array_unref);
  g_free (facts);
}

char *
kdcc_rook_image_tag (const char *image)
{
  const char *slash, *colon;

  if (image == NULL || strchr (image, '@') != NULL)
    return NULL;
  slash = strrchr (image, '/');
  colon = strrchr (slash ? slash : image, ':');
  return colon != NULL && colon[1] != '\0' ? g_strdup (colon + 1) : NULL;
}

char *
kdcc_rook_line_of (const char *rook_version)
{
  guint64 major, minor;
  char *end = NULL;
  const char *p = rook_version;

  if (p == NULL)
    return NULL;
  if (*p == 'v')
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  major = g_ascii_strtoull (p, &end, 10);
  if (end == NULL || *end != '.' || !g_ascii_isdigit (end[1]))
    return NULL;
  minor = g_ascii_strtoull (end + 1, &end, 10);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, major, minor);
}

/* The repository of IMAGE without its tag: "quay.io/ceph/ceph". */
static char *
image_repository (const char *image)
{
  const char *slash = strrchr (image, '/');
  const char *at = strchr (image, '@');
  const char *colon = strrchr (slash ? slash : image, ':');

  if (at != NULL)
    return g_strndup (image, at - image);
  return colon != NULL ? g_strndup (image, colon - image) : g_strdup (image);
}

static JsonObject *
path_object (JsonObject *o,
             ...)
{
  va_list ap;
  const char *member;

  va_start (ap, o);
  while (o != NULL && (member = va_arg (ap, const char *)) != NULL)
    o = kdcc_json_find_object (o, member);
  va_end (ap);
  return o;
}

static const char *
label (JsonObject *object,
       const char *name)
{
  return kdcc_json_find_string (path_object (object, "metadata", "labels", NULL), name);
}

static JsonObject *
first_container (JsonObject *deploy)
{
  JsonArray *containers = kdcc_json_find_array (path_object (deploy, "spec", "template", "spec",
                                                             NULL), "containers");

  if (containers == NULL || json_array_get_length (containers) == 0)
    return NULL;
  return kdcc_json_as_object (json_array_get_element (containers, 0));
}

/* Ready and rolled out, as `kubectl rollout status` decides it. */
static gboolean
rolled_out (JsonObject *deploy,
            gint64     *replicas,
            gint64     *ready,
            gint64     *updated)
{
  JsonObject *status = kdcc_json_find_object (deploy, "status");
  gint64 want = (gint64) kdcc_json_find_number (kdcc_json_find_object (deploy, "spec"),
                                                "replicas", 1);
  gint64 r = (gint64) kdcc_json_find_number (status, "readyReplicas", 0);
  gint64 u = (gint64) kdcc_json_find_number (status, "updatedReplicas", 0);
  gint64 gen = (gint64) kdcc_json_find_number (kdcc_json_find_object (deploy, "metadata"),
                                               "generation", 0);
  gint64 seen = (gint64) kdcc_json_find_number (status, "observedGeneration", 0);

  *replicas = want;
  *ready = r;
  *updated = u;
  return r >= want && u >= want && seen >= gen;
}

static int
type_rank (const char *type)
{
  static const char *order[] = { "mon", "mgr", "osd", "mds", "rgw" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (type, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static int
compare_daemons (gconstpointer a,
                 gconstpointer b)
{
  const KdccRookDaemon *x = *(KdccRookDaemon * const *) a;
  const KdccRookDaemon *y = *(KdccRookDaemon * const *) b;
  int r = type_rank (x->type) - type_rank (y->type);
  size_t lx = strlen (x->id), ly = strlen (y->id);

  if (r != 0)
    return r;
  r = g_strcmp0 (x->type, y->type);
  if (r != 0)
    return r;
  /* osd.2 before osd.10 */
  return lx != ly ? (lx < ly ? -1 : 1) : strcmp (x->id, y->id);
}

static KdccRookDaemon *
daemon_parse (JsonObject *deploy)
{
  KdccRookDaemon *d;
  const char *type = label (deploy, "ceph_daemon_type");

  if (type == NULL)
    return NULL;
  d = g_new0 (KdccRookDaemon, 1);
  d->type = g_strdup (type);
  d->id = g_strdup (label (deploy, "ceph_daemon_id") ? label (deploy, "ceph_daemon_id") : "");
  d->deployment = g_strdup (kdcc_json_find_string (kdcc_json_find_object (deploy, "metadata"),
                                                   "name"));
  d->rook_version = g_strdup (label (deploy, "rook-version"));
  d->ceph_version = g_strdup (label (deploy, "ceph-version"));
  d->image = g_strdup (kdcc_json_find_string (first_container (deploy), "image"));
  d->ready = rolled_out (deploy, &d->replicas, &d->ready_replicas, &d->updated_replicas);
  return d;
}

KdccRookFacts *
kdcc_rook_facts_read (KdccKubeClient  *client,
                      const char      *namespace,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(KdccRookFacts) facts = g_new0 (KdccRookFacts, 1);
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(JsonObject) op = NULL;
  g_autoptr(JsonObject) cluster_object = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autofree char *selector = NULL;
  KdccCephVersion oldest = { G_MAXUINT, 0, 0 };
  gint64 u, ready;

  clusters = kdcc_rook_discover (client, namespace, cancellable, error);
  if (clusters == NULL)
    return NULL;
  if (clusters->len == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("There is no CephCluster in namespace “%s”"),
                   namespace ? namespace : kdcc_kube_client_get_namespace (client));
      return NULL;
    }
  facts->cluster = g_ptr_array_steal_index (clusters, 0);
  g_ptr_array_set_free_func (clusters, (GDestroyNotify) kdcc_rook_cluster_free);
  if (facts->cluster->operator_namespace == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, "%s",
                   facts->cluster->operator_problem ? facts->cluster->operator_problem
                   : _("No Rook operator deployment was found"));
      return NULL;
    }

  cluster_object = kdcc_kube_client_get (client, &kdcc_kube_cephclusters,
                                         facts->cluster->namespace, facts->cluster->name,
                                         cancellable, error);
  if (cluster_object == NULL)
    return NULL;
  facts->state_id = g_strdup (facts->cluster->fsid);
  if (facts->state_id == NULL)
    facts->state_id = g_strdup (kdcc_json_find_string (kdcc_json_find_object (cluster_object,
                                                                              "metadata"),
                                                       "uid"));

  items = kdcc_kube_client_list (client, &kdcc_kube_deployments,
                                 facts->cluster->operator_namespace, "app=rook-ceph-operator",
                                 NULL, cancellable, error);
  if (items == NULL)
    return NULL;
  if (json_array_get_length (items) > 0)
    op = json_object_ref (kdcc_json_as_object (json_array_get_element (items, 0)));
  if (op == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("No Rook operator deployment was found"));
      return NULL;
    }
  g_clear_pointer (&items, json_array_unref);
  facts->operator_deployment = g_strdup (kdcc_json_find_string (kdcc_json_find_object (op,
                                                                                       "metadata"),
                                                                "name"));
  facts->operator_container = g_strdup (kdcc_json_find_string (first_container (op), "name"));
  facts->operator_ready = rolled_out (op, &facts->operator_replicas, &ready, &u);
  if (g_strcmp0 (label (op, "app.kubernetes.io/managed-by"), "Helm") == 0)
    {
      const char *release = kdcc_json_find_string (path_object (op, "metadata", "annotations",
                                                                NULL),
                                                   "meta.helm.sh/release-name");

      facts->helm_release = g_strdup (release ? release : "rook-ceph");
    }

  selector = g_strdup_printf ("rook_cluster=%s", facts->cluster->namespace);
  items = kdcc_kube_client_list (client, &kdcc_kube_deployments, facts->cluster->namespace,
                                 selector, NULL, cancellable, error);
  if (items == NULL)
    return NULL;
  facts->daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_rook_daemon_free);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      KdccRookDaemon *d = daemon_parse (kdcc_json_as_object (json_array_get_element (items, i)));
      KdccCephVersion v;

      if (d == NULL)
        continue;
      g_ptr_array_add (facts->daemons, d);
      if (kdcc_ceph_version_parse (d->ceph_version, &v)
          && kdcc_ceph_version_compare (&v, &oldest) < 0)
        oldest = v;
    }
  g_ptr_array_sort (facts->daemons, compare_daemons);
  facts->csi = kdcc_rook_csi_read (client, facts->cluster->operator_namespace, cancellable, error);
  if (facts->csi == NULL)
    return NULL;
  if (oldest.major != G_MAXUINT)
    facts->ceph_running = kdcc_ceph_version_to_string (&oldest);
  else if (kdcc_ceph_version_parse (facts->cluster->ceph_version, &oldest))
    facts->ceph_running = kdcc_ceph_version_to_string (&oldest);
  return g_steal_pointer (&facts);
}

static void
add_step (GPtrArray           *steps,
          KdccUpgradeStepKind  kind,
          char                *description,
          char                *command,
          const char          *target)
{
  KdccUpgradeStep *s = g_new0 (KdccUpgradeStep, 1);

  s->kind = kind;
  s->description = description;
  s->command = command;
  s->target = g_strdup (target);
  g_ptr_array_add (steps, s);
}

/* The newest point release of RELEASE reachable from RUNNING. */
static char *
newest_of (KdccReleaseCatalog *catalog,
           const char         *running,
           const char         *release)
{
  g_autoptr(KdccReleaseCheck) check = kdcc_release_catalog_check (catalog, running, NULL);

  for (guint i = 0; check->upgrade_targets != NULL && i < check->upgrade_targets->len; i++)
    {
      KdccReleaseTarget *t = g_ptr_array_index (check->upgrade_targets, i);

      if (g_strcmp0 (t->name, release) == 0)
        return g_strdup (t->newest);
    }
  return NULL;
}

static void
add_rook_hop (GPtrArray           *steps,
              const KdccRookFacts *facts,
              const char          *version)
{
  const KdccRookCluster *c = facts->cluster;
  g_autofree char *base = g_strdup_printf (ROOK_MANIFESTS_URL, version);
  g_autofree char *repo = image_repository (c->operator_image);
  g_autofree char *image = g_strdup_printf ("%s:%s", repo, version);

  if (facts->helm_release != NULL)
    {
      /* Rook's Helm upgrade: the operator chart (it carries the CRDs). */
      add_step (steps, KDCC_UPGRADE_STEP_ROOK_OPERATOR,
                g_strdup_printf (_("Upgrade the Rook operator chart to %s (Helm updates the CRDs "
                                   "and the operator image)"), version),
                g_strdup_printf ("helm repo update && helm upgrade --namespace %s %s "
                                 "rook-release/rook-ceph --version %s --reuse-values",
                                 c->operator_namespace, facts->helm_release, version),
                image);
      return;
    }
  add_step (steps, KDCC_UPGRADE_STEP_ROOK_MANIFESTS,
            g_strdup_printf (_("Apply Rook %s’s CRDs and common resources (done by the "
                               "admin: KDCC does not carry Rook’s manifests)"), version),
            g_strdup_printf ("kubectl apply --server-side --force-conflicts -f %s/crds.yaml "
                             "-f %s/common.yaml", base, base),
            version);
  add_step (steps, KDCC_UPGRADE_STEP_ROOK_OPERATOR,
            g_strdup_printf (_("Set the Rook operator image to %s, wait for its rollout and "
                               "for every daemon’s rook-version label to show %s"),
                             image, version),
            g_strdup_printf ("kubectl --namespace %s set image deploy/%s %s=%s",
                             c->operator_namespace, facts->operator_deployment,
                             facts->operator_container ? facts->operator_container
                             : facts->operator_deployment, image),
            image);
}

static void
add_ceph_hop (GPtrArray           *steps,
              const KdccRookFacts *facts,
              const char          *version)
{
  const KdccRookCluster *c = facts->cluster;
  g_autofree char *repo = image_repository (c->image ? c->image : "quay.io/ceph/ceph");
  g_autofree char *image = g_strdup_printf ("%s:v%s", repo, version);

  if (facts->helm_release != NULL)
    add_step (steps, KDCC_UPGRADE_STEP_ROOK_CEPH,
              g_strdup_printf (_("Set the CephCluster’s image to %s through its Helm chart, then "
                                 "watch Rook roll mons, mgrs, OSDs and the others"), image),
              g_strdup_printf ("helm upgrade --namespace %s rook-ceph-cluster "
                               "rook-release/rook-ceph-cluster --reuse-values "
                               "--set cephClusterSpec.cephVersion.image=%s",
                               c->namespace, image),
              image);
  else
    add_step (steps, KDCC_UPGRADE_STEP_ROOK_CEPH,
              g_strdup_printf (_("Set the CephCluster’s image to %s, then watch Rook roll mons, "
                                 "mgrs, OSDs and the others one at a time"), image),
              g_strdup_printf ("kubectl --namespace %s patch cephcluster %s --type merge "
                               "-p '{\"spec\":{\"cephVersion\":{\"image\":\"%s\"}}}'",
                               c->namespace, c->name, image),
              image);
}

KdccUpgradePlan *
kdcc_rook_upgrade_plan_new (KdccReleaseCatalog   *catalog,
                            const KdccRookFacts  *facts,
                            const char           *ceph_release,
                            const char           *rook_version,
                            GError              **error)
{
  g_autoptr(KdccUpgradePlan) plan = g_new0 (KdccUpgradePlan, 1);
  g_autoptr(KdccReleaseCheck) check = NULL;
  g_autofree char *line = kdcc_rook_line_of (facts->cluster->operator_version);
  g_autofree char *current = NULL;
  guint rook_hops = 0, seen_rook = 0;
  gboolean used_rook_version = FALSE;

  if (facts->ceph_running == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The running Ceph version is unknown: no ceph-version label and no "
                     "status.version in the CephCluster"));
      return NULL;
    }
  if (line == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The Rook operator’s version is unknown (its image “%s” has no version "
                     "tag)"), facts->cluster->operator_image);
      return NULL;
    }
  check = kdcc_release_catalog_check (catalog, facts->ceph_running, NULL);
  plan->running = g_strdup (facts->ceph_running);
  plan->running_release = g_strdup (check->release_name);
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_step_free);

  if (ceph_release == NULL)
    {
      /* Rook only: one minor at a time, and the new line must run the Ceph
       * release that is running. */
      g_autofree char *to = kdcc_rook_line_of (rook_version);
      g_auto(GStrv) lines = check->release_name
                            ? kdcc_release_catalog_dup_rook_for (catalog, check->release_name)
                            : NULL;
      KdccUpgradeHop *hop;
      guint a = 0, b = 0, c = 0, d = 0;

      if (to == NULL || sscanf (line, "%u.%u", &a, &b) != 2 || sscanf (to, "%u.%u", &c, &d) != 2
          || c != a || d != b + 1)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Rook moves one minor release at a time: from %s the next is %u.%u, "
                         "not “%s”"), line, a, b + 1, rook_version ? rook_version : "");
          return NULL;
        }
      if (lines == NULL || !g_strv_contains ((const char * const *) lines, to))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Rook %s does not run Ceph %s: upgrade Ceph first"), to,
                       facts->ceph_running);
          return NULL;
        }
      plan->target_release = g_strdup (check->release_name);
      plan->target_version = g_strdup (facts->ceph_running);
      plan->path = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_hop_free);
      hop = g_new0 (KdccUpgradeHop, 1);
      hop->kind = KDCC_UPGRADE_HOP_ROOK;
      hop->from = g_strdup (line);
      hop->to = g_steal_pointer (&to);
      g_ptr_array_add (plan->path, hop);
      add_rook_hop (plan->steps, facts, rook_version);
      return g_steal_pointer (&plan);
    }

  plan->path = kdcc_upgrade_path (catalog, facts->ceph_running, ceph_release, line, error);
  if (plan->path == NULL)
    return NULL;
  for (guint i = 0; i < plan->path->len; i++)
    if (((KdccUpgradeHop *) g_ptr_array_index (plan->path, i))->kind == KDCC_UPGRADE_HOP_ROOK)
      rook_hops++;

  current = g_strdup (facts->ceph_running);
  for (guint i = 0; i < plan->path->len; i++)
    {
      KdccUpgradeHop *hop = g_ptr_array_index (plan->path, i);

      if (hop->kind == KDCC_UPGRADE_HOP_ROOK)
        {
          g_autofree char *version = NULL;
          g_autofree char *given = kdcc_rook_line_of (rook_version);

          seen_rook++;
          if (seen_rook == rook_hops && given != NULL && g_str_equal (given, hop->to))
            {
              version = g_strdup (rook_version);
              used_rook_version = TRUE;
            }
          else
            version = g_strdup_printf ("v%s.0", hop->to);
          add_rook_hop (plan->steps, facts, version);
        }
      else
        {
          g_autofree char *newest = newest_of (catalog, current, hop->to);

          if (newest == NULL)
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("The catalog knows no %s release to go to from %s"), hop->to,
                           current);
              return NULL;
            }
          add_ceph_hop (plan->steps, facts, newest);
          g_free (current);
          current = g_steal_pointer (&newest);
        }
    }
  if (rook_version != NULL && !used_rook_version)
    {
      g_autofree char *path = kdcc_upgrade_path_to_string (plan->path);

      /* Said rather than ignored: the admin asked for that operator. */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("Rook %s is not the last Rook step on the way to %s (%s); upgrade Rook "
                     "on its own with --rook-version alone"), rook_version, ceph_release, path);
      return NULL;
    }
  plan->target_release = g_strdup (ceph_release);
  plan->target_version = g_steal_pointer (&current);
  return g_steal_pointer (&plan);
}

static void
add_check (GPtrArray           *checks,
           const char          *id,
           const char          *title,
           KdccPreflightResult  result,
           char                *reason)
{
  KdccPreflightCheck *c = g_new0 (KdccPreflightCheck, 1);

  c->id = g_strdup (id);
  c->title = g_strdup (title);
  c->result = result;
  c->reason = reason;
  g_ptr_array_add (checks, c);
}

static guint
count_distinct (const KdccRookFacts *facts,
                gboolean             ceph,
                GString             *list)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);
      const char *v = ceph ? d->ceph_version : d->rook_version;

      if (v != NULL && g_hash_table_add (seen, (gpointer) v))
        g_string_append_printf (list, "%s%s", list->len ? ", " : "", v);
    }
  return g_hash_table_size (seen);
}

GPtrArray *
kdcc_rook_upgrade_preflight (const KdccRookFacts *facts,
                             const char * const  *accepted_warnings,
                             gboolean             resuming)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_preflight_check_free);
  const KdccRookCluster *c = facts->cluster;
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autoptr(GString) ceph = g_string_new (NULL);
  g_autoptr(GString) rook = g_string_new (NULL);
  gboolean ready_true = FALSE;
  guint n_ceph, n_rook;

  /* The CR's own conditions: Rook says Ready, and nothing failed. */
  for (guint i = 0; i < c->conditions->len; i++)
    {
      const KdccRookCondition *cond = g_ptr_array_index (c->conditions, i);

      if (g_strcmp0 (cond->status, "True") != 0)
        continue;
      if (g_strcmp0 (cond->type, "Ready") == 0)
        ready_true = TRUE;
      else if (g_strcmp0 (cond->type, "Failure") == 0 || g_strcmp0 (cond->type, "Error") == 0)
        g_string_append_printf (bad, "%s%s: %s", bad->len ? "; " : "", cond->type,
                                cond->message ? cond->message : "");
    }
  if (g_strcmp0 (c->phase, "Ready") == 0 && bad->len == 0)
    add_check (checks, "rook-cluster", _("CephCluster conditions"), KDCC_PREFLIGHT_PASS,
               g_strdup_printf (_("CephCluster %s/%s is Ready%s"), c->namespace, c->name,
                                ready_true ? "" : _(" (no Ready condition)")));
  else
    add_check (checks, "rook-cluster", _("CephCluster conditions"), KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("CephCluster %s/%s is in phase %s%s%s"), c->namespace, c->name,
                                c->phase ? c->phase : _("unknown"), bad->len ? ": " : "",
                                bad->str));

  /* Health as Rook reports it; the operator itself refuses HEALTH_ERR. */
  if (g_strcmp0 (c->health, "HEALTH_OK") == 0)
    add_check (checks, "health", _("Cluster health"), KDCC_PREFLIGHT_PASS,
               g_strdup (_("HEALTH_OK")));
  else if (g_strcmp0 (c->health, "HEALTH_WARN") == 0)
    {
      g_autoptr(GString) unaccepted = g_string_new (NULL);

      for (guint i = 0; c->health_details[i] != NULL; i++)
        {
          g_autofree char *code = g_strdup (c->health_details[i]);
          char *space = strchr (code, ' ');

          if (space != NULL)
            *space = '\0';
          if (accepted_warnings == NULL || !g_strv_contains (accepted_warnings, code))
            g_string_append_printf (unaccepted, "%s%s", unaccepted->len ? ", " : "", code);
        }
      if (unaccepted->len == 0)
        add_check (checks, "health", _("Cluster health"), KDCC_PREFLIGHT_WARN,
                   g_strdup (_("HEALTH_WARN, every warning accepted")));
      else
        add_check (checks, "health", _("Cluster health"), KDCC_PREFLIGHT_FAIL,
                   g_strdup_printf (_("HEALTH_WARN: %s (accept each with --accept-warning "
                                      "CODE)"), unaccepted->str));
    }
  else
    add_check (checks, "health", _("Cluster health"), KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("Rook reports %s"), c->health ? c->health : _("no health")));

  if (facts->operator_replicas == 0)
    add_check (checks, "rook-operator", _("Rook operator"), KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("%s is scaled to 0 replicas: Rook reconciles nothing"),
                                facts->operator_deployment));
  else if (facts->operator_ready)
    add_check (checks, "rook-operator", _("Rook operator"), KDCC_PREFLIGHT_PASS,
               g_strdup_printf (_("%s (%s) is rolled out and ready"), facts->operator_deployment,
                                c->operator_version ? c->operator_version : c->operator_image));
  else
    add_check (checks, "rook-operator", _("Rook operator"), KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("%s is not ready (%" G_GINT64_FORMAT " replicas wanted)"),
                                facts->operator_deployment, facts->operator_replicas));

  g_string_truncate (bad, 0);
  for (guint i = 0; i < facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);

      if (!d->ready)
        g_string_append_printf (bad, "%s%s (%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")",
                                bad->len ? ", " : "", d->deployment, d->ready_replicas,
                                d->replicas);
    }
  if (facts->daemons->len == 0)
    add_check (checks, "rook-daemons", _("Daemon deployments"), KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("No deployment labelled rook_cluster=%s"), c->namespace));
  else if (bad->len == 0)
    add_check (checks, "rook-daemons", _("Daemon deployments"), KDCC_PREFLIGHT_PASS,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deployment ready",
                                             "all %u deployments ready", facts->daemons->len),
                                facts->daemons->len));
  else
    add_check (checks, "rook-daemons", _("Daemon deployments"), KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("Not ready: %s"), bad->str));

  n_ceph = count_distinct (facts, TRUE, ceph);
  n_rook = count_distinct (facts, FALSE, rook);
  if (n_ceph <= 1 && n_rook <= 1)
    add_check (checks, "versions", _("One version"), KDCC_PREFLIGHT_PASS,
               g_strdup_printf (_("every daemon runs Ceph %s under Rook %s"),
                                ceph->len ? ceph->str : _("unknown"),
                                rook->len ? rook->str : _("unknown")));
  else
    add_check (checks, "versions", _("One version"),
               resuming ? KDCC_PREFLIGHT_WARN : KDCC_PREFLIGHT_FAIL,
               g_strdup_printf (_("the daemons run several versions (ceph-version %s; "
                                  "rook-version %s)%s"), ceph->str, rook->str,
                                resuming ? _(": expected during an upgrade")
                                         : _(": an upgrade is already under way")));
  return checks;
}

char *
kdcc_rook_upgrade_way_back (const KdccUpgradeState *state)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean operator_done = FALSE, ceph_started = FALSE;

  for (guint i = 0; i < state->steps->len; i++)
    {
      KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);

      if (r->state == KDCC_UPGRADE_STEP_PENDING)
        continue;
      if (r->step->kind == KDCC_UPGRADE_STEP_ROOK_OPERATOR
          || r->step->kind == KDCC_UPGRADE_STEP_ROOK_MANIFESTS)
        operator_done = TRUE;
      if (r->step->kind == KDCC_UPGRADE_STEP_ROOK_CEPH)
        ceph_started = TRUE;
    }
  if (!operator_done && !ceph_started)
    return g_strdup (_("Nothing was changed: there is nothing to undo."));
  if (operator_done)
    g_string_append (s, _("The Rook operator cannot be taken back: Rook supports no downgrade, "
                          "and the newer CRDs stay. "));
  if (ceph_started)
    g_string_append (s, _("The Ceph image stays set: Rook goes on rolling the daemons to it. "
                          "Daemons on the new Ceph cannot go back (Ceph and Rook support no "
                          "downgrade, and the mons moved min_mon_release). To stop the roll "
                          "for a while, scale the operator to 0 replicas."));
  else
    g_string_append (s, _("Ceph was not touched."));
  return g_strchomp (g_string_free (g_steal_pointer (&s), FALSE));
}
