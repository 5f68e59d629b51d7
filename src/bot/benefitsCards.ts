import { renderCard, type AdaptiveCard } from '../cards';
import { BenefitActions } from '../domain/benefitActions';
import { loadBenefitsSnapshot } from '../domain/benefits';
import {
  benefitsCategoryView,
  benefitsSummaryView,
  type BenefitView,
  type BenefitsContext,
  type Notice,
} from '../views/benefits';
import type { BotServices } from './services';
import type { Turn } from './turn';

/**
 * The benefits cards of one turn: the tenant's benefits are read once (a handful of queries,
 * all scoped by the turn's tenant), then shown as this person may see them.
 */

export const benefitActions = (services: BotServices): BenefitActions =>
  new BenefitActions(services.repos, services.clock, services.audit);

/** What the benefits cards read: one tenant snapshot query. */
const BENEFIT_TYPES = ['tenant', 'package', 'benefit', 'seatPool', 'seatAssignment', 'member'] as const;

export async function benefitsContext(turn: Turn, services: BotServices): Promise<BenefitsContext> {
  await services.prefetch?.(turn.tenantId, BENEFIT_TYPES);
  const [snapshot, tenant] = await Promise.all([
    loadBenefitsSnapshot(services.repos, turn.tenantId),
    services.directory.tenant(turn.tenantId),
  ]);
  return {
    tr: turn.tr,
    actor: turn.actor,
    tenantName: tenant?.name ?? turn.tenantId,
    now: services.clock.now(),
    snapshot,
  };
}

export function summaryCard(ctx: BenefitsContext): AdaptiveCard {
  return renderCard('benefitsSummary', benefitsSummaryView(ctx));
}

export function categoryCard(
  ctx: BenefitsContext,
  view: BenefitView,
  page = 0,
  notice?: Notice,
): AdaptiveCard {
  return renderCard('benefitsList', benefitsCategoryView(ctx, view, page, notice));
}
