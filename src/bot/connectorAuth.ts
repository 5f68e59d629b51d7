import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotAuthConfig } from '../config';
import type { ConnectorAuth } from '../notify/connector';

/**
 * Bearer tokens for proactive sends, from the same credentials the adapter uses (tests pass
 * their own factory). Without an app id (local mode) requests go unsigned, as botbuilder does.
 */
export function connectorAuth(auth: BotAuthConfig, factory?: ServiceClientCredentialsFactory): ConnectorAuth {
  if (!auth.appId) return { authorization: () => Promise.resolve(undefined) };
  const appId = auth.appId;
  const credentialsFactory =
    factory ??
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: auth.appId,
      MicrosoftAppPassword: auth.appPassword,
      MicrosoftAppType: auth.appType,
      MicrosoftAppTenantId: auth.appTenantId,
    });
  const audience =
    auth.endpoints?.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope;
  const login = auth.endpoints?.ToChannelFromBotLoginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl;
  return {
    async authorization() {
      const credentials = await credentialsFactory.createCredentials(appId, audience, login, true);
      const headers = new Map<string, string>();
      // ServiceClientCredentials sign a request object by setting its Authorization header.
      await credentials.signRequest({
        headers: { set: (k: string, v: string) => headers.set(k.toLowerCase(), v) },
      } as never);
      return headers.get('authorization');
    },
  };
}
