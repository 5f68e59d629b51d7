import {
  activationPage,
  activationPermissions,
  type ActivationCardOptions,
  type ActivationKindName,
  type ActivationPermissions,
} from './activationViews';
import type { Turn } from './turn';
import type { AdaptiveCard } from '../../cards';
import type { BotServices } from '../../services';

/** What the technical benefits card and the Go-To-Market offers card are both built from. */
export interface ActivationCardInput<O> extends ActivationPermissions {
  overview: O;
  tenantName: string;
  delayDays: number;
  page?: number;
  notice?: ActivationCardOptions['notice'];
}

/** Where one kind's card reads its benefits: its overview, the benefits in it, its page size. */
export interface ActivationCardSource<O> {
  kind: ActivationKindName;
  overview: (services: BotServices, tenantId: string) => Promise<O>;
  benefits: (overview: O) => readonly { benefit: { id: string } }[];
  pageSize: number;
}

/** A benefits card with an activation lifecycle, as this person may see it (buttons only for what they may do). */
export type ActivationCard = (
  turn: Turn,
  services: BotServices,
  options?: ActivationCardOptions,
) => Promise<AdaptiveCard>;

/**
 * One kind's card: what both kinds share read the same way (the overview together with the
 * tenant's name, its id when the tenant is not on record; the buttons this person may press; the
 * kind's processing delay; the page holding the benefit just acted on; the notice on top), then
 * `render` adds what is the kind's own.
 */
export function activationCard<O>(
  source: ActivationCardSource<O>,
  render: (turn: Turn, input: ActivationCardInput<O>) => AdaptiveCard,
): ActivationCard {
  return async (turn, services, options = {}) => {
    const [overview, tenant] = await Promise.all([
      source.overview(services, turn.tenantId),
      services.directory.tenant(turn.tenantId),
    ]);
    return render(turn, {
      overview,
      tenantName: tenant?.name ?? turn.tenantId,
      ...activationPermissions(turn.actor, source.kind, services.activation),
      delayDays: services.activation[`${source.kind}Days`],
      page: activationPage(source.benefits(overview), options, source.pageSize),
      notice: options.notice,
    });
  };
}
