/* kdcc-mgr-module.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_MGR_MODULE (kdcc_mgr_module_get_type ())

G_DECLARE_FINAL_TYPE (KdccMgrModule, kdcc_mgr_module, KDCC, MGR_MODULE, GObject)

/* One mgr module: enabled, always on, or failed with the reason. Properties (read-only, notified
 * on change): "name" (construct-only key), "enabled", "always-on", "can-run", "failed", "error".
 * Signal "changed" after an update that changed anything. */
KdccMgrModule       *kdcc_mgr_module_new                (const char *name);
const char          *kdcc_mgr_module_get_name           (KdccMgrModule *self);
gboolean             kdcc_mgr_module_get_enabled        (KdccMgrModule *self);
gboolean             kdcc_mgr_module_get_always_on      (KdccMgrModule *self);
gboolean             kdcc_mgr_module_get_can_run        (KdccMgrModule *self);
gboolean             kdcc_mgr_module_get_failed         (KdccMgrModule *self);
const char          *kdcc_mgr_module_get_error          (KdccMgrModule *self);
gboolean             kdcc_mgr_module_update             (KdccMgrModule           *self,
                                                         const KdccMgrModuleData *data);

/* The list sync of KdccMgrModule items from KdccMgrModuleData elements. */
extern const KdccListSync kdcc_mgr_module_list_sync;

G_END_DECLS

