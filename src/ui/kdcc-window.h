/* kdcc-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-cluster.h"
#include "kdcc-demo-cluster.h"
#include "kdcc-job-manager.h"
#include "kdcc-monitor.h"
#include "kdcc-profile-store.h"
#include "kdcc-profile.h"
#include "kdcc-secret-store.h"
#include "kdcc-session.h"
#include "kdcc-settings.h"

G_BEGIN_DECLS

#define KDCC_TYPE_WINDOW (kdcc_window_get_type ())

G_DECLARE_FINAL_TYPE (KdccWindow, kdcc_window, KDCC, WINDOW, AdwApplicationWindow)

/* The main window: a sidebar with the pages and the saved clusters, and the
 * content with one cluster at a time.
 *
 * Construct properties (all optional; the window makes its own when NULL):
 * "settings" (KdccSettings), "profile-store" (KdccProfileStore),
 * "secret-store" (KdccSecretStore), "demo-cluster" (KdccDemoCluster).
 * Read-only: "session" (KdccSession, NULL when none is open) and "cluster"
 * (its KdccCluster).
 *
 * The window keeps one session: it creates it (kdcc_session_new_async) for
 * a profile, hands it to every panel, binds the refresh intervals from the
 * settings to its monitor, and closes it on the main thread when another
 * cluster is opened and when the window goes away. */
KdccWindow       *kdcc_window_new                  (GtkApplication   *application,
                                                    KdccSettings     *settings,
                                                    KdccProfileStore *profile_store,
                                                    KdccSecretStore  *secret_store,
                                                    KdccDemoCluster  *demo_cluster);

/* Opens a cluster. password is used for dashboard profiles; when NULL it is
 * looked up in the secret store, and the connect dialog asks for it when
 * none is saved. */
void              kdcc_window_open_profile         (KdccWindow       *self,
                                                    KdccProfile      *profile,
                                                    const char       *password);
/* Shows an open session (the connect dialog's, a test's) and starts it;
 * the window keeps a reference and closes it when replaced. */
void              kdcc_window_open_session         (KdccWindow       *self,
                                                    KdccSession      *session);
/* Closes the current cluster and shows the first-run page. */
void              kdcc_window_close_cluster        (KdccWindow       *self);
/* Shows the connect dialog; profile (nullable) pre-fills it for editing,
 * message (nullable) is shown at its top. Returns the dialog. */
GtkWindow        *kdcc_window_show_connect_dialog  (KdccWindow       *self,
                                                    KdccProfile      *profile,
                                                    const char       *message);
void              kdcc_window_start_demo           (KdccWindow       *self);
void              kdcc_window_add_toast            (KdccWindow       *self,
                                                    const char       *title);

/* Shows the top-level page PAGE_ID ("versions"), if the window has it. */
void              kdcc_window_show_page            (KdccWindow       *self,
                                                    const char       *page_id);

/* Shows a subject ("osd.3", see kdcc-subject.h) like "win.show-subject";
 * before the cluster's first data is in, once it is (`kdcc --show`,
 * notifications). */
void              kdcc_window_show_subject         (KdccWindow       *self,
                                                    const char       *subject);
/* The subject of the last health notification and how many were raised,
 * for tests (notifications go to the desktop). */
const char       *kdcc_window_get_last_notification (KdccWindow      *self,
                                                    guint            *n_sent);

KdccSession      *kdcc_window_get_session          (KdccWindow       *self);
KdccCluster      *kdcc_window_get_cluster          (KdccWindow       *self);
KdccMonitor      *kdcc_window_get_monitor          (KdccWindow       *self);
KdccProfile      *kdcc_window_get_profile          (KdccWindow       *self);
/* The window's jobs, listed by the header's jobs button. */
KdccJobManager   *kdcc_window_get_job_manager      (KdccWindow       *self);
/* "empty", "progress", "error" or "cluster" */
const char       *kdcc_window_get_visible_page     (KdccWindow       *self);
/* The panel_stack child shown: a registry id ("dashboard") or a sub-page
 * ("subpage-N"). */
const char       *kdcc_window_get_visible_panel    (KdccWindow       *self);
/* The panel registered under name, e.g. "dashboard". */
GtkWidget        *kdcc_window_get_panel            (KdccWindow       *self,
                                                    const char       *name);
GtkWidget        *kdcc_window_get_header_badge     (KdccWindow       *self);
gboolean          kdcc_window_get_banner_revealed  (KdccWindow       *self);
const char       *kdcc_window_get_banner_text      (KdccWindow       *self);
/* The text of the last toast shown, for tests. */
const char       *kdcc_window_get_last_toast       (KdccWindow       *self);
const char       *kdcc_window_get_error_text       (KdccWindow       *self);

G_END_DECLS
