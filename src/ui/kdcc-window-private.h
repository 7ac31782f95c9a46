/* kdcc-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-health-badge.h"
#include "kdcc-job-manager.h"
#include "kdcc-jobs-button.h"
#include "kdcc-upgrade-watch.h"
#include "kdcc-window.h"

G_BEGIN_DECLS

/* The window spans three files along its seams:
 *   kdcc-window.c          the connection (one KdccSession), status pages,
 *                          stale banner, GObject plumbing;
 *   kdcc-window-sidebar.c  the page rows built from the page registry, the
 *                          saved clusters, and in-page navigation (history,
 *                          sub-pages, subjects);
 *   kdcc-window-actions.c  the win.* actions and their shortcuts;
 *   kdcc-window-health.c   muting checks, notifications, subjects asked
 *                          for before the data. */
struct _KdccWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkListBox           *pages_list;
  GtkListBox           *profiles_list;
  GtkWidget            *no_profiles_label;
  GtkListBox           *unsaved_list;
  GtkLabel             *unsaved_label;
  GtkWidget            *sidebar_button;
  GtkWidget            *back_button;
  GtkLabel             *title_label;
  KdccHealthBadge      *header_badge;
  GtkBox               *header_end_box;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_title;
  GtkLabel             *banner_detail;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkStack             *panel_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *progress_page;
  AdwStatusPage        *error_page;
  GtkSpinner           *progress_spinner;
  GtkWidget            *demo_button;
  KdccJobsButton       *jobs_button;

  /* Owned references */
  KdccSettings         *settings;
  KdccProfileStore     *profile_store;
  KdccSecretStore      *secret_store;
  KdccDemoCluster      *demo_cluster;
  KdccProfile          *profile;
  KdccSession          *session;
  /* Long work of every panel (diagnostics, ...), shown by jobs_button. */
  KdccJobManager       *job_manager;
  /* Borrowed from the session while there is one. */
  KdccCluster          *cluster;
  KdccMonitor          *monitor;
  GBinding             *interval_binding;
  GBinding             *heavy_binding;
  GBinding             *busy_binding;    /* monitor "busy" -> refresh_spinner */
  GtkSpinner           *refresh_spinner;
  /* KdccPanel per registry entry, in registry order. */
  GPtrArray            *panels;
  /* Names of panel_stack children to go back to, oldest first. */
  GPtrArray            *history;
  guint                 next_subpage;
  char                 *last_toast;
  /* Removed clusters whose toast still offers Undo: id -> KdccProfile. The
   * saved password is cleared only when the toast goes without an Undo. */
  GHashTable           *removed;
  char                 *removed_open_id;  /* the removed one that was open */
  /* Cancelled when the window closes. */
  GCancellable         *cancellable;
  /* Cancelled when the current connection is replaced. */
  GCancellable         *connect_cancellable;
  guint                 banner_tick_id;
  gboolean              demo_starting;

  /* kdcc-window-health.c */
  GHashTable           *known_checks;     /* code -> severity and count; NULL before data */
  char                 *pending_subject;  /* shown once the first data is in */
  char                 *last_notification;
  guint                 notifications_sent;
  /* The session's automated upgrade (kdcc-upgrade-watch.h). */
  KdccUpgradeWatch     *upgrade_watch;
};

/* kdcc-window.c */
void     _kdcc_window_update_state               (KdccWindow  *self);
void     _kdcc_window_update_title               (KdccWindow  *self);
void     _kdcc_window_show_page                  (KdccWindow  *self,
                                                  const char  *name);
void     _kdcc_window_show_progress              (KdccWindow  *self,
                                                  const char  *title,
                                                  const char  *description);
void     _kdcc_window_show_error                 (KdccWindow  *self,
                                                  const char  *title,
                                                  const char  *message);
void     _kdcc_window_disconnect                 (KdccWindow  *self);
KdccCapabilities _kdcc_window_get_capabilities   (KdccWindow  *self);

/* kdcc-window-sidebar.c */
void     _kdcc_window_sidebar_init               (KdccWindow  *self);
void     _kdcc_window_sidebar_bind_profiles      (KdccWindow  *self);
void     _kdcc_window_sidebar_dispose            (KdccWindow  *self);
void     _kdcc_window_select_current_profile_row (KdccWindow  *self);
/* Marks pages the connection cannot offer, and leaves such a page when it
 * is the one shown. */
void     _kdcc_window_update_page_rows           (KdccWindow  *self);
/* Shows the panel_stack child name; with push, the current one is kept in
 * the history for "win.go-back", otherwise the history is cleared. */
void     _kdcc_window_navigate                   (KdccWindow  *self,
                                                  const char  *name,
                                                  gboolean     push);
gboolean _kdcc_window_go_back                    (KdccWindow  *self);
void     _kdcc_window_update_navigation          (KdccWindow  *self);
void     _kdcc_window_show_subject               (KdccWindow  *self,
                                                  const char  *text);

/* kdcc-window-health.c */
void       _kdcc_window_health_connect           (KdccWindow  *self);
void       _kdcc_window_health_dispose           (KdccWindow  *self);
/* Asks, then mutes or unmutes code; returns the dialog. */
GtkWidget *_kdcc_window_confirm_mute             (KdccWindow  *self,
                                                  const char  *code,
                                                  gboolean     mute);

/* kdcc-window-actions.c */
void     _kdcc_window_class_add_actions          (GtkWidgetClass *widget_class);
void     _kdcc_window_update_actions             (KdccWindow  *self);

/* Clears the saved passwords of removed clusters whose Undo is pending. */
void _kdcc_window_forget_removed (KdccWindow *self);

/* The sidebar rows' health icons: the open cluster's live (and saved as
 * its last known), the others' last known. */
void _kdcc_window_update_profile_health (KdccWindow *self);

/* Shows TOAST and remembers its title for kdcc_window_get_last_toast(). */
void _kdcc_window_show_toast (KdccWindow *self,
                              AdwToast   *toast);

G_END_DECLS
