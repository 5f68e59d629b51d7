import type { TurnContext } from 'botbuilder';
import type { Locale, Member } from '../../domain/model';
import type { Actor } from '../../domain/policy';
import type { Translator } from '../../i18n';

/** What the bot knows about the current turn, resolved once at its start. */
export interface Turn {
  correlationId: string;
  tenantId: string;
  locale: Locale;
  tr: Translator;
  member: Member;
  actor: Actor;
}

const TURN_KEY = Symbol('partnerBenefits.turn');

export function setTurn(context: TurnContext, turn: Turn): void {
  context.turnState.set(TURN_KEY, turn);
}

export function getTurn(context: TurnContext): Turn {
  const turn = context.turnState.get<Turn | undefined>(TURN_KEY);
  if (!turn) throw new Error('turn not resolved: the bot must resolve the actor before handlers run');
  return turn;
}

export function tenantIdOf(context: TurnContext): string | undefined {
  const a = context.activity;
  const fromChannelData = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = a.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
  return id?.toLowerCase();
}
