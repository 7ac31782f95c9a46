/* kdcc-cli-stage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli stage`: the same staging area as the app's, per cluster.
 * Arguments follow `ceph config`: `stage add WHO NAME VALUE`.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "kdcc-cli-stage.h"
#include "kdcc-error.h"

static char *
restart_text (KdccStagedChange *change)
{
  if (kdcc_staged_change_needs_restart (change))
    /* TRANSLATORS: %s: the daemons, "osd", "osd.3" or "global" */
    return g_strdup_printf (_("needs restart: %s"), kdcc_staged_change_get_restart_who (change));
  if (kdcc_operation_get_apply_mode (kdcc_staged_change_get_operation (change))
      == KDCC_APPLY_MODE_UNKNOWN)
    return g_strdup (_("runtime unknown"));
  return g_strdup (_("runtime"));
}

JsonNode *
kdcc_cli_stage_change_to_json (KdccStagedChange *change,
                               guint             position)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  KdccOperation *op = kdcc_staged_change_get_operation (change);
  const char *strings[][2] = {
    { "cli", kdcc_staged_change_get_cli (change) },
    { "target", kdcc_operation_get_target (op) },
    { "key", kdcc_operation_get_key (op) },
    { "old_value", kdcc_staged_change_get_old_value (change) },
    { "new_value", kdcc_staged_change_get_new_value (change) },
    { "restart", kdcc_staged_change_get_restart_who (change) },
    { "risk_reason", kdcc_operation_get_risk_reason (op) },
    { "state", kdcc_staged_state_to_string (kdcc_staged_change_get_state (change)) },
    { "message", kdcc_staged_change_get_message (change) },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "position");
  json_builder_add_int_value (b, position);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      json_builder_set_member_name (b, strings[i][0]);
      if (strings[i][1] != NULL)
        json_builder_add_string_value (b, strings[i][1]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "needs_restart");
  json_builder_add_boolean_value (b, kdcc_staged_change_needs_restart (change));
  json_builder_set_member_name (b, "drifted");
  json_builder_add_boolean_value (b, kdcc_staged_change_get_drifted (change));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_change (KdccStagedChange *change,
              guint             position)
{
  g_autofree char *restart = restart_text (change);
  const char *old_value = kdcc_staged_change_get_old_value (change);

  g_print ("%u\t%s\t%s\t%s → %s%s\n", position, kdcc_staged_change_get_cli (change), restart,
           old_value != NULL ? old_value : _("(unset)"),
           kdcc_staged_change_get_new_value (change) != NULL
             ? kdcc_staged_change_get_new_value (change) : _("(unset)"),
           kdcc_staged_change_get_drifted (change) ? _(" (drifted)") : "");
}

static void
print_results (GListModel *changes,
               gboolean    json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = changes != NULL ? g_list_model_get_n_items (changes) : 0;

  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccStagedChange) change = g_list_model_get_item (changes, i);

      if (json)
        json_builder_add_value (b, kdcc_cli_stage_change_to_json (change, i + 1));
      else
        {
          g_autofree char *restart = restart_text (change);

          g_print ("%s\t%s\t%s\n",
                   kdcc_staged_state_to_string (kdcc_staged_change_get_state (change)),
                   kdcc_staged_change_get_cli (change), restart);
        }
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (json)
    kdcc_cli_controls_print_json (root);
}

static int
apply_positions (KdccCliControls *controls,
                 const guint     *positions,
                 guint            n_positions,
                 gboolean         allow_drift,
                 gboolean         json)
{
  KdccSession *session = controls->session;
  g_autoptr(KdccJob) job = NULL;
  g_autoptr(GListStore) tried = g_list_store_new (KDCC_TYPE_STAGED_CHANGE);
  GListModel *staging = G_LIST_MODEL (controls->staging);
  gboolean ok;

  /* Keep the changes so their outcome can be printed after they left. */
  for (guint i = 0; i < g_list_model_get_n_items (staging); i++)
    {
      gboolean selected = positions == NULL;

      for (guint j = 0; !selected && j < n_positions; j++)
        selected = positions[j] == i;
      if (selected)
        {
          g_autoptr(GObject) change = g_list_model_get_item (staging, i);

          g_list_store_append (tried, change);
        }
    }

  job = kdcc_staging_apply (controls->staging, kdcc_session_get_source (session),
                            kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)),
                            positions, n_positions,
                            allow_drift ? KDCC_STAGING_APPLY_ALLOW_DRIFT : KDCC_STAGING_APPLY_NONE,
                            controls->audit, kdcc_source_get_kind (kdcc_session_get_source (session)));
  ok = kdcc_cli_controls_wait (job);
  print_results (G_LIST_MODEL (tried), json);
  if (!ok)
    return kdcc_cli_controls_fail (kdcc_job_get_error (job));
  return EXIT_SUCCESS;
}

int
kdcc_cli_stage_operation (KdccCliControls *controls,
                          KdccOperation   *operation,
                          const char      *confirmation,
                          gboolean         apply,
                          gboolean         json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccStagedChange) change = NULL;
  KdccOperationKind kind;
  guint position;
  int status;

  kind = kdcc_operation_get_kind (operation);
  if (kind == KDCC_OPERATION_CONFIG_SET || kind == KDCC_OPERATION_CONFIG_RM)
    {
      /* Only config changes need the option metadata, which is slow to
       * read. */
      if (controls->catalog == NULL && (status = kdcc_cli_controls_load_catalog (controls)) != 0)
        return status;
      if (!kdcc_config_catalog_check_operation (controls->catalog, operation,
                                                kdcc_session_get_cluster (controls->session),
                                                &error))
        return kdcc_cli_controls_fail (error);
    }
  else if (!kdcc_operation_check_target (operation, kdcc_session_get_cluster (controls->session),
                                         &error))
    return kdcc_cli_controls_fail (error);
  kdcc_operation_check_out_domains (operation, kdcc_session_get_cluster (controls->session),
                                    G_LIST_MODEL (controls->staging));
  change = kdcc_staging_add_sync (controls->staging, kdcc_session_get_source (controls->session),
                                  operation, confirmation, NULL, &error);
  if (change == NULL)
    return kdcc_cli_controls_fail (error);
  position = g_list_model_get_n_items (G_LIST_MODEL (controls->staging)) - 1;
  if (!apply)
    {
      if (json)
        {
          g_autoptr(JsonNode) node = kdcc_cli_stage_change_to_json (change, position + 1);

          kdcc_cli_controls_print_json (node);
        }
      else
        print_change (change, position + 1);
      return EXIT_SUCCESS;
    }
  status = apply_positions (controls, &position, 1, FALSE, json);
  /* `config set` is one step: what it could not apply is not left staged. */
  if (status != EXIT_SUCCESS)
    {
      GListModel *model = G_LIST_MODEL (controls->staging);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(KdccStagedChange) item = g_list_model_get_item (model, i);

          if (item == change)
            {
              kdcc_staging_drop (controls->staging, i, NULL);
              break;
            }
        }
    }
  return status;
}

static int
parse_position (const char *text,
                guint       n_items,
                guint      *position)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MAX (n_items, 1), &value, NULL) || n_items == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No staged change number “%s”"), text);

      return kdcc_cli_controls_usage (message);
    }
  *position = (guint) value - 1;
  return 0;
}

int
kdcc_cli_stage (int    argc,
                char **argv)
{
  KdccCliControls controls = { 0 };
  g_autofree char *confirm = NULL;
  gboolean json = FALSE, remove = FALSE, allow_drift = FALSE;
  const char *verb;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "rm", 0, 0, G_OPTION_ARG_NONE, &remove,
      N_("add: stage `config rm WHO NAME` (back to the default)"), NULL },
    { "confirm", 0, 0, G_OPTION_ARG_STRING, &confirm,
      N_("add: confirm a risky change, giving the reason"), N_("REASON") },
    { "allow-drift", 0, 0, G_OPTION_ARG_NONE, &allow_drift,
      N_("apply: apply even when a value changed on the cluster since staging"), NULL },
    { NULL }
  };

  status = kdcc_cli_controls_parse (_("list|add WHAT|drop N|apply [N…]|rollback"),
                                    _("The staging area of the cluster, shared with the app.\n"
                                      "\n"
                                      "add WHAT is one of:\n"
                                      "  WHO NAME VALUE                     ceph config set WHO NAME VALUE\n"
                                      "  --rm WHO NAME                      ceph config rm WHO NAME\n"
                                      "  pool set POOL VAR VALUE            ceph osd pool set …\n"
                                      "  pool set-quota POOL max_bytes|max_objects VALUE\n"
                                      "                                     ceph osd pool set-quota …\n"
                                      "  pool application enable|disable POOL APP\n"
                                      "                                     ceph osd pool application …\n"
                                      "  osd in|out ID                      ceph osd in|out ID\n"
                                      "  osd reweight ID WEIGHT             ceph osd reweight ID WEIGHT\n"
                                      "  osd primary-affinity ID WEIGHT     ceph osd primary-affinity osd.ID WEIGHT\n"
                                      "  flag set|unset FLAG                ceph osd set|unset FLAG\n"
                                      "A risky change needs --confirm REASON."),
                                    entries, &argc, &argv, &controls);
  if (status != 0)
    goto out;
  if (argc < 2)
    {
      status = kdcc_cli_controls_usage (_("Say what to do: list, add, drop, apply or rollback"));
      goto out;
    }
  verb = argv[1];

  if (g_str_equal (verb, "list") && argc == 2)
    {
      GListModel *model = G_LIST_MODEL (controls.staging);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(GError) error = NULL;

      if (kdcc_staging_check_drift_sync (controls.staging,
                                         kdcc_session_get_source (controls.session), NULL,
                                         &error) < 0)
        g_printerr ("kdcc-cli: %s\n", error->message);
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(KdccStagedChange) change = g_list_model_get_item (model, i);

          if (json)
            json_builder_add_value (b, kdcc_cli_stage_change_to_json (change, i + 1));
          else
            print_change (change, i + 1);
        }
      json_builder_end_array (b);
      if (json)
        {
          g_autoptr(JsonNode) root = json_builder_get_root (b);

          kdcc_cli_controls_print_json (root);
        }
      else if (g_list_model_get_n_items (model) == 0)
        g_print ("%s\n", _("No staged changes."));
      status = EXIT_SUCCESS;
    }
  else if (g_str_equal (verb, "add") && !remove
           && kdcc_cli_stage_is_operation_words (argc - 2, argv + 2))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccOperation) operation = kdcc_cli_stage_parse_operation (argc - 2, argv + 2,
                                                                           &error);

      if (operation == NULL)
        status = kdcc_cli_controls_usage (error->message);
      else
        status = kdcc_cli_stage_operation (&controls, operation, confirm, FALSE, json);
    }
  else if (g_str_equal (verb, "add") && ((!remove && argc == 5) || (remove && argc == 4)))
    {
      g_autoptr(KdccOperation) operation = remove
        ? kdcc_operation_new_config_rm (argv[2], argv[3])
        : kdcc_operation_new_config_set (argv[2], argv[3], argv[4]);

      status = kdcc_cli_stage_operation (&controls, operation, confirm, FALSE, json);
    }
  else if (g_str_equal (verb, "drop") && argc == 3)
    {
      g_autoptr(GError) error = NULL;
      guint position = 0;  /* set when status is 0; GCC -O2 cannot tell */

      status = parse_position (argv[2], g_list_model_get_n_items (G_LIST_MODEL (controls.staging)),
                               &position);
      if (status == 0 && !kdcc_staging_drop (controls.staging, position, &error))
        status = kdcc_cli_controls_fail (error);
    }
  else if (g_str_equal (verb, "apply"))
    {
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

      for (int i = 2; i < argc && status == 0; i++)
        {
          guint position;

          status = parse_position (argv[i],
                                   g_list_model_get_n_items (G_LIST_MODEL (controls.staging)),
                                   &position);
          g_array_append_val (positions, position);
        }
      if (status == 0 && g_list_model_get_n_items (G_LIST_MODEL (controls.staging)) == 0)
        status = kdcc_cli_controls_usage (_("Nothing is staged"));
      if (status == 0)
        status = apply_positions (&controls,
                                  positions->len > 0 ? (guint *) positions->data : NULL,
                                  positions->len, allow_drift, json);
    }
  else if (g_str_equal (verb, "rollback") && argc == 2)
    {
      KdccSession *session = controls.session;
      g_autoptr(KdccJob) job = NULL;
      g_autoptr(GListModel) batch = NULL;

      if (kdcc_staging_get_last_batch (controls.staging) == NULL)
        {
          status = kdcc_cli_controls_usage (_("There is no applied batch to roll back"));
          goto out;
        }
      batch = g_object_ref (kdcc_staging_get_last_batch (controls.staging));
      job = kdcc_staging_rollback (controls.staging, kdcc_session_get_source (session),
                                   kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)),
                                   controls.audit, kdcc_source_get_kind (kdcc_session_get_source (session)));
      status = kdcc_cli_controls_wait (job) ? EXIT_SUCCESS
                                            : kdcc_cli_controls_fail (kdcc_job_get_error (job));
      print_results (batch, json);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Wrong arguments for “stage %s”"), verb);

      status = kdcc_cli_controls_usage (message);
    }

out:
  kdcc_cli_controls_clear (&controls);
  return status;
}
