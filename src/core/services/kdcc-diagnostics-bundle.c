/* kdcc-diagnostics-bundle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundle of one run: every file redacted, manifest.json and
 * SUMMARY.txt, written as a .tar.gz that appears only when complete.
 */
#define G_LOG_DOMAIN "kdcc-diagnostics"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kdcc-diagnostics-private.h"
#include "kdcc-diagnostics-summary.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-redactor.h"

/* ------------------------------------------------------------------------
 * The bundle
 * ------------------------------------------------------------------------ */

typedef struct
{
  char   *path;
  GBytes *data;
} BundleFile;

static void
bundle_file_free (gpointer data)
{
  BundleFile *file = data;

  g_free (file->path);
  g_bytes_unref (file->data);
  g_free (file);
}

static void
add_bundle_file (GPtrArray  *files,
                 const char *path,
                 GBytes     *data)
{
  BundleFile *file = g_new0 (BundleFile, 1);

  file->path = g_strdup (path);
  file->data = g_bytes_ref (data);
  g_ptr_array_add (files, file);
}

static const char *
task_state_to_string (DiagTaskState state)
{
  switch (state)
    {
    case TASK_DONE: return "ok";
    case TASK_FAILED: return "failed";
    case TASK_TIMED_OUT: return "timeout";
    case TASK_NOT_AVAILABLE: return "not-available";
    case TASK_CANCELLED: return "cancelled";
    case TASK_PENDING:
    case TASK_RUNNING:
    default: return "not-run";
    }
}

static char *
redact_string (const char          *text,
               gboolean             redact,
               KdccRedactionCounts *counts)
{
  if (text == NULL)
    return NULL;
  if (!redact)
    return g_strdup (text);
  return kdcc_redact_text (text, strlen (text), NULL, counts);
}

/* Redacts one gathered output. An all-secret document that is not JSON is
 * dropped whole: there is no telling which part of it is safe. */
static GBytes *
redact_task_data (DiagTask            *task,
                  KdccRedactionCounts *counts)
{
  gsize len, out_len;
  const char *data = g_bytes_get_data (task->data, &len);
  char *out;

  if (task->flags & KDCC_DIAGNOSTICS_ITEM_ALL_SECRET)
    {
      out = len > 0 ? kdcc_redact_json (data, len, TRUE, &out_len, counts, NULL) : g_strdup ("");
      if (out == NULL)
        {
          counts->counts[KDCC_REDACTION_CONFIG_KEY]++;
          out = g_strdup (KDCC_REDACTED "\n");
        }
      out_len = strlen (out);
    }
  else if (task->is_json)
    out = kdcc_redact_auto (data, len, FALSE, &out_len, counts);
  else
    out = kdcc_redact_text (data, len, &out_len, counts);

  return g_bytes_new_take (out, out_len);
}

static char *
iso_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static char *
fsid_from_status (GHashTable *documents)
{
  GBytes *status = g_hash_table_lookup (documents, KDCC_DIAG_FILE_STATUS);
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  const char *data;

  if (status == NULL)
    return NULL;
  data = g_bytes_get_data (status, &len);
  root = kdcc_json_load (KDCC_DIAG_FILE_STATUS, data, len, NULL);
  return g_strdup (kdcc_json_find_string (kdcc_json_as_object (root), "fsid"));
}

/* Builds every file of the bundle in memory, in the order they go into the
 * tar: SUMMARY.txt, manifest.json, then the items. */
GPtrArray *
_kdcc_diagnostics_build_bundle (DiagRun   *run,
                                GDateTime *created,
                                double     duration_s)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (bundle_file_free);
  g_autoptr(GPtrArray) item_files = g_ptr_array_new_with_free_func (bundle_file_free);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) not_gathered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(JsonBuilder) manifest = json_builder_new ();
  g_autoptr(JsonNode) manifest_node = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GBytes) summary_bytes = NULL;
  g_autofree char *created_iso = g_date_time_format_iso8601 (created);
  g_autofree char *summary = NULL;
  KdccRedactionCounts total = { { 0 } };
  KdccRedactionCounts summary_counts = { { 0 } };
  KdccDiagnosticsSummaryInfo info = { 0 };
  guint n_ok = 0, n_items = 0;
  g_autofree char *fsid = NULL;

  json_builder_begin_object (manifest);
  json_builder_set_member_name (manifest, "items");
  json_builder_begin_array (manifest);

  for (guint i = 0; i < run->tasks->len; i++)
    {
      DiagTask *task = g_ptr_array_index (run->tasks, i);
      KdccRedactionCounts counts = { { 0 } };
      g_autoptr(GBytes) out = NULL;
      g_autofree char *started = iso_time (task->started);
      g_autofree char *error = redact_string (task->error, run->redact, &counts);
      g_autofree char *ceph_status = redact_string (task->ceph_status, run->redact, &counts);

      n_items++;
      if (task->state == TASK_DONE)
        {
          n_ok++;
          if (task->target != KDCC_DIAGNOSTICS_TARGET_KDCC)
            run->n_cluster_ok++;
          out = run->redact ? redact_task_data (task, &counts) : g_bytes_ref (task->data);
          add_bundle_file (item_files, task->file, out);
          if (task->is_json)
            g_hash_table_insert (documents, task->file, task->data);
        }
      else if (task->state == TASK_NOT_AVAILABLE)
        g_ptr_array_add (not_gathered, g_strdup_printf ("%s: %s", task->name, error));
      else
        {
          g_ptr_array_add (failed, g_strdup_printf ("%s (%s): %s", task->name,
                                                    task_state_to_string (task->state),
                                                    error != NULL ? error : ""));
          if (run->first_error == NULL && error != NULL)
            run->first_error = g_strdup (error);
        }
      kdcc_redaction_counts_add (&total, &counts);

      json_builder_begin_object (manifest);
      json_builder_set_member_name (manifest, "item");
      json_builder_add_string_value (manifest, task->name);
      json_builder_set_member_name (manifest, "file");
      if (task->state == TASK_DONE)
        json_builder_add_string_value (manifest, task->file);
      else
        json_builder_add_null_value (manifest);
      json_builder_set_member_name (manifest, "target");
      json_builder_add_string_value (manifest, kdcc_diagnostics_target_to_string (task->target));
      json_builder_set_member_name (manifest, "command");
      json_builder_add_string_value (manifest, task->command);
      json_builder_set_member_name (manifest, "format");
      json_builder_add_string_value (manifest, task->is_json ? "json" : "text");
      json_builder_set_member_name (manifest, "started");
      if (started != NULL)
        json_builder_add_string_value (manifest, started);
      else
        json_builder_add_null_value (manifest);
      json_builder_set_member_name (manifest, "duration_ms");
      json_builder_add_double_value (manifest, task->duration_us / 1000.0);
      json_builder_set_member_name (manifest, "bytes");
      json_builder_add_int_value (manifest, out != NULL ? (gint64) g_bytes_get_size (out) : 0);
      json_builder_set_member_name (manifest, "status");
      json_builder_add_string_value (manifest, task_state_to_string (task->state));
      json_builder_set_member_name (manifest, "error");
      if (error != NULL && task->state != TASK_DONE)
        json_builder_add_string_value (manifest, error);
      else
        json_builder_add_null_value (manifest);
      if (ceph_status != NULL && ceph_status[0] != '\0')
        {
          json_builder_set_member_name (manifest, "ceph_status");
          json_builder_add_string_value (manifest, ceph_status);
        }
      json_builder_set_member_name (manifest, "redactions");
      json_builder_begin_object (manifest);
      for (guint k = 0; k < KDCC_REDACTION_N_KINDS; k++)
        if (counts.counts[k] > 0)
          {
            json_builder_set_member_name (manifest, kdcc_redaction_kind_to_string (k));
            json_builder_add_int_value (manifest, counts.counts[k]);
          }
      json_builder_end_object (manifest);
      json_builder_end_object (manifest);
    }
  json_builder_end_array (manifest);

  /* The analysis reads the gathered documents as they came; only its
   * rendered text goes into the bundle, redacted like everything else. */
  findings = kdcc_diagnostics_analyse (documents);
  fsid = fsid_from_status (documents);
  /* A Dashboard connection cannot run `ceph status`; the session knows the
   * fsid all the same, and the bundle must say which cluster it is of. */
  if (fsid == NULL)
    fsid = g_strdup (run->fsid);
  info.kdcc_version = PACKAGE_VERSION;
  info.created = created_iso;
  info.source_kind = kdcc_source_get_kind (run->source);
  info.fsid = fsid;
  info.redacted = run->redact;
  info.redactions = kdcc_redaction_counts_total (&total);
  info.n_items = n_items;
  info.n_ok = n_ok;
  info.failed = failed;
  info.not_gathered = not_gathered;
  info.duration_s = duration_s;
  summary = kdcc_diagnostics_summary_render (&info, findings);
  if (run->redact)
    {
      char *redacted = kdcc_redact_text (summary, strlen (summary), NULL, &summary_counts);

      g_free (summary);
      summary = redacted;
      kdcc_redaction_counts_add (&total, &summary_counts);
    }

  json_builder_set_member_name (manifest, "kdcc_version");
  json_builder_add_string_value (manifest, PACKAGE_VERSION);
  json_builder_set_member_name (manifest, "created");
  json_builder_add_string_value (manifest, created_iso);
  json_builder_set_member_name (manifest, "source_kind");
  json_builder_add_string_value (manifest, kdcc_source_get_kind (run->source));
  json_builder_set_member_name (manifest, "fsid");
  if (fsid != NULL)
    json_builder_add_string_value (manifest, fsid);
  else
    json_builder_add_null_value (manifest);
  json_builder_set_member_name (manifest, "redacted");
  json_builder_add_boolean_value (manifest, run->redact);
  json_builder_set_member_name (manifest, "duration_ms");
  json_builder_add_double_value (manifest, duration_s * 1000.0);
  json_builder_set_member_name (manifest, "n_items");
  json_builder_add_int_value (manifest, n_items);
  json_builder_set_member_name (manifest, "n_ok");
  json_builder_add_int_value (manifest, n_ok);
  json_builder_set_member_name (manifest, "summary_redactions");
  json_builder_begin_object (manifest);
  for (guint k = 0; k < KDCC_REDACTION_N_KINDS; k++)
    if (summary_counts.counts[k] > 0)
      {
        json_builder_set_member_name (manifest, kdcc_redaction_kind_to_string (k));
        json_builder_add_int_value (manifest, summary_counts.counts[k]);
      }
  json_builder_end_object (manifest);
  json_builder_set_member_name (manifest, "redactions_total");
  json_builder_begin_object (manifest);
  for (guint k = 0; k < KDCC_REDACTION_N_KINDS; k++)
    {
      json_builder_set_member_name (manifest, kdcc_redaction_kind_to_string (k));
      json_builder_add_int_value (manifest, total.counts[k]);
    }
  json_builder_end_object (manifest);
  json_builder_end_object (manifest);
  manifest_node = json_builder_get_root (manifest);
  manifest_bytes = _kdcc_diagnostics_node_to_bytes (manifest_node);

  run->n_items = n_items;
  run->n_failed = failed->len;
  run->n_not_available = not_gathered->len;
  run->n_redactions = kdcc_redaction_counts_total (&total);
  run->summary = g_strdup (summary);
  summary_bytes = g_bytes_new_take (g_steal_pointer (&summary), strlen (run->summary));

  add_bundle_file (files, "SUMMARY.txt", summary_bytes);
  add_bundle_file (files, "manifest.json", manifest_bytes);
  for (guint i = 0; i < item_files->len; i++)
    {
      BundleFile *file = g_ptr_array_index (item_files, i);

      add_bundle_file (files, file->path, file->data);
    }
  return g_steal_pointer (&files);
}

static gboolean
archive_failed (struct archive  *archive,
                const char      *path,
                GError         **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot write %s: %s"), path,
               archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
  return FALSE;
}

/* Writes the files as a gzip'd tar under a folder named like the bundle. */
static gboolean
write_archive (int            fd,
               const char    *path,
               const char    *folder,
               GPtrArray     *files,
               GDateTime     *created,
               GCancellable  *cancellable,
               GError       **error)
{
  struct archive *archive = archive_write_new ();
  gboolean ok = FALSE;

  if (archive_write_add_filter_gzip (archive) != ARCHIVE_OK
      || archive_write_set_format_pax_restricted (archive) != ARCHIVE_OK
      || archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    {
      archive_failed (archive, path, error);
      goto out;
    }

  for (guint i = 0; i < files->len; i++)
    {
      BundleFile *file = g_ptr_array_index (files, i);
      struct archive_entry *entry;
      g_autofree char *name = g_strdup_printf ("%s/%s", folder, file->path);
      gsize len;
      const void *data = g_bytes_get_data (file->data, &len);
      la_ssize_t written = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, len);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_mtime (entry, g_date_time_to_unix (created), 0);
      if (archive_write_header (archive, entry) != ARCHIVE_OK)
        {
          archive_entry_free (entry);
          archive_failed (archive, path, error);
          goto out;
        }
      archive_entry_free (entry);
      if (len > 0)
        written = archive_write_data (archive, data, len);
      if (written < 0 || (gsize) written != len)
        {
          archive_failed (archive, path, error);
          goto out;
        }
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      archive_failed (archive, path, error);
      goto out;
    }
  ok = TRUE;

out:
  archive_write_free (archive);
  return ok;
}

static char *
bundle_folder_name (const char *output_path)
{
  g_autofree char *base = g_path_get_basename (output_path);

  if (g_str_has_suffix (base, ".tar.gz"))
    base[strlen (base) - strlen (".tar.gz")] = '\0';
  else if (g_str_has_suffix (base, ".tgz"))
    base[strlen (base) - strlen (".tgz")] = '\0';
  if (base[0] == '\0' || base[0] == '.')
    return g_strdup ("kdcc-diagnostics");
  return g_steal_pointer (&base);
}

/* Writes to a hidden temporary file in the target folder and renames it
 * into place only once it is complete, so a reader never sees half a
 * bundle and a failure or cancel leaves nothing behind. */
gboolean
_kdcc_diagnostics_write_bundle (const char    *output_path,
                                GPtrArray     *files,
                                GDateTime     *created,
                                goffset       *out_size,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (output_path);
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX.partial", dir, base);
  g_autofree char *folder = bundle_folder_name (output_path);
  GStatBuf st;
  int fd;

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot create a file in %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (!write_archive (fd, output_path, folder, files, created, cancellable, error)
      || fsync (fd) != 0
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot write %s: %s"), tmp_path,
                     g_strerror (errno));
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  close (fd);

  if (g_rename (tmp_path, output_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED, _("Cannot create %s: %s"), output_path,
                   g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_stat (output_path, &st) == 0)
    *out_size = st.st_size;
  return TRUE;
}

