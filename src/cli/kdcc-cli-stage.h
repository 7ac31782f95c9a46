/* kdcc-cli-stage.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-cli-controls.h"

G_BEGIN_DECLS

/* `kdcc-cli stage list|add|drop|apply|rollback`. argv[0] is "stage". */
int kdcc_cli_stage (int    argc,
                    char **argv);

/* Checks OPERATION against the catalog and the cluster, stages it, and
 * with APPLY applies it at once and reports the verified result (`config
 * set` and `config rm`). Returns the exit status. */
int kdcc_cli_stage_operation (KdccCliControls *controls,
                              KdccOperation   *operation,
                              const char      *confirmation,
                              gboolean         apply,
                              gboolean         json);

/* Whether the words after `stage add` (ARGV[0] on) name a pool, OSD or
 * flag operation rather than a config change (kdcc-cli-stage-ops.c). */
gboolean       kdcc_cli_stage_is_operation_words (int      argc,
                                                  char   **argv);
/* The operation those words name, validated; NULL with
 * KDCC_ERROR_INVALID_INPUT and one clear sentence otherwise. */
KdccOperation *kdcc_cli_stage_parse_operation    (int      argc,
                                                  char   **argv,
                                                  GError **error);

/* One change as JSON (what `stage list --json` prints per change). */
JsonNode *kdcc_cli_stage_change_to_json (KdccStagedChange *change,
                                         guint             position);

G_END_DECLS
