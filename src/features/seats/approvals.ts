import { type AdaptiveCard } from '../../cards';
import {
  personLocale,
  type ConversationRef,
  type Locale,
  type Member,
  type SeatRequest,
} from '../../domain/model';
import { authorize } from '../../domain/policy';
import type { Selection, Versioned } from '../../domain/ports';
import type { PoolUsage } from '../../domain/seats';
import { translator } from '../../i18n';
import type { PostedCard } from '../../notify/messenger';
import { seatRequestDigestView, seatRequestView } from './views';
import type { BotServices } from '../../services';
import { renderSeatRequest, renderSeatRequestDigest } from './views';

/**
 * Where seat requests go and how decisions travel back: the approvals channel if one is set,
 * else each Global admin's personal chat; every posted copy is remembered on the request so a
 * decision updates all of them, and the requester is told in their own chat.
 */

const APPROVER_ROLES = ['GlobalAdmin'] as const;

async function approvers(services: BotServices, tenantId: string) {
  return services.directory.holdersOf(tenantId, APPROVER_ROLES);
}

/** What a turn that posts for approval reads (with its tenant snapshot): the approvers. */
export const approverSelections: readonly Selection[] = APPROVER_ROLES.map((role) => ({
  type: 'member',
  filter: { arrayContains: { roles: role } },
}));

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
  return renderSeatRequest(
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

/**
 * Where the cards of a tenant go, as the turn sees it: the approvals channel if one is set and
 * active (its reference read now), else the Global admins with a personal chat, known from the
 * member documents the turn's snapshot already holds (a chat the bot lost is taken off the
 * member document, `Messenger.deactivate`), so the answer can say whether anyone is reached
 * without reading each chat. Their references are read when the cards are posted.
 */
async function route(services: BotServices, tenantId: string, admins: Member[]): Promise<Route> {
  const tenant = await services.directory.tenant(tenantId);
  const tenantLocale = tenant?.locale ?? 'en-US';
  if (tenant?.approvalsConversationId) {
    const channel = await services.messenger.conversation(tenantId, tenant.approvalsConversationId);
    if (channel)
      return { channel: { ref: channel, locale: tenantLocale, decides: false }, approvers: [], tenantLocale };
  }
  return { approvers: admins.filter((a) => a.personalConversationId), tenantLocale };
}

interface Route {
  channel?: Target;
  /** Global admins with a personal chat (when there is no approvals channel). */
  approvers: Member[];
  tenantLocale: Locale;
}

/** How many places the cards go to. */
const reachableOf = (r: Route): number => (r.channel ? 1 : r.approvers.length);

/** The conversations of a route, read after the turn; a personal chat found gone is forgotten. */
async function targetsOf(services: BotServices, tenantId: string, r: Route): Promise<Target[]> {
  if (r.channel) return [r.channel];
  const found: Target[] = [];
  for (const admin of r.approvers) {
    const id = admin.personalConversationId;
    if (!id) continue;
    const chat = await services.messenger.conversation(tenantId, id);
    if (chat) found.push({ ref: chat, locale: personLocale(admin, r.tenantLocale), decides: true });
    else await services.messenger.forgetPersonalChat(tenantId, admin.aadObjectId, id);
  }
  return found;
}

/**
 * Approval cards of one tenant waiting to be posted, per process. A request that arrives while
 * nothing waits gets its own card; requests that pile up while a post waits for Teams' limits on
 * the approver's chat (8 sends in 2 s, 60 in 30 s) go out as ONE "N requests waiting" card,
 * posted once and then updated (each row with Approve and Decline), until none is waiting.
 */
interface TenantApprovals {
  /** With the version the turn stored: recording where its card landed needs no read. */
  waiting: { request: Versioned<SeatRequest>; usage: PoolUsage }[];
  /** Where the last turn said the cards go; read into `targets` before each post. */
  route: Route;
  targets: Target[];
  admins: Member[];
  posting: boolean;
  /** Where the digest card of each target landed (conversation id → card). */
  digest: Map<string, PostedCard>;
}

const queues = new WeakMap<BotServices, Map<string, TenantApprovals>>();

function queueOf(services: BotServices, tenantId: string): TenantApprovals {
  let byTenant = queues.get(services);
  if (!byTenant) {
    byTenant = new Map();
    queues.set(services, byTenant);
  }
  let queue = byTenant.get(tenantId);
  if (!queue) {
    queue = {
      waiting: [],
      route: { approvers: [], tenantLocale: 'en-US' },
      targets: [],
      admins: [],
      posting: false,
      digest: new Map(),
    };
    byTenant.set(tenantId, queue);
  }
  return queue;
}

async function poolNamesOf(services: BotServices, tenantId: string): Promise<Map<string, string>> {
  const pools = await services.seats.poolList(tenantId);
  return new Map(pools.map((p) => [p.id, p.subscription]));
}

/** What the digest card reads: the pools and the requests waiting (`SeatService.pendingRequests`), in one query. */
const DIGEST_SELECTIONS: readonly Selection[] = (['pending', 'approving'] as const).map((status) => ({
  type: 'seatRequest',
  filter: { where: { status } },
}));

/** The "N requests waiting" card of a tenant as it is now (read afresh), and how many wait. */
export async function digestCard(
  services: BotServices,
  tenantId: string,
  locale: Locale,
  viewerMayDecide: boolean,
): Promise<{ card: AdaptiveCard; waiting: number }> {
  const seats = services.seats;
  await services.prefetch?.(tenantId, ['seatPool'], DIGEST_SELECTIONS);
  const [pending, names] = await Promise.all([
    seats.pendingRequests(tenantId),
    poolNamesOf(services, tenantId),
  ]);
  const card = renderSeatRequestDigest(
    seatRequestDigestView(translator(locale), pending, names, viewerMayDecide),
  );
  return { card, waiting: pending.length };
}

/** Posts or updates the digest card at every target but `except` (the copy just pressed). */
async function refreshDigest(
  services: BotServices,
  tenantId: string,
  queue: TenantApprovals,
  except?: string,
): Promise<number> {
  let waiting = 0;
  for (const target of queue.targets) {
    // After the turn: a snapshot of its own for each copy, read now.
    const { card, waiting: count } = await services.background.fresh(() =>
      digestCard(services, tenantId, target.locale, target.decides),
    );
    waiting = count;
    const posted = queue.digest.get(target.ref.conversationId);
    if (posted) {
      if (posted.activityId !== except) await services.messenger.updateCard(target.ref, posted, card);
    } else {
      const sent = await services.messenger.sendCard(target.ref, card);
      if (sent) queue.digest.set(target.ref.conversationId, sent);
    }
  }
  return waiting;
}

async function postWaiting(services: BotServices, tenantId: string, queue: TenantApprovals): Promise<void> {
  const seats = services.seats;
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0);
    queue.targets = await targetsOf(services, tenantId, queue.route);
    if (batch.length === 1 && queue.digest.size === 0) {
      const { usage } = batch[0];
      let stored = batch[0].request;
      const request = stored.doc;
      for (const target of queue.targets) {
        const card = await requestCard(services, request, usage, target.locale, target.decides, queue.admins);
        const posted = await services.messenger.sendCard(target.ref, card);
        if (posted) stored = await seats.addCard(tenantId, request.id, posted, stored);
      }
    } else {
      await refreshDigest(services, tenantId, queue);
    }
  }
}

/**
 * Finds where the approval card goes (now), then posts it after the turn has answered: a post
 * may wait for Teams' per-conversation limits, and the requester should not. Returns how many
 * places it will go to (0: no approver can be reached yet).
 */
export async function postForApproval(
  services: BotServices,
  stored: Versioned<SeatRequest>,
  usage: PoolUsage,
): Promise<number> {
  const request = stored.doc;
  const admins = await approvers(services, request.tenantId);
  const found = await route(services, request.tenantId, admins);
  const reachable = reachableOf(found);
  if (reachable === 0) return 0;
  const queue = queueOf(services, request.tenantId);
  queue.route = found;
  queue.admins = admins;
  queue.waiting.push({ request: stored, usage });
  if (!queue.posting) {
    queue.posting = true;
    services.background.run('post seat requests for approval', async () => {
      try {
        await postWaiting(services, request.tenantId, queue);
      } finally {
        queue.posting = false;
      }
    });
  }
  return reachable;
}

/**
 * A decision taken on a digest row: the other copies of the digest show the new list (the
 * pressed one is replaced by the verb's answer); once none is waiting, the next request gets
 * its own card again.
 */
export function refreshDigestAfterDecision(
  services: BotServices,
  tenantId: string,
  pressedActivityId: string | undefined,
): void {
  const queue = queueOf(services, tenantId);
  if (queue.digest.size === 0) return;
  services.background.run('seat digest refresh', async () => {
    const waiting = await refreshDigest(services, tenantId, queue, pressedActivityId);
    if (waiting === 0 && !queue.posting) queue.digest.clear();
  });
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
  refreshDigestAfterDecision(services, request.tenantId, pressedActivityId);
  services.background.run('seat decision fan-out', async () => {
    const seats = services.seats;
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
    const requester = await services.directory.member(request.tenantId, request.requester);
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
