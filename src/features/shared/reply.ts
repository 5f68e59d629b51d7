import type { TurnContext } from 'botbuilder';
import { cardMessage, type AdaptiveCard } from '../../cards';

/** The one way a turn answers with a card (with optional text above it); returns the activity id. */
export async function sendCard(
  context: TurnContext,
  card: AdaptiveCard,
  text?: string,
): Promise<string | undefined> {
  const res = await context.sendActivity(cardMessage(card, text));
  return res?.id;
}
