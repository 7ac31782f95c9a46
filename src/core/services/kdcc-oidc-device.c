/* kdcc-oidc-device.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Revocation (RFC 7009) and the device authorization grant (RFC 8628) of
 * KdccOidcClient.
 */
#define G_LOG_DOMAIN "kdcc-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kdcc-error.h"
#include "kdcc-oidc-client-private.h"

gboolean
kdcc_oidc_client_revoke_sync (KdccOidcClient  *self,
                              const char      *token,
                              const char      *hint,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GBytes) answer = NULL;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), FALSE);

  discovery = kdcc_oidc_client_discover_sync (self, cancellable, error);
  if (discovery == NULL)
    return FALSE;
  if (discovery->revocation_endpoint == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The identity provider has no revocation endpoint"));
      return FALSE;
    }
  answer = _kdcc_oidc_client_post_form (self, discovery->revocation_endpoint, _("revocation endpoint"),
                      soup_form_encode ("token", token,
                                        "token_type_hint", hint,
                                        "client_id", kdcc_oidc_client_get_client_id (self),
                                        NULL),
                      cancellable, error);
  return answer != NULL;
}

KdccOidcDeviceAuth *
kdcc_oidc_client_device_start_sync (KdccOidcClient  *self,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GBytes) answer = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);

  discovery = kdcc_oidc_client_discover_sync (self, cancellable, error);
  if (discovery == NULL)
    return NULL;
  if (discovery->device_authorization_endpoint == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The identity provider does not offer sign-in with a code on another "
                     "device (no device authorization endpoint)"));
      return NULL;
    }
  answer = _kdcc_oidc_client_post_form (self, discovery->device_authorization_endpoint,
                      _("device authorization endpoint"),
                      soup_form_encode ("client_id", kdcc_oidc_client_get_client_id (self),
                                        "scope", kdcc_oidc_client_get_scope (self),
                                        NULL),
                      cancellable, error);
  if (answer == NULL)
    return NULL;
  data = g_bytes_get_data (answer, &size);
  return kdcc_oidc_parse_device_auth (data, size, error);
}

/* Waits SECONDS unless cancelled; FALSE when cancelled. */
static gboolean
wait_interval (gint64         seconds,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The provider's polling interval is what is waited for here, not
       * another thread: short steps keep cancellation prompt. */
      g_usleep (MIN (100 * 1000, end - g_get_monotonic_time () + 1));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

KdccOidcTokens *
kdcc_oidc_client_device_poll_sync (KdccOidcClient            *self,
                                   const KdccOidcDeviceAuth  *auth,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  gint64 deadline = g_get_monotonic_time () + auth->expires_in * G_USEC_PER_SEC;
  gint64 interval = auth->interval;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);

  discovery = kdcc_oidc_client_discover_sync (self, cancellable, error);
  if (discovery == NULL)
    return NULL;

  for (;;)
    {
      g_autoptr(GBytes) answer = NULL;
      g_autofree char *code = NULL;
      g_autofree char *description = NULL;
      SoupMessage *msg;
      guint status = 0;
      gsize size = 0;
      const char *data;

      if (!wait_interval (interval, cancellable, error))
        return NULL;
      if (g_get_monotonic_time () > deadline)
        {
          kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_EXPIRED,
                       _("The code %s was not approved in time; sign in again"), auth->user_code);
          return NULL;
        }

      msg = soup_message_new_from_encoded_form (
        "POST", discovery->token_endpoint,
        _kdcc_oidc_client_with_secret (
          self, soup_form_encode ("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                                  "device_code", auth->device_code,
                                  "client_id", kdcc_oidc_client_get_client_id (self),
                                  NULL)));
      answer = _kdcc_oidc_client_send (self, msg, 0, &status, cancellable, error);
      if (answer == NULL)
        return NULL;
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        return _kdcc_oidc_client_tokens_from_answer (self, answer, NULL, NULL, cancellable, error);

      data = g_bytes_get_data (answer, &size);
      if (kdcc_oidc_parse_oauth_error (data, size, &code, &description))
        {
          /* RFC 8628 §3.5: keep polling, slower when asked. */
          if (g_str_equal (code, "authorization_pending"))
            continue;
          if (g_str_equal (code, "slow_down"))
            {
              interval += 5;
              continue;
            }
        }
      _kdcc_oidc_set_endpoint_error (error, _("token endpoint"), status, answer);
      return NULL;
    }
}
