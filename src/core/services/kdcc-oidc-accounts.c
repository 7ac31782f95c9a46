/* kdcc-oidc-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kdcc-json.h"
#include "kdcc-oidc-accounts.h"

#define MAX_FILE_BYTES (1024 * 1024)

struct _KdccOidcAccounts
{
  GObject           parent_instance;

  KdccSecretStore  *secrets;
  char             *path;

  /* Guards the file and the cache: calls come from worker threads. */
  GMutex            lock;
  /* Held across a refresh: with rotation, two refreshes with the same
   * refresh token would make the provider refuse the second (or, with
   * reuse detection, revoke the grant), so the second waits and takes the
   * first one's tokens. */
  GMutex            refresh_lock;
  /* Held across each Secret Service call: concurrent blocking libsecret
   * calls from several threads once ended in a GTask returned twice. */
  GMutex            secret_lock;
  /* secret id -> KdccOidcTokens, in memory only */
  GHashTable       *cache;
};

G_DEFINE_FINAL_TYPE (KdccOidcAccounts, kdcc_oidc_accounts, G_TYPE_OBJECT)

void
kdcc_oidc_account_free (KdccOidcAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->issuer);
  g_free (account->client_id);
  g_free (account->subject);
  g_free (account->display_name);
  g_free (account);
}

static void
kdcc_oidc_accounts_finalize (GObject *object)
{
  KdccOidcAccounts *self = (KdccOidcAccounts *) object;

  g_clear_object (&self->secrets);
  g_free (self->path);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->refresh_lock);
  g_mutex_clear (&self->secret_lock);

  G_OBJECT_CLASS (kdcc_oidc_accounts_parent_class)->finalize (object);
}

static void
kdcc_oidc_accounts_class_init (KdccOidcAccountsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_oidc_accounts_finalize;
}

static void
kdcc_oidc_accounts_init (KdccOidcAccounts *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->refresh_lock);
  g_mutex_init (&self->secret_lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) kdcc_oidc_tokens_free);
}

KdccOidcAccounts *
kdcc_oidc_accounts_new (KdccSecretStore *secrets,
                        const char      *path)
{
  KdccOidcAccounts *self;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (KDCC_TYPE_OIDC_ACCOUNTS, NULL);
  self->secrets = g_object_ref (secrets);
  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_config_dir (), "kdcc",
                                                "oidc-accounts.json", NULL);
  return self;
}

const char *
kdcc_oidc_accounts_get_path (KdccOidcAccounts *self)
{
  g_return_val_if_fail (KDCC_IS_OIDC_ACCOUNTS (self), NULL);
  return self->path;
}

char *
kdcc_oidc_accounts_secret_id (const char *issuer,
                              const char *client_id,
                              const char *subject)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* NUL separators: no two different triples hash the same text. */
  g_checksum_update (checksum, (const guchar *) issuer, strlen (issuer) + 1);
  g_checksum_update (checksum, (const guchar *) client_id, strlen (client_id) + 1);
  g_checksum_update (checksum, (const guchar *) subject, strlen (subject) + 1);
  return g_strconcat ("oidc:", g_checksum_get_string (checksum), NULL);
}

static gboolean
secret_store (KdccOidcAccounts  *self,
              const char        *id,
              const char        *label,
              const char        *token,
              GCancellable      *cancellable,
              GError           **error)
{
  gboolean ok;

  g_mutex_lock (&self->secret_lock);
  ok = kdcc_secret_store_store_id_sync (self->secrets, id, "oidc-refresh-token", label, token,
                                        cancellable, error);
  g_mutex_unlock (&self->secret_lock);
  return ok;
}

static char *
secret_lookup (KdccOidcAccounts  *self,
               const char        *id,
               GCancellable      *cancellable,
               GError           **error)
{
  char *token;

  g_mutex_lock (&self->secret_lock);
  token = kdcc_secret_store_lookup_id_sync (self->secrets, id, cancellable, error);
  g_mutex_unlock (&self->secret_lock);
  return token;
}

static gboolean
secret_clear (KdccOidcAccounts  *self,
              const char        *id,
              GCancellable      *cancellable,
              GError           **error)
{
  gboolean ok;

  g_mutex_lock (&self->secret_lock);
  ok = kdcc_secret_store_clear_id_sync (self->secrets, id, cancellable, error);
  g_mutex_unlock (&self->secret_lock);
  return ok;
}

/* Reads the file; called with the lock held. */
static GPtrArray *
load_locked (KdccOidcAccounts  *self,
             GError           **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_oidc_account_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  JsonArray *array;
  guint i;

  if (!g_file_get_contents (self->path, &text, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&accounts);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (len > MAX_FILE_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("%s is too large"), self->path);
      return NULL;
    }
  root = kdcc_json_load_root (self->path, text, len, JSON_NODE_ARRAY, error);
  if (root == NULL)
    return NULL;
  array = json_node_get_array (root);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = kdcc_json_as_object (json_array_get_element (array, i));
      const char *issuer = kdcc_json_find_string (object, "issuer");
      const char *client_id = kdcc_json_find_string (object, "client-id");
      const char *subject = kdcc_json_find_string (object, "subject");
      KdccOidcAccount *account;

      if (issuer == NULL || client_id == NULL || subject == NULL)
        continue;
      account = g_new0 (KdccOidcAccount, 1);
      account->issuer = g_strdup (issuer);
      account->client_id = g_strdup (client_id);
      account->subject = g_strdup (subject);
      account->display_name = g_strdup (kdcc_json_find_string (object, "display-name"));
      account->needs_sign_in = kdcc_json_find_number (object, "needs-sign-in", 0) != 0;
      g_ptr_array_add (accounts, account);
    }
  return g_steal_pointer (&accounts);
}

static gboolean
save_locked (KdccOidcAccounts  *self,
             GPtrArray         *accounts,
             GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;
  guint i;

  json_builder_begin_array (builder);
  for (i = 0; i < accounts->len; i++)
    {
      KdccOidcAccount *account = g_ptr_array_index (accounts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "issuer");
      json_builder_add_string_value (builder, account->issuer);
      json_builder_set_member_name (builder, "client-id");
      json_builder_add_string_value (builder, account->client_id);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_string_value (builder, account->subject);
      json_builder_set_member_name (builder, "display-name");
      json_builder_add_string_value (builder, account->display_name);
      json_builder_set_member_name (builder, "needs-sign-in");
      json_builder_add_boolean_value (builder, account->needs_sign_in);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (self->path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static int
find_account (GPtrArray  *accounts,
              const char *issuer,
              const char *client_id,
              const char *subject)
{
  guint i;
  int found = -1;

  for (i = 0; i < accounts->len; i++)
    {
      KdccOidcAccount *account = g_ptr_array_index (accounts, i);

      if (!g_str_equal (account->issuer, issuer) || !g_str_equal (account->client_id, client_id))
        continue;
      if (subject != NULL)
        {
          if (g_str_equal (account->subject, subject))
            return i;
          continue;
        }
      /* Without a subject only an unambiguous account is found. */
      if (found >= 0)
        return -2;
      found = i;
    }
  return found;
}

GPtrArray *
kdcc_oidc_accounts_list (KdccOidcAccounts  *self,
                         GError           **error)
{
  GPtrArray *accounts;

  g_return_val_if_fail (KDCC_IS_OIDC_ACCOUNTS (self), NULL);

  g_mutex_lock (&self->lock);
  accounts = load_locked (self, error);
  g_mutex_unlock (&self->lock);
  return accounts;
}

/* Sets the account's needs-sign-in flag in the file. */
static gboolean
update_account (KdccOidcAccounts      *self,
                const KdccOidcTokens  *tokens,
                const char            *issuer,
                const char            *client_id,
                const char            *subject,
                gboolean               needs_sign_in,
                GError               **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  KdccOidcAccount *account;
  gboolean ok;
  int index;

  g_mutex_lock (&self->lock);
  accounts = load_locked (self, error);
  if (accounts == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  index = find_account (accounts, issuer, client_id, subject);
  if (index >= 0)
    account = g_ptr_array_index (accounts, index);
  else
    {
      account = g_new0 (KdccOidcAccount, 1);
      account->issuer = g_strdup (issuer);
      account->client_id = g_strdup (client_id);
      account->subject = g_strdup (subject);
      g_ptr_array_add (accounts, account);
    }
  if (tokens != NULL && tokens->display_name != NULL)
    {
      g_free (account->display_name);
      account->display_name = g_strdup (tokens->display_name);
    }
  account->needs_sign_in = needs_sign_in;
  ok = save_locked (self, accounts, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
kdcc_oidc_accounts_add_sync (KdccOidcAccounts      *self,
                             const KdccOidcTokens  *tokens,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KDCC_IS_OIDC_ACCOUNTS (self), FALSE);
  g_return_val_if_fail (tokens != NULL && tokens->subject != NULL, FALSE);

  id = kdcc_oidc_accounts_secret_id (tokens->issuer, tokens->client_id, tokens->subject);
  if (tokens->refresh_token != NULL)
    {
      /* TRANSLATORS: the label of the item in the desktop keyring; %s is the
       * account (e.g. "alice") and %s the identity provider's URL. */
      label = g_strdup_printf (_("Sign-in of %s at %s (Koor Data Control Center)"),
                               tokens->display_name != NULL ? tokens->display_name
                                                            : tokens->subject,
                               tokens->issuer);
      if (!secret_store (self, id, label, tokens->refresh_token, cancellable, error))
        return FALSE;
    }
  else if (!secret_clear (self, id, cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->cache, g_strdup (id), kdcc_oidc_tokens_copy (tokens));
  g_mutex_unlock (&self->lock);

  return update_account (self, tokens, tokens->issuer, tokens->client_id, tokens->subject,
                         FALSE, error);
}

/* The account's subject for (issuer, client, subject-or-NULL). */
static char *
resolve_subject (KdccOidcAccounts  *self,
                 const char        *issuer,
                 const char        *client_id,
                 const char        *subject,
                 GError           **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  int index;

  g_mutex_lock (&self->lock);
  accounts = load_locked (self, error);
  g_mutex_unlock (&self->lock);
  if (accounts == NULL)
    return NULL;
  index = find_account (accounts, issuer, client_id, subject);
  if (index == -2)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_SIGN_IN_AGAIN,
                   _("Several accounts are signed in at %s; say which one"), issuer);
      return NULL;
    }
  if (index < 0)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_SIGN_IN_AGAIN,
                   _("Not signed in at %s (client %s): sign in first"), issuer, client_id);
      return NULL;
    }
  return g_strdup (((KdccOidcAccount *) g_ptr_array_index (accounts, index))->subject);
}

static KdccOidcTokens *
get_tokens_locked (KdccOidcAccounts  *self,
                   KdccOidcClient    *client,
                   const char        *subject,
                   GCancellable      *cancellable,
                   GError           **error)
{
  const char *issuer = kdcc_oidc_client_get_issuer (client);
  const char *client_id = kdcc_oidc_client_get_client_id (client);
  g_autoptr(KdccOidcTokens) previous = NULL;
  g_autoptr(KdccOidcTokens) fresh = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *id = NULL;
  g_auto(KdccSecretPassword) refresh_token = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  KdccOidcTokens *cached;

  resolved = resolve_subject (self, issuer, client_id, subject, error);
  if (resolved == NULL)
    return NULL;
  id = kdcc_oidc_accounts_secret_id (issuer, client_id, resolved);

  g_mutex_lock (&self->lock);
  cached = g_hash_table_lookup (self->cache, id);
  if (cached != NULL)
    {
      if (cached->expires_at - KDCC_OIDC_REFRESH_MARGIN_S > now)
        {
          KdccOidcTokens *copy = kdcc_oidc_tokens_copy (cached);

          g_mutex_unlock (&self->lock);
          return copy;
        }
      previous = kdcc_oidc_tokens_copy (cached);
    }
  g_mutex_unlock (&self->lock);

  refresh_token = secret_lookup (self, id, cancellable, error);
  if (refresh_token == NULL)
    {
      if (error != NULL && *error != NULL)
        return NULL;
      update_account (self, NULL, issuer, client_id, resolved, TRUE, NULL);
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_SIGN_IN_AGAIN,
                   _("The sign-in at %s has ended: sign in again"), issuer);
      return NULL;
    }

  if (previous == NULL)
    {
      /* After a restart only the refresh token is known; the refreshed ID
       * token must still name the same subject. */
      previous = g_new0 (KdccOidcTokens, 1);
      previous->issuer = g_strdup (issuer);
      previous->client_id = g_strdup (client_id);
      previous->subject = g_strdup (resolved);
    }

  fresh = kdcc_oidc_client_refresh_sync (client, refresh_token, previous, cancellable,
                                         &local_error);
  if (fresh == NULL)
    {
      if (g_error_matches (local_error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_SIGN_IN_AGAIN))
        {
          /* Expired or revoked: the stored token is useless; forget it so
           * nothing tries it again, and say so in the account list. */
          secret_clear (self, id, cancellable, NULL);
          g_mutex_lock (&self->lock);
          g_hash_table_remove (self->cache, id);
          g_mutex_unlock (&self->lock);
          update_account (self, NULL, issuer, client_id, resolved, TRUE, NULL);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (fresh->id_token == NULL)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_SIGN_IN_AGAIN,
                   _("The identity provider refreshed the sign-in without an ID token: sign in "
                     "again"));
      return NULL;
    }

  if (!kdcc_oidc_accounts_add_sync (self, fresh, cancellable, error))
    return NULL;
  return g_steal_pointer (&fresh);
}

KdccOidcTokens *
kdcc_oidc_accounts_get_tokens_sync (KdccOidcAccounts  *self,
                                    KdccOidcClient    *client,
                                    const char        *subject,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  KdccOidcTokens *tokens;

  g_return_val_if_fail (KDCC_IS_OIDC_ACCOUNTS (self), NULL);
  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (client), NULL);

  g_mutex_lock (&self->refresh_lock);
  tokens = get_tokens_locked (self, client, subject, cancellable, error);
  g_mutex_unlock (&self->refresh_lock);
  return tokens;
}

gboolean
kdcc_oidc_accounts_remove_sync (KdccOidcAccounts  *self,
                                const char        *issuer,
                                const char        *client_id,
                                const char        *subject,
                                KdccOidcClient    *client,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *id = NULL;
  gboolean ok;
  int index;

  g_return_val_if_fail (KDCC_IS_OIDC_ACCOUNTS (self), FALSE);

  resolved = resolve_subject (self, issuer, client_id, subject, error);
  if (resolved == NULL)
    return FALSE;
  id = kdcc_oidc_accounts_secret_id (issuer, client_id, resolved);

  if (client != NULL)
    {
      g_auto(KdccSecretPassword) refresh_token = NULL;

      refresh_token = secret_lookup (self, id, cancellable, NULL);
      if (refresh_token != NULL)
        {
          g_autoptr(GError) revoke_error = NULL;

          if (!kdcc_oidc_client_revoke_sync (client, refresh_token, "refresh_token",
                                             cancellable, &revoke_error))
            g_message ("Signing out of %s without revoking the refresh token: %s", issuer,
                       revoke_error->message);
        }
    }

  if (!secret_clear (self, id, cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->cache, id);
  accounts = load_locked (self, error);
  if (accounts == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  index = find_account (accounts, issuer, client_id, resolved);
  if (index >= 0)
    g_ptr_array_remove_index (accounts, index);
  ok = save_locked (self, accounts, error);
  g_mutex_unlock (&self->lock);
  return ok;
}
