/* kdcc-connect-dialog-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include <gio/gio.h>

#include "kdcc-connect-dialog.h"
#include "kdcc-connect-kube.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

struct _KdccConnectDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkWidget        *form;
  GtkStack         *connect_stack;
  GtkSpinner       *spinner;
  GtkLabel         *message_label;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_title;
  GtkLabel         *error_label;
  GtkRevealer      *trust_revealer;
  GtkRevealer      *insecure_revealer;
  GtkRevealer      *duplicate_revealer;
  GtkLabel         *duplicate_label;
  KdccProfile      *duplicate;         /* the saved profile of the same cluster */
  GtkLabel         *connect_label;
  GtkLabel         *fingerprint_label;
  GtkCheckButton   *direct_check;
  GtkCheckButton   *dashboard_check;
  GtkCheckButton   *kubernetes_check;
  KdccConnectKube  *kube_box;
  AdwEntryRow      *name_row;
  GtkWidget        *direct_group;
  AdwEntryRow      *conf_row;
  AdwEntryRow      *keyring_row;
  AdwEntryRow      *client_row;
  GtkWidget        *dashboard_group;
  AdwEntryRow      *url_row;
  AdwEntryRow      *user_row;
  AdwEntryRow      *password_row;
  GtkLabel         *validation_label;

  /* Owned references */
  KdccProfileStore *store;
  KdccSecretStore  *secrets;
  KdccProfile      *edited;          /* the saved profile being edited, or NULL */
  KdccProfile      *attempt_profile; /* what the running or last attempt used */
  GPtrArray        *kube_extra;      /* more Kubernetes profiles to add with it */
  KdccSession      *session;         /* the successful attempt's, until "connected" */
  guint             attempt_serial;  /* tells a late answer from the current attempt's */
  GCancellable     *cancellable;
  char             *trusted_fingerprint;
  char             *offered_fingerprint;
  char             *validation;
  char             *notice;

  gboolean          busy;
  gboolean          touched;
  gboolean          filling;
  gboolean          insecure_confirmed; /* "Connect Anyway" for this http:// URL */
  gboolean          duplicate_confirmed; /* "Connect" again after "Already Saved" */
};

/* The heading above a connection error ("Access Denied"). */
const char *_kdcc_connect_dialog_error_title (const GError *error);

void        _kdcc_connect_dialog_choose_file_action (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *param);

G_END_DECLS
