/* kdcc-secret-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by kdcc-secret-store.c (the store and its fallback) and
 * kdcc-secret-store-ops.c (the operations). All of them may be called from
 * a worker thread: they take the store's lock.
 */
#pragma once

#include "kdcc-secret-store.h"

G_BEGIN_DECLS

/* No Secret Service after all: keep passwords in memory from now on and
 * notify "persistent" on the main context. */
void      secret_store_mark_unavailable (KdccSecretStore *self,
                                         const GError    *error);
gboolean  secret_store_is_persistent    (KdccSecretStore *self);
void      secret_store_memory_store     (KdccSecretStore *self,
                                         const char      *id,
                                         const char      *password);
char     *secret_store_memory_lookup    (KdccSecretStore *self,
                                         const char      *id);
void      secret_store_memory_clear     (KdccSecretStore *self,
                                         const char      *id);
/* Counts TASK as in flight until it has completed, for
 * kdcc_secret_store_flush(). */
void      secret_store_track_task       (KdccSecretStore *self,
                                         GTask           *task);

G_END_DECLS
