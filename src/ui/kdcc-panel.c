/* kdcc-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-panel"

#include "config.h"

#include "kdcc-panel.h"

typedef struct
{
  KdccSession  *session;
  KdccCluster  *cluster;
  GCancellable *cancellable;
} KdccPanelPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KdccPanel, kdcc_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CLUSTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean kdcc_panel_replace_cluster (KdccPanel   *self,
                                            KdccCluster *cluster);

enum {
  PUSH_SUBPAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kdcc_panel_dispose (GObject *object)
{
  KdccPanel *self = (KdccPanel *)object;
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);
  GtkWidget *child;

  g_cancellable_cancel (priv->cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&priv->cluster);
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (kdcc_panel_parent_class)->dispose (object);
}

static void
kdcc_panel_finalize (GObject *object)
{
  KdccPanel *self = (KdccPanel *)object;
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);

  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (kdcc_panel_parent_class)->finalize (object);
}

static void
kdcc_panel_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KdccPanel *self = KDCC_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, kdcc_panel_get_session (self));
      break;
    case PROP_CLUSTER:
      g_value_set_object (value, kdcc_panel_get_cluster (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_panel_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KdccPanel *self = KDCC_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      kdcc_panel_set_session (self, g_value_get_object (value));
      break;
    case PROP_CLUSTER:
      kdcc_panel_set_cluster (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_panel_class_init (KdccPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_panel_dispose;
  object_class->finalize = kdcc_panel_finalize;
  object_class->get_property = kdcc_panel_get_property;
  object_class->set_property = kdcc_panel_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KDCC_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLUSTER] =
    g_param_spec_object ("cluster", NULL, NULL,
                         KDCC_TYPE_CLUSTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PUSH_SUBPAGE] =
    g_signal_new ("push-subpage",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GTK_TYPE_WIDGET, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_panel_init (KdccPanel *self)
{
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

KdccSession *
kdcc_panel_get_session (KdccPanel *self)
{
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);

  g_return_val_if_fail (KDCC_IS_PANEL (self), NULL);

  return priv->session;
}

/**
 * kdcc_panel_follow_session:
 * @widget: a widget that has just been rooted
 * @func: called now and whenever the enclosing panel's session changes
 * @user_data: passed to @func; the connection lives as long as it does
 *
 * Widgets placed in a panel's UI file (the dashboard's history and alert
 * cards) learn their session from the panel around them, which they only
 * know once rooted. Returns: (transfer none) (nullable): that panel, to be
 * given to kdcc_panel_unfollow_session() on unroot.
 */
KdccPanel *
kdcc_panel_follow_session (GtkWidget            *widget,
                           KdccPanelSessionFunc  func,
                           gpointer              user_data)
{
  GtkWidget *panel = gtk_widget_get_ancestor (widget, KDCC_TYPE_PANEL);

  if (panel == NULL)
    return NULL;
  g_signal_connect_object (panel, "notify::session", G_CALLBACK (func), user_data, 0);
  func (KDCC_PANEL (panel), NULL, user_data);
  return KDCC_PANEL (panel);
}

void
kdcc_panel_unfollow_session (KdccPanel *panel,
                             gpointer   user_data)
{
  if (panel != NULL)
    g_signal_handlers_disconnect_by_data (panel, user_data);
}

void
kdcc_panel_set_session (KdccPanel   *self,
                        KdccSession *session)
{
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);
  g_autoptr(KdccSession) old = NULL;

  g_return_if_fail (KDCC_IS_PANEL (self));
  g_return_if_fail (!session || KDCC_IS_SESSION (session));

  if (priv->session == session)
    return;

  old = g_steal_pointer (&priv->session);
  priv->session = session ? g_object_ref (session) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  /* Renews the cancellable too, even when the cluster stays the same. */
  if (!kdcc_panel_replace_cluster (self, session ? kdcc_session_get_cluster (session) : NULL))
    {
      g_cancellable_cancel (priv->cancellable);
      g_clear_object (&priv->cancellable);
      priv->cancellable = g_cancellable_new ();
    }

  if (KDCC_PANEL_GET_CLASS (self)->session_changed)
    KDCC_PANEL_GET_CLASS (self)->session_changed (self, old);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_thaw_notify (G_OBJECT (self));
}

KdccCluster *
kdcc_panel_get_cluster (KdccPanel *self)
{
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);

  g_return_val_if_fail (KDCC_IS_PANEL (self), NULL);

  return priv->cluster;
}

/* Returns whether the cluster changed. */
static gboolean
kdcc_panel_replace_cluster (KdccPanel   *self,
                            KdccCluster *cluster)
{
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);
  g_autoptr(KdccCluster) old = NULL;

  if (priv->cluster == cluster)
    return FALSE;

  /* Work started for the previous cluster must not land on the new one. */
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  old = g_steal_pointer (&priv->cluster);
  priv->cluster = cluster ? g_object_ref (cluster) : NULL;

  if (KDCC_PANEL_GET_CLASS (self)->cluster_changed)
    KDCC_PANEL_GET_CLASS (self)->cluster_changed (self, old);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER]);

  return TRUE;
}

void
kdcc_panel_set_cluster (KdccPanel   *self,
                        KdccCluster *cluster)
{
  g_return_if_fail (KDCC_IS_PANEL (self));
  g_return_if_fail (!cluster || KDCC_IS_CLUSTER (cluster));

  kdcc_panel_replace_cluster (self, cluster);
}

GCancellable *
kdcc_panel_get_cancellable (KdccPanel *self)
{
  KdccPanelPrivate *priv = kdcc_panel_get_instance_private (self);

  g_return_val_if_fail (KDCC_IS_PANEL (self), NULL);

  return priv->cancellable;
}

gboolean
kdcc_panel_show_subject (KdccPanel         *self,
                         const KdccSubject *subject)
{
  g_return_val_if_fail (KDCC_IS_PANEL (self), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);

  if (KDCC_PANEL_GET_CLASS (self)->show_subject == NULL)
    return FALSE;

  return KDCC_PANEL_GET_CLASS (self)->show_subject (self, subject);
}

void
kdcc_panel_push_subpage (KdccPanel  *self,
                         GtkWidget  *page,
                         const char *title)
{
  g_return_if_fail (KDCC_IS_PANEL (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  g_object_ref_sink (page);
  g_signal_emit (self, signals[PUSH_SUBPAGE], 0, page, title);
  g_object_unref (page);
}
