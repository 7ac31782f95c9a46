/* kdcc-connect-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-profile-store.h"
#include "kdcc-profile.h"
#include "kdcc-secret-store.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CONNECT_DIALOG (kdcc_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KdccConnectDialog, kdcc_connect_dialog, KDCC, CONNECT_DIALOG, AdwWindow)

/* Asks how to reach a cluster, tries it (a KdccSession with its first
 * snapshot, off the main thread) and only then saves the profile and its
 * password. A failed
 * attempt is explained inside the dialog and keeps everything typed; an
 * untrusted dashboard certificate is shown with its SHA-256 fingerprint and
 * trusted only by an explicit action.
 *
 * Signal "connected" (KdccProfile *profile, KdccSession *session (not yet
 * started, its cluster holding the first snapshot), const char *notice
 * (nullable)): emitted once after a successful attempt, just before the
 * dialog closes; the handler takes the session over; notice is
 * something the window should tell the user, e.g. that the password is kept
 * for this session only. */
KdccConnectDialog *kdcc_connect_dialog_new            (GtkWindow         *parent,
                                                       KdccProfileStore  *store,
                                                       KdccSecretStore   *secrets);
/* Pre-fills the fields from a saved profile; connecting then updates that
 * profile instead of adding a new one. */
void               kdcc_connect_dialog_set_profile    (KdccConnectDialog *self,
                                                       KdccProfile       *profile);
void               kdcc_connect_dialog_set_message    (KdccConnectDialog *self,
                                                       const char        *message);

/* For tests: drive the dialog like a user would. */
void               kdcc_connect_dialog_set_kind       (KdccConnectDialog *self,
                                                       KdccProfileKind    kind);
void               kdcc_connect_dialog_set_field      (KdccConnectDialog *self,
                                                       const char        *field,
                                                       const char        *text);
gboolean           kdcc_connect_dialog_get_busy       (KdccConnectDialog *self);
/* The error shown after a failed attempt, or NULL. */
const char        *kdcc_connect_dialog_get_error      (KdccConnectDialog *self);
/* The validation message under the fields, or NULL when they are valid. */
const char        *kdcc_connect_dialog_get_validation (KdccConnectDialog *self);
/* The fingerprint offered for trust, or NULL. */
const char        *kdcc_connect_dialog_get_offered_fingerprint (KdccConnectDialog *self);

/* Whether the "Unencrypted Connection" warning for an http:// Dashboard
 * URL on another machine (loopback addresses are not warned about) is shown (the next attempt needs "Connect Anyway",
 * dialog.connect-insecure); and the main button's label ("C_onnect", or
 * "_Save" when editing). Editing a saved Dashboard connection with the
 * password field left empty keeps the saved password; a change of the
 * name alone saves without reconnecting and emits "connected" with a NULL
 * session. */
/* What "Already Saved" says when the cluster connected to (same fsid) is
 * saved under another profile, else NULL. "dialog.open-saved" then emits
 * "open-saved" (KdccProfile *saved) and closes; connecting again saves the
 * new connection anyway. */
const char        *kdcc_connect_dialog_get_duplicate_text   (KdccConnectDialog *self);
gboolean           kdcc_connect_dialog_get_insecure_warning (KdccConnectDialog *self);
const char        *kdcc_connect_dialog_get_connect_label    (KdccConnectDialog *self);
/* The Kubernetes part (kdcc-connect-kube.h): with the Kubernetes kind,
 * "Connect" opens the first checked cluster and saves every checked one as
 * a profile of its own. */
struct _KdccConnectKube *kdcc_connect_dialog_get_kube   (KdccConnectDialog *self);

G_END_DECLS
