import { CardFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards';

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const res = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  return res?.id;
}
