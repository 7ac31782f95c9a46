/* kdcc-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-enums.h"
#include "kdcc-job.h"
#include "kdcc-owner.h"

/* Design note. Work runs on worker threads but widgets bind to the job, so
 * every change is first written into a "pending" record under a lock and
 * then applied by the owner thread: at once when the caller is the owner,
 * otherwise from one idle source on the owner's main context. Many updates
 * from a busy worker therefore collapse into one application (and at most
 * one notification per property), and the end of a job is applied after
 * the progress that was reported before it. */

typedef enum
{
  CHANGE_TITLE    = 1 << 0,
  CHANGE_STATUS   = 1 << 1,
  CHANGE_FRACTION = 1 << 2,
  CHANGE_PULSING  = 1 << 3,
  CHANGE_END      = 1 << 4,
} Change;

typedef struct
{
  guint         changes;
  char         *title;
  char         *status;
  double        fraction;
  gboolean      pulsing;
  KdccJobState  state;
  GError       *error;
  GObject      *result;
} Pending;

struct _KdccJob
{
  GObject       parent_instance;

  /* Owner thread only. */
  KdccOwner     owner;
  char         *title;
  char         *status;
  double        fraction;
  gboolean      pulsing;
  KdccJobState  state;
  GError       *error;
  GObject      *result;
  GCancellable *cancellable;
  GDateTime    *started;
  GDateTime    *finished;

  /* Under lock, any thread. */
  GMutex        lock;
  Pending       pending;
  GSource      *dispatch;
  gboolean      end_requested;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATUS,
  PROP_FRACTION,
  PROP_PULSING,
  PROP_STATE,
  PROP_ERROR,
  PROP_CANCELLABLE,
  PROP_RESULT,
  PROP_STARTED,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdccJob, kdcc_job, G_TYPE_OBJECT)

static void
pending_clear (Pending *pending)
{
  g_clear_pointer (&pending->title, g_free);
  g_clear_pointer (&pending->status, g_free);
  g_clear_error (&pending->error);
  g_clear_object (&pending->result);
  pending->changes = 0;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Applies what is pending, on the owner thread. */
static void
flush (KdccJob *self)
{
  Pending pending = { 0 };
  GObject *object = G_OBJECT (self);

  g_mutex_lock (&self->lock);
  pending = self->pending;
  self->pending = (Pending) { 0 };
  g_mutex_unlock (&self->lock);

  if (pending.changes == 0)
    return;

  g_object_freeze_notify (object);

  /* A finished job does not move any more. */
  if (self->state == KDCC_JOB_STATE_RUNNING)
    {
      if ((pending.changes & CHANGE_TITLE) && set_string (&self->title, pending.title))
        g_object_notify_by_pspec (object, properties[PROP_TITLE]);
      if ((pending.changes & CHANGE_STATUS) && set_string (&self->status, pending.status))
        g_object_notify_by_pspec (object, properties[PROP_STATUS]);
      if ((pending.changes & CHANGE_FRACTION) && pending.fraction != self->fraction)
        {
          self->fraction = pending.fraction;
          g_object_notify_by_pspec (object, properties[PROP_FRACTION]);
        }
      if ((pending.changes & CHANGE_PULSING) && pending.pulsing != self->pulsing)
        {
          self->pulsing = pending.pulsing;
          g_object_notify_by_pspec (object, properties[PROP_PULSING]);
        }
    }

  if ((pending.changes & CHANGE_END) && self->state == KDCC_JOB_STATE_RUNNING)
    {
      self->state = pending.state;
      self->error = g_steal_pointer (&pending.error);
      self->result = g_steal_pointer (&pending.result);
      self->finished = g_date_time_new_now_utc ();
      if (self->pulsing)
        {
          self->pulsing = FALSE;
          g_object_notify_by_pspec (object, properties[PROP_PULSING]);
        }
      if (self->state == KDCC_JOB_STATE_SUCCEEDED && self->fraction != 1.0)
        {
          self->fraction = 1.0;
          g_object_notify_by_pspec (object, properties[PROP_FRACTION]);
        }
      if (self->error != NULL)
        g_object_notify_by_pspec (object, properties[PROP_ERROR]);
      if (self->result != NULL)
        g_object_notify_by_pspec (object, properties[PROP_RESULT]);
      g_object_notify_by_pspec (object, properties[PROP_FINISHED]);
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }

  g_object_thaw_notify (object);
  pending_clear (&pending);
}

static gboolean
dispatch_cb (gpointer user_data)
{
  KdccJob *self = user_data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->dispatch, g_source_unref);
  g_mutex_unlock (&self->lock);
  flush (self);
  return G_SOURCE_REMOVE;
}

/* Called with the lock held, after changing self->pending; unlocks. */
static void
commit_unlock (KdccJob *self)
{
  if (kdcc_owner_is_current (&self->owner))
    {
      g_mutex_unlock (&self->lock);
      flush (self);
      return;
    }
  if (self->dispatch == NULL)
    {
      self->dispatch = g_idle_source_new ();
      g_source_set_priority (self->dispatch, G_PRIORITY_DEFAULT);
      g_source_set_static_name (self->dispatch, "[kdcc] job update");
      g_source_set_callback (self->dispatch, dispatch_cb, g_object_ref (self), g_object_unref);
      g_source_attach (self->dispatch, self->owner.context);
    }
  g_mutex_unlock (&self->lock);
}

static void
kdcc_job_finalize (GObject *object)
{
  KdccJob *self = KDCC_JOB (object);

  /* A queued dispatch holds a reference, so none is left here. */
  g_assert (self->dispatch == NULL);
  pending_clear (&self->pending);
  g_mutex_clear (&self->lock);
  kdcc_owner_clear (&self->owner);
  g_free (self->title);
  g_free (self->status);
  g_clear_error (&self->error);
  g_clear_object (&self->result);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->finished, g_date_time_unref);

  G_OBJECT_CLASS (kdcc_job_parent_class)->finalize (object);
}

static void
kdcc_job_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KdccJob *self = KDCC_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_PULSING:
      g_value_set_boolean (value, self->pulsing);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_CANCELLABLE:
      g_value_set_object (value, self->cancellable);
      break;
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    case PROP_STARTED:
      g_value_set_boxed (value, self->started);
      break;
    case PROP_FINISHED:
      g_value_set_boxed (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_job_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  KdccJob *self = KDCC_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      kdcc_job_set_title (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      kdcc_job_set_status (self, g_value_get_string (value));
      break;
    case PROP_FRACTION:
      kdcc_job_set_fraction (self, g_value_get_double (value));
      break;
    case PROP_PULSING:
      kdcc_job_set_pulsing (self, g_value_get_boolean (value));
      break;
    case PROP_CANCELLABLE:
      {
        GCancellable *cancellable = g_value_get_object (value);

        self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_job_class_init (KdccJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_job_finalize;
  object_class->get_property = kdcc_job_get_property;
  object_class->set_property = kdcc_job_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PULSING] =
    g_param_spec_boolean ("pulsing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KDCC_TYPE_JOB_STATE, KDCC_JOB_STATE_RUNNING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL, G_TYPE_CANCELLABLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARTED] =
    g_param_spec_boxed ("started", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boxed ("finished", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_job_init (KdccJob *self)
{
  g_mutex_init (&self->lock);
  kdcc_owner_init (&self->owner);
  self->started = g_date_time_new_now_utc ();
  self->state = KDCC_JOB_STATE_RUNNING;
}

KdccJob *
kdcc_job_new (const char   *title,
              GCancellable *cancellable)
{
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  return g_object_new (KDCC_TYPE_JOB, "title", title, "cancellable", cancellable, NULL);
}

const char *
kdcc_job_get_title (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->title;
}

void
kdcc_job_set_title (KdccJob    *self,
                    const char *title)
{
  g_return_if_fail (KDCC_IS_JOB (self));

  g_mutex_lock (&self->lock);
  g_free (self->pending.title);
  self->pending.title = g_strdup (title);
  self->pending.changes |= CHANGE_TITLE;
  commit_unlock (self);
}

const char *
kdcc_job_get_status (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->status;
}

void
kdcc_job_set_status (KdccJob    *self,
                     const char *status)
{
  g_return_if_fail (KDCC_IS_JOB (self));

  g_mutex_lock (&self->lock);
  g_free (self->pending.status);
  self->pending.status = g_strdup (status);
  self->pending.changes |= CHANGE_STATUS;
  commit_unlock (self);
}

double
kdcc_job_get_fraction (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), 0.0);
  return self->fraction;
}

static void
pend_fraction_locked (KdccJob *self,
                      double   fraction)
{
  self->pending.fraction = CLAMP (fraction, 0.0, 1.0);
  self->pending.pulsing = FALSE;
  self->pending.changes |= CHANGE_FRACTION | CHANGE_PULSING;
}

void
kdcc_job_set_fraction (KdccJob *self,
                       double   fraction)
{
  g_return_if_fail (KDCC_IS_JOB (self));

  g_mutex_lock (&self->lock);
  pend_fraction_locked (self, fraction);
  commit_unlock (self);
}

gboolean
kdcc_job_get_pulsing (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), FALSE);
  return self->pulsing;
}

void
kdcc_job_set_pulsing (KdccJob  *self,
                      gboolean  pulsing)
{
  g_return_if_fail (KDCC_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->pending.pulsing = !!pulsing;
  self->pending.changes |= CHANGE_PULSING;
  commit_unlock (self);
}

void
kdcc_job_set_progress (KdccJob    *self,
                       double      fraction,
                       const char *status)
{
  g_return_if_fail (KDCC_IS_JOB (self));

  g_mutex_lock (&self->lock);
  pend_fraction_locked (self, fraction);
  if (status != NULL)
    {
      g_free (self->pending.status);
      self->pending.status = g_strdup (status);
      self->pending.changes |= CHANGE_STATUS;
    }
  commit_unlock (self);
}

KdccJobState
kdcc_job_get_state (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), KDCC_JOB_STATE_FAILED);
  return self->state;
}

gboolean
kdcc_job_is_finished (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), TRUE);
  return self->state != KDCC_JOB_STATE_RUNNING;
}

const GError *
kdcc_job_get_error (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->error;
}

GObject *
kdcc_job_get_result (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->result;
}

GDateTime *
kdcc_job_get_started (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->started;
}

GDateTime *
kdcc_job_get_finished (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->finished;
}

GCancellable *
kdcc_job_get_cancellable (KdccJob *self)
{
  g_return_val_if_fail (KDCC_IS_JOB (self), NULL);
  return self->cancellable;
}

void
kdcc_job_cancel (KdccJob *self)
{
  g_return_if_fail (KDCC_IS_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

/* Returns FALSE (and unlocks) when the job was already ended. */
static gboolean
begin_end_locked (KdccJob *self)
{
  if (self->end_requested)
    {
      g_mutex_unlock (&self->lock);
      g_critical ("Job “%s” was ended twice", self->title != NULL ? self->title : "");
      return FALSE;
    }
  self->end_requested = TRUE;
  self->pending.changes |= CHANGE_END;
  return TRUE;
}

void
kdcc_job_succeed (KdccJob  *self,
                  gpointer  result)
{
  g_return_if_fail (KDCC_IS_JOB (self));
  g_return_if_fail (result == NULL || G_IS_OBJECT (result));

  g_mutex_lock (&self->lock);
  if (!begin_end_locked (self))
    return;
  self->pending.state = KDCC_JOB_STATE_SUCCEEDED;
  g_set_object (&self->pending.result, result);
  commit_unlock (self);
}

void
kdcc_job_fail (KdccJob      *self,
               const GError *error)
{
  g_return_if_fail (KDCC_IS_JOB (self));
  g_return_if_fail (error != NULL);

  g_mutex_lock (&self->lock);
  if (!begin_end_locked (self))
    return;
  self->pending.state = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? KDCC_JOB_STATE_CANCELLED : KDCC_JOB_STATE_FAILED;
  g_clear_error (&self->pending.error);
  self->pending.error = g_error_copy (error);
  commit_unlock (self);
}

const char *
kdcc_job_state_to_label (KdccJobState state)
{
  switch (state)
    {
    case KDCC_JOB_STATE_RUNNING: return _("Running");
    case KDCC_JOB_STATE_SUCCEEDED: return _("Finished");
    case KDCC_JOB_STATE_FAILED: return _("Failed");
    case KDCC_JOB_STATE_CANCELLED: return _("Cancelled");
    default: return "";
    }
}
