/* kdcc-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KDCC_ERROR (kdcc_error_quark ())

/* One domain for every failure that reaches the user. The code says what
 * kind of failure it is so the UI can offer the right way out (retry,
 * fix the password, trust a certificate, ...); the message says what
 * happened in words an admin understands. A cancelled operation is not
 * here: it is G_IO_ERROR_CANCELLED everywhere, as GIO reports it. */
typedef enum
{
  KDCC_ERROR_FAILED,
  KDCC_ERROR_PARSE,           /* malformed, truncated or wrongly typed JSON */
  KDCC_ERROR_CONNECT,         /* cluster or URL unreachable */
  KDCC_ERROR_TIMEOUT,
  KDCC_ERROR_AUTH,            /* wrong credentials, HTTP 401/403, -EACCES */
  KDCC_ERROR_TLS,             /* certificate not trusted or invalid */
  KDCC_ERROR_HTTP,            /* other HTTP status, e.g. 415 or 500 */
  KDCC_ERROR_COMMAND,         /* a Ceph command returned an error */
  KDCC_ERROR_INVALID_INPUT,   /* a value typed by the user is not valid */
  KDCC_ERROR_NOT_SUPPORTED,   /* the transport cannot do this */
  KDCC_ERROR_LIMIT,           /* an answer is larger than its size limit */
} KdccError;

GQuark kdcc_error_quark (void);

G_END_DECLS
