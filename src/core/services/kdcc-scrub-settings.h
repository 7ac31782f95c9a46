/* kdcc-scrub-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-config-catalog.h"
#include "kdcc-scrub-math.h"

G_BEGIN_DECLS

/* The options that shape scrubbing and its two health checks. */
typedef enum
{
  KDCC_SCRUB_OPT_BEGIN_HOUR,
  KDCC_SCRUB_OPT_END_HOUR,
  KDCC_SCRUB_OPT_BEGIN_WEEK_DAY,
  KDCC_SCRUB_OPT_END_WEEK_DAY,
  KDCC_SCRUB_OPT_MIN_INTERVAL,
  KDCC_SCRUB_OPT_MAX_INTERVAL,
  KDCC_SCRUB_OPT_DEEP_INTERVAL,
  KDCC_SCRUB_OPT_MAX_SCRUBS,
  KDCC_SCRUB_OPT_LOAD_THRESHOLD,
  KDCC_SCRUB_OPT_SLEEP,
  KDCC_SCRUB_OPT_DURING_RECOVERY,
  KDCC_SCRUB_OPT_WARN_RATIO,
  KDCC_SCRUB_OPT_WARN_DEEP_RATIO,
  KDCC_SCRUB_N_OPTS,
} KdccScrubOption;

/* Where a value in force comes from. */
typedef enum
{
  KDCC_SCRUB_ORIGIN_DEFAULT,  /* nothing stored: the compiled-in default */
  KDCC_SCRUB_ORIGIN_GLOBAL,   /* the global section */
  KDCC_SCRUB_ORIGIN_SECTION,  /* the daemon type's section: osd, mgr, mon */
  KDCC_SCRUB_ORIGIN_MASK,     /* a section with a mask: osd/class:ssd */
  KDCC_SCRUB_ORIGIN_DAEMON,   /* one daemon: osd.3 */
  KDCC_SCRUB_ORIGIN_POOL,     /* a pool's own option */
} KdccScrubOrigin;

/* A value stored for fewer daemons than the whole type (a mask or one
 * daemon): it differs from the value in force for those only. */
typedef struct
{
  char            *who;      /* "osd.3", "osd/class:ssd", "global/host:a" */
  KdccScrubOrigin  origin;
  double           value;
} KdccScrubOverride;

typedef struct
{
  /* As the OSDs read it: osd section, else global, else the default. */
  double           value;
  KdccScrubOrigin  origin;
  /* As the mgr reads it (it raises PG_NOT_(DEEP_)SCRUBBED): the mgr
   * section, else global, else the default. */
  double           mgr_value;
  KdccScrubOrigin  mgr_origin;
  double           default_value;
  GPtrArray       *overrides;  /* (element-type KdccScrubOverride) */
  /* A value stored in a section the mgr does not read (osd, mon), which
   * differs from what the mgr uses; NULL otherwise. */
  char            *hidden_from_mgr;   /* the section, "osd" */
  double           hidden_value;
} KdccScrubSetting;

typedef struct
{
  KdccScrubSetting  options[KDCC_SCRUB_N_OPTS];
  /* Cluster flags; flags_known is FALSE when the connection cannot tell. */
  gboolean          flags_known;
  gboolean          noscrub;
  gboolean          nodeep_scrub;
} KdccScrubSettings;

/* Ceph's option name ("osd_scrub_begin_hour"). */
const char        *kdcc_scrub_option_name         (KdccScrubOption     option);
/* "default", "global", "osd", "mask", "daemon", "pool" (untranslated, for
 * JSON) and the translated label. */
const char        *kdcc_scrub_origin_to_string    (KdccScrubOrigin     origin);
const char        *kdcc_scrub_origin_to_label     (KdccScrubOrigin     origin);
/* Whether the value is seconds (intervals), for formatting. */
gboolean           kdcc_scrub_option_is_interval  (KdccScrubOption     option);

/* Settings with Pacific's defaults and nothing stored. */
KdccScrubSettings *kdcc_scrub_settings_new        (void);
void               kdcc_scrub_settings_free       (KdccScrubSettings  *self);
KdccScrubSettings *kdcc_scrub_settings_copy       (const KdccScrubSettings *self);
/* Replaces a default (from the option's metadata: `config help`). */
void               kdcc_scrub_settings_set_default (KdccScrubSettings *self,
                                                    KdccScrubOption    option,
                                                    double             value);
/* Resolves every option from VALUES (element-type KdccConfigValue: what
 * `config dump` stores), as Ceph's config map does for an OSD and for the
 * mgr: a daemon's own section over its type's over global, a matching
 * mask over the plain value of the same section. */
void               kdcc_scrub_settings_resolve    (KdccScrubSettings  *self,
                                                   GPtrArray          *values);
/* Defaults and stored values from a loaded catalog. */
void               kdcc_scrub_settings_load_catalog (KdccScrubSettings *self,
                                                     KdccConfigCatalog *catalog);
/* Sets the value in force for the OSDs and the mgr alike, as a value
 * stored at global scope would: what the schedule editor tries out. */
void               kdcc_scrub_settings_try_value  (KdccScrubSettings  *self,
                                                   KdccScrubOption     option,
                                                   double              value);
KdccScrubWindow    kdcc_scrub_settings_get_window (const KdccScrubSettings *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccScrubSettings, kdcc_scrub_settings_free)

G_END_DECLS
