/* kdcc-cli-setup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli setup`: the set-up wizard's templates without the wizard, for
 * review in Git or for GitOps: render to files, apply with kubectl or Helm.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "kdcc-cli-setup.h"
#include "kdcc-setup-render.h"
#include "kdcc-setup-template.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

static void
print_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
}

static int
fail_usage (const char *message)
{
  g_autofree char *line = g_strdup_printf (_("%s (see “kdcc-cli setup --help”)"), message);

  print_line (line);
  return EXIT_USAGE;
}

static void
print_templates_json (GPtrArray *templates)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const KdccSetupParamInfo *infos;
  guint n_infos;

  infos = kdcc_setup_param_infos (&n_infos);
  json_builder_begin_array (builder);
  for (guint i = 0; i < templates->len; i++)
    {
      const KdccSetupTemplate *template = g_ptr_array_index (templates, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, kdcc_setup_template_get_id (template));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, kdcc_setup_template_get_title (template));
      json_builder_set_member_name (builder, "when");
      json_builder_add_string_value (builder, kdcc_setup_template_get_when (template));
      json_builder_set_member_name (builder, "parameters");
      json_builder_begin_object (builder);
      for (guint j = 0; j < n_infos; j++)
        {
          json_builder_set_member_name (builder, infos[j].key);
          json_builder_add_string_value (builder,
                                         kdcc_setup_template_get_default (template, infos[j].key));
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_templates (GPtrArray *templates)
{
  const KdccSetupParamInfo *infos;
  guint n_infos;

  for (guint i = 0; i < templates->len; i++)
    {
      const KdccSetupTemplate *template = g_ptr_array_index (templates, i);

      g_print ("%s — %s\n  %s\n\n", kdcc_setup_template_get_id (template),
               kdcc_setup_template_get_title (template), kdcc_setup_template_get_when (template));
    }

  infos = kdcc_setup_param_infos (&n_infos);
  g_print ("%s\n", _("Parameters (--set KEY=VALUE):"));
  for (guint j = 0; j < n_infos; j++)
    g_print ("  %-22s %s\n", infos[j].key, _(infos[j].description));
}

/* The template's parameters with the --set assignments; NULL (after
 * saying why) on a usage error. */
static KdccSetupParams *
make_params (GPtrArray   *templates,
             const char  *id,
             char       **assignments)
{
  const KdccSetupTemplate *template = kdcc_setup_templates_find (templates, id);
  g_autoptr(KdccSetupParams) params = NULL;
  g_autoptr(GError) error = NULL;

  if (template == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown template “%s” (see “kdcc-cli setup "
                                                    "templates”)"), id);
      fail_usage (message);
      return NULL;
    }
  params = kdcc_setup_params_new (template);
  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    if (!kdcc_setup_params_assign (params, assignments[i], &error))
      {
        print_line (error->message);
        return NULL;
      }
  return g_steal_pointer (&params);
}

static int
render (GPtrArray   *templates,
        const char  *id,
        char       **assignments,
        const char  *output)
{
  g_autoptr(KdccSetupParams) params = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(GError) error = NULL;

  if (output == NULL)
    return fail_usage (_("No output folder given (-o DIR)"));
  params = make_params (templates, id, assignments);
  if (params == NULL)
    return EXIT_USAGE;

  objects = kdcc_setup_render (params, warnings, &error);
  for (guint i = 0; i < warnings->len; i++)
    {
      /* TRANSLATORS: a remark that does not stop the command. */
      g_autofree char *line = g_strdup_printf (_("warning: %s"),
                                               (const char *) g_ptr_array_index (warnings, i));
      print_line (line);
    }
  if (objects == NULL)
    {
      print_line (error->message);
      return EXIT_USAGE;
    }

  values = kdcc_setup_render_values (params, objects);
  if (!kdcc_setup_write (objects, values, output, &error))
    {
      print_line (error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < objects->len; i++)
    {
      KdccSetupObject *item = g_ptr_array_index (objects, i);
      g_autofree char *path = g_build_filename (output, item->file_name, NULL);

      g_print ("%s\n", path);
    }
  {
    g_autofree char *path = g_build_filename (output, "helm", "values.yaml", NULL);

    g_print ("%s\n", path);
  }
  return EXIT_SUCCESS;
}

int
kdcc_cli_setup (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_auto(GStrv) assignments = NULL;
  g_autofree char *output = NULL;
  g_autofree char *kubeconfig = NULL;
  g_autofree char *kube_context = NULL;
  g_autofree char *manifests = NULL;
  g_autofree char *helm_chart = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("templates, preflight, audit: print JSON"), NULL },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &assignments,
      N_("Set a template parameter (repeatable)"), N_("KEY=VALUE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the rendered files into this folder"), N_("DIR") },
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig,
      N_("preflight, install: the kubeconfig (default: KUBECONFIG, ~/.kube/config)"),
      N_("PATH") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &kube_context,
      N_("preflight, install: the kubeconfig context (default: its current context)"),
      N_("CONTEXT") },
    { "operator-manifests", 0, 0, G_OPTION_ARG_FILENAME, &manifests,
      N_("install: first the Rook operator from this release folder (crds.yaml, common.yaml, "
         "operator.yaml)"), N_("DIR") },
    { "helm", 0, 0, G_OPTION_ARG_STRING, &helm_chart,
      N_("install: first the Rook operator with helm from this chart (e.g. "
         "rook-release/rook-ceph)"), N_("CHART") },
    { NULL }
  };

  /* TRANSLATORS: the arguments of `kdcc-cli setup`, after the program name. */
  context = g_option_context_new (_("templates | render TEMPLATE | preflight TEMPLATE | install "
                                    "TEMPLATE | audit — set up a new Rook cluster"));
  g_option_context_set_summary (context,
                                _("“templates” lists the set-up templates and their parameters. "
                                  "“render TEMPLATE -o DIR” writes the Rook objects (one YAML "
                                  "file each, for `kubectl apply -f DIR`) and the rook-ceph-cluster chart's "
                                  "values.yaml (DIR/helm/values.yaml). “preflight TEMPLATE” "
                                  "checks the Kubernetes cluster against the template. "
                                  "“install TEMPLATE” installs the operator (when asked) and "
                                  "the cluster, and follows it until it is Ready. “audit” "
                                  "lists the installs' steps."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 success, 1 the files could not be "
                                      "written, 2 usage error or invalid parameters (nothing is "
                                      "written)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail_usage (error->message);
  if (argc < 2)
    return fail_usage (_("Give “templates” or “render TEMPLATE”"));

  templates = kdcc_setup_templates_load (&error);
  if (templates == NULL)
    {
      print_line (error->message);
      return EXIT_FAILED;
    }

  if (g_str_equal (argv[1], "templates") && argc == 2)
    {
      if (json)
        print_templates_json (templates);
      else
        print_templates (templates);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "render") && argc == 3)
    return render (templates, argv[2], assignments, output);
  if (g_str_equal (argv[1], "audit") && argc == 2)
    return kdcc_cli_setup_audit (json);
  if ((g_str_equal (argv[1], "preflight") || g_str_equal (argv[1], "install")) && argc == 3)
    {
      g_autoptr(KdccSetupParams) params = make_params (templates, argv[2], assignments);
      KdccCliSetupTarget target = { kubeconfig, kube_context };

      if (params == NULL)
        return EXIT_USAGE;
      if (g_str_equal (argv[1], "preflight"))
        return kdcc_cli_setup_preflight (params, &target, json);
      return kdcc_cli_setup_install (params, &target, manifests, helm_chart);
    }

  return fail_usage (_("Give “templates”, “render TEMPLATE”, “preflight TEMPLATE” or "
                       "“install TEMPLATE”"));
}
