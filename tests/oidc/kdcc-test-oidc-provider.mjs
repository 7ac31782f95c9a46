// SPDX-License-Identifier: GPL-3.0-or-later
//
// The OpenID Connect provider KDCC's sign-in tests run against: npm
// oidc-provider (a certified OpenID provider), configured here with test
// clients, one test user and keys made at start-up. It listens on
// 127.0.0.1 on a port the system picks and prints one JSON line,
// {"issuer": "http://127.0.0.1:PORT"}, when it is ready. It stops when its
// standard input closes (the test that started it has gone).
//
// The login and consent pages are this file's (a real user check, unlike
// the package's development pages, which take any name): the tests fill
// them over HTTP in place of a browser.
//
// Test-only switch: POST /test/swap-jwks makes /jwks serve other keys with
// the same key ids (a provider whose key set was replaced by someone else),
// POST /test/restore-jwks puts the real ones back.

import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { strict as assert } from 'node:assert';
import Provider from 'oidc-provider';

// Standard output carries only the issuer line: the test stops reading it
// after that line and closes it, so everything else goes to stderr.
console.log = console.error;
console.info = console.error;
console.warn = console.error;

const USER = { id: 'alice-0001', login: 'alice', password: 'wonderland',
               name: 'Alice Liddell', email: 'alice@example.test' };

function keys () {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: 'kdcc-test-rsa', use: 'sig', alg: 'RS256' },
    { ...ec, kid: 'kdcc-test-ec', use: 'sig', alg: 'ES256' },
  ];
}

function publicOnly (jwk) {
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  return pub;
}

const nativeClient = (id, extra = {}) => ({
  client_id: id,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  redirect_uris: ['http://127.0.0.1/callback'],
  grant_types: ['authorization_code', 'refresh_token',
                'urn:ietf:params:oauth:grant-type:device_code'],
  response_types: ['code'],
  ...extra,
});

const html = (title, body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm (req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; if (body.length > 65536) reject(new Error('too large')); });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const signingKeys = keys();
  const swappedKeys = keys().map(publicOnly);
  let swapped = false;

  const provider = new Provider(issuer, {
    clients: [
      nativeClient('kdcc'),
      nativeClient('kdcc-es256', { id_token_signed_response_alg: 'ES256' }),
      // Its refresh tokens live 3 seconds: the expired refresh token case.
      nativeClient('kdcc-short'),
      // Another application at the same provider: the wrong audience case.
      nativeClient('other-app'),
      // A confidential client, as kubelogin setups with --oidc-client-secret.
      nativeClient('kdcc-confidential', { token_endpoint_auth_method: 'client_secret_post',
                                          client_secret: 'kdcc-test-client-secret' }),
    ],
    jwks: { keys: signingKeys },
    cookies: { keys: ['kdcc-test-cookie-key'] },
    findAccount: async (ctx, id) => (id !== USER.id ? undefined : {
      accountId: id,
      claims: async () => ({ sub: id, name: USER.name, preferred_username: USER.login,
                             email: USER.email }),
    }),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    features: {
      devInteractions: { enabled: false },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // Refresh tokens for every client allowed the grant, without the
    // offline_access consent dance.
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      RefreshToken: (ctx, token, client) => (client.clientId === 'kdcc-short' ? 3 : 3600),
      AccessToken: 600,
      IdToken: 600,
      DeviceCode: 300,
      Interaction: 300,
      Session: 3600,
      Grant: 3600,
    },
    pkce: { required: () => true },
    // Scope claims (preferred_username, email) in the ID token itself, as
    // Keycloak, Azure AD and Okta put them: KDCC names the account from it.
    conformIdTokenClaims: false,
  });
  provider.proxy = false;

  async function interaction (req, res, uid) {
    const details = await provider.interactionDetails(req, res);
    assert.equal(details.uid, uid);
    const { prompt } = details;
    if (req.method === 'GET') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      if (prompt.name === 'login') {
        res.end(html('Sign in', `<form method="post" action="/interaction/${uid}">
<input type="hidden" name="prompt" value="login"/>
<input type="text" name="login"/><input type="password" name="password"/>
<button type="submit">Sign in</button></form>`));
      } else {
        res.end(html('Authorize', `<form method="post" action="/interaction/${uid}">
<input type="hidden" name="prompt" value="consent"/>
<button type="submit">Continue</button></form>`));
      }
      return;
    }
    const form = await readForm(req);
    if (form.get('prompt') === 'login') {
      if (form.get('login') !== USER.login || form.get('password') !== USER.password) {
        res.statusCode = 403;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(html('Sign in failed', `<p>Unknown user or wrong password for ${escape(form.get('login'))}</p>`));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: USER.id } },
                                         { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } },
                                       { mergeWithLastSubmission: true });
  }

  const callback = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    const match = url.pathname.match(/^\/interaction\/([A-Za-z0-9_-]+)$/);
    if (match) {
      interaction(req, res, match[1]).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    } else if (req.method === 'POST' && url.pathname === '/test/swap-jwks') {
      swapped = true;
      res.end('swapped\n');
    } else if (req.method === 'POST' && url.pathname === '/test/restore-jwks') {
      swapped = false;
      res.end('restored\n');
    } else if (swapped && url.pathname === '/jwks') {
      res.setHeader('Content-Type', 'application/jwk-set+json');
      res.end(JSON.stringify({ keys: swappedKeys }));
    } else {
      callback(req, res);
    }
  });

  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
