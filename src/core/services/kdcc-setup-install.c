/* kdcc-setup-install.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. The steps are built before anything runs, so the wizard and
 * `kdcc-cli setup install` show every kubectl/helm equivalent up front and
 * the job only walks the list. Requests block, so the applying steps run
 * on one worker thread (each step's state goes back to the owner's main
 * context); the last step, the CephCluster's progress, is a KdccKubeWatch on
 * the owner's context, since a cluster takes minutes to come up and the
 * watch resumes on its own where a connection broke. Applied objects are
 * not rolled back on failure or cancel: removing a half-created Rook
 * cluster is an operator's decision (the audit log lists what was applied).
 */
#define G_LOG_DOMAIN "kdcc-setup-install"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-kube-watch.h"
#include "kdcc-rook.h"
#include "kdcc-setup-install-private.h"
#include "kdcc-yaml.h"

const KdccKubeResource _kdcc_setup_crds = {
  "apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", FALSE
};
static const KdccKubeResource serviceaccounts = { "", "v1", "serviceaccounts", "ServiceAccount", TRUE };
static const KdccKubeResource clusterroles = {
  "rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", FALSE
};
static const KdccKubeResource clusterrolebindings = {
  "rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", FALSE
};
static const KdccKubeResource roles = { "rbac.authorization.k8s.io", "v1", "roles", "Role", TRUE };
static const KdccKubeResource rolebindings = {
  "rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", TRUE
};

/* The kinds of Rook's operator manifests (deploy/examples crds.yaml,
 * common.yaml, operator.yaml) and of the template's objects. */
static const KdccKubeResource *const known_resources[] = {
  &_kdcc_setup_crds, &serviceaccounts, &clusterroles, &clusterrolebindings, &roles, &rolebindings,
  &kdcc_kube_namespaces, &kdcc_kube_configmaps, &kdcc_kube_secrets, &kdcc_kube_services,
  &kdcc_kube_deployments, &kdcc_kube_cephclusters, &kdcc_kube_cephblockpools,
  &kdcc_kube_cephfilesystems, &kdcc_kube_cephobjectstores, &kdcc_setup_storageclasses,
};

GParamSpec *_kdcc_setup_install_properties[N_PROPS];
guint _kdcc_setup_install_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdccSetupInstall, kdcc_setup_install, G_TYPE_OBJECT)

static void
step_free (KdccSetupStep *step)
{
  g_free (step->title);
  g_free (step->command);
  g_clear_pointer (&step->objects, g_ptr_array_unref);
  g_strfreev (step->argv);
  g_free (step);
}

static KdccSetupStep *
step_new (KdccSetupStepKind  kind,
          char              *title,
          char              *command)
{
  KdccSetupStep *step = g_new0 (KdccSetupStep, 1);

  step->kind = kind;
  step->title = title;
  step->command = command;
  return step;
}

/* TEXT for a shell: as it is when that is safe, so that the commands
 * shown read as a person would type them. */
static char *
quote (const char *text)
{
  if (*text != '\0' && g_regex_match_simple ("^[A-Za-z0-9_./:=@,+-]+$", text, 0, 0))
    return g_strdup (text);
  return g_shell_quote (text);
}

/* "kubectl --kubeconfig K --context C ARGS", quoted for a shell. */
static char *
kubectl_command (KdccSetupInstall *self,
                 const char       *program,
                 const char       *args)
{
  g_autoptr(GString) text = g_string_new (program);

  if (self->kubeconfig != NULL)
    {
      g_autofree char *quoted = quote (self->kubeconfig);

      g_string_append_printf (text, " --kubeconfig %s", quoted);
    }
  if (self->context != NULL)
    {
      g_autofree char *quoted = quote (self->context);

      g_string_append_printf (text, g_str_equal (program, "helm") ? " --kube-context %s"
                                                                  : " --context %s", quoted);
    }
  g_string_append_printf (text, " %s", args);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
kdcc_setup_install_dispose (GObject *object)
{
  KdccSetupInstall *self = KDCC_SETUP_INSTALL (object);

  if (self->watch != NULL)
    kdcc_kube_watch_stop (self->watch);
  g_clear_object (&self->watch);
  if (self->job != NULL && self->cancel_id != 0)
    g_cancellable_disconnect (kdcc_job_get_cancellable (self->job), self->cancel_id);
  self->cancel_id = 0;
  g_clear_object (&self->job);
  g_clear_object (&self->audit);
  G_OBJECT_CLASS (kdcc_setup_install_parent_class)->dispose (object);
}

static void
kdcc_setup_install_finalize (GObject *object)
{
  KdccSetupInstall *self = KDCC_SETUP_INSTALL (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->params, kdcc_setup_params_free);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  g_clear_pointer (&self->values, json_object_unref);
  g_clear_pointer (&self->operator, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->owner, g_main_context_unref);
  g_free (self->kubeconfig);
  g_free (self->context);
  g_free (self->phase);
  g_free (self->message);
  g_free (self->health);
  G_OBJECT_CLASS (kdcc_setup_install_parent_class)->finalize (object);
}

static void
kdcc_setup_install_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdccSetupInstall *self = KDCC_SETUP_INSTALL (object);

  switch (prop_id)
    {
    case PROP_PHASE: g_value_set_string (value, self->phase); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_HEALTH: g_value_set_string (value, self->health); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_setup_install_class_init (KdccSetupInstallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamSpec **properties = _kdcc_setup_install_properties;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kdcc_setup_install_dispose;
  object_class->finalize = kdcc_setup_install_finalize;
  object_class->get_property = kdcc_setup_install_get_property;

  _kdcc_setup_install_properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, ro);
  _kdcc_setup_install_properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  _kdcc_setup_install_properties[PROP_HEALTH] = g_param_spec_string ("health", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _kdcc_setup_install_signals[STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kdcc_setup_install_init (KdccSetupInstall *self)
{
  self->operator = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

KdccSetupInstall *
kdcc_setup_install_new (KdccKubeClient   *client,
                        KdccSetupParams  *params,
                        const char       *kubeconfig,
                        GError          **error)
{
  g_autoptr(KdccSetupInstall) self = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  const KdccKubeContext *context;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);

  objects = kdcc_setup_render (params, NULL, error);
  if (objects == NULL)
    return NULL;
  self = g_object_new (KDCC_TYPE_SETUP_INSTALL, NULL);
  self->client = g_object_ref (client);
  self->params = kdcc_setup_params_copy (params);
  self->values = kdcc_setup_render_values (self->params, objects);
  self->objects = g_steal_pointer (&objects);
  self->kubeconfig = g_strdup (kubeconfig);
  context = kdcc_kube_client_get_context (client);
  self->context = g_strdup (context != NULL ? context->name : NULL);
  return g_steal_pointer (&self);
}

GPtrArray *
kdcc_setup_install_get_objects (KdccSetupInstall *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_INSTALL (self), NULL);
  return self->objects;
}

JsonObject *
kdcc_setup_install_get_values (KdccSetupInstall *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_INSTALL (self), NULL);
  return self->values;
}

void
kdcc_setup_install_set_audit_log (KdccSetupInstall *self,
                                  KdccAuditLog     *log)
{
  g_return_if_fail (KDCC_IS_SETUP_INSTALL (self));
  g_set_object (&self->audit, log);
}

static const KdccKubeResource *
resource_for (const char *api_version,
              const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_resources); i++)
    {
      const KdccKubeResource *r = known_resources[i];
      g_autofree char *gv = *r->group != '\0' ? g_strdup_printf ("%s/%s", r->group, r->version)
                                              : g_strdup (r->version);

      if (g_str_equal (gv, api_version) && g_str_equal (r->kind, kind))
        return r;
    }
  return NULL;
}

/* Every object of PATH, with the resource to apply it through. */
static GPtrArray *
load_manifest (const char  *path,
               const char  *namespace,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_setup_object_free);

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  docs = kdcc_yaml_load_all (base, text, -1, error);
  if (docs == NULL)
    return NULL;
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *object = kdcc_json_as_object (g_ptr_array_index (docs, i));
      JsonObject *metadata = kdcc_json_find_object (object, "metadata");
      const char *api_version = kdcc_json_find_string (object, "apiVersion");
      const char *kind = kdcc_json_find_string (object, "kind");
      const char *name = kdcc_json_find_string (metadata, "name");
      const KdccKubeResource *resource;
      KdccSetupObject *item;

      if (api_version == NULL || kind == NULL || name == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("%s: document %u has no apiVersion, kind or metadata.name"), base,
                       i + 1);
          return NULL;
        }
      resource = resource_for (api_version, kind);
      if (resource == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("%s: KDCC does not know how to apply a %s (%s) such as “%s”"), base,
                       kind, api_version, name);
          return NULL;
        }
      if (resource->namespaced && kdcc_json_find_string (metadata, "namespace") == NULL)
        json_object_set_string_member (metadata, "namespace", namespace);
      item = g_new0 (KdccSetupObject, 1);
      item->file_name = g_strdup (base);
      item->resource = resource;
      item->object = json_object_ref (object);
      g_ptr_array_add (objects, item);
    }
  if (objects->len == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("%s has no objects"), base);
      return NULL;
    }
  return g_steal_pointer (&objects);
}

gboolean
kdcc_setup_install_set_operator_manifests (KdccSetupInstall  *self,
                                           const char        *dir,
                                           GError           **error)
{
  static const char *const files[] = { "crds.yaml", "common.yaml", "operator.yaml" };
  const char *namespace = kdcc_setup_params_get (self->params, "namespace");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  g_return_val_if_fail (KDCC_IS_SETUP_INSTALL (self), FALSE);
  g_return_val_if_fail (self->steps == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autofree char *quoted = quote (path);
      g_autofree char *args = NULL;
      GPtrArray *objects = load_manifest (path, namespace, error);
      KdccSetupStep *step;

      if (objects == NULL)
        return FALSE;
      args = g_strdup_printf ("apply --server-side --field-manager=%s -f %s",
                              KDCC_SETUP_FIELD_MANAGER, quoted);
      step = step_new (KDCC_SETUP_STEP_APPLY,
                       /* TRANSLATORS: %s is a file name, %u a number of objects. */
                       g_strdup_printf (ngettext ("Apply %s (%u object)", "Apply %s (%u objects)",
                                                  objects->len), files[i], objects->len),
                       kubectl_command (self, "kubectl", args));
      step->objects = objects;
      g_ptr_array_add (steps, step);
      if (i == 0)
        {
          g_autofree char *wait = g_strdup_printf ("wait --for=condition=Established "
                                                   "--timeout=%ds -f %s", CRD_WAIT_SECONDS,
                                                   quoted);

          step = step_new (KDCC_SETUP_STEP_WAIT_CRDS,
                           g_strdup (_("Wait until the CRDs are established")),
                           kubectl_command (self, "kubectl", wait));
          step->objects = g_ptr_array_ref (objects);
          g_ptr_array_add (steps, step);
        }
    }
  g_ptr_array_set_size (self->operator, 0);
  g_ptr_array_extend_and_steal (self->operator, g_steal_pointer (&steps));
  return TRUE;
}

void
kdcc_setup_install_set_operator_helm (KdccSetupInstall *self,
                                      const char       *helm,
                                      const char       *chart)
{
  const char *namespace = kdcc_setup_params_get (self->params, "namespace");
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_autofree char *args = NULL;
  g_autofree char *ns = quote (namespace);
  g_autofree char *chart_q = quote (chart);
  KdccSetupStep *step;
  KdccSetupObject *crd;

  g_return_if_fail (KDCC_IS_SETUP_INSTALL (self));
  g_return_if_fail (self->steps == NULL);

  g_ptr_array_set_size (self->operator, 0);
  if (g_str_has_prefix (chart, "rook-release/"))
    {
      const char *repo[] = { helm, "repo", "add", "--force-update", "rook-release",
                             "https://charts.rook.io/release", NULL };

      step = step_new (KDCC_SETUP_STEP_HELM, g_strdup (_("Add Rook's Helm chart repository")),
                       g_strdup ("helm repo add --force-update rook-release "
                                 "https://charts.rook.io/release"));
      step->argv = g_strdupv ((char **) repo);
      g_ptr_array_add (self->operator, step);
    }

  g_strv_builder_add_many (argv, helm, "upgrade", "--install", "--create-namespace",
                           "--namespace", namespace, "rook-ceph", chart, NULL);
  if (self->kubeconfig != NULL)
    g_strv_builder_add_many (argv, "--kubeconfig", self->kubeconfig, NULL);
  if (self->context != NULL)
    g_strv_builder_add_many (argv, "--kube-context", self->context, NULL);
  args = g_strdup_printf ("upgrade --install --create-namespace --namespace %s rook-ceph %s", ns,
                          chart_q);
  step = step_new (KDCC_SETUP_STEP_HELM,
                   g_strdup_printf (_("Install the Rook operator chart %s"), chart),
                   kubectl_command (self, "helm", args));
  step->argv = g_strv_builder_end (argv);
  g_ptr_array_add (self->operator, step);

  /* The chart carries the CRDs; wait for the one the cluster needs. */
  step = step_new (KDCC_SETUP_STEP_WAIT_CRDS, g_strdup (_("Wait until the CRDs are established")),
                   kubectl_command (self, "kubectl", "wait --for=condition=Established "
                                    "--timeout=60s crd/cephclusters.ceph.rook.io"));
  step->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_setup_object_free);
  crd = g_new0 (KdccSetupObject, 1);
  crd->file_name = g_strdup ("");
  crd->resource = &_kdcc_setup_crds;
  crd->object = json_object_new ();
  json_object_set_object_member (crd->object, "metadata", json_object_new ());
  json_object_set_string_member (json_object_get_object_member (crd->object, "metadata"),
                                 "name", "cephclusters.ceph.rook.io");
  g_ptr_array_add (step->objects, crd);
  g_ptr_array_add (self->operator, step);
}

void
_kdcc_setup_install_build_steps (KdccSetupInstall *self)
{
  const char *namespace = kdcc_setup_params_get (self->params, "namespace");
  const char *name = kdcc_setup_params_get (self->params, "name");
  g_autofree char *ns = quote (namespace);
  g_autofree char *watch = NULL;

  self->steps = g_ptr_array_new ();
  for (guint i = 0; i < self->operator->len; i++)
    g_ptr_array_add (self->steps, g_ptr_array_index (self->operator, i));
  g_ptr_array_set_free_func (self->operator, NULL);
  g_clear_pointer (&self->operator, g_ptr_array_unref);
  g_ptr_array_set_free_func (self->steps, (GDestroyNotify) step_free);

  for (guint i = 0; i < self->objects->len; i++)
    {
      KdccSetupObject *object = g_ptr_array_index (self->objects, i);
      JsonObject *metadata = kdcc_json_find_object (object->object, "metadata");
      g_autofree char *quoted = quote (object->file_name);
      g_autofree char *args = g_strdup_printf ("apply --server-side --field-manager=%s -f %s",
                                               KDCC_SETUP_FIELD_MANAGER, quoted);
      KdccSetupStep *step;

      step = step_new (KDCC_SETUP_STEP_APPLY,
                       /* TRANSLATORS: "Apply CephCluster rook-ceph". */
                       g_strdup_printf (_("Apply %s %s"), object->resource->kind,
                                        kdcc_json_find_string (metadata, "name")),
                       kubectl_command (self, "kubectl", args));
      step->objects = g_ptr_array_new ();
      g_ptr_array_add (step->objects, object);
      g_ptr_array_add (self->steps, step);
    }
  watch = g_strdup_printf ("--namespace %s get cephcluster %s --watch", ns, name);
  g_ptr_array_add (self->steps,
                   step_new (KDCC_SETUP_STEP_WATCH,
                             g_strdup (_("Wait until the CephCluster is Ready")),
                             kubectl_command (self, "kubectl", watch)));
}

GPtrArray *
kdcc_setup_install_get_steps (KdccSetupInstall *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_INSTALL (self), NULL);
  if (self->steps == NULL)
    _kdcc_setup_install_build_steps (self);
  return self->steps;
}

KdccJob *kdcc_setup_install_get_job (KdccSetupInstall *self) { return self->job; }
const char *kdcc_setup_install_get_phase (KdccSetupInstall *self) { return self->phase; }
const char *kdcc_setup_install_get_message (KdccSetupInstall *self) { return self->message; }
const char *kdcc_setup_install_get_health (KdccSetupInstall *self) { return self->health; }
