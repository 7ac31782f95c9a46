/* fuzz-profile-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over the connection profile file
 * (~/.config/kdcc/profiles.ini); see README.md. The input is written as
 * the file and loaded; a damaged file must be set aside as .bad and the
 * valid profiles kept, never a crash.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-profile-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir;

static void
empty_dir (void)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
      g_free (path);
    }
  if (d != NULL)
    g_dir_close (d);
}

static void
remove_dir (void)
{
  empty_dir ();
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KdccProfileStore *store;
  GError *error = NULL;
  char *path;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("kdcc-fuzz-profiles-XXXXXX", NULL);
      g_assert (dir != NULL);
      atexit (remove_dir);
    }
  empty_dir ();

  path = g_build_filename (dir, "profiles.ini", NULL);
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));

  store = kdcc_profile_store_new (path);
  if (!kdcc_profile_store_load (store, &error))
    g_assert (error != NULL);
  g_clear_error (&error);

  /* Whatever loaded has an id and a readable name (validation proper
   * checks that files exist, which depends on the machine), and survives
   * a save and a reload. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      KdccProfile *profile = g_list_model_get_item (G_LIST_MODEL (store), i);
      char *name = kdcc_profile_dup_display_name (profile);
      const char *id = kdcc_profile_get_id (profile);

      g_assert (id != NULL && id[0] != '\0' && g_utf8_validate (id, -1, NULL));
      g_assert (name != NULL && g_utf8_validate (name, -1, NULL));
      (void) kdcc_profile_validate (profile, NULL);
      g_free (name);
      g_object_unref (profile);
    }
  if (kdcc_profile_store_save (store, &error))
    {
      KdccProfileStore *again = kdcc_profile_store_new (path);

      g_assert (kdcc_profile_store_load (again, NULL));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (store)));
      g_object_unref (again);
    }
  g_clear_error (&error);

  g_object_unref (store);
  g_free (path);
  return 0;
}
