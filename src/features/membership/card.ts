import type { AdaptiveCard } from '../../cards';
import type { Holdings } from '../../domain/membership';
import { MEMBERSHIP_CATALOGUE } from '../../domain/membershipCatalogue';
import type { BotServices } from '../../services';
import type { Turn } from '../shared/turn';
import { membershipView, renderMembership, type Notice } from './views';

const catalogue = MEMBERSHIP_CATALOGUE;

/** The phrase that starts (or continues) the enrolment, as the membership card's button sends it. */
export const ENROLL_PHRASES = {
  'en-US': ['enroll', 'enrol', 'enrollment', 'enrolment'],
  'zh-CN': ['注册', '注册合作伙伴'],
};

export function holdings(services: BotServices, tenantId: string): Promise<Holdings> {
  return services.memberships.holdings(tenantId);
}

/** The membership card as the server sees it now, with optional notices on top. */
export async function membershipCard(
  turn: Turn,
  services: BotServices,
  notices: Notice[] = [],
): Promise<AdaptiveCard> {
  const [tenant, held, enrollment] = await Promise.all([
    services.directory.tenant(turn.tenantId),
    holdings(services, turn.tenantId),
    services.memberships.enrollmentStarted(turn.tenantId),
  ]);
  return renderMembership(
    membershipView(turn.tr, {
      catalogue,
      tenantName: tenant?.name ?? turn.tenantId,
      holdings: held,
      viewer: turn.member,
      localMode: services.mode === 'local',
      now: services.clock.now(),
      enrollCommand: ENROLL_PHRASES[turn.locale][0],
      enrollmentStarted: enrollment,
      notices,
    }),
  );
}
