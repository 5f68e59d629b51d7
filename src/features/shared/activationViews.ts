import type { Verb } from '../joins';
import type { ActivationOutcome, EffectiveStatus } from '../../domain/activationLifecycle';
import type { ActivationSettings } from '../../domain/activation';
import { authorize, type Actor } from '../../domain/policy';
import type { ContainerStyle } from '../../cards';

/**
 * What the cards of technical benefits and Go-To-Market offers share about the activation
 * lifecycle: who sees which button in which state, and the notice style of each outcome. The
 * words stay each capability's own (its messages), and so do the cards.
 */

/** The two kinds of benefit that go through the lifecycle (their verbs are `<kind>.activate`, `<kind>.complete`). */
export type ActivationKindName = 'support' | 'gtm';

/** An Action.Execute on one benefit: verb + benefit id only. */
export interface BenefitVerbButton {
  title: string;
  verb: Verb;
  benefitId: string;
}

/** What the reader may do: activate (policy `<kind>.activate`), complete by hand (local mode and `<kind>.complete`). */
export interface ActivationPermissions {
  canActivate: boolean;
  canComplete: boolean;
}

export function activationPermissions(
  actor: Actor,
  kind: ActivationKindName,
  settings: Pick<ActivationSettings, 'manualCompletion'>,
): ActivationPermissions {
  return {
    canActivate: authorize(actor, `${kind}.activate`).allowed,
    canComplete: settings.manualCompletion && authorize(actor, `${kind}.complete`).allowed,
  };
}

/**
 * The buttons of one benefit: Activate while it is not activated, open to the organisation and
 * still within its last day; Complete now while it is pending (local mode). `title` says them
 * in the capability's words.
 */
export function activationButtons(
  kind: ActivationKindName,
  state: {
    benefit: { id: string };
    status: EffectiveStatus;
    expired: boolean;
    eligibility: { eligible: boolean };
  },
  may: ActivationPermissions,
  title: (act: 'activate' | 'complete') => string,
): BenefitVerbButton[] {
  const buttons: BenefitVerbButton[] = [];
  if (state.status === 'notActivated' && state.eligibility.eligible && !state.expired && may.canActivate)
    buttons.push({
      title: title('activate'),
      verb: `${kind}.activate` as const,
      benefitId: state.benefit.id,
    });
  if (state.status === 'pending' && may.canComplete)
    buttons.push({
      title: title('complete'),
      verb: `${kind}.complete` as const,
      benefitId: state.benefit.id,
    });
  return buttons;
}

/** The notice on top of the card after an act: done is good news, "already asked" a warning. */
export const ACTIVATION_NOTICE_STYLE = {
  requested: 'good',
  completed: 'good',
  alreadyPending: 'warning',
  alreadyActive: 'good',
} as const satisfies Record<ActivationOutcome, ContainerStyle>;

/** How a card of benefits is asked for: a page, a notice on top, the benefit just acted on. */
export interface ActivationCardOptions {
  page?: number;
  notice?: { text: string; style: 'good' | 'warning' | 'attention' };
  /** The benefit just acted on: its page is shown, whatever page was asked for. */
  focus?: string;
}

/** The page to show: the one holding the focused benefit, else the one asked for. */
export function activationPage(
  states: readonly { benefit: { id: string } }[],
  options: ActivationCardOptions,
  pageSize: number,
): number | undefined {
  const focusIndex = options.focus ? states.findIndex((s) => s.benefit.id === options.focus) : -1;
  return focusIndex >= 0 ? Math.floor(focusIndex / pageSize) : options.page;
}
