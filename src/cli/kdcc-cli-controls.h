/* kdcc-cli-controls.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-audit-log.h"
#include "kdcc-config-catalog.h"
#include "kdcc-session.h"
#include "kdcc-staging.h"

G_BEGIN_DECLS

#define KDCC_CLI_EXIT_FAILED 1
#define KDCC_CLI_EXIT_USAGE  2

/* What `config`, `stage` and `audit` share: the connection flags of
 * `status`, the session, the cluster's staging area and audit log (the
 * same files the app uses), and the option catalog when asked for. */
typedef struct
{
  KdccSession       *session;
  KdccStaging       *staging;
  KdccAuditLog      *audit;
  KdccConfigCatalog *catalog;   /* NULL unless loaded */
} KdccCliControls;

void     kdcc_cli_controls_clear   (KdccCliControls *controls);

/* Parses argv with the connection flags plus ENTRIES (summary and
 * parameter text as given), leaving the positional arguments in
 * ARGC and ARGV (argv[0] the command). Returns an exit status (0: go on). */
int      kdcc_cli_controls_parse   (const char         *parameter,
                                    const char         *summary,
                                    const GOptionEntry *entries,
                                    int                *argc,
                                    char             ***argv,
                                    KdccCliControls    *controls);
/* Loads the option catalog; returns an exit status. */
int      kdcc_cli_controls_load_catalog (KdccCliControls *controls);
/* Runs JOB to its end on a main loop; TRUE when it succeeded. */
gboolean kdcc_cli_controls_wait    (KdccJob         *job);
/* The one failure line; returns the exit status for ERROR. */
int      kdcc_cli_controls_fail    (const GError    *error);
int      kdcc_cli_controls_usage   (const char      *message);
/* Prints NODE as pretty JSON on standard output. */
void     kdcc_cli_controls_print_json (JsonNode     *node);

G_END_DECLS
