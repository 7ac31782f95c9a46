/* fuzz-diagnostics-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over the diagnostics summary; see README.md. The
 * input is split at NUL bytes into documents; the first byte of each picks
 * the bundle file it stands for, so one input can combine, say, a status
 * and a malformed osd df tree.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-diagnostics-summary.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *files[] = {
  KDCC_DIAG_FILE_STATUS,
  KDCC_DIAG_FILE_HEALTH_DETAIL,
  KDCC_DIAG_FILE_VERSIONS,
  KDCC_DIAG_FILE_DF_DETAIL,
  KDCC_DIAG_FILE_OSD_TREE,
  KDCC_DIAG_FILE_OSD_DF_TREE,
  KDCC_DIAG_FILE_OSD_DUMP,
  KDCC_DIAG_FILE_POOL_LS_DETAIL,
  KDCC_DIAG_FILE_QUORUM_STATUS,
  KDCC_DIAG_FILE_MGR_DUMP,
  KDCC_DIAG_FILE_PG_DUMP_STUCK,
  KDCC_DIAG_FILE_PG_DUMP_BRIEF,
  KDCC_DIAG_FILE_CRASH_LS,
  KDCC_DIAG_FILE_TIME_SYNC,
  KDCC_DIAG_FILE_DASH_HEALTH,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GHashTable *documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) g_bytes_unref);
  GPtrArray *findings;
  GPtrArray *failed = g_ptr_array_new ();
  GPtrArray *not_gathered = g_ptr_array_new ();
  KdccDiagnosticsSummaryInfo info = {
    .kdcc_version = "0", .created = "2026-01-01T00:00:00Z", .source_kind = "rados",
    .fsid = NULL, .failed = failed, .not_gathered = not_gathered,
  };
  char *text;
  gsize pos = 0;

  while (pos < size)
    {
      const uint8_t *end = memchr (data + pos, '\0', size - pos);
      gsize doc_end = end != NULL ? (gsize) (end - data) : size;

      if (doc_end > pos)
        {
          const char *file = files[data[pos] % G_N_ELEMENTS (files)];

          /* Each document gets its own exact-sized copy so ASan sees any
           * read past its end. */
          g_hash_table_replace (documents, (gpointer) file,
                                g_bytes_new (data + pos + 1, doc_end - pos - 1));
        }
      pos = doc_end + 1;
    }

  findings = kdcc_diagnostics_analyse (documents);
  g_assert (findings != NULL);
  info.n_items = g_hash_table_size (documents);
  text = kdcc_diagnostics_summary_render (&info, findings);
  g_assert (text != NULL && g_utf8_validate (text, -1, NULL));

  g_free (text);
  g_ptr_array_unref (findings);
  g_ptr_array_unref (failed);
  g_ptr_array_unref (not_gathered);
  g_hash_table_unref (documents);
  return 0;
}
