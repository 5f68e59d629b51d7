import type { TurnContext } from 'botbuilder';
import type { EntityType, Locale, Member } from '../../domain/model';
import type { Selection } from '../../domain/ports';
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

/**
 * What the answer to a waiting dialog will read (its tenant snapshot): said by the dialog when it
 * asks, kept with the conversation, and read by the next turn in the same query as the person
 * (who is still read afresh every turn, so a changed role or language counts at once).
 */
export interface PlannedReads {
  /** The dialog that asked: the plan counts only while that dialog is the one waiting. */
  dialogId: string;
  types: EntityType[];
  selections: Selection[];
}

const NEXT_READS_KEY = Symbol('partnerBenefits.nextReads');

/** Called by a dialog as it asks: the answer's turn reads `plan` with the person. */
export function planNextTurnReads(context: TurnContext, plan: PlannedReads): void {
  context.turnState.set(NEXT_READS_KEY, plan);
}

export function plannedNextTurnReads(context: TurnContext): PlannedReads | undefined {
  return context.turnState.get<PlannedReads | undefined>(NEXT_READS_KEY);
}
