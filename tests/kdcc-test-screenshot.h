/* kdcc-test-screenshot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets up GTK and libadwaita for a UI test and loads the app's style sheet,
 * which KdccApplication would load in the real app. Points the XDG config,
 * data and cache homes at a temporary directory (not XDG_DATA_DIRS, which
 * G_TEST_OPTION_ISOLATE_DIRS would hide the icon theme with). Call after
 * g_test_init. */
void     kdcc_test_ui_init          (void);

/* A profiles.ini path in a new, empty temporary directory. */
char    *kdcc_test_profiles_path    (void);

/* Spins the main context for ms milliseconds (lets transitions finish). */
void     kdcc_test_settle           (guint      ms);

/* Waits until widget is mapped and its frame clock has painted at least
 * twice after a queued redraw, i.e. what the screen shows is up to date.
 * Fails the test after timeout_ms. */
void     kdcc_test_wait_for_paint   (GtkWidget *widget,
                                     guint      timeout_ms);

/* Renders widget in-process with its window's renderer and saves it as
 * $KDCC_SCREENSHOT_DIR/<name>.png. Returns the path (free it). Fails the
 * test when it cannot. */
char    *kdcc_test_screenshot       (GtkWidget  *widget,
                                     const char *name);

G_END_DECLS
