/* kdcc-pod-log-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pod-log-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-kube-logs.h"
#include "kdcc-pod-log-view.h"

#define DEFAULT_LINES 500
#define MAX_LINES     10000

struct _KdccPodLogView
{
  GtkWidget        parent_instance;

  KdccKubeClient  *client;
  char            *namespace;
  char            *pod;
  GStrv            containers;

  GtkWidget       *box;
  GtkWidget       *container_dropdown;
  GtkWidget       *lines_spin;
  GtkWidget       *follow_switch;
  GtkWidget       *copy_button;
  GtkWidget       *error_label;
  GtkWidget       *text_view;
  GtkTextBuffer   *buffer;

  GCancellable    *cancellable;
  KdccHttpStream  *stream;
  char            *error;
  gboolean         loading;
  guint            n_lines;      /* lines in the buffer */
};

G_DEFINE_FINAL_TYPE (KdccPodLogView, kdcc_pod_log_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload            (KdccPodLogView *self);
static void follow_changed_cb (GtkSwitch      *sw,
                               GParamSpec     *pspec,
                               KdccPodLogView *self);

static const char *
current_container (KdccPodLogView *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->container_dropdown));

  if (self->containers == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length (self->containers))
    return NULL;
  return self->containers[selected];
}

static guint
wanted_lines (KdccPodLogView *self)
{
  return (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->lines_spin));
}

static void
set_loading (KdccPodLogView *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (KdccPodLogView *self,
           const char     *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_text (GTK_LABEL (self->error_label), error ? error : "");
  gtk_widget_set_visible (self->error_label, error != NULL);
}

static void
stop_stream (KdccPodLogView *self)
{
  if (self->stream != NULL)
    {
      kdcc_http_stream_stop (self->stream);
      g_signal_handlers_disconnect_by_data (self->stream, self);
      g_clear_object (&self->stream);
    }
}

/* Keeps the last N lines: a followed log grows for as long as it is
 * watched, the view must not. */
static void
trim (KdccPodLogView *self)
{
  guint limit = wanted_lines (self);
  GtkTextIter start;
  GtkTextIter end;

  if (self->n_lines <= limit)
    return;
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_get_iter_at_line (self->buffer, &end, (int) (self->n_lines - limit));
  gtk_text_buffer_delete (self->buffer, &start, &end);
  self->n_lines = limit;
}

static void
scroll_to_end (KdccPodLogView *self)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &end, 0.0, FALSE, 0, 0);
}

static void
append_line (KdccPodLogView *self,
             const char     *line,
             gsize           len)
{
  g_autofree char *valid = g_utf8_make_valid (line, len);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_buffer_insert (self->buffer, &end, valid, -1);
  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_buffer_insert (self->buffer, &end, "\n", 1);
  self->n_lines++;
}

static void
stream_event_cb (KdccHttpStream *stream,
                 GBytes         *line,
                 KdccPodLogView *self)
{
  gsize len;
  const char *data = g_bytes_get_data (line, &len);

  set_loading (self, FALSE);
  append_line (self, data ? data : "", len);
  trim (self);
  scroll_to_end (self);
}

static void
stream_finished_cb (KdccHttpStream *stream,
                    GError         *error,
                    KdccPodLogView *self)
{
  set_loading (self, FALSE);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_error (self, error->message);
  else if (error == NULL)
    set_error (self, _("The log ended: the container stopped or the pod is gone"));
  stop_stream (self);
  if (gtk_switch_get_active (GTK_SWITCH (self->follow_switch)))
    {
      g_signal_handlers_block_by_func (self->follow_switch, follow_changed_cb, self);
      gtk_switch_set_active (GTK_SWITCH (self->follow_switch), FALSE);
      g_signal_handlers_unblock_by_func (self->follow_switch, follow_changed_cb, self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
    }
}

typedef struct
{
  KdccKubeClient *client;
  char           *namespace;
  char           *pod;
  char           *container;
  guint           lines;
} LogRequest;

static void
log_request_free (gpointer data)
{
  LogRequest *req = data;

  g_object_unref (req->client);
  g_free (req->namespace);
  g_free (req->pod);
  g_free (req->container);
  g_free (req);
}

static void
get_log_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LogRequest *req = task_data;
  GError *error = NULL;
  char *text = kdcc_kube_pod_log_get (req->client, req->namespace, req->pod, req->container,
                                      req->lines, 0, cancellable, &error);

  if (text == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, text, g_free);
}

static void
get_log_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KdccPodLogView *self = KDCC_POD_LOG_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (text == NULL)
    {
      set_error (self, error->message);
      return;
    }
  gtk_text_buffer_set_text (self->buffer, text, -1);
  self->n_lines = (guint) MAX (gtk_text_buffer_get_line_count (self->buffer) - 1, 0);
  scroll_to_end (self);
}

static void
reload (KdccPodLogView *self)
{
  const char *container = current_container (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  stop_stream (self);
  set_error (self, NULL);
  gtk_text_buffer_set_text (self->buffer, "", 0);
  self->n_lines = 0;
  set_loading (self, TRUE);

  if (gtk_switch_get_active (GTK_SWITCH (self->follow_switch)))
    {
      self->stream = kdcc_kube_pod_log_follow (self->client, self->namespace, self->pod,
                                               container, wanted_lines (self));
      g_signal_connect (self->stream, "event", G_CALLBACK (stream_event_cb), self);
      g_signal_connect (self->stream, "finished", G_CALLBACK (stream_finished_cb), self);
      kdcc_http_stream_start (self->stream, self->cancellable);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, get_log_cb, NULL);
      LogRequest *req = g_new0 (LogRequest, 1);

      req->client = g_object_ref (self->client);
      req->namespace = g_strdup (self->namespace);
      req->pod = g_strdup (self->pod);
      req->container = g_strdup (container);
      req->lines = wanted_lines (self);
      g_task_set_source_tag (task, reload);
      g_task_set_task_data (task, req, log_request_free);
      g_task_run_in_thread (task, get_log_thread);
    }
}

static void
follow_changed_cb (GtkSwitch      *sw,
                   GParamSpec     *pspec,
                   KdccPodLogView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
  reload (self);
}

static void
container_changed_cb (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      KdccPodLogView *self)
{
  reload (self);
}

static void
lines_changed_cb (GtkSpinButton  *spin,
                  KdccPodLogView *self)
{
  /* Following: keep the stream, only trim to the new count. */
  if (self->stream != NULL)
    trim (self);
  else
    reload (self);
}

static void
copy_clicked_cb (GtkButton      *button,
                 KdccPodLogView *self)
{
  kdcc_pod_log_view_copy (self);
}

static void
kdcc_pod_log_view_dispose (GObject *object)
{
  KdccPodLogView *self = KDCC_POD_LOG_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  stop_stream (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kdcc_pod_log_view_parent_class)->dispose (object);
}

static void
kdcc_pod_log_view_finalize (GObject *object)
{
  KdccPodLogView *self = KDCC_POD_LOG_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_free (self->namespace);
  g_free (self->pod);
  g_strfreev (self->containers);
  g_free (self->error);

  G_OBJECT_CLASS (kdcc_pod_log_view_parent_class)->finalize (object);
}

static void
kdcc_pod_log_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccPodLogView *self = KDCC_POD_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, kdcc_pod_log_view_get_following (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pod_log_view_class_init (KdccPodLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_pod_log_view_dispose;
  object_class->finalize = kdcc_pod_log_view_finalize;
  object_class->get_property = kdcc_pod_log_view_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_pod_log_view_init (KdccPodLogView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);

  self->container_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_tooltip_text (self->container_dropdown, _("Container"));
  gtk_box_append (GTK_BOX (bar), self->container_dropdown);

  label = gtk_label_new (_("Lines"));
  gtk_box_append (GTK_BOX (bar), label);
  self->lines_spin = gtk_spin_button_new_with_range (10, MAX_LINES, 100);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lines_spin), DEFAULT_LINES);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->lines_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (bar), self->lines_spin);

  label = gtk_label_new (_("Follow"));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_box_append (GTK_BOX (bar), label);
  self->follow_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->follow_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->follow_switch),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (bar), self->follow_switch);

  self->copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (self->copy_button, _("Copy the Log"));
  gtk_box_append (GTK_BOX (bar), self->copy_button);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_start (self->error_label, 12);
  gtk_widget_set_margin_end (self->error_label, 12);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error_label);

  self->text_view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->text_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->text_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->text_view), GTK_WRAP_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->text_view), 12);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->text_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);
}

GtkWidget *
kdcc_pod_log_view_new (KdccKubeClient     *client,
                       const char         *namespace,
                       const char         *pod,
                       const char * const *containers)
{
  KdccPodLogView *self;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (namespace != NULL && pod != NULL, NULL);

  self = g_object_new (KDCC_TYPE_POD_LOG_VIEW, NULL);
  self->client = g_object_ref (client);
  self->namespace = g_strdup (namespace);
  self->pod = g_strdup (pod);
  self->containers = g_strdupv ((char **) containers);
  if (self->containers != NULL && self->containers[0] != NULL)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) self->containers);

      gtk_drop_down_set_model (GTK_DROP_DOWN (self->container_dropdown), G_LIST_MODEL (list));
    }
  gtk_widget_set_visible (self->container_dropdown,
                          self->containers != NULL && g_strv_length (self->containers) > 1);

  g_signal_connect (self->container_dropdown, "notify::selected",
                    G_CALLBACK (container_changed_cb), self);
  g_signal_connect (self->lines_spin, "value-changed", G_CALLBACK (lines_changed_cb), self);
  g_signal_connect (self->follow_switch, "notify::active", G_CALLBACK (follow_changed_cb), self);
  g_signal_connect (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);
  reload (self);
  return GTK_WIDGET (self);
}

char *
kdcc_pod_log_view_dup_text (KdccPodLogView *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (KDCC_IS_POD_LOG_VIEW (self), NULL);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

const char *
kdcc_pod_log_view_get_error (KdccPodLogView *self)
{
  g_return_val_if_fail (KDCC_IS_POD_LOG_VIEW (self), NULL);
  return self->error;
}

gboolean
kdcc_pod_log_view_get_loading (KdccPodLogView *self)
{
  g_return_val_if_fail (KDCC_IS_POD_LOG_VIEW (self), FALSE);
  return self->loading;
}

gboolean
kdcc_pod_log_view_get_following (KdccPodLogView *self)
{
  g_return_val_if_fail (KDCC_IS_POD_LOG_VIEW (self), FALSE);
  return gtk_switch_get_active (GTK_SWITCH (self->follow_switch));
}

void
kdcc_pod_log_view_set_following (KdccPodLogView *self,
                                 gboolean        following)
{
  g_return_if_fail (KDCC_IS_POD_LOG_VIEW (self));
  gtk_switch_set_active (GTK_SWITCH (self->follow_switch), following);
}

void
kdcc_pod_log_view_set_lines (KdccPodLogView *self,
                             guint           lines)
{
  g_return_if_fail (KDCC_IS_POD_LOG_VIEW (self));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lines_spin), lines);
}

void
kdcc_pod_log_view_copy (KdccPodLogView *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KDCC_IS_POD_LOG_VIEW (self));

  text = kdcc_pod_log_view_dup_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}
