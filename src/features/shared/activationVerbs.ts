import { z } from 'zod';
import type { ActivationOutcome, ActivationResult } from '../../domain/activationLifecycle';
import type { Actor } from '../../domain/policy';
import type { AdaptiveCard } from '../../cards';
import type { Translator } from '../../i18n';
import type { BotServices } from '../../services';
import { verb, type Handler, type VerbHandler } from '../feature';
import { ACTIVATION_NOTICE_STYLE, type ActivationKindName } from './activationViews';

/**
 * The Activate and Complete now verbs of technical benefits and Go-To-Market offers: the act
 * of the capability's service, then its card with a notice on top saying what happened
 * (`<kind>.notice.<outcome>` of the capability's messages), the benefit's page in view.
 */
export interface ActivationBinding<S> {
  kind: ActivationKindName;
  service(services: BotServices): {
    activate(actor: Actor, benefitId: string): Promise<ActivationResult<S>>;
    complete(actor: Actor, benefitId: string): Promise<ActivationResult<S>>;
  };
  /** A refusal as the reader should read it (e.g. tier ids as tier names). */
  explain(err: unknown, tr: Translator): unknown;
  /** The parameters of the notice for `outcome`. */
  noticeParams(
    h: Handler,
    outcome: ActivationOutcome,
    state: S,
  ): Record<string, string | number> | Promise<Record<string, string | number>>;
  card(
    h: Handler,
    options: { notice: { text: string; style: 'good' | 'warning' }; focus: string },
  ): Promise<AdaptiveCard>;
}

const benefitData = z.object({ benefitId: z.string().startsWith('benefit:').max(200) }).strict();

export function activationVerb<S>(binding: ActivationBinding<S>, act: 'activate' | 'complete'): VerbHandler {
  return verb({
    schema: benefitData,
    action: `${binding.kind}.${act}`,
    run: async (h, data) => {
      let result: ActivationResult<S>;
      try {
        result = await binding.service(h.services)[act](h.turn.actor, data.benefitId);
      } catch (err) {
        throw binding.explain(err, h.turn.tr);
      }
      const { outcome, state } = result;
      const text = h.turn.tr.t(
        `${binding.kind}.notice.${outcome}` as const,
        await binding.noticeParams(h, outcome, state),
      );
      return binding.card(h, {
        notice: { text, style: ACTIVATION_NOTICE_STYLE[outcome] },
        focus: data.benefitId,
      });
    },
  });
}
