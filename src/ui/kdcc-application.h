/* kdcc-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-demo-cluster.h"
#include "kdcc-profile-store.h"
#include "kdcc-secret-store.h"
#include "kdcc-settings.h"

G_BEGIN_DECLS

#define KDCC_TYPE_APPLICATION (kdcc_application_get_type ())

G_DECLARE_FINAL_TYPE (KdccApplication, kdcc_application, KDCC, APPLICATION, AdwApplication)

/* `kdcc [connection flags]`: the flags are the ones kdcc-cli takes (see
 * kdcc-connection-options.h) and open that cluster at once; plain `kdcc`
 * opens the last used profile, or the first-run page. */
KdccApplication  *kdcc_application_new                (void);
KdccSettings     *kdcc_application_get_settings       (KdccApplication *self);
KdccProfileStore *kdcc_application_get_profile_store  (KdccApplication *self);
KdccSecretStore  *kdcc_application_get_secret_store   (KdccApplication *self);
KdccDemoCluster  *kdcc_application_get_demo_cluster   (KdccApplication *self);

G_END_DECLS
