import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { z, type ZodType } from 'zod';
import type { AdaptiveCard } from '../cards';
import type { Action } from '../domain/policy';
import { rolesCard } from './commands';
import type { BotServices } from './services';
import type { Turn } from './turn';

/**
 * THE verb table for `Action.Execute`: verb → zod schema for its data → the act it performs →
 * handler returning the card that replaces the pressed one. Card data carries ids only; the
 * handler re-reads the record, and the dispatcher asks the policy table first.
 */
export interface VerbHandler<S extends ZodType = ZodType> {
  schema: S;
  action: Action;
  run(context: TurnContext, turn: Turn, services: BotServices, data: z.infer<S>): Promise<AdaptiveCard>;
}

const verb = <S extends ZodType>(h: VerbHandler<S>): VerbHandler => h;

/** Empty data (Teams adds nothing, but a forged card might). */
const noData = z.object({}).strict();

export const VERBS: Record<string, VerbHandler> = {
  'roles.view': verb({
    schema: noData,
    action: 'roles.view',
    run: (_context, turn, services) => rolesCard(turn, services),
  }),
};

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
