import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from '../../cards';
import { isExpected } from './errors';

/**
 * Invoke responses of Universal Actions (`adaptiveCard/action`), and the one convention for a
 * press that does not produce a card:
 * - a refusal a person can act on (a rule, a missing role, a concurrent change) is an answer, not a
 *   failure: 200 with a message response, so Teams shows the words (from `explainError`) in place
 *   and the card stays as it was — an error response would show Teams' own generic banner;
 * - a press whose verb or data the bot cannot read is the client's fault: 400 `BadRequest`;
 * - a fault of ours is 500 `InternalError`, whose words carry the correlation id of the logs.
 * Every handler and the bot's error path use `failureResponse` / `badRequest`, never their own.
 */

export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** A message Teams shows in place of the card refresh (Universal Actions "message" response). */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text as unknown as Record<string, unknown>,
  };
}

export function errorResponse(
  statusCode: 400 | 403 | 500 | 503,
  code: string,
  message: string,
): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

/** The answer to a press that threw: `text` is what `explainError` said about `thrown`. */
export function failureResponse(thrown: unknown, text: string): AdaptiveCardInvokeResponse {
  return isExpected(thrown) ? messageResponse(text) : errorResponse(500, 'InternalError', text);
}

/** A press the bot cannot read (unknown verb, malformed or forged data): nothing was changed. */
export const badRequest = (text: string): AdaptiveCardInvokeResponse =>
  errorResponse(400, 'BadRequest', text);
