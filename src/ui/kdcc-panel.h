/* kdcc-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-cluster.h"
#include "kdcc-session.h"
#include "kdcc-subject.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PANEL (kdcc_panel_get_type ())

G_DECLARE_DERIVABLE_TYPE (KdccPanel, kdcc_panel, KDCC, PANEL, GtkWidget)

/* The base of every page in the window's sidebar. A panel shows one
 * session (the "session" property, NULL while none is connected): its
 * cluster, source, capabilities and refresh errors. "cluster" is the
 * session's cluster; it can also be set alone, for a panel shown without a
 * connection (tests feeding snapshots). A panel owns a GCancellable that is
 * cancelled when the panel is disposed or the session or cluster changes,
 * so pending work of a panel never outlives what it was for. A panel never
 * reaches up to the window for what it needs: it takes it from the session.
 *
 * Subclasses get a single child through the BIN layout (a template's root
 * child) and override cluster_changed() to connect to the new cluster and
 * session_changed() for what else the session brings (called after
 * cluster_changed() when both change).
 *
 * Navigation: a panel opens a sub-page with kdcc_panel_push_subpage() (the
 * window shows it with a back button; Alt+Left returns), and shows one thing
 * ("win.show-subject", e.g. health/OSD_DOWN) in show_subject(), for the
 * subject kinds its registry entry declares. */
struct _KdccPanelClass
{
  GtkWidgetClass parent_class;

  void     (*cluster_changed) (KdccPanel         *self,
                               KdccCluster       *old_cluster);
  void     (*session_changed) (KdccPanel         *self,
                               KdccSession       *old_session);
  /* Returns FALSE when the subject is not there (no such check, pool...). */
  gboolean (*show_subject)    (KdccPanel         *self,
                               const KdccSubject *subject);

  gpointer padding[6];
};

KdccSession  *kdcc_panel_get_session     (KdccPanel   *self);
/* Also sets the cluster to the session's (NULL with NULL). */
void          kdcc_panel_set_session     (KdccPanel   *self,
                                          KdccSession *session);
/* The session's cluster, or the one set alone. */
KdccCluster  *kdcc_panel_get_cluster     (KdccPanel   *self);
void          kdcc_panel_set_cluster     (KdccPanel   *self,
                                          KdccCluster *cluster);
GCancellable *kdcc_panel_get_cancellable (KdccPanel   *self);
gboolean      kdcc_panel_show_subject    (KdccPanel         *self,
                                          const KdccSubject *subject);
/* Emits "push-subpage" (page, title): whoever shows the panel (the window)
 * shows page on top of it until the user goes back. */
/* For a widget inside a panel that follows the panel's session (call from
 * its root and unroot vfuncs). */
typedef void (*KdccPanelSessionFunc) (KdccPanel  *panel,
                                      GParamSpec *pspec,
                                      gpointer    user_data);
KdccPanel    *kdcc_panel_follow_session  (GtkWidget            *widget,
                                          KdccPanelSessionFunc  func,
                                          gpointer              user_data);
void          kdcc_panel_unfollow_session (KdccPanel          *panel,
                                           gpointer            user_data);
void          kdcc_panel_push_subpage    (KdccPanel   *self,
                                          GtkWidget   *page,
                                          const char  *title);

G_END_DECLS
