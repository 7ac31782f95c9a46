/* kdcc-connection-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-profile-store.h"
#include "kdcc-profile.h"
#include "kdcc-secret-store.h"

G_BEGIN_DECLS

/* The connection flags that `kdcc` and `kdcc-cli` share:
 *
 *   --conf PATH [--keyring PATH] [--id NAME]          direct, librados
 *   --dashboard URL --user NAME --password-file PATH  Ceph Dashboard REST API
 *        [--trust-fingerprint SHA256]
 *   --profile ID [--password-file PATH] [--trust-fingerprint SHA256]
 *                                                     a saved profile; its
 *                                                     password comes from the
 *                                                     Secret Service
 *
 * A plain struct: a GOptionGroup writes into it (kdcc-cli), or it is filled
 * from GApplication's GVariantDict (kdcc). Paths are made absolute against
 * the caller's working directory when they are read. */
typedef struct
{
  char *conf_path;
  char *keyring_path;
  char *client_id;
  char *dashboard_url;
  char *user;
  char *password_file;
  char *trust_fingerprint;
  char *profile;
} KdccConnectionOptions;

KdccConnectionOptions *kdcc_connection_options_new   (void);
void                   kdcc_connection_options_free  (KdccConnectionOptions *self);

/* A GOptionGroup whose entries write into self (which must outlive the
 * group's parsing). Its descriptions use GETTEXT_PACKAGE. */
GOptionGroup          *kdcc_connection_options_create_group (KdccConnectionOptions *self);

/* The same flags as GOptionEntry with arg_data NULL, for
 * g_application_add_main_option_entries(); read the parsed values back
 * with kdcc_connection_options_load_dict(). */
const GOptionEntry    *kdcc_connection_options_get_entries  (void);
void                   kdcc_connection_options_load_dict    (KdccConnectionOptions *self,
                                                             GVariantDict          *dict,
                                                             const char            *cwd);

/* Whether any connection flag was given (the GUI then connects at once). */
gboolean               kdcc_connection_options_is_set       (KdccConnectionOptions *self);

/* Turns the flags into a profile and its password (NULL for direct
 * connections). Fails with KDCC_ERROR_INVALID_INPUT for missing or mixed
 * flags, an unknown --profile, an unreadable or empty password file, or a
 * profile whose fields do not validate; the message names the flag.
 *
 * store and secrets may be NULL: a default store is loaded and a secret
 * store made when --profile needs them. Non-fatal remarks (a password file
 * others can read) are added to warnings when it is not NULL. */
gboolean               kdcc_connection_options_resolve      (KdccConnectionOptions *self,
                                                             KdccProfileStore      *store,
                                                             KdccSecretStore       *secrets,
                                                             KdccProfile          **out_profile,
                                                             char                 **out_password,
                                                             GPtrArray             *warnings,
                                                             GError               **error);

/* Reads a password file: at most 4 KiB, the trailing line break removed,
 * not empty. "-" reads standard input. */
char                  *kdcc_connection_options_read_password_file (const char  *path,
                                                                   GPtrArray   *warnings,
                                                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccConnectionOptions, kdcc_connection_options_free)

G_END_DECLS
