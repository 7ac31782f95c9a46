/* kdcc-config-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-cluster.h"
#include "kdcc-config-option.h"
#include "kdcc-operation.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CONFIG_CATALOG (kdcc_config_catalog_get_type ())

G_DECLARE_FINAL_TYPE (KdccConfigCatalog, kdcc_config_catalog, KDCC, CONFIG_CATALOG, GObject)

/* Every option the cluster knows (a GListModel of KdccConfigOption, sorted
 * by name), with the values stored for each in the config database.
 *
 * Loading picks the fastest way the source offers: the Dashboard's
 * /api/cluster_conf (metadata and values in one answer); through
 * librados, one up OSD's own option table (`tell osd.N config help`, one
 * answer for all compiled-in options), `config help NAME` on the mon only
 * for the names `config ls` lists beyond it (mgr module options, or all
 * when no OSD is up), and `config dump` for the values.
 *
 * Properties: n-items, loaded (boolean), n-changed (options with a stored
 * value), method ("dashboard", "osd-table" or "mon-help": how the metadata
 * came), load-seconds (double); all notify on change. */
KdccConfigCatalog *kdcc_config_catalog_new            (void);

void               kdcc_config_catalog_load_async     (KdccConfigCatalog    *self,
                                                       KdccSource           *source,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           kdcc_config_catalog_load_finish    (KdccConfigCatalog    *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* Blocks the calling thread, which must own SELF (the CLI, tests). */
gboolean           kdcc_config_catalog_load_sync      (KdccConfigCatalog    *self,
                                                       KdccSource           *source,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
/* Reads only the stored values again (`config dump`) and updates each
 * option's values in place. Blocking; owner thread. */
gboolean           kdcc_config_catalog_refresh_values_sync (KdccConfigCatalog *self,
                                                       KdccSource           *source,
                                                       GCancellable         *cancellable,
                                                       GError              **error);

gboolean           kdcc_config_catalog_get_loaded     (KdccConfigCatalog    *self);
guint              kdcc_config_catalog_get_n_changed  (KdccConfigCatalog    *self);
const char        *kdcc_config_catalog_get_method     (KdccConfigCatalog    *self);
double             kdcc_config_catalog_get_load_seconds (KdccConfigCatalog  *self);
/* Transfer none; NULL when the cluster knows no such option. */
KdccConfigOption  *kdcc_config_catalog_lookup         (KdccConfigCatalog    *self,
                                                       const char           *name);

/* The options whose value is stored anywhere (changed from the default):
 * a new array of KdccConfigOption. */
GPtrArray         *kdcc_config_catalog_dup_changed    (KdccConfigCatalog    *self);

/* For a GtkCustomSorter: by service group (global, mon, mgr, osd, mds,
 * client, rgw), then level (basic first), then name. */
int                kdcc_config_option_compare_grouped (gconstpointer         a,
                                                       gconstpointer         b,
                                                       gpointer              user_data);

/* Everything the catalog can tell about OPERATION before it is staged:
 * kdcc_operation_validate(), then for config operations that the option
 * exists and the value parses and lies within min and max; with CLUSTER
 * (nullable), that the daemon, pool or OSD it names exists. Fills the
 * operation's apply mode: RUNTIME, or RESTART of the daemons WHO names
 * when the option cannot change at runtime. Fails with
 * KDCC_ERROR_INVALID_INPUT and one clear sentence. */
gboolean           kdcc_config_catalog_check_operation (KdccConfigCatalog   *self,
                                                       KdccOperation        *operation,
                                                       KdccCluster          *cluster,
                                                       GError              **error);

/* The part of kdcc_config_catalog_check_operation that needs no option
 * metadata, for pool, OSD, flag and health operations:
 * kdcc_operation_validate(), then with CLUSTER (nullable) that the pool
 * or OSD exists, that min_size stays within the pool's size and that an
 * erasure-coded pool's size is not changed. Config operations are only
 * validated. */
gboolean           kdcc_operation_check_target         (KdccOperation        *operation,
                                                       KdccCluster          *cluster,
                                                       GError              **error);
/* A config value far outside the usual range: ten times the option's
 * default (the daemon default when it has one) or more, or a tenth of it
 * or less, raises the risk to MEDIUM so that staging asks first. Only for
 * numeric options with a positive default. */
void               kdcc_operation_check_usual_range    (KdccOperation        *operation,
                                                       KdccConfigOption     *option);
/* Marking OSDs out in more than one failure domain at once: the copies a
 * placement group keeps in two hosts go at the same time, and pools of
 * size 2 (or min_size 2 of 3) stop serving some of their data. For an
 * OSD_OUT operation, raises its risk to HIGH when another host already has
 * an OSD out in CLUSTER or staged to go out in STAGED (a GListModel of
 * KdccStagedChange, nullable). Hosts are the failure domain of the
 * default CRUSH rule and of every rule KDCC's templates write. */
void               kdcc_operation_check_out_domains    (KdccOperation        *operation,
                                                       KdccCluster          *cluster,
                                                       GListModel           *staged);

G_END_DECLS
