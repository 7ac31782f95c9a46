/* kdcc-secret-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-profile.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SECRET_STORE (kdcc_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (KdccSecretStore, kdcc_secret_store, KDCC, SECRET_STORE, GObject)

/* Passwords of connection profiles, kept in the Secret Service (GNOME
 * Keyring, KWallet, ...) under the schema "tech.koor.DataControlCenter.Password"
 * with the attributes "profile-id" and "kind".
 *
 * When no Secret Service can be reached (no session bus, or nothing on it
 * provides org.freedesktop.secrets) the store keeps passwords in memory for
 * the life of the process instead, and "persistent" turns FALSE so the UI can
 * say "Your password will be kept for this session only: no Secret Service
 * is running". The store finds out in the background right after it is
 * created, and again whenever a Secret Service call fails because nobody
 * answers. Passwords are never logged.
 *
 * Properties: "persistent" (boolean, read-only, TRUE until proven otherwise). */
KdccSecretStore *kdcc_secret_store_new            (void);
gboolean         kdcc_secret_store_get_persistent (KdccSecretStore      *self);

void             kdcc_secret_store_store_async    (KdccSecretStore      *self,
                                                   KdccProfile          *profile,
                                                   const char           *password,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         kdcc_secret_store_store_finish   (KdccSecretStore      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Returns NULL without an error when no password is saved. */
void             kdcc_secret_store_lookup_async   (KdccSecretStore      *self,
                                                   KdccProfile          *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char            *kdcc_secret_store_lookup_finish  (KdccSecretStore      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Succeeds when nothing was saved, too. */
void             kdcc_secret_store_clear_async    (KdccSecretStore      *self,
                                                   KdccProfile          *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         kdcc_secret_store_clear_finish   (KdccSecretStore      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* The async operations (store, lookup, clear) started and not completed
 * yet. */
guint            kdcc_secret_store_get_n_pending  (KdccSecretStore      *self);
/* Runs the store's main context (that of the thread that made it) until
 * every async operation has completed or TIMEOUT_MS passed; TRUE when
 * none is left. An app calls it as it shuts down, after its windows have
 * gone: a removed connection's password being deleted, or a new one being
 * saved, is then not lost with the main loop. Call it on that thread. */
gboolean         kdcc_secret_store_flush          (KdccSecretStore      *self,
                                                   guint                 timeout_ms);

/* Blocking variants for kdcc-cli; never call them on the GTK main thread. */
gboolean         kdcc_secret_store_store_sync     (KdccSecretStore      *self,
                                                   KdccProfile          *profile,
                                                   const char           *password,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
char            *kdcc_secret_store_lookup_sync    (KdccSecretStore      *self,
                                                   KdccProfile          *profile,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean         kdcc_secret_store_clear_sync     (KdccSecretStore      *self,
                                                   KdccProfile          *profile,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* The same for secrets that belong to no profile (an OpenID Connect
 * account's refresh token): ID is unique across all of the store's items
 * (e.g. "oidc:" and a hash), KIND says what it is, LABEL is shown in the
 * keyring. Blocking; never on the GTK main thread. */
gboolean         kdcc_secret_store_store_id_sync  (KdccSecretStore      *self,
                                                   const char           *id,
                                                   const char           *kind,
                                                   const char           *label,
                                                   const char           *password,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
char            *kdcc_secret_store_lookup_id_sync (KdccSecretStore      *self,
                                                   const char           *id,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean         kdcc_secret_store_clear_id_sync  (KdccSecretStore      *self,
                                                   const char           *id,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* Frees a password returned by lookup, wiping it first. With
 * g_auto(KdccSecretPassword) a password is wiped when it goes out of scope. */
void             kdcc_secret_store_free_password  (char                 *password);

typedef char *KdccSecretPassword;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (KdccSecretPassword, kdcc_secret_store_free_password, NULL)

G_END_DECLS
