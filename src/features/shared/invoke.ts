import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from '../../cards';

/** Invoke responses of Universal Actions (`adaptiveCard/action`). */

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
