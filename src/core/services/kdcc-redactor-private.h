/* kdcc-redactor-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the text rules (kdcc-redactor.c) and the JSON scanner
 * (kdcc-redactor-json.c): each redacts what the other finds embedded (a
 * JSON command inside a log line, text inside a JSON string).
 */
#pragma once

#include <string.h>

#include "kdcc-redactor.h"

G_BEGIN_DECLS

/* Nesting beyond this is not Ceph output; refusing it keeps a hostile or
 * corrupt document from exhausting the stack. */
#define MAX_DEPTH 256

/* Whether s (len bytes) is word, ignoring ASCII case. */
static inline gboolean
equal_ci (const char *s,
          gsize       len,
          const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (s, word, len) == 0;
}

/* Adds one replacement of kind to counts (which may be NULL). */
void      redactor_count       (KdccRedactionCounts  *counts,
                                KdccRedactionKind     kind);
/* Applies the text rules to buf in place; depth counts embedded JSON. */
void      redactor_text_buffer (GString              *buf,
                                int                   depth,
                                KdccRedactionCounts  *counts);
/* kdcc_redact_json() at a nesting depth. */
char     *redactor_json        (const char           *json,
                                gsize                 length,
                                gboolean              all_values,
                                int                   depth,
                                gsize                *out_length,
                                KdccRedactionCounts  *counts,
                                GError              **error);

G_END_DECLS
