/* kdcc-connect-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-connect-kube"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-connect-dialog-private.h"
#include "kdcc-connect-kube.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rook.h"

struct _KdccConnectKube
{
  GtkBox          parent_instance;

  /* Template widgets */
  AdwEntryRow    *kubeconfig_row;
  AdwComboRow    *context_row;
  AdwEntryRow    *user_row;
  AdwExpanderRow *sso_row;
  AdwEntryRow    *sso_issuer_row;
  AdwEntryRow    *sso_client_row;
  GtkStringList  *contexts;
  GtkSpinner     *spinner;
  GtkWidget      *error_box;
  GtkLabel       *error_title;
  GtkLabel       *error_label;
  GtkLabel       *status_label;
  GtkListBox     *list;

  GPtrArray      *clusters;      /* KdccRookCluster, the last search's */
  GPtrArray      *checks;        /* GtkCheckButton per cluster */
  GCancellable   *cancellable;   /* the running search's */
  char           *default_paths; /* what kubectl would read */
  char           *error;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (KdccConnectKube, kdcc_connect_kube, GTK_TYPE_BOX)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (KdccConnectKube *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kube.find",
                                 !self->busy && kdcc_connect_kube_get_context (self) != NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_error (KdccConnectKube *self,
            const char      *title,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
clear_clusters (KdccConnectKube *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->clusters, 0);
  g_ptr_array_set_size (self->checks, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  gtk_label_set_label (self->status_label,
                       _("Find the Rook clusters this context can reach, then choose the ones to add."));
}

static void
set_busy (KdccConnectKube *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kubeconfig_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->context_row), !busy);
}

/* "Ready · HEALTH_OK · 1.0 MB of 3.2 GB used", or why it cannot be added. */
static char *
describe (const KdccRookCluster *cluster)
{
  GString *text = g_string_new (cluster->phase != NULL ? cluster->phase : _("No phase yet"));

  if (cluster->health != NULL)
    g_string_append_printf (text, " · %s", cluster->health);
  if (cluster->bytes_total > 0 && cluster->bytes_used >= 0)
    {
      g_autofree char *used = g_format_size (cluster->bytes_used);
      g_autofree char *total = g_format_size (cluster->bytes_total);

      /* Translators: capacity of a cluster, e.g. "1.0 MB of 3.2 GB used" */
      g_string_append (text, " · ");
      g_string_append_printf (text, _("%s of %s used"), used, total);
    }
  if (cluster->dashboard_problem != NULL)
    {
      g_string_append (text, "\n");
      g_string_append (text, cluster->dashboard_problem);
    }

  return g_string_free (text, FALSE);
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  KdccConnectKube *self)
{
  emit_changed (self);
}

static void
add_row (KdccConnectKube *self,
         KdccRookCluster *cluster)
{
  g_autofree char *title = g_strdup_printf ("%s/%s", cluster->namespace, cluster->name);
  g_autofree char *subtitle = describe (cluster);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  /* The source reads the cluster through its dashboard: without one there
   * is nothing to show. */
  gboolean usable = cluster->dashboard_problem == NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), usable);
  gtk_widget_set_sensitive (check, usable);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);

  if (cluster->health != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (
        g_str_equal (cluster->health, "HEALTH_OK") ? "emblem-ok-symbolic"
        : g_str_equal (cluster->health, "HEALTH_ERR") ? "dialog-error-symbolic"
        : "dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, g_str_equal (cluster->health, "HEALTH_OK") ? "success"
                                      : g_str_equal (cluster->health, "HEALTH_ERR") ? "error"
                                      : "warning");
      gtk_widget_set_tooltip_text (icon, cluster->health);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  gtk_list_box_append (self->list, row);
  g_ptr_array_add (self->checks, check);
  g_ptr_array_add (self->clusters, cluster);
}

/* The search (worker thread) ----------------------------------------------------- */

typedef struct
{
  char *paths;
  char *context;
  char *sso_issuer;
  char *sso_client_id;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->paths);
  g_free (data->context);
  g_free (data->sso_issuer);
  g_free (data->sso_client_id);
  g_free (data);
}

/* The SSO provider when the expander is switched on and both entries are
 * filled in, else FALSE. Out strings are the entries' (not copied). */
static gboolean
get_sso (KdccConnectKube  *self,
         const char      **issuer,
         const char      **client_id)
{
  *issuer = gtk_editable_get_text (GTK_EDITABLE (self->sso_issuer_row));
  *client_id = gtk_editable_get_text (GTK_EDITABLE (self->sso_client_row));
  return adw_expander_row_get_enable_expansion (self->sso_row) && **issuer != '\0'
         && **client_id != '\0';
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kubeconfig = kdcc_kubeconfig_load (data->paths, &error);
  g_autoptr(KdccKubeContext) context = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  GPtrArray *found;

  if (kubeconfig != NULL)
    context = kdcc_kubeconfig_resolve (kubeconfig, data->context, &error);
  if (context == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Found as the profiles will connect: with SSO when it is set. */
  context->sso_issuer = g_strdup (data->sso_issuer);
  context->sso_client_id = g_strdup (data->sso_client_id);
  client = kdcc_kube_client_new (context);
  found = kdcc_rook_discover (client, NULL, cancellable, &error);
  if (found == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KdccConnectKube *self = KDCC_CONNECT_KUBE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer search, or the dialog closed: this answer is stale. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);

  if (found == NULL)
    {
      /* The error card says it all. */
      show_error (self, _kdcc_connect_dialog_error_title (error), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      emit_changed (self);
      return;
    }

  g_ptr_array_set_free_func (found, NULL);
  for (guint i = 0; i < found->len; i++)
    add_row (self, g_ptr_array_index (found, i));

  gtk_widget_set_visible (GTK_WIDGET (self->list), found->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), found->len == 0);
  if (found->len == 0)
    gtk_label_set_label (self->status_label,
                         _("This context can see no CephCluster: Rook is not installed, or "
                           "its clusters are in namespaces this user may not list."));
  emit_changed (self);
}

void
kdcc_connect_kube_find (KdccConnectKube *self)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (KDCC_IS_CONNECT_KUBE (self));

  if (kdcc_connect_kube_get_context (self) == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  clear_clusters (self);
  show_error (self, NULL, NULL);
  gtk_label_set_label (self->status_label, _("Looking for CephClusters…"));
  set_busy (self, TRUE);

  data = g_new0 (FindData, 1);
  data->paths = g_strdup (kdcc_connect_kube_get_kubeconfig (self));
  data->context = g_strdup (kdcc_connect_kube_get_context (self));
  {
    const char *issuer, *client_id;

    if (get_sso (self, &issuer, &client_id))
      {
        data->sso_issuer = g_strdup (issuer);
        data->sso_client_id = g_strdup (client_id);
      }
  }

  task = g_task_new (self, self->cancellable, found_cb, NULL);
  g_task_set_source_tag (task, kdcc_connect_kube_find);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_thread);
  emit_changed (self);
}

/* The kubeconfig and its contexts ------------------------------------------------ */

static void
load_contexts (KdccConnectKube *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kubeconfig = NULL;
  g_auto(GStrv) names = NULL;
  const char *current = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->contexts));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  clear_clusters (self);
  show_error (self, NULL, NULL);

  /* A local file of a few kilobytes: read here, unlike the search. */
  kubeconfig = kdcc_kubeconfig_load (kdcc_connect_kube_get_kubeconfig (self), &error);
  if (kubeconfig == NULL)
    {
      gtk_string_list_splice (self->contexts, 0, n_old, NULL);
      show_error (self, _("No Kubeconfig"), error->message);
      emit_changed (self);
      return;
    }

  names = kdcc_kubeconfig_dup_context_names (kubeconfig);
  gtk_string_list_splice (self->contexts, 0, n_old, (const char * const *) names);
  current = kdcc_kubeconfig_get_current_context (kubeconfig);
  if (current == NULL || !kdcc_connect_kube_set_context (self, current))
    adw_combo_row_set_selected (self->context_row, 0);
  if (names[0] == NULL)
    show_error (self, _("No Contexts"), _("This kubeconfig defines no context."));
  emit_changed (self);
}

static void
kubeconfig_apply_cb (AdwEntryRow     *row,
                     KdccConnectKube *self)
{
  load_contexts (self);
}

static void
context_selected_cb (GObject         *object,
                     GParamSpec      *pspec,
                     KdccConnectKube *self)
{
  if (self->clusters->len > 0 || self->busy || self->error != NULL)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      clear_clusters (self);
      show_error (self, NULL, NULL);
    }
  emit_changed (self);
}

static void
file_chosen_cb (GtkNativeDialog *native,
                int              response,
                gpointer         user_data)
{
  g_autoptr(KdccConnectKube) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        kdcc_connect_kube_set_kubeconfig (self, path);
    }

  g_object_unref (native);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  KdccConnectKube *self = KDCC_CONNECT_KUBE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autoptr(GFile) folder = g_file_new_build_filename (g_get_home_dir (), ".kube", NULL);

  native = gtk_file_chooser_native_new (_("Choose the Kubeconfig File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  kdcc_connect_kube_find (KDCC_CONNECT_KUBE (widget));
}

/* GObject ----------------------------------------------------------------------- */

static void
kdcc_connect_kube_dispose (GObject *object)
{
  KdccConnectKube *self = (KdccConnectKube *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_CONNECT_KUBE);

  G_OBJECT_CLASS (kdcc_connect_kube_parent_class)->dispose (object);
}

static void
kdcc_connect_kube_finalize (GObject *object)
{
  KdccConnectKube *self = (KdccConnectKube *)object;

  g_ptr_array_unref (self->clusters);
  g_ptr_array_unref (self->checks);
  g_free (self->default_paths);
  g_free (self->error);

  G_OBJECT_CLASS (kdcc_connect_kube_parent_class)->finalize (object);
}

static void
kdcc_connect_kube_class_init (KdccConnectKubeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_connect_kube_dispose;
  object_class->finalize = kdcc_connect_kube_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-connect-kube.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, kubeconfig_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, context_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, contexts);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, user_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, sso_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, sso_issuer_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, sso_client_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, error_box);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, error_title);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, status_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectKube, list);

  gtk_widget_class_install_action (widget_class, "kube.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "kube.choose-file", NULL, choose_file_action);
}

static void
kdcc_connect_kube_init (KdccConnectKube *self)
{
  const char *env = g_getenv ("KUBECONFIG");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_rook_cluster_free);
  self->checks = g_ptr_array_new ();
  self->default_paths = (env != NULL && *env != '\0')
    ? g_strdup (env) : g_build_filename (g_get_home_dir (), ".kube", "config", NULL);

  g_signal_connect_object (self->kubeconfig_row, "apply", G_CALLBACK (kubeconfig_apply_cb),
                           self, 0);
  g_signal_connect_object (self->kubeconfig_row, "entry-activated",
                           G_CALLBACK (kubeconfig_apply_cb), self, 0);
  g_signal_connect_object (self->user_row, "changed", G_CALLBACK (emit_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context_row, "notify::selected",
                           G_CALLBACK (context_selected_cb), self, 0);

  kdcc_connect_kube_set_kubeconfig (self, NULL);
}

GtkWidget *
kdcc_connect_kube_new (void)
{
  return g_object_new (KDCC_TYPE_CONNECT_KUBE, NULL);
}

void
kdcc_connect_kube_set_kubeconfig (KdccConnectKube *self,
                                  const char      *paths)
{
  g_return_if_fail (KDCC_IS_CONNECT_KUBE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->kubeconfig_row),
                         paths != NULL && *paths != '\0' ? paths : self->default_paths);
  load_contexts (self);
}

const char *
kdcc_connect_kube_get_kubeconfig (KdccConnectKube *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->kubeconfig_row));
}

gboolean
kdcc_connect_kube_set_context (KdccConnectKube *self,
                               const char      *context)
{
  guint n;

  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->contexts));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->contexts, i), context) == 0)
      {
        adw_combo_row_set_selected (self->context_row, i);
        return TRUE;
      }

  return FALSE;
}

const char *
kdcc_connect_kube_get_context (KdccConnectKube *self)
{
  guint selected;

  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), NULL);

  selected = adw_combo_row_get_selected (self->context_row);
  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->contexts, selected);
}

gboolean
kdcc_connect_kube_get_busy (KdccConnectKube *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), FALSE);
  return self->busy;
}

const char *
kdcc_connect_kube_get_error (KdccConnectKube *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), NULL);
  return self->error;
}

guint
kdcc_connect_kube_get_n_clusters (KdccConnectKube *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), 0);
  return self->clusters->len;
}

guint
kdcc_connect_kube_get_n_selected (KdccConnectKube *self)
{
  guint n = 0;

  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), 0);

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i)) ? 1 : 0;
  return n;
}

void
kdcc_connect_kube_set_dashboard_user (KdccConnectKube *self,
                                      const char      *user)
{
  g_return_if_fail (KDCC_IS_CONNECT_KUBE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                         user != NULL ? user : KDCC_ROOK_DASHBOARD_USER);
}

void
kdcc_connect_kube_set_sso (KdccConnectKube *self,
                           const char      *issuer,
                           const char      *client_id)
{
  g_return_if_fail (KDCC_IS_CONNECT_KUBE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->sso_issuer_row), issuer != NULL ? issuer : "");
  gtk_editable_set_text (GTK_EDITABLE (self->sso_client_row), client_id != NULL ? client_id : "");
  adw_expander_row_set_enable_expansion (self->sso_row, issuer != NULL);
  adw_expander_row_set_expanded (self->sso_row, issuer != NULL);
}

void
kdcc_connect_kube_set_selected (KdccConnectKube *self,
                                guint            index,
                                gboolean         selected)
{
  g_return_if_fail (KDCC_IS_CONNECT_KUBE (self));
  g_return_if_fail (index < self->checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), selected);
}

GPtrArray *
kdcc_connect_kube_dup_profiles (KdccConnectKube *self)
{
  GPtrArray *profiles = g_ptr_array_new_with_free_func (g_object_unref);
  const char *paths;
  const char *sso_issuer;
  const char *sso_client_id;
  g_autofree char *user = NULL;

  g_return_val_if_fail (KDCC_IS_CONNECT_KUBE (self), profiles);

  /* Rook's own "admin" is the default and not written down. */
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  if (g_str_equal (user, KDCC_ROOK_DASHBOARD_USER) || *user == '\0')
    g_clear_pointer (&user, g_free);

  /* kubectl's default is not written down: the profile follows KUBECONFIG
   * the way kubectl does. */
  paths = kdcc_connect_kube_get_kubeconfig (self);
  if (g_strcmp0 (paths, self->default_paths) == 0 || *paths == '\0')
    paths = NULL;

  for (guint i = 0; i < self->clusters->len; i++)
    {
      const KdccRookCluster *cluster = g_ptr_array_index (self->clusters, i);
      KdccProfile *profile;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        continue;

      profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
      kdcc_profile_set_kubeconfig (profile, paths);
      kdcc_profile_set_kube_context (profile, kdcc_connect_kube_get_context (self));
      kdcc_profile_set_rook_namespace (profile, cluster->namespace);
      kdcc_profile_set_user (profile, user);
      if (get_sso (self, &sso_issuer, &sso_client_id))
        kdcc_profile_set_sso (profile, sso_issuer, sso_client_id);
      if (cluster->fsid != NULL)
        kdcc_profile_set_fsid (profile, cluster->fsid);
      if (self->clusters->len > 1)
        {
          g_autofree char *name = g_strdup_printf ("%s/%s", cluster->namespace, cluster->name);

          kdcc_profile_set_name (profile, name);
        }
      g_ptr_array_add (profiles, profile);
    }

  return profiles;
}
