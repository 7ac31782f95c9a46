/* kdcc-option-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdcc-controls-state.h"

G_BEGIN_DECLS

#define KDCC_TYPE_OPTION_EDITOR (kdcc_option_editor_get_type ())

G_DECLARE_FINAL_TYPE (KdccOptionEditor, kdcc_option_editor, KDCC, OPTION_EDITOR, GtkWidget)

/* One option: what it is, where it is set, and an editor for its type
 * that stages a change (or the removal of a value) for a target. Emits
 * "see-also" (name) when one of its related options is clicked. */
GtkWidget  *kdcc_option_editor_new          (KdccControlsState *state,
                                             KdccConfigOption  *option);
/* The value as typed and the target, as the user would set them. */
void        kdcc_option_editor_set_value    (KdccOptionEditor  *self,
                                             const char        *value);
void        kdcc_option_editor_set_target   (KdccOptionEditor  *self,
                                             const char        *target);
/* The local validation message shown, or NULL when the value is valid. */
const char *kdcc_option_editor_get_error    (KdccOptionEditor  *self);
/* As the Stage button: checked against the catalog and the cluster, then
 * kdcc_stage_request() (a risky change asks first in its dialog, with the
 * command); the result shows in the editor's status line. */
void        kdcc_option_editor_stage        (KdccOptionEditor  *self,
                                             gboolean           reset);
const char *kdcc_option_editor_get_status   (KdccOptionEditor  *self);

G_END_DECLS
