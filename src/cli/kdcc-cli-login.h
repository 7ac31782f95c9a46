/* kdcc-cli-login.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* KDCC's own sign-in with an OpenID Connect provider (kdcc-oidc-*.h):
 *
 *   kdcc-cli login --issuer URL --client-id ID [--device] [--scope S]
 *                  [--client-secret-file FILE]
 *   kdcc-cli logout --issuer URL --client-id ID [--subject SUB]
 *   kdcc-cli accounts [--json]
 *
 * login prints the address to open (the browser is not started: the CLI
 * may run over ssh) and waits for the loopback redirect on 127.0.0.1, or
 * with --device prints a code to enter on any device. The refresh token
 * goes to the Secret Service; no token is ever printed. argv[0] is the
 * command's name. Exit status 0, 1 refused or failed, 2 usage. */
int kdcc_cli_login    (int    argc,
                       char **argv);
int kdcc_cli_logout   (int    argc,
                       char **argv);
int kdcc_cli_accounts (int    argc,
                       char **argv);

G_END_DECLS
