/* kdcc-test-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-profile-store.h"
#include "kdcc-secret-store.h"
#include "kdcc-settings.h"
#include "kdcc-window.h"

G_BEGIN_DECLS

/* The main window with its own settings, an empty profile store in a new
 * temporary folder and the session's Secret Service: what the GUI tests
 * that drive the whole window start from. Used as a GTest fixture. */
typedef struct
{
  KdccSettings     *settings;
  KdccProfileStore *store;
  KdccSecretStore  *secrets;
  KdccWindow       *window;   /* NULL once destroyed (weak pointer) */
} KdccTestWindow;

/* Makes the window; width and height 0 keep its default size. */
void kdcc_test_window_open  (KdccTestWindow *w,
                             int             width,
                             int             height);
/* Destroys the window, spins the main loop for settle_ms so that what it
 * started on the way out (password clean-ups, cancelled fetches) ends, and
 * asserts that the window, the store and the settings were finalized. */
void kdcc_test_window_close (KdccTestWindow *w,
                             guint           settle_ms);

/* The text a GtkLabel or a table's KdccTextCell shows; NULL for any other
 * widget. */
const char *kdcc_test_widget_text (GtkWidget *widget);

G_END_DECLS
