/* kdcc-accounts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-accounts-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-accounts-page.h"

/* A sign-in waits this long for the browser before it gives up. */
#define SIGN_IN_TIMEOUT_S 600

struct _KdccAccountsPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  GtkListBox          *list;
  AdwEntryRow         *issuer_row;
  AdwEntryRow         *client_row;
  GtkSpinner          *spinner;
  GtkWidget           *cancel_button;
  GtkLabel            *status_label;

  /* Owned references */
  KdccOidcAccounts    *accounts;
  GCancellable        *cancellable;
  char                *status;

  KdccOidcOpenUriFunc  open_uri;
  gpointer             open_uri_data;
  guint                n_accounts;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (KdccAccountsPage, kdcc_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (KdccAccountsPage *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.sign-in", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.sign-out", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.cancel", busy);
  /* A new cancellable for the next action once this one has ended. */
  if (!busy && g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_status (KdccAccountsPage *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
}

static GtkWidget *
account_row (KdccOidcAccount *account)
{
  g_autofree char *title = g_markup_escape_text (account->display_name != NULL
                                                   ? account->display_name
                                                   : account->subject, -1);
  g_autofree char *issuer = g_markup_escape_text (account->issuer, -1);
  g_autofree char *client = g_markup_escape_text (account->client_id, -1);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", issuer, client);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (account->needs_sign_in)
    {
      GtkWidget *label = gtk_label_new (_("Sign in again"));

      gtk_widget_add_css_class (label, "warning");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  button = gtk_button_new_with_label (_("Sign Out"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "accounts.sign-out");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sss)", account->issuer,
                                    account->client_id, account->subject);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* The accounts file is a few hundred bytes on local disk: read on the main
 * thread. */
static void
reload (KdccAccountsPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint i;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  list = kdcc_oidc_accounts_list (self->accounts, &error);
  if (list == NULL)
    {
      set_status (self, error->message);
      self->n_accounts = 0;
      return;
    }
  for (i = 0; i < list->len; i++)
    gtk_list_box_append (self->list, account_row (g_ptr_array_index (list, i)));
  self->n_accounts = list->len;
  /* A row rather than the list's placeholder, which GTK 4.8 does not show
   * for a list that starts out empty. */
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Not signed in with any identity provider"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->list, row);
    }
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  KdccAccountsPage *self = source_object;
  GError *error = NULL;

  if (kdcc_oidc_accounts_add_sync (self->accounts, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
added_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (source_object);
  KdccOidcTokens *tokens = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }
  {
    /* TRANSLATORS: "Signed in as alice at https://id.example.com" */
    g_autofree char *status = g_strdup_printf (_("Signed in as %s at %s"),
                                               tokens->display_name, tokens->issuer);
    set_status (self, status);
  }
  reload (self);
}

static void
signed_in_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KdccAccountsPage) self = user_data;
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  tokens = kdcc_oidc_sign_in_finish (KDCC_OIDC_CLIENT (source_object), result, &error);
  if (tokens == NULL)
    {
      set_busy (self, FALSE);
      set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Sign-in cancelled") : error->message);
      return;
    }
  /* The keyring is spoken to synchronously: on a worker. */
  task = g_task_new (self, self->cancellable, added_cb, NULL);
  g_task_set_source_tag (task, signed_in_cb);
  g_task_set_task_data (task, g_steal_pointer (&tokens), (GDestroyNotify) kdcc_oidc_tokens_free);
  g_task_run_in_thread (task, add_thread);
}

static void
default_open_uri (const char *uri,
                  gpointer    user_data)
{
  KdccAccountsPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *status = g_strdup_printf (_("No browser could be opened (%s). Open this "
                                                   "address in a browser on this computer: %s"),
                                                 error->message, uri);
      set_status (self, status);
      return;
    }
  set_status (self, _("Continue in the browser…"));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (widget);
  g_autofree char *issuer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->issuer_row))));
  g_autofree char *client_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_row))));
  g_autoptr(KdccOidcClient) client = NULL;

  if (*issuer == '\0' || *client_id == '\0')
    {
      set_status (self, _("Enter the identity provider's issuer URL and KDCC's client ID there"));
      return;
    }
  set_status (self, NULL);
  set_busy (self, TRUE);
  client = kdcc_oidc_client_new (issuer, client_id);
  kdcc_oidc_sign_in_async (client, self->open_uri != NULL ? self->open_uri : default_open_uri,
                           self->open_uri != NULL ? self->open_uri_data : self,
                           SIGN_IN_TIMEOUT_S, self->cancellable, signed_in_cb,
                           g_object_ref (self));
}

typedef struct
{
  char *issuer;
  char *client_id;
  char *subject;
} SignOut;

static void
sign_out_free (gpointer data)
{
  SignOut *sign_out = data;

  g_free (sign_out->issuer);
  g_free (sign_out->client_id);
  g_free (sign_out->subject);
  g_free (sign_out);
}

static void
sign_out_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  KdccAccountsPage *self = source_object;
  SignOut *sign_out = task_data;
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (sign_out->issuer,
                                                           sign_out->client_id);
  GError *error = NULL;

  /* Revoked at the provider too (best effort), so the token is dead
   * everywhere, not only forgotten here. */
  if (kdcc_oidc_accounts_remove_sync (self->accounts, sign_out->issuer, sign_out->client_id,
                                      sign_out->subject, client, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
signed_out_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (source_object);
  SignOut *sign_out = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }
  {
    g_autofree char *status = g_strdup_printf (_("Signed out of %s"), sign_out->issuer);
    set_status (self, status);
  }
  reload (self);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  SignOut *sign_out = g_new0 (SignOut, 1);

  g_variant_get (parameter, "(sss)", &sign_out->issuer, &sign_out->client_id,
                 &sign_out->subject);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, signed_out_cb, NULL);
  g_task_set_source_tag (task, sign_out_action);
  g_task_set_task_data (task, sign_out, sign_out_free);
  g_task_run_in_thread (task, sign_out_thread);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
kdcc_accounts_page_dispose (GObject *object)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_ACCOUNTS_PAGE);

  G_OBJECT_CLASS (kdcc_accounts_page_parent_class)->dispose (object);
}

static void
kdcc_accounts_page_finalize (GObject *object)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (object);

  g_clear_object (&self->accounts);
  g_clear_object (&self->cancellable);
  g_free (self->status);

  G_OBJECT_CLASS (kdcc_accounts_page_parent_class)->finalize (object);
}

static void
kdcc_accounts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdccAccountsPage *self = KDCC_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_accounts_page_class_init (KdccAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_accounts_page_dispose;
  object_class->finalize = kdcc_accounts_page_finalize;
  object_class->get_property = kdcc_accounts_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/tech/koor/DataControlCenter/ui/kdcc-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccAccountsPage, list);
  gtk_widget_class_bind_template_child (widget_class, KdccAccountsPage, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, KdccAccountsPage, client_row);
  gtk_widget_class_bind_template_child (widget_class, KdccAccountsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccAccountsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KdccAccountsPage, status_label);

  gtk_widget_class_install_action (widget_class, "accounts.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "accounts.sign-out", "(sss)", sign_out_action);
  gtk_widget_class_install_action (widget_class, "accounts.cancel", NULL, cancel_action);
}

static void
kdcc_accounts_page_init (KdccAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.cancel", FALSE);
}

GtkWidget *
kdcc_accounts_page_new (KdccOidcAccounts *accounts)
{
  KdccAccountsPage *self;

  g_return_val_if_fail (KDCC_IS_OIDC_ACCOUNTS (accounts), NULL);

  self = g_object_new (KDCC_TYPE_ACCOUNTS_PAGE, NULL);
  self->accounts = g_object_ref (accounts);
  reload (self);
  return GTK_WIDGET (self);
}

gboolean
kdcc_accounts_page_get_busy (KdccAccountsPage *self)
{
  g_return_val_if_fail (KDCC_IS_ACCOUNTS_PAGE (self), FALSE);
  return self->busy;
}

guint
kdcc_accounts_page_get_n_accounts (KdccAccountsPage *self)
{
  g_return_val_if_fail (KDCC_IS_ACCOUNTS_PAGE (self), 0);
  return self->n_accounts;
}

const char *
kdcc_accounts_page_get_status (KdccAccountsPage *self)
{
  g_return_val_if_fail (KDCC_IS_ACCOUNTS_PAGE (self), NULL);
  return self->status;
}

void
kdcc_accounts_page_set_open_uri_func (KdccAccountsPage    *self,
                                      KdccOidcOpenUriFunc  func,
                                      gpointer             user_data)
{
  g_return_if_fail (KDCC_IS_ACCOUNTS_PAGE (self));
  self->open_uri = func;
  self->open_uri_data = user_data;
}
