/* kdcc-redactor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a replacement hid. The diagnostics manifest reports the counts per
 * file and kind, so a reader knows what was taken out without seeing it. */
typedef enum
{
  KDCC_REDACTION_CEPHX_KEY,        /* AQ…== base64 cephx secrets */
  KDCC_REDACTION_SECRET_FIELD,     /* key/secret/password/token fields and lines */
  KDCC_REDACTION_CONFIG_KEY,       /* values of the config-key store */
  KDCC_REDACTION_URL_CREDENTIALS,  /* the password in scheme://user:password@host */
  KDCC_REDACTION_BEARER_TOKEN,     /* Authorization: Bearer/Basic … */
  KDCC_REDACTION_PRIVATE_KEY,      /* PEM "PRIVATE KEY" blocks */
  KDCC_REDACTION_N_KINDS
} KdccRedactionKind;

typedef struct
{
  guint counts[KDCC_REDACTION_N_KINDS];
} KdccRedactionCounts;

/* The text that replaces every secret. */
#define KDCC_REDACTED "[REDACTED]"

/* A stable, untranslated name for the manifest ("cephx_key", …). */
const char *kdcc_redaction_kind_to_string (KdccRedactionKind kind);
guint       kdcc_redaction_counts_total   (const KdccRedactionCounts *counts);
void        kdcc_redaction_counts_add     (KdccRedactionCounts       *into,
                                           const KdccRedactionCounts *counts);

/* Whether a field or option name names a secret: key, secret, password,
 * passwd, token, access_key, secret_key, and names ending in _key, _secret,
 * password, passwd or _token, case-insensitively. Only the part after the
 * last '/' counts, so "mgr/dashboard/GRAFANA_API_PASSWORD" is one. */
gboolean    kdcc_redactor_is_secret_name  (const char *name,
                                           gssize      length);

/* Redacts plain text (command output meant for people, logs). Returns a new
 * NUL-terminated string; text may contain NULs, which are kept. counts may
 * be NULL; otherwise the replacements are added to it. */
char       *kdcc_redact_text              (const char          *text,
                                           gsize                length,
                                           gsize               *out_length,
                                           KdccRedactionCounts *counts);

/* Redacts a JSON document without re-serialising it: everything but the
 * replaced strings stays byte for byte (numbers beyond 64 bits included).
 * all_values replaces every string and number value, as for the
 * `config-key dump` store. Fails with KDCC_ERROR_PARSE on malformed JSON;
 * callers then fall back to kdcc_redact_text(). */
char       *kdcc_redact_json              (const char          *json,
                                           gsize                length,
                                           gboolean             all_values,
                                           gsize               *out_length,
                                           KdccRedactionCounts *counts,
                                           GError             **error);

/* JSON when it parses, text otherwise: never fails. */
char       *kdcc_redact_auto              (const char          *data,
                                           gsize                length,
                                           gboolean             all_values,
                                           gsize               *out_length,
                                           KdccRedactionCounts *counts);

G_END_DECLS
