/* kdcc-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-error"

#include "config.h"

#include "kdcc-error.h"

G_DEFINE_QUARK (kdcc-error-quark, kdcc_error)
