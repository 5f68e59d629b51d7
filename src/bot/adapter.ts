import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConfiguration,
  AuthenticationConstants,
  type Claim,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { BotAuthConfig } from '../config';
import type { Logger } from '../logger';

export interface AdapterOverrides {
  /** Tests sign outgoing requests with their own bearer instead of MSAL. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * botbuilder always also runs an "emulator" validation path that accepts tokens of any Entra
 * tenant without checking audience or service URL. Teams never uses it, so only tokens issued by
 * the Bot Framework channel issuer get through.
 */
export function channelIssuerOnly(issuer: string): (claims: Claim[]) => Promise<void> {
  return (claims) => {
    // An empty claim set is the anonymous identity of local mode (no app id): nothing to check.
    if (claims.length === 0) return Promise.resolve();
    const iss = claims.find((c) => c.type === AuthenticationConstants.IssuerClaim)?.value;
    if (iss !== issuer)
      return Promise.reject(new Error('Unauthorized: token issuer is not the Bot Framework channel'));
    return Promise.resolve();
  };
}

export function createAdapter(
  auth: BotAuthConfig,
  logger: Logger,
  overrides: AdapterOverrides = {},
): CloudAdapter {
  const issuer =
    auth.endpoints?.ToBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer;
  const authentication = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: auth.appId,
      MicrosoftAppPassword: auth.appPassword,
      MicrosoftAppType: auth.appType,
      MicrosoftAppTenantId: auth.appTenantId,
      ...(auth.endpoints ?? {}),
    },
    overrides.credentialsFactory,
    auth.appId ? new AuthenticationConfiguration([], channelIssuerOnly(issuer)) : undefined,
  );
  const adapter = new CloudAdapter(authentication);
  // Errors the bot did not handle itself (it handles its own): log them; the user was not told
  // anything internal.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, correlationId: context.activity.id }, 'unhandled turn error');
    await Promise.resolve();
  };
  return adapter;
}
