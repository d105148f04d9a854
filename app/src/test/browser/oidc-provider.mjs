// A real OpenID provider for the single sign-on test: panva's certified `oidc-provider`, with its
// development login and consent pages (any login and password sign in). Every account is in the
// group `sec-team`, which the server's oidc_role_map makes a member of `security`.
import Provider from 'oidc-provider';

export const CLIENT_ID = 'stratum-web';
export const CLIENT_SECRET = process.env.STRATUM_OIDC_CLIENT_SECRET;

/** Starts the provider on `port` of loopback; resolves with a function that stops it. */
export async function startProvider(port, redirectUri) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    // the groups claim rides on the profile scope, and claims go into the ID token itself
    claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, name: `${id} (SSO)`, email: `${id}@halyard.example`, groups: ['sec-team'] }),
    }),
    features: { devInteractions: { enabled: true } },
  });
  provider.proxy = false;
  const server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  return () => new Promise((resolve) => server.close(resolve));
}
