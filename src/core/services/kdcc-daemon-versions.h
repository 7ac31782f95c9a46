/* kdcc-daemon-versions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-release-catalog.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* Which Ceph version each daemon runs, and which daemons lag behind the
 * newest: from the counts of `ceph versions` (KdccVersionData, all a
 * Dashboard connection has) and, where mon commands run, from
 * `<type> metadata` with one entry per daemon. Pure, so the CLI, the
 * versions page and the tests share it. */

typedef struct
{
  char            *type;       /* "osd" */
  char            *name;       /* "osd.3"; NULL when only counted */
  char            *version;    /* as Ceph prints it */
  KdccCephVersion  parsed;
  gboolean         parsed_ok;
  gint64           count;      /* 1 for a named daemon */
} KdccDaemonVersion;

typedef struct
{
  GPtrArray       *counted;        /* KdccDaemonVersion per type and version, "overall" left out */
  GPtrArray       *named;          /* KdccDaemonVersion per daemon, or NULL */
  gboolean         have_versions;  /* some daemon reported a readable version */
  gboolean         mixed;          /* more than one version runs */
  char            *newest;         /* "18.2.7" */
  char            *oldest;         /* "16.2.15" */
} KdccVersionSurvey;

void               kdcc_daemon_version_free   (KdccDaemonVersion *daemon);

/* versions: KdccVersionData (kdcc_cluster_get_versions); named: the
 * daemons from kdcc_daemon_versions_parse_metadata, or NULL (taken). */
KdccVersionSurvey *kdcc_version_survey_new    (const GPtrArray   *versions,
                                               GPtrArray         *named);
void               kdcc_version_survey_free   (KdccVersionSurvey *survey);
/* The daemons behind the newest version, by name when the names are known,
 * else per type and version with their count; empty unless mixed.
 * Elements borrowed from the survey. */
GPtrArray         *kdcc_version_survey_dup_lagging (KdccVersionSurvey *survey);

/* Appends the daemons of `TYPE metadata -f json` (an array of objects with
 * "ceph_version" and "name", or "id" for OSDs) to daemons; entries without
 * a version are skipped. FALSE (KDCC_ERROR_PARSE) when json is not such an
 * array. */
gboolean kdcc_daemon_versions_parse_metadata (const char  *type,
                                              const char  *json,
                                              gssize       length,
                                              GPtrArray   *daemons,
                                              GError     **error);

/* Reads `<type> metadata` of mons, mgrs, OSDs and MDSs through source (mon
 * commands) on a worker thread: the named daemons for
 * kdcc_version_survey_new (element-type KdccDaemonVersion). A type whose
 * metadata cannot be read is left out; fails only when cancelled. */
void       kdcc_daemon_versions_fetch_named_async  (KdccSource          *source,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *kdcc_daemon_versions_fetch_named_finish (KdccSource          *source,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccVersionSurvey, kdcc_version_survey_free)

G_END_DECLS
