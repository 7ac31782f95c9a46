/* kdcc-cli-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli config`, in `ceph config`'s argument order. `set` and `rm`
 * go through the staging area and the audit log like every change the
 * app makes: checked, staged, applied, read back.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-cli-config.h"
#include "kdcc-cli-stage.h"
#include "kdcc-error.h"

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static int
unknown_option (const char *name)
{
  g_autoptr(GError) error = g_error_new (KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                                         _("Unknown option “%s”"), name);

  return kdcc_cli_controls_fail (error);
}

/* The value in force for WHO from the config database, as `ceph config
 * get` resolves it without masks: the daemon's own section, then its
 * type's, then global. NULL when none is stored. */
static const char *
resolve (KdccConfigOption *option,
         const char       *who)
{
  g_autofree char *type = g_strndup (who, strcspn (who, "./"));
  const char *value = kdcc_config_option_lookup_value (option, who);

  if (value == NULL)
    value = kdcc_config_option_lookup_value (option, type);
  if (value == NULL)
    value = kdcc_config_option_lookup_value (option, "global");
  return value;
}

/* `config get WHO [NAME]`: what is in force for WHO. */
static int
config_get (KdccCliControls *controls,
            const char      *who,
            const char      *name,
            gboolean         json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GListModel *options = G_LIST_MODEL (controls->catalog);

  json_builder_begin_array (b);
  if (name != NULL)
    {
      KdccConfigOption *option = kdcc_config_catalog_lookup (controls->catalog, name);
      const char *value;

      if (option == NULL)
        return unknown_option (name);
      value = resolve (option, who);
      if (!json)
        g_print ("%s\n", value != NULL ? value : kdcc_config_option_get_default_value (option));
      json_builder_begin_object (b);
      add_member (b, "who", who);
      add_member (b, "name", name);
      add_member (b, "value", value);
      add_member (b, "default", kdcc_config_option_get_default_value (option));
      json_builder_set_member_name (b, "runtime");
      json_builder_add_boolean_value (b, kdcc_config_option_get_runtime (option));
      json_builder_end_object (b);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (options); i++)
        {
          g_autoptr(KdccConfigOption) option = g_list_model_get_item (options, i);
          const char *value = resolve (option, who);

          if (value == NULL)
            continue;
          if (!json)
            g_print ("%s\t%s\n", kdcc_config_option_get_name (option), value);
          json_builder_begin_object (b);
          add_member (b, "who", who);
          add_member (b, "name", kdcc_config_option_get_name (option));
          add_member (b, "value", value);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);

      kdcc_cli_controls_print_json (root);
    }
  return EXIT_SUCCESS;
}

/* `config diff`: every value that differs from the default. */
static int
config_diff (KdccCliControls *controls,
             gboolean         json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) changed = kdcc_config_catalog_dup_changed (controls->catalog);

  json_builder_begin_array (b);
  for (guint i = 0; i < changed->len; i++)
    {
      KdccConfigOption *option = g_ptr_array_index (changed, i);
      GListModel *values = kdcc_config_option_get_values (option);

      for (guint j = 0; j < g_list_model_get_n_items (values); j++)
        {
          g_autoptr(KdccConfigValue) value = g_list_model_get_item (values, j);

          if (json)
            {
              json_builder_begin_object (b);
              add_member (b, "who", kdcc_config_value_get_who (value));
              add_member (b, "name", kdcc_config_option_get_name (option));
              add_member (b, "value", kdcc_config_value_get_value (value));
              add_member (b, "default", kdcc_config_option_get_default_value (option));
              json_builder_set_member_name (b, "runtime");
              json_builder_add_boolean_value (b, kdcc_config_option_get_runtime (option));
              json_builder_end_object (b);
            }
          else
            /* TRANSLATORS: WHO, option, value, its default */
            g_print (_("%s\t%s\t%s\t(default %s)\n"), kdcc_config_value_get_who (value),
                     kdcc_config_option_get_name (option), kdcc_config_value_get_value (value),
                     kdcc_config_option_get_default_value (option));
        }
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);

      kdcc_cli_controls_print_json (root);
    }
  return EXIT_SUCCESS;
}

int
kdcc_cli_config (int    argc,
                 char **argv)
{
  KdccCliControls controls = { 0 };
  g_autofree char *confirm = NULL;
  gboolean json = FALSE;
  const char *verb;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "confirm", 0, 0, G_OPTION_ARG_STRING, &confirm,
      N_("set, rm: confirm a risky change, giving the reason"), N_("REASON") },
    { NULL }
  };

  status = kdcc_cli_controls_parse (_("get WHO [NAME]|set WHO NAME VALUE|rm WHO NAME|diff"),
                                    _("Read and change the cluster's configuration database. "
                                      "set and rm check the value, apply it and read it back, "
                                      "and are recorded in the audit log."),
                                    entries, &argc, &argv, &controls);
  if (status != 0)
    goto out;
  if (argc < 2)
    {
      status = kdcc_cli_controls_usage (_("Say what to do: get, set, rm or diff"));
      goto out;
    }
  verb = argv[1];
  if ((status = kdcc_cli_controls_load_catalog (&controls)) != 0)
    goto out;

  if (g_str_equal (verb, "get") && (argc == 3 || argc == 4))
    status = config_get (&controls, argv[2], argc == 4 ? argv[3] : NULL, json);
  else if (g_str_equal (verb, "diff") && argc == 2)
    status = config_diff (&controls, json);
  else if (g_str_equal (verb, "set") && argc == 5)
    {
      g_autoptr(KdccOperation) operation = kdcc_operation_new_config_set (argv[2], argv[3], argv[4]);

      status = kdcc_cli_stage_operation (&controls, operation, confirm, TRUE, json);
    }
  else if (g_str_equal (verb, "rm") && argc == 4)
    {
      g_autoptr(KdccOperation) operation = kdcc_operation_new_config_rm (argv[2], argv[3]);

      status = kdcc_cli_stage_operation (&controls, operation, confirm, TRUE, json);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Wrong arguments for “config %s”"), verb);

      status = kdcc_cli_controls_usage (message);
    }

out:
  kdcc_cli_controls_clear (&controls);
  return status;
}
