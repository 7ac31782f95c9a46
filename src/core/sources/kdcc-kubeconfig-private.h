/* kdcc-kubeconfig-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-kubeconfig.h"

G_BEGIN_DECLS

/*< private >*/
/* Shared by kdcc-kubeconfig.c (parsing, merging) and
 * kdcc-kubeconfig-resolve.c (one context into a KdccKubeContext). */

/* One named cluster, user or context, with the file it came from: paths in
 * it are relative to that file's folder. */
typedef struct
{
  JsonObject *object;
  char       *origin;
  char       *dir;
} Entry;

struct _KdccKubeconfig
{
  gatomicrefcount  ref_count;
  GHashTable      *clusters;   /* name → Entry */
  GHashTable      *users;
  GHashTable      *contexts;
  char            *current_context;
};

G_END_DECLS
