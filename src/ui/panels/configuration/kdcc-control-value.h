/* kdcc-control-value.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One control of a control page (a GtkSpinButton, GtkDropDown of
 * GtkStringList or GtkEntry) bound to a value of the cluster, which it
 * follows: while the admin has not touched it, it shows what the cluster
 * holds now; once touched it keeps the admin's value, and its note (a label
 * to put beside it) says what the cluster holds when that is no longer
 * what the control started from. */
typedef struct _KdccControlValue KdccControlValue;

/* EDITOR starts at VALUE (NULL: the spin's 0, the drop-down's first item,
 * an empty entry). Does not take EDITOR; the page owns both widgets. */
KdccControlValue *kdcc_control_value_new      (GtkWidget        *editor,
                                               const char       *value);
void              kdcc_control_value_free     (KdccControlValue *self);
GtkWidget        *kdcc_control_value_get_editor (KdccControlValue *self);
GtkWidget        *kdcc_control_value_get_note (KdccControlValue *self);
/* The value as the admin left it (a spin's typed text counts). */
char             *kdcc_control_value_dup_text (KdccControlValue *self);
/* Puts TEXT into the editor as the admin would (it is then touched unless
 * TEXT is what the cluster holds). */
void              kdcc_control_value_set_text (KdccControlValue *self,
                                               const char       *text);
/* The cluster's value now, from a refresh of the model. */
void              kdcc_control_value_follow   (KdccControlValue *self,
                                               const char       *value);
/* The note shown, or NULL. */
const char       *kdcc_control_value_get_note_text (KdccControlValue *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccControlValue, kdcc_control_value_free)

G_END_DECLS
