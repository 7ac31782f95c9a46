/* kdcc-filesystem.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_FILESYSTEM (kdcc_filesystem_get_type ())

G_DECLARE_FINAL_TYPE (KdccFilesystem, kdcc_filesystem, KDCC, FILESYSTEM, GObject)

/* One CephFS filesystem with its MDS ranks. Properties (read-only, notified on change): "name"
 * (construct-only key), "id", "metadata-pool", "data-pools", "max-mds", "ranks-up", "ranks-
 * failed", "standbys", "clients", "mds-names". String lists are GStrv properties. Signal
 * "changed" after an update that changed anything. */
KdccFilesystem      *kdcc_filesystem_new                (const char *name);
const char          *kdcc_filesystem_get_name           (KdccFilesystem *self);
gint64               kdcc_filesystem_get_id             (KdccFilesystem *self);
const char          *kdcc_filesystem_get_metadata_pool  (KdccFilesystem *self);
const char * const  *kdcc_filesystem_get_data_pools     (KdccFilesystem *self);
gint64               kdcc_filesystem_get_max_mds        (KdccFilesystem *self);
gint64               kdcc_filesystem_get_ranks_up       (KdccFilesystem *self);
gint64               kdcc_filesystem_get_ranks_failed   (KdccFilesystem *self);
gint64               kdcc_filesystem_get_standbys       (KdccFilesystem *self);
gint64               kdcc_filesystem_get_clients        (KdccFilesystem *self);
const char * const  *kdcc_filesystem_get_mds_names      (KdccFilesystem *self);
gboolean             kdcc_filesystem_update             (KdccFilesystem           *self,
                                                         const KdccFilesystemData *data);

/* The list sync of KdccFilesystem items from KdccFilesystemData elements. */
extern const KdccListSync kdcc_filesystem_list_sync;

G_END_DECLS

