/* kdcc-cli-sso.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-cli-controls.h"

G_BEGIN_DECLS

/* `kdcc-cli sso status|setup saml2|disable|roles|users …|plan …`.
 * argv[0] is "sso". */
int kdcc_cli_sso (int    argc,
                  char **argv);

G_END_DECLS
