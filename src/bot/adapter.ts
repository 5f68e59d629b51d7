import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConfiguration,
  AuthenticationConstants,
  type Claim,
  type ClaimsIdentity,
  ConnectorFactory,
  type ConnectorClient as BotConnectorClient,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { BotAuthConfig } from '../config';
import type { Logger } from '../logger';
import {
  RetryBudget,
  TURN_RETRY,
  realRetryDeps,
  sendWithRetries,
  type RetryDeps,
  type RetryRules,
} from '../notify/retryPolicy';

export interface AdapterOverrides {
  /** Tests sign outgoing requests with their own bearer instead of MSAL. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Rules for retrying turn replies (default TURN_RETRY). */
  turnRetry?: RetryRules;
  /** Clock, jitter and sleep of the retry policy, for turn replies and proactive sends alike. */
  retryDeps?: Partial<RetryDeps>;
}

/*
 * Replies within a turn (sendActivity, updateActivity, TeamsInfo, ...) go through the connector
 * client botbuilder builds for the turn. Its stock pipeline retries on its own: it replays a POST
 * after a 500 (a duplicate reply if Teams had posted it), and gives up on 412 and on 429 without
 * Retry-After. We swap that retry step for the shared policy (src/notify/retryPolicy.ts, the one
 * proactive sends follow), with one budget per turn so an invoke is still answered in time.
 * The pipeline types below are the parts of @azure/core-rest-pipeline the step touches.
 */
interface PipelineRequestLike {
  method: string;
  url: string;
  timeout: number;
}
interface PipelineResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}
interface PipelinePolicyLike {
  name: string;
  sendRequest(
    request: PipelineRequestLike,
    next: (request: PipelineRequestLike) => Promise<PipelineResponseLike>,
  ): Promise<PipelineResponseLike>;
}
interface PipelineLike {
  getOrderedPolicies(): { name: string }[];
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicyLike, options?: { phase?: 'Retry' }): void;
}

const STOCK_RETRY_POLICY = 'defaultRetryPolicy';

/** Replaces the stock retry step of a botbuilder connector client with the shared policy. */
export function applyTurnRetryPolicy(client: BotConnectorClient, budget: RetryBudget, logger: Logger): void {
  // `client.pipeline` of botbuilder's ServiceClientContext is private; checked, not assumed.
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline?.getOrderedPolicies().some((p) => p.name === STOCK_RETRY_POLICY))
    throw new Error('botbuilder connector client has no stock retry policy to replace (botbuilder changed?)');
  pipeline.removePolicy({ name: STOCK_RETRY_POLICY });
  pipeline.addPolicy(
    {
      name: 'sharedConnectorRetryPolicy',
      async sendRequest(request, next) {
        const path = new URL(request.url).pathname;
        const { response, attempts, gaveUp } = await sendWithRetries(
          budget,
          request.method,
          (_n, timeoutMs) => {
            request.timeout = timeoutMs;
            return next(request);
          },
          (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after') }),
          ({ status, attempt, delayMs }) =>
            logger.debug({ status, attempt, delay: delayMs, method: request.method, path }, 'reply retried'),
        );
        if (gaveUp === 'ambiguous')
          logger.warn(
            { status: response.status, method: request.method, path },
            'connector answered 500 to a reply: not resent (it may have been posted)',
          );
        else if (gaveUp && gaveUp !== 'notRetryable')
          logger.warn(
            { status: response.status, attempts, reason: gaveUp, method: request.method, path },
            'reply not delivered: retries of this turn ran out',
          );
        return response;
      },
    },
    { phase: 'Retry' },
  );
}

/** Every connector client botbuilder creates (one per turn) gets the shared policy and its own budget. */
class RetryingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly rules: RetryRules,
    private readonly deps: RetryDeps,
    private readonly logger: Logger,
  ) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<BotConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    applyTurnRetryPolicy(client, new RetryBudget(this.rules, this.deps), this.logger);
    return client;
  }
}

/** botbuilder's configuration authentication, handing out connector factories with our policy. */
class RetryingAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    args: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>,
    private readonly wrap: (factory: ConnectorFactory) => ConnectorFactory,
  ) {
    super(...args);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.wrap(result.connectorFactory) };
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.wrap(result.connectorFactory) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(super.createConnectorFactory(claimsIdentity));
  }
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
  const rules = overrides.turnRetry ?? TURN_RETRY;
  const deps = { ...realRetryDeps, ...overrides.retryDeps };
  const authentication = new RetryingAuthentication(
    [
      {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.appTenantId,
        ...(auth.endpoints ?? {}),
      },
      overrides.credentialsFactory,
      auth.appId ? new AuthenticationConfiguration([], channelIssuerOnly(issuer)) : undefined,
    ],
    (factory) => new RetryingConnectorFactory(factory, rules, deps, logger),
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
