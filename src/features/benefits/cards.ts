import { type AdaptiveCard } from '../../cards';
import type { BenefitActions } from '../../domain/benefitActions';
import type { BenefitsSnapshot } from '../../domain/benefits';
import type { Locale } from '../../domain/model';
import {
  benefitsCategoryView,
  benefitsSummaryView,
  type BenefitView,
  type BenefitsContext,
  type Notice,
} from './views';
import type { BotServices } from '../../services';
import type { Turn } from '../shared/turn';
import { renderBenefitsList, renderBenefitsSummary } from './views';

/**
 * The benefits cards of one turn: the tenant's benefits are read once (a handful of queries,
 * all scoped by the turn's tenant), then shown as this person may see them.
 */

export const benefitActions = (services: BotServices): BenefitActions => services.benefitActions;

/** What the benefits cards read: one tenant snapshot query (the person among the members). */
export const BENEFIT_TYPES = [
  'tenant',
  'membership',
  'package',
  'benefit',
  'seatPool',
  'seatAssignment',
  'member',
] as const;

export async function benefitsContext(turn: Turn, services: BotServices): Promise<BenefitsContext> {
  await services.prefetch?.(turn.tenantId, BENEFIT_TYPES);
  const [snapshot, tenant] = await Promise.all([
    services.benefitActions.snapshot(turn.tenantId),
    services.directory.tenant(turn.tenantId),
  ]);
  return {
    tr: turn.tr,
    actor: turn.actor,
    tenantName: tenant?.name ?? turn.tenantId,
    now: services.clock.now(),
    snapshot: inLanguage(snapshot, turn.locale),
  };
}

/**
 * The catalogue text as this reader reads it: package, benefit and product names and install
 * notes in Chinese for a Chinese reader (a record without a translation keeps its English).
 * For display only; actions re-read the records.
 */
export function inLanguage(snapshot: BenefitsSnapshot, locale: Locale): BenefitsSnapshot {
  if (locale !== 'zh-CN') return snapshot;
  return {
    ...snapshot,
    packages: snapshot.packages.map((p) => ({ ...p, name: p.nameZh ?? p.name })),
    benefits: snapshot.benefits.map((b) => {
      const named = { ...b, name: b.nameZh ?? b.name };
      if (b.details.category !== 'software') return named;
      return {
        ...named,
        details: {
          ...b.details,
          products: b.details.products.map((p) => ({
            ...p,
            name: p.nameZh ?? p.name,
            instructions: p.instructionsZh ?? p.instructions,
          })),
        },
      };
    }),
  };
}

export function summaryCard(ctx: BenefitsContext): AdaptiveCard {
  return renderBenefitsSummary(benefitsSummaryView(ctx));
}

export function categoryCard(
  ctx: BenefitsContext,
  view: BenefitView,
  page = 0,
  notice?: Notice,
): AdaptiveCard {
  return renderBenefitsList(benefitsCategoryView(ctx, view, page, notice));
}
