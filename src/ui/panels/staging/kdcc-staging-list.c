/* kdcc-staging-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reordering the staged changes and saving them as a script.
 */

#define G_LOG_DOMAIN "kdcc-staging-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-staging-list.h"

void
kdcc_staging_list_release_focus (GtkWidget *list)
{
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, list))
    gtk_root_set_focus (root, NULL);
}

GtkListBoxRow *
kdcc_staging_list_current_row (GtkWidget *list)
{
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GList) selected = NULL;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  if (focus != NULL && gtk_widget_is_ancestor (focus, list))
    {
      GtkWidget *row = GTK_IS_LIST_BOX_ROW (focus)
                       ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      if (row != NULL)
        return GTK_LIST_BOX_ROW (row);
    }
  selected = gtk_list_box_get_selected_rows (GTK_LIST_BOX (list));
  return selected != NULL && selected->next == NULL ? selected->data : NULL;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

GArray *
kdcc_staging_list_get_selected (GtkWidget *list)
{
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (GTK_LIST_BOX (list));
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GList *l = rows; l != NULL; l = l->next)
    {
      guint position = (guint) gtk_list_box_row_get_index (l->data);

      g_array_append_val (positions, position);
    }
  g_array_sort (positions, compare_uint);
  return positions;
}

gboolean
kdcc_staging_list_move (GtkWidget    *list,
                        KdccStaging  *staging,
                        guint         position,
                        int           delta,
                        GError      **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (staging));
  GtkListBoxRow *row;
  guint to;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  if ((delta < 0 && position == 0) || position + delta >= n)
    return TRUE;
  to = position + delta;
  kdcc_staging_list_release_focus (list);
  if (!kdcc_staging_move (staging, position, to, error))
    return FALSE;
  /* The bound list made new rows for the moved changes: the admin stays
   * on the one moved, so Alt+Up can be pressed again. */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) to);
  if (row != NULL)
    {
      gtk_list_box_unselect_all (GTK_LIST_BOX (list));
      gtk_list_box_select_row (GTK_LIST_BOX (list), row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  return TRUE;
}

gboolean
kdcc_staging_list_save_script (KdccStaging  *staging,
                               const char   *path,
                               GError      **error)
{
  g_autofree char *script = NULL;

  g_return_val_if_fail (KDCC_IS_STAGING (staging), FALSE);

  script = kdcc_staging_dup_script (staging);
  return g_file_set_contents_full (path, script, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0755, error);
}

typedef struct
{
  KdccStagingSaveFunc func;
  GtkWidget          *parent;
} Save;

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  Save            *save)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        save->func (save->parent, path);
    }
  g_object_unref (save->parent);
  g_free (save);
  g_object_unref (dialog);
}

void
kdcc_staging_list_ask_save (GtkWidget           *parent,
                            const char          *title,
                            const char          *name,
                            KdccStagingSaveFunc  func)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *dialog;
  Save *save = g_new0 (Save, 1);

  save->func = func;
  save->parent = g_object_ref (parent);
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

AdwMessageDialog *
kdcc_staging_restart_dialog_new (GtkWidget *parent)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Restart the Daemons?"),
                                                       _("One failure domain at a time, each daemon "
                                                         "only once Ceph says it is ok to stop. Data "
                                                         "is unavailable nowhere if the cluster is "
                                                         "healthy, but clients may see a pause.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restart", _("_Restart"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restart", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}
