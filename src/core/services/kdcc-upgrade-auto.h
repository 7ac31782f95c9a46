/* kdcc-upgrade-auto.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-release-catalog.h"
#include "kdcc-upgrade-state.h"

G_BEGIN_DECLS

/* Automated upgrades per cluster (issue 15): the setting (disabled, notify,
 * or upgrade within a maintenance window), kept per fsid beside the
 * upgrade state ($XDG_STATE_HOME/kdcc/upgrade/FSID.auto.json), and the
 * scheduler's decision. The decision is pure: the clock (its time zone is
 * the window's), the setting, the catalog, the running version, the
 * preflight and any upgrade in progress decide it, so the app's timer, the
 * CLI's --check and the tests share it.
 *
 * "Safe" target: the catalog has no field that marks one, so the scheduler
 * takes the newest release the catalog offers as an upgrade target
 * (Ceph's rule: skip at most one major release) whose newest point release
 * is a stable one (x.2.z; x.0 and x.1 are Ceph's development and release
 * candidate lines). Point releases of the running release are not
 * scheduled: the package-based roll moves between releases. */

typedef enum
{
  KDCC_AUTO_UPGRADE_DISABLED,
  KDCC_AUTO_UPGRADE_NOTIFY,
  KDCC_AUTO_UPGRADE_WINDOW,
} KdccAutoUpgradeMode;

/* A weekly maintenance window in local wall-clock time: on each day of
 * DAYS it opens at START_MINUTE and closes DURATION_MINUTES later, both
 * counted on the clock on the wall (a window "Sun 01:00 4h" closes at
 * 05:00 local on the day summer time starts too, three real hours later). */
typedef struct
{
  guint8 days;               /* bit (G_DATE_MONDAY - 1) … bit (G_DATE_SUNDAY - 1) */
  guint  start_minute;       /* 0 … 1439 */
  guint  duration_minutes;   /* 1 … 1440 */
} KdccAutoUpgradeWindow;

typedef struct
{
  KdccAutoUpgradeMode    mode;
  KdccAutoUpgradeWindow  window;            /* days == 0: none set */
  char                  *restart_template;  /* for the window's roll; NULL: manual */
  gboolean               notifications;     /* desktop notifications (default TRUE) */
  GStrv                  accepted_warnings; /* health codes the window's preflight accepts; NULL: none */
  char                  *notified_target;   /* the last target "available" was told for */
} KdccAutoUpgradeSettings;

KdccAutoUpgradeSettings *kdcc_auto_upgrade_settings_new  (void);
void                     kdcc_auto_upgrade_settings_free (KdccAutoUpgradeSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccAutoUpgradeSettings, kdcc_auto_upgrade_settings_free)

/* $XDG_STATE_HOME/kdcc/upgrade/FSID.auto.json */
char                    *kdcc_auto_upgrade_settings_path (const char *fsid);
/* The defaults (disabled) when the file does not exist; KDCC_ERROR_PARSE
 * when it does not read as a setting. */
KdccAutoUpgradeSettings *kdcc_auto_upgrade_settings_load (const char  *fsid,
                                                          GError     **error);
gboolean                 kdcc_auto_upgrade_settings_save (const KdccAutoUpgradeSettings *settings,
                                                          const char                    *fsid,
                                                          GError                       **error);
char                    *kdcc_auto_upgrade_settings_to_json (const KdccAutoUpgradeSettings *settings);

/* "disabled", "notify", "window"; parse is FALSE for anything else. */
const char *kdcc_auto_upgrade_mode_to_string (KdccAutoUpgradeMode  mode);
gboolean    kdcc_auto_upgrade_mode_parse     (const char          *text,
                                              KdccAutoUpgradeMode *mode);

/* Reads "Sat 02:00 4h", "Sat,Sun 22:30 90m", "Mon-Fri 01:00 2h30m",
 * "daily 03:00 1h" (day names in English, any case). KDCC_ERROR_INVALID_INPUT
 * saying what is wrong. */
gboolean kdcc_auto_upgrade_window_parse     (const char            *text,
                                             KdccAutoUpgradeWindow *window,
                                             GError               **error);
/* The form parse reads: "Sat 02:00 4h"; "" when days is 0. */
char    *kdcc_auto_upgrade_window_to_string (const KdccAutoUpgradeWindow *window);

/* Whether NOW (in its own time zone) is inside WINDOW: then *start and
 * *end (nullable) get the opening and closing of that window. Otherwise
 * *start and *end get the next one. FALSE with both NULL when the window
 * has no day. */
gboolean kdcc_auto_upgrade_window_find      (const KdccAutoUpgradeWindow *window,
                                             GDateTime                   *now,
                                             GDateTime                  **start,
                                             GDateTime                  **end);

/* The newest safe target for RUNNING (see above), or NULL. */
KdccReleaseTarget *kdcc_auto_upgrade_safe_target (KdccReleaseCatalog *catalog,
                                                  const char         *running,
                                                  GDateTime          *now_utc);
void               kdcc_auto_upgrade_target_free (KdccReleaseTarget  *target);

typedef enum
{
  KDCC_AUTO_UPGRADE_NOTHING,           /* see the reason */
  KDCC_AUTO_UPGRADE_NOTIFY_AVAILABLE,  /* tell the admin the target exists */
  KDCC_AUTO_UPGRADE_START,             /* the window is open: upgrade now */
  KDCC_AUTO_UPGRADE_WAIT_UNTIL,        /* a target waits for the next window */
} KdccAutoUpgradeAction;

typedef struct
{
  const char             *running;      /* the oldest daemon's version; NULL when unknown */
  const GPtrArray        *preflight;    /* (element-type KdccPreflightCheck); NULL: not run */
  const KdccUpgradeState *in_progress;  /* the saved upgrade, NULL when none */
} KdccAutoUpgradeInput;

typedef struct
{
  KdccAutoUpgradeAction  action;
  char                  *target_release;  /* "reef"; NULL when there is none */
  char                  *target_version;  /* "18.2.8" */
  GDateTime             *window_start;    /* START: the open window's; WAIT_UNTIL: the next */
  GDateTime             *window_end;
  char                  *reason;          /* translated: what and why */
} KdccAutoUpgradeDecision;

void kdcc_auto_upgrade_decision_free (KdccAutoUpgradeDecision *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccAutoUpgradeDecision, kdcc_auto_upgrade_decision_free)

/* NOW is local time in the zone the window means (the app and the CLI pass
 * g_date_time_new_now_local ()). Never starts outside the window, with a
 * failed or missing preflight, or while an upgrade is in progress. */
KdccAutoUpgradeDecision *kdcc_auto_upgrade_decide (const KdccAutoUpgradeSettings *settings,
                                                   KdccReleaseCatalog            *catalog,
                                                   GDateTime                     *now,
                                                   const KdccAutoUpgradeInput    *input);
/* "nothing", "notify-available", "start", "wait-until" */
const char *kdcc_auto_upgrade_action_to_string (KdccAutoUpgradeAction action);

G_END_DECLS
