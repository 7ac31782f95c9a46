/* kdcc-test-cut-relay.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A TCP relay on 127.0.0.1 in front of the host and port of a real server
 * (the test cluster's dashboard), for cutting a connection in the middle
 * of an answer. It passes bytes both ways on threads of its own. Requests
 * whose first bytes are request_prefix (e.g. "GET /api/health/full ") are
 * watched: the relay counts their answers' bytes on the wire, headers
 * included (the dashboard compresses its answers for libsoup, which asks
 * for gzip, so that is less than the body libsoup hands over). */
typedef struct _KdccTestCutRelay KdccTestCutRelay;

KdccTestCutRelay *kdcc_test_cut_relay_new              (const char    *target_url,
                                                 const char    *request_prefix);
guint16        kdcc_test_cut_relay_get_port         (KdccTestCutRelay *self);
/* The bytes of the last watched answer passed so far. */
guint          kdcc_test_cut_relay_get_answer_bytes (KdccTestCutRelay *self);
/* While cut_after is not 0, the relay closes both sides of a connection
 * once cut_after bytes of a watched answer went through; 0 passes
 * everything again. */
void           kdcc_test_cut_relay_set_cut_after    (KdccTestCutRelay *self,
                                                 guint          cut_after);
/* How many connections were cut. */
guint          kdcc_test_cut_relay_get_cuts         (KdccTestCutRelay *self);
/* Stops accepting, ends every connection and joins the threads. */
void           kdcc_test_cut_relay_free             (KdccTestCutRelay *self);

G_END_DECLS
