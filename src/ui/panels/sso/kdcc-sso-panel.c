/* kdcc-sso-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dashboard's single sign-on page. What it shows is read on a worker
 * (three kinds of mgr commands: the SSO state, the roles, the accounts)
 * and replaced in one step; what it changes goes to the staging area
 * with its `ceph dashboard …` command, like the other control pages.
 */

#define G_LOG_DOMAIN "kdcc-sso-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-controls-state.h"
#include "kdcc-sso-panel.h"
#include "kdcc-sso.h"
#include "kdcc-stage-request.h"

struct _KdccSsoPanel
{
  KdccPanel     parent_instance;

  /* Owned widgets (the page holds the rest) */
  GtkWidget    *page;
  GtkWidget    *state_row;
  GtkWidget    *sp_row;
  GtkWidget    *acs_row;
  GtkWidget    *idp_row;
  GtkWidget    *metadata_entry;
  GtkWidget    *attribute_entry;
  GtkWidget    *entity_entry;
  GtkWidget    *base_entry;
  GtkWidget    *users_group;
  GtkWidget    *user_entry;
  GtkWidget    *role_dropdown;
  GtkWidget    *status_label;
  GPtrArray    *user_rows;

  /* Owned references */
  GtkStringList *role_names;
  GCancellable  *cancellable;
  char          *status;
  char          *dashboard_url;   /* the default base URL of a set-up */
  guint          n_users;
  gboolean       loaded;
  gboolean       filling;         /* the role menus are being set, not chosen */
};

G_DEFINE_FINAL_TYPE (KdccSsoPanel, kdcc_sso_panel, KDCC_TYPE_PANEL)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one read brings. */
typedef struct
{
  KdccSsoState *state;
  GPtrArray    *roles;
  GPtrArray    *users;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_pointer (&reading->state, kdcc_sso_state_free);
  g_clear_pointer (&reading->roles, g_ptr_array_unref);
  g_clear_pointer (&reading->users, g_ptr_array_unref);
  g_free (reading);
}

/* STAGED: green (a change is now staged) or red (why not). */
static void
set_status_full (KdccSsoPanel *self,
                 const char   *status,
                 gboolean      staged)
{
  kdcc_stage_status_set (self->status_label, status, staged);
  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
set_status (KdccSsoPanel *self,
            const char   *status)
{
  set_status_full (self, status, FALSE);
}

static void
set_row (GtkWidget  *row,
         const char *value)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
}

/* ------------------------------------------------------------------------
 * Staging */

static void
stage_done_cb (GtkWidget  *owner,
               const char *status,
               gboolean    staged)
{
  set_status_full (KDCC_SSO_PANEL (owner), status, staged);
}

/* Stages OPERATION (taken) through the one staging entry point: checked,
 * and asked first (with its reason and command) when it is risky and not
 * CONFIRMED. */
static void
request (KdccSsoPanel  *self,
         KdccOperation *operation_,
         gboolean       confirmed)
{
  g_autoptr(KdccOperation) operation = operation_;

  kdcc_stage_request (GTK_WIDGET (self), kdcc_panel_get_session (KDCC_PANEL (self)), operation,
                      confirmed, self->cancellable, stage_done_cb);
}

static const char *
entry_text (GtkWidget *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return text != NULL && *text != '\0' ? text : NULL;
}

void
kdcc_sso_panel_stage_setup (KdccSsoPanel *self,
                            const char   *idp_metadata,
                            const char   *username_attribute,
                            const char   *idp_entity_id,
                            const char   *base_url,
                            gboolean      confirmed)
{
  g_return_if_fail (KDCC_IS_SSO_PANEL (self));

  /* The base URL defaults to the Dashboard's own, as the CLI's does: the
   * page read it with the state (the one the set-up in force uses, else
   * what `mgr services` announces). */
  if (base_url == NULL)
    base_url = self->dashboard_url;
  if (base_url == NULL)
    {
      set_status (self, _("Give the Dashboard’s URL as browsers reach it"));
      return;
    }
  if (idp_metadata == NULL)
    {
      set_status (self, _("Give the identity provider’s metadata: a URL or a file"));
      return;
    }
  request (self, kdcc_operation_new_sso_setup_saml2 (base_url, idp_metadata,
                                                     username_attribute, idp_entity_id, NULL,
                                                     NULL),
           confirmed);
}

void
kdcc_sso_panel_stage_user (KdccSsoPanel *self,
                           const char   *user,
                           const char   *role)
{
  g_return_if_fail (KDCC_IS_SSO_PANEL (self));

  request (self, kdcc_operation_new_dashboard_user_create (user, role), FALSE);
}

void
kdcc_sso_panel_stage_roles (KdccSsoPanel       *self,
                            const char         *user,
                            const char * const *roles,
                            gboolean            confirmed)
{
  g_return_if_fail (KDCC_IS_SSO_PANEL (self));

  request (self, kdcc_operation_new_dashboard_user_set_roles (user, roles), confirmed);
}

static void
role_selected_cb (GtkDropDown  *dropdown,
                  GParamSpec   *pspec,
                  KdccSsoPanel *self)
{
  GtkStringObject *role = gtk_drop_down_get_selected_item (dropdown);
  const char *roles[] = { role != NULL ? gtk_string_object_get_string (role) : NULL, NULL };

  if (self->filling || roles[0] == NULL)
    return;
  kdcc_sso_panel_stage_roles (self, gtk_widget_get_name (GTK_WIDGET (dropdown)), roles, FALSE);
}

static void
setup_clicked_cb (GtkButton    *button,
                  KdccSsoPanel *self)
{
  kdcc_sso_panel_stage_setup (self, entry_text (self->metadata_entry),
                              entry_text (self->attribute_entry), entry_text (self->entity_entry),
                              entry_text (self->base_entry), FALSE);
}

static void
disable_clicked_cb (GtkButton    *button,
                    KdccSsoPanel *self)
{
  request (self, kdcc_operation_new_sso_disable (), FALSE);
}

static void
add_user_clicked_cb (GtkButton    *button,
                     KdccSsoPanel *self)
{
  GtkStringObject *role = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->role_dropdown));

  kdcc_sso_panel_stage_user (self, entry_text (self->user_entry),
                             role != NULL ? gtk_string_object_get_string (role) : NULL);
}

static void
remove_user_clicked_cb (GtkButton    *button,
                        KdccSsoPanel *self)
{
  request (self, kdcc_operation_new_dashboard_user_delete (gtk_widget_get_name (GTK_WIDGET (button))),
           FALSE);
}

/* ------------------------------------------------------------------------
 * Reading */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KdccSource *source = task_data;
  Reading *reading = g_new0 (Reading, 1);
  GError *error = NULL;

  if ((reading->state = kdcc_sso_read_state_sync (source, cancellable, &error)) == NULL
      || (reading->roles = kdcc_sso_list_roles_sync (source, cancellable, &error)) == NULL
      || (reading->users = kdcc_sso_list_users_sync (source, cancellable, &error)) == NULL)
    {
      reading_free (reading);
      g_task_return_error (task, error);
      return;
    }
  if (reading->state->base_url == NULL)
    reading->state->base_url = kdcc_sso_dup_dashboard_url_sync (source, cancellable, NULL);
  g_task_return_pointer (task, reading, (GDestroyNotify) reading_free);
}

static void
show_users (KdccSsoPanel *self,
            GPtrArray    *users)
{
  for (guint i = 0; i < self->user_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->users_group),
                                  g_ptr_array_index (self->user_rows, i));
  g_ptr_array_set_size (self->user_rows, 0);

  self->filling = TRUE;
  for (guint i = 0; i < users->len; i++)
    {
      KdccDashboardUser *user = g_ptr_array_index (users, i);
      g_autofree char *roles = g_strjoinv (", ", user->roles);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *menu = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->role_names)), NULL);
      guint selected = GTK_INVALID_LIST_POSITION;

      /* One role shows in the menu; several show as the subtitle, and
       * picking one replaces them. */
      for (guint r = 0; g_strv_length (user->roles) == 1
                        && r < g_list_model_get_n_items (G_LIST_MODEL (self->role_names)); r++)
        if (g_str_equal (gtk_string_list_get_string (self->role_names, r), user->roles[0]))
          selected = r;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (menu), selected);
      gtk_widget_set_name (menu, user->username);
      gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (menu, _("Stage a change of the account’s role"));
      g_signal_connect (menu, "notify::selected", G_CALLBACK (role_selected_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->username);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *roles != '\0' ? roles : _("No role"));
      gtk_widget_set_name (remove, user->username);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove the account"));
      gtk_widget_add_css_class (remove, "flat");
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_user_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->users_group), row);
      g_ptr_array_add (self->user_rows, row);
    }
  self->filling = FALSE;
  self->n_users = users->len;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KdccSsoPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  Reading *reading = g_task_propagate_pointer (G_TASK (result), &error);
  KdccSsoState *state;
  g_autofree char *state_text = NULL;

  if (reading == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }
  state = reading->state;
  state_text = state->saml_library_missing
               ? g_strdup (_("Unavailable: the mgr host lacks python3-saml"))
               : state->enabled ? g_strdup_printf (_("Enabled (%s)"), "SAML2")
               : g_strdup (state->configured ? _("Disabled (a set-up is stored)") : _("Disabled"));
  set_row (self->state_row, state_text);
  set_row (self->sp_row, state->sp_metadata_url);
  set_row (self->acs_row, state->acs_url);
  set_row (self->idp_row, state->idp_entity_id);
  g_free (self->dashboard_url);
  self->dashboard_url = g_strdup (state->base_url);
  if (state->base_url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->base_entry), state->base_url);

  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < reading->roles->len; i++)
      g_ptr_array_add (names, ((KdccDashboardRole *) g_ptr_array_index (reading->roles, i))->name);
    g_ptr_array_add (names, NULL);
    /* The rows of the last reading still show their menus over this list:
     * their selection moves with it, which is not the admin choosing a
     * role (it staged role changes on every reload). */
    self->filling = TRUE;
    gtk_string_list_splice (self->role_names, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->role_names)),
                            (const char * const *) names->pdata);
    self->filling = FALSE;
    /* New accounts start read-only, the least that lets them in. */
    for (guint i = 0; i < reading->roles->len; i++)
      if (g_str_equal (((KdccDashboardRole *) g_ptr_array_index (reading->roles, i))->name,
                       "read-only"))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->role_dropdown), i);
  }
  show_users (self, reading->users);
  reading_free (reading);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

void
kdcc_sso_panel_reload (KdccSsoPanel *self)
{
  KdccSession *session;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SSO_PANEL (self));

  session = kdcc_panel_get_session (KDCC_PANEL (self));
  if (session == NULL)
    return;
  task = g_task_new (self, self->cancellable, read_cb, g_object_ref (self));
  g_task_set_source_tag (task, kdcc_sso_panel_reload);
  g_task_set_task_data (task, g_object_ref (kdcc_session_get_source (session)), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

static void
kdcc_sso_panel_session_changed (KdccPanel   *panel,
                                KdccSession *old_session)
{
  KdccSsoPanel *self = KDCC_SSO_PANEL (panel);

  /* What the old session's reads bring is of no use now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  kdcc_sso_panel_reload (self);
}

/* ------------------------------------------------------------------------
 * Construction */

static GtkWidget *
info_row (GtkWidget  *group,
          const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "—");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
button (const char *label,
        GCallback   callback,
        gpointer    self)
{
  GtkWidget *widget = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  g_signal_connect (widget, "clicked", callback, self);
  return widget;
}

static GtkWidget *
plan_row (const char      *title,
          KdccSsoPlanKind  kind)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *text = kdcc_sso_render_plan (kind, NULL, NULL, NULL, NULL);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Untested: shown, not applied"));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  return row;
}

static void
kdcc_sso_panel_init (KdccSsoPanel *self)
{
  GtkWidget *state = adw_preferences_group_new ();
  GtkWidget *setup = adw_preferences_group_new ();
  GtkWidget *other = adw_preferences_group_new ();
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();
  self->user_rows = g_ptr_array_new ();
  self->role_names = gtk_string_list_new (NULL);
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (state), _("Single Sign-On"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (state),
                                         _("Register the service provider’s metadata URL and "
                                           "the assertion consumer URL at the identity provider."));
  self->state_row = info_row (state, _("State"));
  self->sp_row = info_row (state, _("Service provider metadata (entity id)"));
  self->acs_row = info_row (state, _("Assertion consumer URL"));
  self->idp_row = info_row (state, _("Identity provider"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (setup), _("Set Up SAML2"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (setup),
                                         _("The mgr needs the python3-saml library. Local "
                                           "accounts keep their passwords."));
  self->metadata_entry = entry_row (setup, _("Identity provider metadata (URL or file)"));
  self->attribute_entry = entry_row (setup, _("User name attribute (default uid)"));
  self->entity_entry = entry_row (setup, _("Identity provider entity id (optional)"));
  self->base_entry = entry_row (setup, _("Dashboard URL"));
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_widget_set_margin_top (actions, 12);
  gtk_box_append (GTK_BOX (actions), button (_("_Disable Single Sign-On"),
                                             G_CALLBACK (disable_clicked_cb), self));
  {
    GtkWidget *stage = button (_("Stage _Set-up"), G_CALLBACK (setup_clicked_cb), self);

    gtk_widget_add_css_class (stage, "suggested-action");
    gtk_box_append (GTK_BOX (actions), stage);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (setup), actions);

  self->users_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->users_group),
                                   _("Dashboard Accounts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->users_group),
                                         _("Make the account before the user’s first sign-in: "
                                           "its role decides what they may do. Accounts made "
                                           "here have no usable password."));
  {
    GtkWidget *add_row = adw_action_row_new ();

    self->user_entry = gtk_entry_new ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->user_entry), _("User name at the IdP"));
    gtk_widget_set_valign (self->user_entry, GTK_ALIGN_CENTER);
    gtk_editable_set_width_chars (GTK_EDITABLE (self->user_entry), 24);
    self->role_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->role_names)),
                                             NULL);
    gtk_widget_set_valign (self->role_dropdown, GTK_ALIGN_CENTER);
    gtk_widget_set_valign (add_box, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (add_box), self->user_entry);
    gtk_box_append (GTK_BOX (add_box), self->role_dropdown);
    gtk_box_append (GTK_BOX (add_box), button (_("_Add"), G_CALLBACK (add_user_clicked_cb),
                                               self));
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("New account"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), add_box);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->users_group), add_row);
  }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (other),
                                   _("Other Releases and Deployments"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (other),
                             plan_row (_("Ceph Squid: OAuth2 through cephadm"),
                                       KDCC_SSO_PLAN_SQUID_OAUTH2));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (other),
                             plan_row (_("Koor Storage Distribution: spec.dashboard.sso"),
                                       KDCC_SSO_PLAN_KOOR_SPEC));

  self->status_label = kdcc_stage_status_new ();
  gtk_widget_set_margin_top (self->status_label, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (state), self->status_label);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (state));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (setup));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->users_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (other));
}

static void
kdcc_sso_panel_dispose (GObject *object)
{
  KdccSsoPanel *self = KDCC_SSO_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->role_names);
  g_clear_pointer (&self->user_rows, g_ptr_array_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->dashboard_url, g_free);

  G_OBJECT_CLASS (kdcc_sso_panel_parent_class)->dispose (object);
}

static void
kdcc_sso_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdccSsoPanel *self = KDCC_SSO_PANEL (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_sso_panel_class_init (KdccSsoPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_sso_panel_dispose;
  object_class->get_property = kdcc_sso_panel_get_property;
  panel_class->session_changed = kdcc_sso_panel_session_changed;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

GtkWidget *
kdcc_sso_panel_new (void)
{
  return g_object_new (KDCC_TYPE_SSO_PANEL, NULL);
}

gboolean
kdcc_sso_panel_get_loaded (KdccSsoPanel *self)
{
  g_return_val_if_fail (KDCC_IS_SSO_PANEL (self), FALSE);
  return self->loaded;
}

const char *
kdcc_sso_panel_get_status (KdccSsoPanel *self)
{
  g_return_val_if_fail (KDCC_IS_SSO_PANEL (self), NULL);
  return self->status;
}

guint
kdcc_sso_panel_get_n_users (KdccSsoPanel *self)
{
  g_return_val_if_fail (KDCC_IS_SSO_PANEL (self), 0);
  return self->n_users;
}

guint
kdcc_sso_panel_get_n_roles (KdccSsoPanel *self)
{
  g_return_val_if_fail (KDCC_IS_SSO_PANEL (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->role_names));
}
