/* kdcc-profile-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-profile.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PROFILE_STORE (kdcc_profile_store_get_type ())

G_DECLARE_FINAL_TYPE (KdccProfileStore, kdcc_profile_store, KDCC, PROFILE_STORE, GObject)

/* The saved connection profiles: a GListModel of KdccProfile, in the order
 * of the file, kept in an INI file (GKeyFile, one group per profile id) at
 * "path", by default $XDG_CONFIG_HOME/kdcc/profiles.ini.
 *
 * Every change is written at once, atomically and with mode 0600. The file
 * never holds a password: those live in the Secret Service
 * (KdccSecretStore). Removing a profile here does not clear its password;
 * the caller does that with kdcc_secret_store_clear_*().
 *
 * Properties: "path" (string, construct-only). */
KdccProfileStore *kdcc_profile_store_new         (const char        *path);
const char       *kdcc_profile_store_get_path    (KdccProfileStore  *self);

/* Reads the file, replacing the current list. A missing file is an empty
 * list, not an error. A file that cannot be parsed, or that holds a group
 * that is not a valid profile, is renamed to "<path>.bad" (or
 * "<path>.<time>.bad" when that exists) so nothing the user wrote is lost;
 * the valid profiles are still loaded and written back to "path", and FALSE
 * is returned with a KDCC_ERROR_PARSE error that says where the file went. */
gboolean          kdcc_profile_store_load        (KdccProfileStore  *self,
                                                  GError           **error);
gboolean          kdcc_profile_store_save        (KdccProfileStore  *self,
                                                  GError           **error);

/* Each of these changes the list and saves. add fails with
 * KDCC_ERROR_INVALID_INPUT when the id is taken; update takes a profile
 * with the id of a saved one (the same object after editing it, or a new
 * object that replaces it in place). */
gboolean          kdcc_profile_store_add         (KdccProfileStore  *self,
                                                  KdccProfile       *profile,
                                                  GError           **error);
gboolean          kdcc_profile_store_update      (KdccProfileStore  *self,
                                                  KdccProfile       *profile,
                                                  GError           **error);
gboolean          kdcc_profile_store_remove      (KdccProfileStore  *self,
                                                  const char        *id,
                                                  GError           **error);

/* (transfer none) (nullable) */
KdccProfile      *kdcc_profile_store_lookup      (KdccProfileStore  *self,
                                                  const char        *id);
/* By id, else by a unique display name; what `--profile` accepts.
 * (transfer none) (nullable) */
KdccProfile      *kdcc_profile_store_find        (KdccProfileStore  *self,
                                                  const char        *id_or_name);
/* A saved profile that reached the cluster FSID, other than EXCEPT_ID
 * (may be NULL): adding the same cluster twice is caught with it.
 * (transfer none) (nullable) */
KdccProfile      *kdcc_profile_store_lookup_fsid (KdccProfileStore  *self,
                                                  const char        *fsid,
                                                  const char        *except_id);

G_END_DECLS
