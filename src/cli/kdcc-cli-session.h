/* kdcc-cli-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
