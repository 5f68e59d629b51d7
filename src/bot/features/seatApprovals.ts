import { renderCard, type AdaptiveCard } from '../../cards';
import {
  memberId,
  personLocale,
  type ConversationRef,
  type Locale,
  type Member,
  type SeatRequest,
} from '../../domain/model';
import { authorize } from '../../domain/policy';
import { SeatService, type PoolUsage } from '../../domain/seats';
import { translator } from '../../i18n';
import { seatRequestView } from '../../views/seats';
import type { BotServices } from '../services';

/**
 * Where seat requests go and how decisions travel back: the approvals channel if one is set,
 * else each Global admin's personal chat; every posted copy is remembered on the request so a
 * decision updates all of them, and the requester is told in their own chat.
 */

async function approvers(services: BotServices, tenantId: string) {
  return services.directory.holdersOf(tenantId, ['GlobalAdmin']);
}

export async function requestCard(
  services: BotServices,
  request: SeatRequest,
  usage: PoolUsage,
  locale: Locale,
  viewerMayDecide: boolean,
  /** The tenant's Global admins when the caller has just read them (saves reading them again). */
  approverList?: Member[],
): Promise<AdaptiveCard> {
  const admins = approverList ?? (await approvers(services, request.tenantId));
  return renderCard(
    'seatRequest',
    seatRequestView(translator(locale), {
      request,
      usage,
      viewerMayDecide,
      approverTeamsIds: admins.map((a) => a.teamsUserId).filter((id): id is string => Boolean(id)),
    }),
  );
}

interface Target {
  ref: ConversationRef;
  locale: Locale;
  /** Only approvers read their personal chat: buttons are safe there; a channel relies on refresh. */
  decides: boolean;
}

async function targets(services: BotServices, tenantId: string, admins: Member[]): Promise<Target[]> {
  const tenant = await services.directory.tenant(tenantId);
  const tenantLocale = tenant?.locale ?? 'en-US';
  if (tenant?.approvalsConversationId) {
    const channel = await services.messenger.conversation(tenantId, tenant.approvalsConversationId);
    if (channel) return [{ ref: channel, locale: tenantLocale, decides: false }];
  }
  const found: Target[] = [];
  for (const admin of admins) {
    // The member document was just read with the approvers: its personal chat needs no second read.
    const chat = admin.personalConversationId
      ? await services.messenger.conversation(tenantId, admin.personalConversationId)
      : undefined;
    if (chat) found.push({ ref: chat, locale: personLocale(admin, tenantLocale), decides: true });
  }
  return found;
}

/**
 * Finds where the approval card goes (now), then posts it after the turn has answered: a post
 * may wait for Teams' per-conversation limits, and the requester should not. Returns how many
 * places it will go to (0: no approver can be reached yet).
 */
export async function postForApproval(
  services: BotServices,
  request: SeatRequest,
  usage: PoolUsage,
): Promise<number> {
  const admins = await approvers(services, request.tenantId);
  const found = await targets(services, request.tenantId, admins);
  services.background.run('post seat request for approval', async () => {
    const seats = new SeatService(services.repos, services.audit, services.clock);
    for (const target of found) {
      const card = await requestCard(services, request, usage, target.locale, target.decides, admins);
      const posted = await services.messenger.sendCard(target.ref, card);
      if (posted) await seats.addCard(request.tenantId, request.id, posted);
    }
  });
  return found.length;
}

/**
 * After a decision: every other copy of the card shows the outcome, and the requester hears it.
 * Runs after the invoke has been answered.
 */
export function announceDecision(
  services: BotServices,
  request: SeatRequest,
  pressedActivityId: string | undefined,
): void {
  services.background.run('seat decision fan-out', async () => {
    const seats = new SeatService(services.repos, services.audit, services.clock);
    const usage = await seats.usage(request.tenantId, request.poolId);
    const tenant = await services.directory.tenant(request.tenantId);
    for (const copy of request.cards) {
      if (copy.activityId === pressedActivityId) continue;
      const ref = await services.messenger.conversation(request.tenantId, copy.conversationId);
      if (!ref) continue;
      const card = await requestCard(services, request, usage, tenant?.locale ?? 'en-US', false);
      await services.messenger.updateCard(ref, copy, card);
    }
    const chat = await services.messenger.personalChat(request.tenantId, request.requester);
    if (!chat || !request.decision) return;
    // The requester's language now (they may have chosen one since asking), else the request's.
    const requester = await services.repos.members.get(request.tenantId, memberId(request.requester));
    const tr = translator(personLocale(requester?.doc, request.locale));
    const pool = usage.pool.subscription;
    await services.messenger.sendText(
      chat,
      request.status === 'approved'
        ? tr.t('seats.told.approved', {
            pool,
            by: request.decision.byName,
            seat: request.decision.seatNo ?? '',
          })
        : tr.t('seats.told.rejected', {
            pool,
            by: request.decision.byName,
            reason: request.decision.reason ?? '',
          }),
    );
  });
}

export function mayDecide(roles: Parameters<typeof authorize>[0]['roles']): boolean {
  return authorize({ tenantId: '', aadObjectId: '', roles }, 'seat.approve').allowed;
}
