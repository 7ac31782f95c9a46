/* kdcc-setup-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. The wizard is a GtkStack of five pages under one header bar
 * (AdwWindow: libadwaita 1.2 has no AdwNavigationView or AdwDialog). Back
 * and Next are actions whose enabled state follows what the page has
 * (can-next), as in gnome-disk-utility's format dialog. The widgets hold no
 * logic: parameters are set and checked by KdccSetupParams as they are
 * typed, preflight and install are core services (kdcc-setup-preflight,
 * kdcc-setup-install); the pages only show their results.
 */
#define G_LOG_DOMAIN "kdcc-setup-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "kdcc-kubeconfig.h"
#include "kdcc-setup-wizard-private.h"

enum {
  PROP_0,
  PROP_PAGE,
  PROP_CAN_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const page_names[N_PAGES] = {
  "template", "parameters", "preflight", "preview", "install"
};

G_DEFINE_FINAL_TYPE (KdccSetupWizard, kdcc_setup_wizard, ADW_TYPE_WINDOW)

WizardPage
_kdcc_setup_wizard_page (KdccSetupWizard *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return i;
  return PAGE_TEMPLATE;
}

const char *
kdcc_setup_wizard_get_page (KdccSetupWizard *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), NULL);
  return page_names[_kdcc_setup_wizard_page (self)];
}

void
_kdcc_setup_wizard_toast (KdccSetupWizard *self,
                          const char      *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

gboolean
kdcc_setup_wizard_get_can_next (KdccSetupWizard *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), FALSE);

  switch (_kdcc_setup_wizard_page (self))
    {
    case PAGE_TEMPLATE:
      return self->params != NULL && adw_combo_row_get_selected_item (self->context_row) != NULL;
    case PAGE_PARAMETERS:
      return self->problems == NULL || *self->problems == '\0';
    case PAGE_PREFLIGHT:
      return !self->preflight_busy && self->checks != NULL &&
             kdcc_setup_preflight_passed (self->checks);
    case PAGE_PREVIEW:
      return TRUE;
    case PAGE_INSTALL:
      return self->install != NULL && kdcc_setup_wizard_get_job (self) == NULL;
    case N_PAGES:
    default:
      return FALSE;
    }
}

void
_kdcc_setup_wizard_update_buttons (KdccSetupWizard *self)
{
  WizardPage page = _kdcc_setup_wizard_page (self);
  KdccJob *job = kdcc_setup_wizard_get_job (self);
  gboolean running = job != NULL && !kdcc_job_is_finished (job);
  g_autofree char *subtitle = NULL;
  GtkStackPage *stack_page = gtk_stack_get_page (self->stack,
                                                 gtk_stack_get_visible_child (self->stack));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 kdcc_setup_wizard_get_can_next (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 page != PAGE_TEMPLATE && job == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel-install", running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->next_button, job == NULL);
  gtk_widget_set_visible (self->back_button, job == NULL);
  gtk_widget_set_sensitive (self->close_button, !running);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        page == PAGE_INSTALL ? _("_Install") : _("_Next"));
  /* TRANSLATORS: the wizard's subtitle, e.g. "Step 2 of 5: Parameters". */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), page + 1, N_PAGES,
                              gtk_stack_page_get_title (stack_page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_NEXT]);
}

KdccKubeClient *
_kdcc_setup_wizard_client (KdccSetupWizard  *self,
                           GError          **error)
{
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (self->kubeconfig, error);
  g_autoptr(KdccKubeContext) ctx = NULL;
  GtkStringObject *item = adw_combo_row_get_selected_item (self->context_row);

  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, item ? gtk_string_object_get_string (item) : NULL, error);
  if (ctx == NULL)
    return NULL;
  return kdcc_kube_client_new (ctx);
}

void
kdcc_setup_wizard_set_kubeconfig (KdccSetupWizard *self,
                                  const char      *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_auto(GStrv) names = NULL;
  const char *current;

  g_return_if_fail (KDCC_IS_SETUP_WIZARD (self));

  g_free (self->kubeconfig);
  self->kubeconfig = paths != NULL && *paths != '\0' ? g_strdup (paths) : NULL;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->kubeconfig_row)),
                 paths ? paths : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->kubeconfig_row), paths ? paths : "");

  gtk_string_list_splice (self->contexts, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->contexts)), NULL);
  /* Said on the context row: a missing default kubeconfig is no surprise
   * worth a toast when the wizard opens. */
  kc = kdcc_kubeconfig_load (self->kubeconfig, &error);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->context_row), kc ? "" : error->message);
  if (kc == NULL)
    {
      _kdcc_setup_wizard_update_buttons (self);
      return;
    }
  names = kdcc_kubeconfig_dup_context_names (kc);
  gtk_string_list_splice (self->contexts, 0, 0, (const char * const *) names);
  current = kdcc_kubeconfig_get_current_context (kc);
  for (guint i = 0; current != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], current))
      adw_combo_row_set_selected (self->context_row, i);
  _kdcc_setup_wizard_update_buttons (self);
}

gboolean
kdcc_setup_wizard_set_context (KdccSetupWizard *self,
                               const char      *context)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->contexts));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->contexts, i), context))
      {
        adw_combo_row_set_selected (self->context_row, i);
        _kdcc_setup_wizard_update_buttons (self);
        return TRUE;
      }
  return FALSE;
}

/* Parameters. */

/* Parameters that only some templates use are shown only for them. */
static gboolean
param_applies (const KdccSetupTemplate *template,
               const char              *key)
{
  if (g_str_equal (key, "pool"))
    return kdcc_setup_template_has_object (template, "blockpool");
  if (g_str_equal (key, "filesystem") || g_str_equal (key, "metadata_device_class"))
    return kdcc_setup_template_has_object (template, "filesystem");
  if (g_str_equal (key, "object_store") || g_str_equal (key, "ec_k") || g_str_equal (key, "ec_m"))
    return kdcc_setup_template_has_object (template, "objectstore");
  if (g_str_equal (key, "zones") || g_str_equal (key, "arbiter_zone"))
    return *kdcc_setup_template_get_default (template, "zones") != '\0';
  return TRUE;
}

static void
update_problems (KdccSetupWizard *self)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->type_errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", (const char *) value);
  problems = kdcc_setup_params_check (self->params, warnings);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "",
                            (const char *) g_ptr_array_index (problems, i));
  g_free (self->problems);
  self->problems = g_strdup (text->str);
  for (guint i = 0; i < warnings->len; i++)
    /* TRANSLATORS: a remark on the parameters that does not stop the set-up. */
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", (const char *) g_ptr_array_index (warnings, i));
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (self->problems_group, text->len > 0);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->problems_group),
                                   *self->problems ? _("Problems") : _("Warnings"));
  _kdcc_setup_wizard_update_buttons (self);
}

static void
set_value (KdccSetupWizard *self,
           GtkWidget       *row,
           const char      *key,
           const char      *value)
{
  g_autoptr(GError) error = NULL;

  if (kdcc_setup_params_set (self->params, key, value, &error))
    {
      g_hash_table_remove (self->type_errors, key);
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
    }
  else
    {
      g_hash_table_insert (self->type_errors, g_strdup (key), g_strdup (error->message));
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error->message);
    }
  update_problems (self);
}

static const char *
key_of_row (KdccSetupWizard *self,
            GtkWidget       *row)
{
  const KdccSetupParamInfo *infos;
  guint n_infos, index = 0;

  /* The rows are made in the order of the parameters that apply. */
  infos = kdcc_setup_param_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      if (!param_applies (kdcc_setup_params_get_template (self->params), infos[i].key))
        continue;
      if (index < self->param_rows->len && g_ptr_array_index (self->param_rows, index) == row)
        return infos[i].key;
      index++;
    }
  return NULL;
}

static void
entry_changed_cb (GtkEditable     *editable,
                  KdccSetupWizard *self)
{
  const char *key = key_of_row (self, GTK_WIDGET (editable));

  if (key != NULL)
    set_value (self, GTK_WIDGET (editable), key, gtk_editable_get_text (editable));
}

static void
switch_active_cb (GtkSwitch       *toggle,
                  GParamSpec      *pspec,
                  KdccSetupWizard *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_ACTION_ROW);
  const char *key = key_of_row (self, row);

  if (key != NULL)
    set_value (self, row, key, gtk_switch_get_active (toggle) ? "true" : "false");
}

static void
build_param_rows (KdccSetupWizard *self)
{
  const KdccSetupTemplate *template = kdcc_setup_params_get_template (self->params);
  const KdccSetupParamInfo *infos;
  guint n_infos;

  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
  g_hash_table_remove_all (self->type_errors);

  infos = kdcc_setup_param_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      const char *value = kdcc_setup_params_get (self->params, infos[i].key);
      GtkWidget *row;

      if (!param_applies (template, infos[i].key))
        continue;
      if (infos[i].type == KDCC_SETUP_PARAM_BOOL)
        {
          GtkWidget *toggle = gtk_switch_new ();

          row = adw_action_row_new ();
          gtk_switch_set_active (GTK_SWITCH (toggle), g_str_equal (value, "true"));
          gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
          g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), self);
        }
      else
        {
          row = adw_entry_row_new ();
          gtk_editable_set_text (GTK_EDITABLE (row), value);
          g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(infos[i].description));
      /* The key, as `--set` takes it. */
      gtk_widget_set_tooltip_text (row, infos[i].key);
      g_ptr_array_add (self->param_rows, row);
      adw_preferences_group_add (self->params_group, row);
    }
  update_problems (self);
}

gboolean
kdcc_setup_wizard_set_param (KdccSetupWizard *self,
                             const char      *key,
                             const char      *value)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), FALSE);

  for (guint i = 0; i < self->param_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->param_rows, i);

      if (g_strcmp0 (key_of_row (self, row), key) != 0)
        continue;
      if (ADW_IS_ENTRY_ROW (row))
        gtk_editable_set_text (GTK_EDITABLE (row), value);
      else
        gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))),
                               g_str_equal (value, "true"));
      break;
    }
  return self->problems == NULL || *self->problems == '\0';
}

const char *
kdcc_setup_wizard_get_problems (KdccSetupWizard *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), NULL);
  return self->problems ? self->problems : "";
}

/* Templates. */

static void
template_toggled_cb (GtkCheckButton  *button,
                     KdccSetupWizard *self)
{
  guint index;

  if (!gtk_check_button_get_active (button) ||
      !g_ptr_array_find (self->template_checks, button, &index))
    return;
  g_clear_pointer (&self->params, kdcc_setup_params_free);
  self->params = kdcc_setup_params_new (g_ptr_array_index (self->templates, index));
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  build_param_rows (self);
}

gboolean
kdcc_setup_wizard_select_template (KdccSetupWizard *self,
                                   const char      *id)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), FALSE);

  for (guint i = 0; i < self->templates->len; i++)
    if (g_str_equal (kdcc_setup_template_get_id (g_ptr_array_index (self->templates, i)), id))
      {
        gtk_check_button_set_active (g_ptr_array_index (self->template_checks, i), TRUE);
        return TRUE;
      }
  return FALSE;
}

static void
build_template_rows (KdccSetupWizard *self)
{
  GtkCheckButton *first = NULL;

  for (guint i = 0; i < self->templates->len; i++)
    {
      const KdccSetupTemplate *template = g_ptr_array_index (self->templates, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     kdcc_setup_template_get_title (template));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kdcc_setup_template_get_when (template));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (template_toggled_cb), self);
      g_ptr_array_add (self->template_checks, check);
      adw_preferences_group_add (self->templates_group, row);
    }
}

/* Navigation. */

static void
show_page (KdccSetupWizard *self,
           WizardPage       page)
{
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdccSetupWizard *self = KDCC_SETUP_WIZARD (widget);
  WizardPage page = _kdcc_setup_wizard_page (self);

  if (!kdcc_setup_wizard_get_can_next (self))
    return;
  switch (page)
    {
    case PAGE_TEMPLATE:
      show_page (self, PAGE_PARAMETERS);
      break;
    case PAGE_PARAMETERS:
      show_page (self, PAGE_PREFLIGHT);
      _kdcc_setup_wizard_run_preflight (self);
      break;
    case PAGE_PREFLIGHT:
      _kdcc_setup_wizard_build_preview (self);
      show_page (self, PAGE_PREVIEW);
      break;
    case PAGE_PREVIEW:
      show_page (self, PAGE_INSTALL);
      _kdcc_setup_wizard_build_steps (self);
      break;
    case PAGE_INSTALL:
      _kdcc_setup_wizard_start_install (self);
      break;
    case N_PAGES:
    default:
      break;
    }
  _kdcc_setup_wizard_update_buttons (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdccSetupWizard *self = KDCC_SETUP_WIZARD (widget);
  WizardPage page = _kdcc_setup_wizard_page (self);

  if (page > PAGE_TEMPLATE && kdcc_setup_wizard_get_job (self) == NULL)
    show_page (self, page - 1);
  _kdcc_setup_wizard_update_buttons (self);
}

static void
visible_child_cb (KdccSetupWizard *self)
{
  _kdcc_setup_wizard_update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
kubeconfig_apply_cb (KdccSetupWizard *self)
{
  kdcc_setup_wizard_set_kubeconfig (self, gtk_editable_get_text (GTK_EDITABLE (self->kubeconfig_row)));
}

static void
kdcc_setup_wizard_dispose (GObject *object)
{
  KdccSetupWizard *self = KDCC_SETUP_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_SETUP_WIZARD);
  g_clear_object (&self->install);
  g_clear_object (&self->jobs);
  G_OBJECT_CLASS (kdcc_setup_wizard_parent_class)->dispose (object);
}

static void
kdcc_setup_wizard_finalize (GObject *object)
{
  KdccSetupWizard *self = KDCC_SETUP_WIZARD (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->template_checks, g_ptr_array_unref);
  g_clear_pointer (&self->params, kdcc_setup_params_free);
  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->type_errors, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->check_rows, g_ptr_array_unref);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_object (&self->contexts);
  g_clear_object (&self->cancellable);
  g_free (self->problems);
  g_free (self->kubeconfig);
  g_free (self->manifests);
  g_free (self->helm);
  G_OBJECT_CLASS (kdcc_setup_wizard_parent_class)->finalize (object);
}

static void
kdcc_setup_wizard_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccSetupWizard *self = KDCC_SETUP_WIZARD (object);

  switch (prop_id)
    {
    case PROP_PAGE: g_value_set_string (value, kdcc_setup_wizard_get_page (self)); break;
    case PROP_CAN_NEXT: g_value_set_boolean (value, kdcc_setup_wizard_get_can_next (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_setup_wizard_class_init (KdccSetupWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kdcc_setup_wizard_dispose;
  object_class->finalize = kdcc_setup_wizard_finalize;
  object_class->get_property = kdcc_setup_wizard_get_property;

  /* Both follow the stack and the pages, which notify them. */
  properties[PROP_PAGE] = g_param_spec_string ("page", NULL, NULL, NULL, ro);
  properties[PROP_CAN_NEXT] = g_param_spec_boolean ("can-next", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/tech/koor/DataControlCenter/ui/kdcc-setup-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, close_button);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, toasts);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, templates_group);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, kubeconfig_row);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, context_row);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, problems_group);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, params_group);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, checks_group);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, preflight_spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, operator_group);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, operator_none);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, operator_manifests);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, operator_helm);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, operator_manifests_row);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, operator_helm_row);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, steps_group);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, progress);
  gtk_widget_class_bind_template_child (widget_class, KdccSetupWizard, status_label);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  _kdcc_setup_wizard_pages_class_init (widget_class);
}

static void
kdcc_setup_wizard_init (KdccSetupWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->template_checks = g_ptr_array_new ();
  self->param_rows = g_ptr_array_new ();
  self->check_rows = g_ptr_array_new ();
  self->type_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->contexts = gtk_string_list_new (NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->context_row, expression);
  adw_combo_row_set_model (self->context_row, G_LIST_MODEL (self->contexts));
  self->helm = g_find_program_in_path ("helm");
  gtk_widget_set_sensitive (self->operator_helm_row, self->helm != NULL);
  if (self->helm == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->operator_helm_row),
                                 _("Needs the helm program, which is not installed"));

  self->templates = kdcc_setup_templates_load (&error);
  if (self->templates == NULL)
    {
      g_critical ("%s", error->message);
      self->templates = g_ptr_array_new ();
    }
  build_template_rows (self);
  if (self->template_checks->len > 0)
    gtk_check_button_set_active (g_ptr_array_index (self->template_checks, 0), TRUE);

  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (visible_child_cb), self);
  g_signal_connect_swapped (self->kubeconfig_row, "apply", G_CALLBACK (kubeconfig_apply_cb), self);
  g_signal_connect_swapped (self->context_row, "notify::selected",
                            G_CALLBACK (_kdcc_setup_wizard_update_buttons), self);
  kdcc_setup_wizard_set_kubeconfig (self, NULL);
  _kdcc_setup_wizard_update_buttons (self);
}

void
kdcc_setup_wizard_set_job_manager (KdccSetupWizard *self,
                                   KdccJobManager  *jobs)
{
  g_return_if_fail (KDCC_IS_SETUP_WIZARD (self));
  g_set_object (&self->jobs, jobs);
}

GtkWidget *
kdcc_setup_wizard_new (GtkWindow *parent)
{
  return g_object_new (KDCC_TYPE_SETUP_WIZARD, "transient-for", parent, NULL);
}
