/* kdcc-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The one HTTP layer every HTTP client of KDCC goes through (the Ceph
 * Dashboard today; Prometheus, Alertmanager, the Kubernetes API and identity
 * providers as they arrive). An answer is never trusted to end by itself: each
 * exchange has limits, and breaking one ends the exchange with a KDCC_ERROR
 * that names the request and the limit, drops the connection, and leaves the
 * caller's last good state alone.
 *
 * Limits of one request and its answer. Zero means "no limit" for each field,
 * which only tests should ask for. */
typedef struct
{
  /* Bytes of the body as they arrive on the connection (before gzip or
   * deflate is undone). An answer that announces more in Content-Length is
   * refused before its body is read. */
  guint64     max_body_bytes;
  /* Bytes of the body after Content-Encoding is undone: what ends up in
   * memory. This is the gzip-bomb cap. */
  guint64     max_decoded_bytes;
  /* The whole exchange, in milliseconds: connecting, sending, the status
   * line and headers, and every byte of the body. Not an idle timeout: a
   * peer that trickles one byte a second is cut off at the deadline too. */
  guint       deadline_ms;
  /* Redirects followed before the request fails as a redirect loop. */
  guint       max_redirects;
  /* The media type a successful (2xx) answer must have, or NULL for any.
   * "application/json" also accepts structured types such as
   * "application/vnd.ceph.api.v1.0+json". Error answers (4xx, 5xx) are not
   * checked: their body is only read for a detail message. */
  const char *content_type;
} KdccHttpLimits;

/* Streamed answers (Kubernetes watches, pod logs) go through
 * KdccHttpStream (kdcc-http-stream.h), which shares this layer's deadline,
 * redirect and content-type machinery and adds a per-event cap, a cap on
 * what is buffered, a silence deadline and reconnection. */

/* A session set up for kdcc_http_send(): no idle I/O timeout (the per-request
 * deadline replaces it), no automatic content decoding (kdcc_http_send()
 * undoes gzip and deflate itself so it can count both sizes), and KDCC's
 * user agent. */
SoupSession *kdcc_http_session_new (void);

/* Sends msg through session and reads its whole answer within limits.
 * Returns the decoded body (possibly empty) of any HTTP status; the status
 * and headers are on msg. Blocks: call it from a worker thread.
 *
 * Fails with
 *  - KDCC_ERROR_LIMIT when the body or its decoded form is larger than
 *    allowed (announced or counted),
 *  - KDCC_ERROR_TIMEOUT when the deadline passes,
 *  - KDCC_ERROR_HTTP for a redirect loop, a 2xx answer of the wrong content
 *    type, or a content encoding other than gzip, deflate or identity,
 *  - KDCC_ERROR_CONNECT when the connection breaks in the middle of the body,
 *  - or with the transport's own error (G_IO_ERROR, G_TLS_ERROR,
 *    G_RESOLVER_ERROR, G_IO_ERROR_CANCELLED when cancellable was cancelled)
 *    when the request could not be sent, so the caller can word it for its
 *    peer (a certificate to trust, a host that does not answer).
 *
 * The KDCC_ERROR messages name the method and URL of the request. On every
 * failure the connection is closed, never returned to the session's pool. */
GBytes      *kdcc_http_send        (SoupSession           *session,
                                    SoupMessage           *msg,
                                    const KdccHttpLimits  *limits,
                                    GCancellable          *cancellable,
                                    GError               **error);

/* Certificate pinning, for peers with self-signed certificates. */

/* Colon-separated uppercase hex SHA-256 of the certificate's DER. */
char        *kdcc_tls_fingerprint_sha256            (GTlsCertificate       *cert);
/* Accepts "ab:cd:..", "ABCD..", with spaces or a "SHA256 Fingerprint="
 * prefix as openssl prints it, and returns it spelled as
 * kdcc_tls_fingerprint_sha256() spells it; NULL unless it is 32 bytes of
 * hex. */
char        *kdcc_http_normalize_fingerprint        (const char            *text);
/* Why a certificate is not trusted, as the end of a sentence
 * ("it has expired"). */
char        *kdcc_http_describe_certificate_errors  (GTlsCertificateFlags   errors);

G_END_DECLS
