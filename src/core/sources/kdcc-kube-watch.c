/* kdcc-kube-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccKubeWatch: list, then watch from the list's resourceVersion through
 * a KdccHttpStream, re-listing when the version has expired (410).
 */
#define G_LOG_DOMAIN "kdcc-kube-watch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-http-stream.h"
#include "kdcc-json.h"
#include "kdcc-kube-watch.h"

/* One watch event carries one object: a CephCluster with a long status is
 * tens of KB; anything beyond a few MB is not an object. */
#define MAX_EVENT_BYTES (4 * 1024 * 1024)
#define MAX_BUFFERED_BYTES (64 * 1024 * 1024)
/* The API server sends a bookmark about once a minute when asked
 * (allowWatchBookmarks): five minutes of silence is a dead connection. */
#define SILENCE_MS (5 * 60 * 1000)

struct _KdccKubeWatch
{
  GObject                 parent_instance;

  KdccKubeClient         *client;
  const KdccKubeResource *resource;
  char                   *namespace;
  char                   *label_selector;

  SoupSession            *session;
  KdccHttpStream         *stream;
  GCancellable           *cancellable;
  guint                   lists;
  gboolean                stopped;
};

G_DEFINE_FINAL_TYPE (KdccKubeWatch, kdcc_kube_watch, G_TYPE_OBJECT)

enum {
  SIGNAL_LISTED,
  SIGNAL_EVENT,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_list (KdccKubeWatch *self);

static void
kdcc_kube_watch_dispose (GObject *object)
{
  kdcc_kube_watch_stop (KDCC_KUBE_WATCH (object));

  G_OBJECT_CLASS (kdcc_kube_watch_parent_class)->dispose (object);
}

static void
kdcc_kube_watch_finalize (GObject *object)
{
  KdccKubeWatch *self = (KdccKubeWatch *) object;

  g_clear_object (&self->stream);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_free (self->namespace);
  g_free (self->label_selector);

  G_OBJECT_CLASS (kdcc_kube_watch_parent_class)->finalize (object);
}

static void
kdcc_kube_watch_class_init (KdccKubeWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_kube_watch_dispose;
  object_class->finalize = kdcc_kube_watch_finalize;

  signals[SIGNAL_LISTED] = g_signal_new ("listed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_ARRAY);
  signals[SIGNAL_EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                        JSON_TYPE_OBJECT);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
kdcc_kube_watch_init (KdccKubeWatch *self)
{
  self->cancellable = g_cancellable_new ();
}

KdccKubeWatch *
kdcc_kube_watch_new (KdccKubeClient          *client,
                     const KdccKubeResource  *resource,
                     const char              *namespace,
                     const char              *label_selector)
{
  KdccKubeWatch *self;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  self = g_object_new (KDCC_TYPE_KUBE_WATCH, NULL);
  self->client = g_object_ref (client);
  self->resource = resource;
  self->namespace = g_strdup (namespace);
  self->label_selector = g_strdup (label_selector);
  self->session = kdcc_kube_client_new_session (client);
  return self;
}

guint
kdcc_kube_watch_get_lists (KdccKubeWatch *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_WATCH (self), 0);

  return self->lists;
}

static void
fail (KdccKubeWatch *self,
      const GError  *error)
{
  if (self->stopped)
    return;
  kdcc_kube_watch_stop (self);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
}

/* Builds one connection's request on the main context. */
static SoupMessage *
watch_request_cb (KdccHttpStream *stream,
                  const char     *resume_token,
                  gpointer        user_data)
{
  KdccKubeWatch *self = user_data;
  g_autofree char *path = kdcc_kube_resource_path (self->resource, self->namespace, NULL);
  g_autoptr(GString) url = g_string_new (kdcc_kube_client_get_context (self->client)->server);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (url, path);
  g_string_append (url, "?watch=1&allowWatchBookmarks=true");
  if (resume_token != NULL)
    {
      g_string_append (url, "&resourceVersion=");
      g_string_append_uri_escaped (url, resume_token, NULL, FALSE);
    }
  if (self->label_selector != NULL)
    {
      g_string_append (url, "&labelSelector=");
      g_string_append_uri_escaped (url, self->label_selector, NULL, FALSE);
    }
  msg = soup_message_new ("GET", url->str);
  if (msg == NULL)
    return NULL;
  /* Cached credentials cost nothing here; expired ones may run an exec
   * plugin, briefly, as kubectl does at every reconnection. */
  if (!kdcc_kube_client_prepare_message (self->client, msg, self->cancellable, &error))
    {
      g_debug ("Cannot prepare the watch request: %s", error->message);
      return NULL;
    }
  return g_steal_pointer (&msg);
}

static void
relist (KdccKubeWatch *self)
{
  if (self->stream != NULL)
    {
      kdcc_http_stream_stop (self->stream);
      g_clear_object (&self->stream);
    }
  start_list (self);
}

static void
watch_event_cb (KdccHttpStream *stream,
                GBytes         *line,
                gpointer        user_data)
{
  KdccKubeWatch *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *event;
  JsonObject *object;
  JsonObject *metadata;
  const char *type;
  const char *version;

  if (self->stopped || g_bytes_get_size (line) == 0)
    return;
  root = kdcc_json_load_root ("watch event", g_bytes_get_data (line, NULL),
                              g_bytes_get_size (line), JSON_NODE_OBJECT, &error);
  if (root == NULL)
    {
      fail (self, error);
      return;
    }
  event = json_node_get_object (root);
  type = kdcc_json_find_string (event, "type");
  object = kdcc_json_find_object (event, "object");
  if (type == NULL || object == NULL)
    {
      g_set_error (&error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("A watch event of %s has no type or object"), self->resource->plural);
      fail (self, error);
      return;
    }

  if (g_str_equal (type, "ERROR"))
    {
      /* 410 inside the stream: the version is gone, list again. */
      if (json_object_has_member (object, "code") &&
          json_object_get_int_member (object, "code") == 410)
        {
          g_debug ("The watch of %s expired; listing again", self->resource->plural);
          relist (self);
          return;
        }
      g_set_error (&error, KDCC_ERROR, KDCC_ERROR_HTTP, _("The watch of %s failed: %s"),
                   self->resource->plural,
                   kdcc_json_find_string (object, "message")
                   ? kdcc_json_find_string (object, "message") : type);
      fail (self, error);
      return;
    }

  metadata = kdcc_json_find_object (object, "metadata");
  version = metadata ? kdcc_json_find_string (metadata, "resourceVersion") : NULL;
  if (version != NULL)
    kdcc_http_stream_set_resume_token (stream, version);
  if (g_str_equal (type, "BOOKMARK"))
    return;
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, type, object);
}

static void
watch_finished_cb (KdccHttpStream *stream,
                   GError         *error,
                   gpointer        user_data)
{
  KdccKubeWatch *self = user_data;

  if (self->stopped)
    return;
  if (error == NULL || g_error_matches (error, KDCC_HTTP_STREAM_ERROR,
                                        KDCC_HTTP_STREAM_ERROR_EXPIRED))
    {
      /* Expired, or the server ended and the stream gave up resuming. */
      relist (self);
      return;
    }
  fail (self, error);
}

static void
start_watch (KdccKubeWatch *self,
             const char    *resource_version)
{
  KdccHttpStreamLimits limits = { { 0 } };

  limits.open.max_body_bytes = 1024 * 1024;
  limits.open.deadline_ms = 30000;
  limits.open.max_redirects = 3;
  limits.open.content_type = "application/json";
  limits.max_event_bytes = MAX_EVENT_BYTES;
  limits.max_buffered_bytes = MAX_BUFFERED_BYTES;
  limits.silence_ms = SILENCE_MS;
  limits.max_reconnects = 5;
  limits.reconnect_initial_ms = 200;
  limits.reconnect_max_ms = 30000;

  self->stream = kdcc_http_stream_new (self->session, &limits, watch_request_cb, self, NULL);
  kdcc_http_stream_set_resume_token (self->stream, resource_version);
  g_signal_connect (self->stream, "event", G_CALLBACK (watch_event_cb), self);
  g_signal_connect (self->stream, "finished", G_CALLBACK (watch_finished_cb), self);
  kdcc_http_stream_start (self->stream, self->cancellable);
}

typedef struct
{
  JsonArray *items;
  char      *version;
} ListResult;

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->items, json_array_unref);
  g_free (result->version);
  g_free (result);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KdccKubeWatch *self = source_object;
  ListResult *result = g_new0 (ListResult, 1);
  GError *error = NULL;

  result->items = kdcc_kube_client_list (self->client, self->resource, self->namespace,
                                         self->label_selector, &result->version, cancellable,
                                         &error);
  if (result->items == NULL)
    {
      list_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  KdccKubeWatch *self = KDCC_KUBE_WATCH (object);
  g_autoptr(GError) error = NULL;
  ListResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (self->stopped)
    {
      if (result != NULL)
        list_result_free (result);
      return;
    }
  if (result == NULL)
    {
      fail (self, error);
      return;
    }
  self->lists++;
  g_signal_emit (self, signals[SIGNAL_LISTED], 0, result->items);
  if (!self->stopped)
    start_watch (self, result->version);
  list_result_free (result);
}

static void
start_list (KdccKubeWatch *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, list_done_cb, NULL);

  g_task_set_source_tag (task, start_list);
  g_task_run_in_thread (task, list_thread);
}

void
kdcc_kube_watch_start (KdccKubeWatch *self)
{
  g_return_if_fail (KDCC_IS_KUBE_WATCH (self));
  g_return_if_fail (self->lists == 0 && self->stream == NULL);

  start_list (self);
}

void
kdcc_kube_watch_stop (KdccKubeWatch *self)
{
  g_return_if_fail (KDCC_IS_KUBE_WATCH (self));

  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->stream != NULL)
    kdcc_http_stream_stop (self->stream);
}
