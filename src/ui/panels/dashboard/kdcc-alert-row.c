/* kdcc-alert-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-alert-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-alert-row.h"
#include "kdcc-format.h"
#include "kdcc-health-catalog.h"

struct _KdccAlertRow
{
  AdwExpanderRow   parent_instance;

  /* Template widgets */
  GtkImage        *severity_icon;
  GtkLabel        *muted_tag;
  GtkLabel        *impact_tag;
  GtkLabel        *explanation_label;
  GtkLabel        *action_label;
  GtkLabel        *code_label;
  GtkLinkButton   *docs_button;
  GtkWidget       *details_row;
  GtkBox          *lines_box;
  GtkButton       *more_button;
  GtkLabel        *overflow_label;

  KdccHealthCheck *check;
  char            *release;
  char            *docs_url;
  guint            n_shown;
  guint            n_hidden;
};

G_DEFINE_FINAL_TYPE (KdccAlertRow, kdcc_alert_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CHECK,
  PROP_RELEASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const impact_classes[] = { "error", "warning", "accent", "dim-label" };

static const char *
impact_css_class (KdccImpact impact)
{
  switch (impact)
    {
    case KDCC_IMPACT_DATA_UNAVAILABLE:
      return "error";
    case KDCC_IMPACT_DATA_AT_RISK:
      return "warning";
    case KDCC_IMPACT_PERFORMANCE:
      return "accent";
    case KDCC_IMPACT_HYGIENE:
    case KDCC_IMPACT_NONE:
    default:
      return "dim-label";
    }
}

static void
update_docs (KdccAlertRow *self)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();

  g_clear_pointer (&self->docs_url, g_free);
  if (self->check == NULL)
    return;
  self->docs_url = kdcc_health_catalog_dup_docs_url (catalog, kdcc_health_check_get_code (self->check),
                                                     self->release);
  gtk_link_button_set_uri (self->docs_button, self->docs_url);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->docs_button), self->docs_url);
}

static GtkWidget *
new_line_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "alert-detail");

  return label;
}

static void
update_more_button (KdccAlertRow *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->n_hidden > 0);
  if (self->n_hidden == 0)
    return;

  /* Translators: a button below an alert's detail lines; KDCC shows them a
   * page at a time so a check with thousands of lines stays usable. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More Line", "Show %u More Lines",
                                       self->n_hidden),
                          self->n_hidden);
  gtk_button_set_label (self->more_button, text);
}

/* Shows lines [n_shown, n_shown + count) of the check's detail, not
 * counting Ceph's own overflow line ("31 more pgs... "): that one is
 * always shown, as Ceph wrote it, below KDCC's lines and button, and
 * the button counts only the lines KDCC itself holds back. */
static void
append_lines (KdccAlertRow *self,
              guint         count)
{
  const char * const *detail = kdcc_health_check_get_detail (self->check);
  gboolean overflow = FALSE;
  guint n = kdcc_health_detail_count_lines (detail, &overflow, NULL);
  guint shown = self->n_shown - (self->n_shown > 0 && overflow ? 1 : 0);
  guint end = MIN (n, shown + count);

  /* Hiding a single line behind a button that says "1 more line" helps
   * nobody: show it. */
  if (n - end == 1)
    end = n;

  for (guint i = shown; i < end; i++)
    gtk_box_append (self->lines_box, new_line_label (detail[i]));
  gtk_label_set_label (self->overflow_label, overflow ? detail[n] : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->overflow_label), overflow);
  self->n_shown = end + (overflow ? 1 : 0);
  self->n_hidden = n - end;
  update_more_button (self);
}

static void
update_details (KdccAlertRow *self)
{
  const char * const *detail = kdcc_health_check_get_detail (self->check);
  guint n = detail ? g_strv_length ((char **) detail) : 0;
  /* The lines opened so far, Ceph's overflow line aside. */
  gboolean had_overflow = gtk_widget_get_visible (GTK_WIDGET (self->overflow_label));
  guint opened = self->n_shown - (had_overflow ? 1 : 0);
  guint keep = MAX (opened, KDCC_ALERT_ROW_PAGE_LINES);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_box_remove (self->lines_box, child);
  self->n_shown = 0;
  self->n_hidden = 0;

  /* A refresh keeps what the admin has opened so far. */
  append_lines (self, keep);
  gtk_widget_set_visible (self->details_row, n > 0);
}

static void
update_all (KdccAlertRow *self)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  const char *code = kdcc_health_check_get_code (self->check);
  const char *summary = kdcc_health_check_get_summary (self->check);
  KdccHealthStatus severity = kdcc_health_check_get_severity (self->check);
  const KdccHealthEntry *entry = kdcc_health_catalog_lookup (catalog, code);
  KdccImpact impact = kdcc_health_catalog_get_impact (catalog, code, severity, summary);
  gboolean muted = kdcc_health_check_get_muted (self->check);
  static const KdccHealthStatus all[] = {
    KDCC_HEALTH_UNKNOWN, KDCC_HEALTH_OK, KDCC_HEALTH_WARN, KDCC_HEALTH_ERR
  };
  g_autofree char *code_text = NULL;
  g_autofree char *action_text = NULL;
  g_autofree char *unknown = NULL;

  /* Ceph's summary as Ceph writes it; KDCC's own words below it. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), summary ? summary : code);
  if (entry != NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                     kdcc_health_entry_get_explanation (entry));
      /* The subtitle says it already. */
      gtk_label_set_label (self->explanation_label, NULL);
      /* Translators: what an admin can do about a health check */
      action_text = g_strdup_printf (_("What to do: %s"), kdcc_health_entry_get_action (entry));
    }
  else
    {
      /* Translators: %s is a Ceph health check code such as OSD_DOWN */
      unknown = g_strdup_printf (_("KDCC has no explanation for %s; Ceph's documentation may."),
                                 code);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), code);
      gtk_label_set_label (self->explanation_label, unknown);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), entry == NULL);
  gtk_label_set_label (self->action_label, action_text);
  gtk_widget_set_visible (GTK_WIDGET (self->action_label), action_text != NULL);

  /* Ceph's own severity stays visible next to KDCC's ranking. */
  /* Translators: "OSD_DOWN · Ceph severity: Warning" */
  code_text = g_strdup_printf (_("%s · Ceph severity: %s"), code,
                               kdcc_format_health_label (severity));
  gtk_label_set_label (self->code_label, code_text);
  gtk_image_set_from_icon_name (self->severity_icon, kdcc_format_health_icon_name (severity));
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->severity_icon),
                                 kdcc_format_health_css_class (all[i]));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_icon), kdcc_format_health_css_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->severity_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kdcc_format_health_label (severity), -1);

  gtk_label_set_label (self->impact_tag, kdcc_impact_get_label (impact));
  for (guint i = 0; i < G_N_ELEMENTS (impact_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->impact_tag), impact_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->impact_tag), impact_css_class (impact));
  /* Data that cannot be read or written is the one thing that must stand
   * out in a list of warnings. */
  if (impact == KDCC_IMPACT_DATA_UNAVAILABLE && !muted)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unavailable-alert");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unavailable-alert");

  gtk_widget_set_visible (GTK_WIDGET (self->muted_tag), muted);
  if (muted)
    gtk_widget_add_css_class (GTK_WIDGET (self), "muted-alert");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "muted-alert");

  update_details (self);
}

static void
check_changed_cb (KdccHealthCheck *check,
                  KdccAlertRow    *self)
{
  update_all (self);
}

static void
more_clicked_cb (KdccAlertRow *self)
{
  kdcc_alert_row_show_more (self);
}

static void
kdcc_alert_row_constructed (GObject *object)
{
  KdccAlertRow *self = KDCC_ALERT_ROW (object);

  G_OBJECT_CLASS (kdcc_alert_row_parent_class)->constructed (object);

  g_return_if_fail (self->check != NULL);
  g_signal_connect_object (self->check, "changed", G_CALLBACK (check_changed_cb), self, 0);
  update_docs (self);
  update_all (self);
}

static void
kdcc_alert_row_dispose (GObject *object)
{
  KdccAlertRow *self = KDCC_ALERT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_ALERT_ROW);
  g_clear_object (&self->check);

  G_OBJECT_CLASS (kdcc_alert_row_parent_class)->dispose (object);
}

static void
kdcc_alert_row_finalize (GObject *object)
{
  KdccAlertRow *self = KDCC_ALERT_ROW (object);

  g_free (self->release);
  g_free (self->docs_url);

  G_OBJECT_CLASS (kdcc_alert_row_parent_class)->finalize (object);
}

static void
kdcc_alert_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdccAlertRow *self = KDCC_ALERT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;
    case PROP_RELEASE:
      g_value_set_string (value, self->release);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_alert_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KdccAlertRow *self = KDCC_ALERT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      self->check = g_value_dup_object (value);
      break;
    case PROP_RELEASE:
      kdcc_alert_row_set_release (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_alert_row_class_init (KdccAlertRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdcc_alert_row_constructed;
  object_class->dispose = kdcc_alert_row_dispose;
  object_class->finalize = kdcc_alert_row_finalize;
  object_class->get_property = kdcc_alert_row_get_property;
  object_class->set_property = kdcc_alert_row_set_property;

  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL, KDCC_TYPE_HEALTH_CHECK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RELEASE] =
    g_param_spec_string ("release", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-alert-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, severity_icon);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, muted_tag);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, impact_tag);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, action_label);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, docs_button);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, details_row);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, lines_box);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, more_button);
  gtk_widget_class_bind_template_child (widget_class, KdccAlertRow, overflow_label);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
kdcc_alert_row_init (KdccAlertRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdcc_alert_row_new (KdccHealthCheck *check,
                    const char      *release)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (check), NULL);

  return g_object_new (KDCC_TYPE_ALERT_ROW, "check", check, "release", release, NULL);
}

KdccHealthCheck *
kdcc_alert_row_get_check (KdccAlertRow *self)
{
  g_return_val_if_fail (KDCC_IS_ALERT_ROW (self), NULL);

  return self->check;
}

const char *
kdcc_alert_row_get_code (KdccAlertRow *self)
{
  g_return_val_if_fail (KDCC_IS_ALERT_ROW (self), NULL);

  return kdcc_health_check_get_code (self->check);
}

void
kdcc_alert_row_set_release (KdccAlertRow *self,
                            const char   *release)
{
  g_return_if_fail (KDCC_IS_ALERT_ROW (self));

  if (g_strcmp0 (self->release, release) != 0)
    {
      g_free (self->release);
      self->release = g_strdup (release);
      update_docs (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASE]);
    }
}

const char *
kdcc_alert_row_get_docs_url (KdccAlertRow *self)
{
  g_return_val_if_fail (KDCC_IS_ALERT_ROW (self), NULL);

  return self->docs_url;
}

guint
kdcc_alert_row_get_n_shown_lines (KdccAlertRow *self)
{
  g_return_val_if_fail (KDCC_IS_ALERT_ROW (self), 0);

  return self->n_shown;
}

guint
kdcc_alert_row_get_n_hidden_lines (KdccAlertRow *self)
{
  g_return_val_if_fail (KDCC_IS_ALERT_ROW (self), 0);

  return self->n_hidden;
}

const char *
kdcc_alert_row_get_more_label (KdccAlertRow *self)
{
  g_return_val_if_fail (KDCC_IS_ALERT_ROW (self), NULL);

  return self->n_hidden > 0 ? gtk_button_get_label (self->more_button) : NULL;
}

void
kdcc_alert_row_show_more (KdccAlertRow *self)
{
  g_return_if_fail (KDCC_IS_ALERT_ROW (self));

  if (self->n_hidden > 0)
    append_lines (self, KDCC_ALERT_ROW_PAGE_LINES * 4);
}

/* The cluster's release for documentation links: the overall version
 * ("ceph version 18.2.4 (...) reef (stable)"), else the mons'. */
char *
kdcc_alert_row_dup_release (KdccCluster *cluster)
{
  const GPtrArray *versions = cluster ? kdcc_cluster_get_versions (cluster) : NULL;
  const char *version = NULL;

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      const KdccVersionData *data = g_ptr_array_index (versions, i);

      if (data->version == NULL)
        continue;
      if (g_strcmp0 (data->daemon_type, "overall") == 0 || version == NULL)
        version = data->version;
      if (g_strcmp0 (data->daemon_type, "overall") == 0)
        break;
    }

  if (version == NULL)
    return NULL;
  if (g_str_has_prefix (version, "ceph version "))
    version += strlen ("ceph version ");

  return g_strndup (version, strcspn (version, " "));
}
