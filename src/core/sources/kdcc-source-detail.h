/* kdcc-source-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-source.h"

G_BEGIN_DECLS

/* On-demand details a page asks for when it opens one item; they are not
 * part of the periodic snapshot. Each runs on a worker thread and returns
 * plain values. A source that cannot run the commands (the Dashboard runs
 * no raw mon commands) fails with KDCC_ERROR_NOT_SUPPORTED and a message
 * that says what is missing. */

/* From `osd metadata ID`. */
typedef struct
{
  gint64      id;
  char       *hostname;
  char       *devices;          /* "sda", "nvme0n1"; NULL when the OSD has none (memstore) */
  char       *device_class;     /* default_device_class */
  char       *ceph_version;     /* "16.2.15" */
  char       *ceph_version_full;
  char       *front_addr;       /* public address vector as Ceph prints it */
  char       *back_addr;        /* cluster address vector */
  char       *objectstore;      /* "bluestore", "memstore" */
  char       *os;               /* distro_description */
  char       *kernel;           /* kernel_version */
  gboolean    rotational;
  GPtrArray  *pairs;            /* (element-type utf8) every key then its value, sorted by key */
} KdccOsdMetadata;

void             kdcc_osd_metadata_free           (KdccOsdMetadata *metadata);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOsdMetadata, kdcc_osd_metadata_free)

/* Parses `osd metadata ID -f json`. */
KdccOsdMetadata *kdcc_osd_metadata_parse          (const char    *json,
                                                   gssize         length,
                                                   GError       **error);

void             kdcc_source_get_osd_metadata_async  (KdccSource          *self,
                                                      gint64               osd_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
KdccOsdMetadata *kdcc_source_get_osd_metadata_finish (KdccSource          *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The PGs an OSD holds (`pg ls-by-osd`): (element-type KdccPgData), with
 * problems classified as of now. */
void             kdcc_source_list_osd_pgs_async   (KdccSource          *self,
                                                   gint64               osd_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray       *kdcc_source_list_osd_pgs_finish  (KdccSource          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
