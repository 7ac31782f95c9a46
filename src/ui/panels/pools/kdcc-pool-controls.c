/* kdcc-pool-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings of one pool on its page, each staged with its exact
 * `ceph osd pool …` command.
 */
#define G_LOG_DOMAIN "kdcc-pool-controls"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-control-value.h"
#include "kdcc-pool-controls.h"
#include "kdcc-stage-request.h"

typedef enum
{
  EDITOR_SPIN,
  EDITOR_CHOICE,
  EDITOR_ENTRY,
} EditorKind;

typedef struct
{
  const char *key;        /* the pool variable or quota field */
  gboolean    quota;
  const char *title;
  const char *subtitle;
  EditorKind  kind;
  double      min, max, step;
  guint       digits;
  const char *choices;    /* |-separated, for EDITOR_CHOICE */
} Field;

/* A field's control, bound to its value on the cluster. */
typedef struct
{
  const Field      *field;
  KdccControlValue *value;
} Bound;

typedef struct
{
  KdccSession  *session;
  KdccPool     *pool_item;
  char         *pool;
  GHashTable   *bound;     /* key -> Bound */
  GHashTable   *buttons;   /* key -> its Stage button */
  GtkWidget    *app_entry;
  GtkWidget    *status_label;
  GCancellable *cancellable;
} Controls;

static void
bound_free (Bound *bound)
{
  kdcc_control_value_free (bound->value);
  g_free (bound);
}

static void
controls_free (Controls *controls)
{
  g_cancellable_cancel (controls->cancellable);
  g_clear_object (&controls->cancellable);
  g_signal_handlers_disconnect_by_data (controls->pool_item, controls);
  g_clear_object (&controls->pool_item);
  g_clear_object (&controls->session);
  g_free (controls->pool);
  g_hash_table_unref (controls->bound);
  g_hash_table_unref (controls->buttons);
  g_free (controls);
}

static Controls *
get_controls (GtkWidget *page)
{
  return g_object_get_data (G_OBJECT (page), "kdcc-pool-controls");
}

/* The field descriptions; gettext_noop, translated when the rows are made. */
static const Field replication_fields[] = {
  { "size", FALSE, N_("Size"), N_("Copies of each object"), EDITOR_SPIN, 1, 10, 1, 0, NULL },
  { "min_size", FALSE, N_("Minimum size"), NULL, EDITOR_SPIN, 1, 10, 1, 0, NULL },
};

static const Field pg_fields[] = {
  { "pg_autoscale_mode", FALSE, N_("Autoscaling"),
    N_("on: Ceph sets pg_num by itself; warn: a health warning only; off: never"),
    EDITOR_CHOICE, 0, 0, 0, 0, "on|warn|off" },
  { "pg_num", FALSE, N_("Placement groups"),
    N_("A power of two; what the autoscaler would change when it is on"),
    EDITOR_SPIN, 1, 65536, 1, 0, NULL },
  { "target_size_ratio", FALSE, N_("Target size ratio"),
    N_("The share of the cluster this pool is expected to fill, for the autoscaler (0: none)"),
    EDITOR_SPIN, 0, 100, 0.05, 2, NULL },
};

static const Field quota_fields[] = {
  { "max_bytes", TRUE, N_("Maximum size"),
    N_("Bytes, or with a suffix such as 500M or 10G (0: no quota); writes stop when it is reached"),
    EDITOR_ENTRY, 0, 0, 0, 0, NULL },
  { "max_objects", TRUE, N_("Maximum objects"), N_("0: no quota"),
    EDITOR_SPIN, 0, 1e12, 1000, 0, NULL },
};

static const Field compression_fields[] = {
  /* "unset" first: a pool without the option follows the OSDs'
   * bluestore_compression_* settings, which is what it shows then. */
  { "compression_mode", FALSE, N_("Mode"),
    N_("passive: when clients hint it; aggressive: unless they hint not to; force: always; "
       "unset: as the OSDs' bluestore_compression_mode"),
    EDITOR_CHOICE, 0, 0, 0, 0, "unset|none|passive|aggressive|force" },
  { "compression_algorithm", FALSE, N_("Algorithm"),
    N_("unset: as the OSDs' bluestore_compression_algorithm"),
    EDITOR_CHOICE, 0, 0, 0, 0, "unset|snappy|zlib|zstd|lz4" },
};

static const Field scrub_fields[] = {
  { "scrub_min_interval", FALSE, N_("Minimum scrub interval"),
    N_("Seconds between light scrubs when the cluster is idle (0: osd_scrub_min_interval)"),
    EDITOR_SPIN, 0, 1e9, 3600, 0, NULL },
  { "scrub_max_interval", FALSE, N_("Maximum scrub interval"),
    N_("Seconds after which a light scrub runs whatever the load (0: osd_scrub_max_interval)"),
    EDITOR_SPIN, 0, 1e9, 3600, 0, NULL },
  { "deep_scrub_interval", FALSE, N_("Deep scrub interval"),
    N_("Seconds between deep scrubs, which read all data (0: osd_deep_scrub_interval)"),
    EDITOR_SPIN, 0, 1e9, 3600, 0, NULL },
};

/* The value of a pool option as `osd pool get` names it, or NULL. */
static const char *
option_value (KdccPool   *pool,
              const char *name)
{
  const char * const *options = kdcc_pool_get_options (pool);
  gsize len = strlen (name);

  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    if (strncmp (options[i], name, len) == 0 && options[i][len] == '=')
      return options[i] + len + 1;
  return NULL;
}

static char *
current_value (KdccPool    *pool,
               const Field *field)
{
  if (g_str_equal (field->key, "size"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pool_get_size (pool));
  if (g_str_equal (field->key, "min_size"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pool_get_min_size (pool));
  if (g_str_equal (field->key, "pg_num"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pool_get_pg_num (pool));
  if (g_str_equal (field->key, "pg_autoscale_mode"))
    return g_strdup (kdcc_pool_get_autoscale_mode (pool));
  if (g_str_equal (field->key, "max_bytes"))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, kdcc_pool_get_quota_max_bytes (pool));
  if (g_str_equal (field->key, "max_objects"))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, kdcc_pool_get_quota_max_objects (pool));
  return g_strdup (option_value (pool, field->key));
}

static void
status_cb (GtkWidget  *page,
           const char *status,
           gboolean    staged)
{
  kdcc_stage_status_set (get_controls (page)->status_label, status, staged);
}

static void
stage_clicked_cb (GtkButton *button,
                  GtkWidget *page)
{
  Controls *controls = get_controls (page);
  const char *key = g_object_get_data (G_OBJECT (button), "kdcc-key");
  Bound *bound = g_hash_table_lookup (controls->bound, key);
  g_autoptr(KdccOperation) operation = NULL;
  g_autofree char *value = NULL;

  if (g_str_equal (key, "application-disable"))
    operation = kdcc_operation_new_pool_application (controls->pool,
                                                     g_object_get_data (G_OBJECT (button),
                                                                        "kdcc-app"), FALSE);
  else
    {
      if (g_str_equal (key, "application-enable"))
        {
          value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (controls->app_entry))));
          operation = kdcc_operation_new_pool_application (controls->pool, value, TRUE);
        }
      else
        {
          value = kdcc_control_value_dup_text (bound->value);
          if (bound->field->quota)
            operation = kdcc_operation_new_pool_set_quota (controls->pool, key, value);
          else
            operation = kdcc_operation_new_pool_set (controls->pool, key, value);
        }
    }
  kdcc_stage_request (page, controls->session, operation, FALSE, controls->cancellable,
                      status_cb);
}

static GtkWidget *
stage_button (GtkWidget  *page,
              const char *key,
              const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "kdcc-key", g_strdup (key), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (stage_clicked_cb), page);
  return button;
}

static GtkWidget *
editor_new (const Field *field)
{
  GtkWidget *editor;

  switch (field->kind)
    {
    case EDITOR_SPIN:
      editor = gtk_spin_button_new_with_range (field->min, field->max, field->step);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (editor), field->digits);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor), TRUE);
      break;
    case EDITOR_CHOICE:
      {
        g_auto(GStrv) words = g_strsplit (field->choices, "|", -1);

        editor = gtk_drop_down_new_from_strings ((const char * const *) words);
      }
      break;
    case EDITOR_ENTRY:
    default:
      editor = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 12);
      break;
    }
  gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  return editor;
}

static GtkWidget *
add_group (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
add_fields (GtkWidget   *page,
            GtkWidget   *group,
            KdccPool    *pool,
            const Field *fields,
            guint        n_fields)
{
  Controls *controls = get_controls (page);

  for (guint i = 0; i < n_fields; i++)
    {
      const Field *field = &fields[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *editor = editor_new (field);
      GtkWidget *button = stage_button (page, field->key, _("_Stage"));
      g_autofree char *value = current_value (pool, field);
      g_autofree char *subtitle = NULL;
      Bound *bound = g_new0 (Bound, 1);

      bound->field = field;
      bound->value = kdcc_control_value_new (editor, value);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
      if (g_str_equal (field->key, "min_size"))
        subtitle = g_strdup_printf (_("At most the size (%" G_GINT64_FORMAT "). Size − 1 (%"
                                      G_GINT64_FORMAT ") keeps writes going while one copy is "
                                      "missing; equal to the size, one failed OSD stops "
                                      "writes; 1 accepts writes with a single copy left, "
                                      "which one more failure loses."),
                                    kdcc_pool_get_size (pool),
                                    MAX (kdcc_pool_get_size (pool) - 1, 1));
      else if (field->subtitle != NULL)
        subtitle = g_strdup (_(field->subtitle));
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), kdcc_control_value_get_note (bound->value));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (controls->bound, g_strdup (field->key), bound);
      g_hash_table_insert (controls->buttons, g_strdup (field->key), button);
    }
}

static void
add_applications (GtkWidget *page,
                  KdccPool  *pool)
{
  Controls *controls = get_controls (page);
  const char * const *apps = kdcc_pool_get_applications (pool);
  GtkWidget *group = add_group (page, _("Applications"),
                                _("What may use the pool: rbd, rgw, cephfs or your own name"));
  GtkWidget *row;
  GtkWidget *entry;
  GtkWidget *button;

  for (guint i = 0; apps != NULL && apps[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("application-disable:", apps[i], NULL);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apps[i]);
      button = stage_button (page, "application-disable", _("_Disable"));
      g_object_set_data_full (G_OBJECT (button), "kdcc-app", g_strdup (apps[i]), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (controls->buttons, g_steal_pointer (&key), button);
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Enable an application"));
  entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  button = stage_button (page, "application-enable", _("_Enable"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  controls->app_entry = entry;
  g_hash_table_insert (controls->buttons, g_strdup ("application-enable"), button);
}

/* Each control follows the pool as refreshes bring it (an apply, a change
 * made elsewhere) until the admin touches it. */
static void
pool_changed_cb (KdccPool *pool,
                 Controls *controls)
{
  GHashTableIter iter;
  Bound *bound;

  g_hash_table_iter_init (&iter, controls->bound);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bound))
    {
      g_autofree char *value = current_value (pool, bound->field);

      kdcc_control_value_follow (bound->value, value);
    }
}

void
kdcc_pool_controls_add (GtkWidget   *page,
                        KdccSession *session,
                        KdccPool    *pool)
{
  Controls *controls;
  GtkWidget *group;

  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));
  g_return_if_fail (KDCC_IS_POOL (pool));

  controls = g_new0 (Controls, 1);
  controls->session = session != NULL ? g_object_ref (session) : NULL;
  controls->pool_item = g_object_ref (pool);
  controls->pool = g_strdup (kdcc_pool_get_name (pool));
  controls->bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) bound_free);
  controls->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  controls->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (page), "kdcc-pool-controls", controls,
                          (GDestroyNotify) controls_free);

  group = add_group (page, _("Replication Settings"),
                     _("Each change is staged with its command and applied from Staged "
                       "Changes."));
  controls->status_label = kdcc_stage_status_new ();
  gtk_widget_set_margin_bottom (controls->status_label, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), controls->status_label);
  if (g_strcmp0 (kdcc_pool_get_pool_type (pool), "erasure") == 0)
    add_fields (page, group, pool, &replication_fields[1], 1);
  else
    add_fields (page, group, pool, replication_fields, G_N_ELEMENTS (replication_fields));

  group = add_group (page, _("Placement Group Settings"), NULL);
  add_fields (page, group, pool, pg_fields, G_N_ELEMENTS (pg_fields));
  group = add_group (page, _("Quota Settings"), NULL);
  add_fields (page, group, pool, quota_fields, G_N_ELEMENTS (quota_fields));
  group = add_group (page, _("Compression"),
                     _("Applies to data written from now on (BlueStore OSDs only)"));
  add_fields (page, group, pool, compression_fields, G_N_ELEMENTS (compression_fields));
  group = add_group (page, _("Scrubbing"), NULL);
  add_fields (page, group, pool, scrub_fields, G_N_ELEMENTS (scrub_fields));
  add_applications (page, pool);
  g_signal_connect (pool, "changed", G_CALLBACK (pool_changed_cb), controls);
}

gboolean
kdcc_pool_controls_stage (GtkWidget  *page,
                          const char *key,
                          const char *value)
{
  Controls *controls = get_controls (page);
  GtkWidget *button;

  g_return_val_if_fail (controls != NULL, FALSE);

  if (g_strcmp0 (key, "application-disable") == 0)
    {
      g_autofree char *app_key = g_strconcat (key, ":", value, NULL);

      button = g_hash_table_lookup (controls->buttons, app_key);
    }
  else if (g_strcmp0 (key, "application-enable") == 0)
    {
      button = g_hash_table_lookup (controls->buttons, key);
      gtk_editable_set_text (GTK_EDITABLE (controls->app_entry), value);
    }
  else
    {
      if (!kdcc_pool_controls_edit (page, key, value))
        return FALSE;
      button = g_hash_table_lookup (controls->buttons, key);
    }
  if (button == NULL)
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

const char *
kdcc_pool_controls_get_status (GtkWidget *page)
{
  Controls *controls = get_controls (page);

  g_return_val_if_fail (controls != NULL, NULL);
  return kdcc_stage_status_get (controls->status_label);
}

static Bound *
lookup_bound (GtkWidget  *page,
              const char *key)
{
  Controls *controls = get_controls (page);

  g_return_val_if_fail (controls != NULL, NULL);
  return g_hash_table_lookup (controls->bound, key);
}

gboolean
kdcc_pool_controls_edit (GtkWidget  *page,
                         const char *key,
                         const char *value)
{
  Bound *bound = lookup_bound (page, key);

  if (bound == NULL)
    return FALSE;
  kdcc_control_value_set_text (bound->value, value);
  return TRUE;
}

char *
kdcc_pool_controls_dup_value (GtkWidget  *page,
                              const char *key)
{
  Bound *bound = lookup_bound (page, key);

  return bound != NULL ? kdcc_control_value_dup_text (bound->value) : NULL;
}

const char *
kdcc_pool_controls_get_note (GtkWidget  *page,
                             const char *key)
{
  Bound *bound = lookup_bound (page, key);

  return bound != NULL ? kdcc_control_value_get_note_text (bound->value) : NULL;
}
