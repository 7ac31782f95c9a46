/* kdcc-cli-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-connection-options.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-release-catalog.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

/* Opens the session every command works on: runs a main loop until
 * kdcc_session_new_async() has finished. password is the one the
 * connection flags resolved (NULL for direct connections). When the
 * creation fails with KDCC_ERROR_TLS against a Dashboard,
 * *out_peer_fingerprint (if not NULL) receives the certificate's SHA-256
 * fingerprint so the message can say how to trust it. */
KdccSession *kdcc_cli_open_session (KdccProfile       *profile,
                                    const char        *password,
                                    KdccSessionFlags   flags,
                                    char             **out_peer_fingerprint,
                                    GError           **error);

/* What most commands start with: resolves the connection flags (their
 * warnings printed on stderr as "kdcc-cli: …"), then opens the session. */
KdccSession *kdcc_cli_connect (KdccConnectionOptions  *options,
                               GError                **error);

/* The daemons by name and version from `<type> metadata` (mon commands);
 * NULL when the connection cannot run mon commands (the Dashboard). */
GPtrArray *kdcc_cli_fetch_named_daemons (KdccSession *session);

/* The survey of the session's versions, named where the connection can. */
KdccVersionSurvey *kdcc_cli_version_survey (KdccSession *session);

/* The shipped release catalog; with SERVICE (a version service URL, or
 * NULL to take the one the settings name, if any) also what it answers
 * for NEWEST. *asked: whether a service was asked. */
KdccReleaseCatalog *kdcc_cli_load_catalog (const char  *service,
                                           const char  *newest,
                                           gboolean    *asked,
                                           GError     **error);

G_END_DECLS
