/* kdcc-release-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Ceph releases, their newest point releases and end of life, and which
 * Ceph releases each Rook line runs: the catalog shipped in
 * data/release-catalog.json (compiled into the program, so it works
 * installed, uninstalled and offline), optionally refreshed from Koor's
 * version service (ceph-facts.md §8). It answers, for a running version:
 * which release it is, whether that release is past its end of life, the
 * newest point release of it, and the releases an upgrade may go to (Ceph
 * skips at most one major release, ceph-facts.md §7). */

typedef struct
{
  guint major;
  guint minor;
  guint patch;
} KdccCephVersion;

/* Reads "16.2.15", "v18.2.7", "19.2.0-0" (Rook's label) or a whole
 * "ceph version 16.2.15 (hash) pacific (stable)". */
gboolean  kdcc_ceph_version_parse     (const char            *text,
                                       KdccCephVersion       *version);
int       kdcc_ceph_version_compare   (const KdccCephVersion *a,
                                       const KdccCephVersion *b);
char     *kdcc_ceph_version_to_string (const KdccCephVersion *version);

/* What the catalog says about a running version. */
typedef enum
{
  KDCC_RELEASE_STATE_UNKNOWN_VERSION,   /* not a Ceph version we can read */
  KDCC_RELEASE_STATE_CURRENT,           /* the newest point release of its release */
  KDCC_RELEASE_STATE_UPDATE_AVAILABLE,  /* a newer point release exists */
  KDCC_RELEASE_STATE_CATALOG_OUTDATED,  /* newer than anything the catalog knows */
} KdccReleaseState;

/* How the last question to the version service went. */
typedef enum
{
  KDCC_VERSION_SERVICE_NOT_ASKED,       /* off (the default), or not asked yet */
  KDCC_VERSION_SERVICE_OK,              /* answered; the catalog took what was newer */
  KDCC_VERSION_SERVICE_NOTHING_NEWER,   /* answered NotFound: it knows nothing newer */
  KDCC_VERSION_SERVICE_UNREACHABLE,     /* no answer (refused, timed out, TLS) */
  KDCC_VERSION_SERVICE_INVALID_ANSWER,  /* an answer that is not the protocol */
} KdccVersionServiceState;

typedef struct
{
  char    *name;            /* "quincy" */
  guint    major;           /* 17 */
  char    *newest;          /* "17.2.9" */
} KdccReleaseTarget;

typedef struct
{
  KdccReleaseState  state;
  char             *running;               /* "16.2.15", NULL when unknown */
  char             *release_name;          /* "pacific", NULL when not in the catalog */
  guint             major;
  char             *newest;                /* newest point release of the release */
  char             *newest_released;       /* its date, NULL when unknown (from the service) */
  char             *end_of_life;           /* "2024-03-04", NULL when unknown */
  gboolean          end_of_life_estimated;
  gboolean          is_end_of_life;        /* the date has passed */
  GPtrArray        *upgrade_targets;       /* (element-type KdccReleaseTarget), oldest first */
} KdccReleaseCheck;

void kdcc_release_check_free (KdccReleaseCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccReleaseCheck, kdcc_release_check_free)

#define KDCC_TYPE_RELEASE_CATALOG (kdcc_release_catalog_get_type ())

G_DECLARE_FINAL_TYPE (KdccReleaseCatalog, kdcc_release_catalog, KDCC, RELEASE_CATALOG, GObject)

/* The shipped catalog. */
KdccReleaseCatalog *kdcc_release_catalog_new           (void);
/* A catalog from JSON in the shipped format; KDCC_ERROR_PARSE naming what
 * is wrong when it is not. */
KdccReleaseCatalog *kdcc_release_catalog_new_from_bytes (GBytes             *json,
                                                         GError            **error);
KdccReleaseCatalog *kdcc_release_catalog_new_from_file  (const char         *path,
                                                         GError            **error);

/* "2026-11-30": when the catalog was written. */
const char *kdcc_release_catalog_get_date     (KdccReleaseCatalog *self);
/* Days between the catalog's date and today (or now_utc when not NULL). */
gint        kdcc_release_catalog_get_age_days (KdccReleaseCatalog *self,
                                               GDateTime          *now_utc);
/* The Rook lines that run a Ceph release ("1.16", "1.17", …), NULL-terminated. */
GStrv       kdcc_release_catalog_dup_rook_for (KdccReleaseCatalog *self,
                                               const char         *release_name);

/* What the catalog says about the running version (any form
 * kdcc_ceph_version_parse reads). now_utc decides end of life; NULL means
 * now. Never NULL. */
KdccReleaseCheck *kdcc_release_catalog_check  (KdccReleaseCatalog *self,
                                               const char         *running,
                                               GDateTime          *now_utc);

/* Properties "version-service-state" (KdccVersionServiceState) and
 * "version-service-message" (string: why, for the last three states). */
KdccVersionServiceState kdcc_release_catalog_get_version_service_state   (KdccReleaseCatalog *self);
const char             *kdcc_release_catalog_get_version_service_message (KdccReleaseCatalog *self);

/* Asks Koor's version service at endpoint (e.g. https://versions.koor.tech)
 * for the newest Ceph it knows, telling it the running version, through the
 * bounded HTTP layer; the catalog raises a release's newest point release
 * (or adds a release) when the answer is newer, never lowers one. Fails only
 * on cancellation or a bad endpoint; an unreachable service or a garbage
 * answer completes with TRUE and leaves the catalog as it was, the outcome
 * in "version-service-state". */
void     kdcc_release_catalog_refresh_async  (KdccReleaseCatalog  *self,
                                              const char          *endpoint,
                                              const char          *running,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean kdcc_release_catalog_refresh_finish (KdccReleaseCatalog  *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The bounds of one question to the version service: its answer is a few
 * hundred bytes, so 64 kB and 15 s by default. Taken by the next
 * kdcc_release_catalog_refresh_async. */
void     kdcc_release_catalog_set_service_limits (KdccReleaseCatalog *self,
                                                  guint64             max_body_bytes,
                                                  guint               deadline_ms);

/* The version service the settings name (key "version-service-url") when
 * the user turned it on ("version-service-enabled", off by default), or
 * NULL: also NULL when the settings schema is not installed. */
char    *kdcc_release_catalog_dup_endpoint_from_settings (void);

G_END_DECLS
