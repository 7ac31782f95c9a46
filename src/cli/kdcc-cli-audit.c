/* kdcc-cli-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli audit`: the changes KDCC (app or CLI) made to this cluster
 * from this machine, oldest first.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "kdcc-cli-audit.h"
#include "kdcc-cli-controls.h"

int
kdcc_cli_audit (int    argc,
                char **argv)
{
  KdccCliControls controls = { 0 };
  g_autofree char *export = NULL;
  gboolean json = FALSE;
  GListModel *model;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the entries as a JSON array"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export,
      N_("Write the log (JSON lines) to FILE"), N_("FILE") },
    { NULL }
  };

  status = kdcc_cli_controls_parse ("", _("Show the audit log of the cluster: every change "
                                          "applied or rolled back, with its result."),
                                    entries, &argc, &argv, &controls);
  if (status != 0)
    goto out;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      status = kdcc_cli_controls_usage (message);
      goto out;
    }

  model = G_LIST_MODEL (controls.audit);
  if (export != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kdcc_audit_log_export (controls.audit, export, &error))
        status = kdcc_cli_controls_fail (error);
      goto out;
    }
  if (json)
    g_print ("[");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (model, i);
      g_autofree char *time = g_date_time_format (kdcc_audit_entry_get_time (entry),
                                                  "%Y-%m-%d %H:%M:%S");

      if (json)
        {
          g_autofree char *line = kdcc_audit_entry_to_json (entry);

          g_print ("%s\n%s", i > 0 ? "," : "", line);
        }
      else
        g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", time, kdcc_audit_entry_get_user (entry),
                 kdcc_audit_entry_get_action (entry), kdcc_audit_entry_get_result (entry),
                 kdcc_audit_entry_get_cli (entry),
                 kdcc_audit_entry_get_message (entry) != NULL
                   ? kdcc_audit_entry_get_message (entry) : "");
    }
  if (json)
    g_print ("\n]\n");

out:
  kdcc_cli_controls_clear (&controls);
  return status;
}
