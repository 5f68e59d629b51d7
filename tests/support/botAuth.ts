import { AppCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { ServiceClientCredentials } from 'botframework-connector';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOT_FRAMEWORK_ENDPOINT_SETTINGS } from '../../src/config';

/**
 * Bot Framework authentication, offline (TESTING.md §3): a local OpenID metadata + JWKS server
 * that the seven endpoint settings point at, token minting with `jose`, and a credentials
 * factory that signs the bot's outgoing calls with a test bearer instead of asking MSAL.
 */

export const TEST_APP_ID = '0b0b0b0b-1111-4222-8333-444444444444';
/** Long and random-looking so a leak into logs cannot be a coincidence. */
export const TEST_APP_PASSWORD = 'pw~Zq8Hk3LmN9vRt2XyB6cDf1GhJ4kLp7sTu0wXz';
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** The bearer the bot attaches to its calls to the (fake) connector. */
export const OUTGOING_BEARER = 'outgoing-test-bearer-7f3a9c2e5b1d4e8fa6c0';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicPem: string;
}

export interface OpenIdServer {
  /** Base URL, e.g. http://127.0.0.1:1234 */
  url: string;
  /** The key published in the JWKS, endorsed for msteams. */
  teamsKey: SigningKey;
  /** A key published in the JWKS but endorsed only for another channel. */
  otherChannelKey: SigningKey;
  /** A key that is NOT published (unknown kid). */
  unpublishedKey: SigningKey;
  /** The seven Bot Framework endpoint settings, pointing here. */
  endpointSettings(): Record<(typeof BOT_FRAMEWORK_ENDPOINT_SETTINGS)[number], string>;
  /** MicrosoftAppId + MicrosoftAppPassword + the seven endpoint settings. */
  authEnv(): Record<string, string>;
  /** Requests the metadata server answered (path only). */
  requests: string[];
  close(): Promise<void>;
}

async function makeKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, publicPem: await exportSPKI(publicKey) };
}

/** Starts the metadata + JWKS server on 127.0.0.1 (one per test file: botbuilder caches per URL). */
export async function startOpenIdServer(): Promise<OpenIdServer> {
  const [teamsKey, otherChannelKey, unpublishedKey] = await Promise.all([
    makeKey('teams-key-1'),
    makeKey('webchat-key-1'),
    makeKey('unpublished-key-1'),
  ]);
  const jwks = {
    keys: [
      {
        ...(await exportJWK(teamsKey.publicKey)),
        kid: teamsKey.kid,
        use: 'sig',
        endorsements: ['msteams'],
      },
      {
        ...(await exportJWK(otherChannelKey.publicKey)),
        kid: otherChannelKey.kid,
        use: 'sig',
        endorsements: ['webchat'],
      },
    ],
  };
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (
      req.url === '/v1/.well-known/openidconfiguration' ||
      req.url === '/emulator/.well-known/openidconfiguration'
    ) {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/.well-known/keys` }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify(jwks));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const endpointSettings = () => ({
    ToBotFromChannelOpenIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
    // The emulator path is served the same keys, so only the app's claims validator can stop it.
    ToBotFromEmulatorOpenIdMetadataUrl: `${base}/emulator/.well-known/openidconfiguration`,
    ToChannelFromBotLoginUrl: `${base}/login`,
    ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
    OAuthUrl: `${base}/oauth`,
    CallerId: 'urn:botframework:azure',
  });
  return {
    url: base,
    teamsKey,
    otherChannelKey,
    unpublishedKey,
    requests,
    endpointSettings,
    authEnv: () => ({
      MicrosoftAppId: TEST_APP_ID,
      MicrosoftAppPassword: TEST_APP_PASSWORD,
      ...endpointSettings(),
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The claims a real Teams channel token carries for this bot and service URL. */
export function channelClaims(serviceUrl: string): JWTPayload {
  const now = nowSeconds();
  return { iss: CHANNEL_ISSUER, aud: TEST_APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 };
}

/** An RS256 token signed by `key` (kid in the header). */
export function signToken(claims: JWTPayload, key: SigningKey): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`) that names a published key. */
export function unsignedToken(claims: JWTPayload, kid: string): string {
  return `${b64url({ alg: 'none', kid, typ: 'JWT' })}.${b64url(claims)}.`;
}

/** HS256 "signed" with the public key's PEM as the HMAC secret (the classic key-confusion attack). */
export function hmacWithPublicKey(claims: JWTPayload, key: SigningKey): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .sign(new TextEncoder().encode(key.publicPem));
}

/**
 * Signs the bot's outgoing requests with a fixed test bearer (MSAL cannot be pointed at a local
 * server); incoming validation stays the real one and uses `isValidAppId`.
 */
export class TestCredentialsFactory extends ServiceClientCredentialsFactory {
  readonly created: { appId: string; audience?: string }[] = [];
  constructor(
    private readonly appId: string = TEST_APP_ID,
    private readonly bearer: string = OUTGOING_BEARER,
  ) {
    super();
  }
  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === this.appId);
  }
  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }
  createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    this.created.push({ appId, audience });
    const bearer = this.bearer;
    return Promise.resolve({
      signRequest(webResource) {
        webResource.headers.set('authorization', `Bearer ${bearer}`);
        return Promise.resolve(webResource);
      },
    });
  }
}

/** AppCredentials keeps tokens process-wide: clear between tests that look at outgoing tokens. */
export function clearOutgoingTokenCache(): void {
  (AppCredentials as unknown as { cache: Map<string, unknown> }).cache.clear();
}
