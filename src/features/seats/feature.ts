import { z } from 'zod';
import { AssignSeatDialog, ASSIGN_SEAT_DIALOG } from '../../../dialogs/assignSeat';
import {
  REQUEST_SEAT_DIALOG,
  RequestSeatDialog,
  type RequestSeatOptions,
} from '../../../dialogs/requestSeat';
import { type AdaptiveCard } from '../../cards';
import { RuleViolation } from '../../domain/errors';
import { guid, type Member } from '../../domain/model';
import type { SeatService } from '../../domain/seats';
import { DIGEST_ROWS, reassignInputId, seatPoolsView, seatRequestListView } from './views';
import { defineFeature, verb, type Handler } from '../feature';
import { conversationKey, saveConversationRef } from '../shared/installations';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import type { Turn } from '../shared/turn';
import { announceDecision, digestCard, mayDecide, requestCard } from './approvals';
import { renderSeatPools, renderSeatRequestList } from './views';
import { seats as seatsMessages } from './messages';

const seatsOf = (s: BotServices): SeatService => s.seats;
const requestId = z.string().startsWith('seatRequest:').max(300);

async function poolsCard(turn: Turn, services: BotServices): Promise<AdaptiveCard> {
  const pools = await seatsOf(services).pools(turn.tenantId);
  const people = new Map<string, Member>(
    (await services.directory.people(turn.tenantId)).map((m) => [m.aadObjectId, m]),
  );
  const mayRelease = mayDecide(turn.member.roles);
  return renderSeatPools(seatPoolsView(turn.tr, pools, people, services.clock.now(), mayRelease));
}

async function poolNames(turn: Turn, services: BotServices): Promise<Map<string, string>> {
  return new Map((await seatsOf(services).poolList(turn.tenantId)).map((p) => [p.id, p.subscription]));
}

/** The request card as this viewer should see it, re-read from the store. */
async function currentRequestCard({ turn, services }: Handler, id: string): Promise<AdaptiveCard> {
  const seats = seatsOf(services);
  const { doc } = await seats.getRequest(turn.tenantId, id);
  // The card carries the requester's justification: only they and the approvers may read it (a
  // forged refresh by anyone else in the tenant is answered as if there were no such request).
  if (doc.requester !== turn.actor.aadObjectId && !mayDecide(turn.member.roles))
    throw new RuleViolation('seats.unknownRequest');
  const usage = await seats.usage(turn.tenantId, doc.poolId);
  return requestCard(services, doc, usage, turn.locale, mayDecide(turn.member.roles));
}

export const seatsFeature = defineFeature({
  id: 'seats',
  messages: seatsMessages,
  commands: [
    {
      id: 'requestSeat',
      phrases: {
        'en-US': ['request Visual Studio', 'request a seat', 'I need Visual Studio', 'request seat'],
        'zh-CN': ['申请 Visual Studio', '申请Visual Studio', '申请席位'],
      },
      descriptionKey: 'seats.cmd.request',
      action: 'seat.request',
      // "request visual studio enterprise" (the Yes of a confirmation sends it): that pool chosen.
      takesArguments: true,
      run: async ({ dc, args, turn, services }) => {
        const named = args.trim().toLowerCase();
        const pools = named ? await services.seats.poolList(turn.tenantId) : [];
        const pool = pools.find((p) => p.subscription.toLowerCase().includes(named));
        const options: RequestSeatOptions = { poolId: pool?.id };
        await dc.beginDialog(REQUEST_SEAT_DIALOG, options);
      },
    },
    {
      id: 'assignSeat',
      phrases: { 'en-US': ['assign seat', 'assign a seat'], 'zh-CN': ['分配席位'] },
      descriptionKey: 'seats.cmd.assign',
      action: 'seat.assign',
      run: async ({ dc }) => {
        await dc.beginDialog(ASSIGN_SEAT_DIALOG);
      },
    },
    {
      id: 'seatPools',
      phrases: { 'en-US': ['seats', 'seat pools', 'visual studio seats'], 'zh-CN': ['席位', '席位池'] },
      descriptionKey: 'seats.cmd.pools',
      action: 'benefits.view',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await poolsCard(turn, services));
      },
    },
    {
      id: 'myRequests',
      phrases: { 'en-US': ['my requests', 'my request'], 'zh-CN': ['我的申请'] },
      descriptionKey: 'seats.cmd.myRequests',
      run: async ({ context, turn, services }) => {
        const mine = await seatsOf(services).requestsOf(turn.tenantId, turn.actor.aadObjectId);
        const view = seatRequestListView(
          turn.tr,
          turn.tr.t('seats.list.mineTitle'),
          mine,
          await poolNames(turn, services),
          false,
        );
        await sendCard(context, renderSeatRequestList(view));
      },
    },
    {
      id: 'pendingApprovals',
      phrases: { 'en-US': ['pending approvals', 'pending requests', 'approvals'], 'zh-CN': ['待审批'] },
      descriptionKey: 'seats.cmd.pending',
      action: 'seat.approve',
      run: async ({ context, turn, services }) => {
        const pending = await seatsOf(services).pendingRequests(turn.tenantId);
        const view = seatRequestListView(
          turn.tr,
          turn.tr.t('seats.list.pendingTitle'),
          pending,
          await poolNames(turn, services),
          true,
        );
        await sendCard(context, renderSeatRequestList(view));
      },
    },
    {
      id: 'approvalsHere',
      phrases: {
        'en-US': ['post seat requests here', 'approvals here'],
        'zh-CN': ['在这里审批', '在此频道审批'],
      },
      descriptionKey: 'seats.cmd.approvalsHere',
      action: 'approvals.setChannel',
      scope: 'channel',
      run: async ({ context, turn, services }) => {
        if (context.activity.conversation.conversationType !== 'channel') {
          await context.sendActivity(turn.tr.t('seats.channelOnly'));
          return;
        }
        await saveConversationRef(context, services, turn.tenantId);
        const channelId = conversationKey(context);
        await services.directory.updateTenant(turn.tenantId, (t) => ({
          ...t,
          approvalsConversationId: channelId,
        }));
        await services.audit.record({
          tenantId: turn.tenantId,
          actor: turn.actor.aadObjectId,
          action: 'approvals.setChannel',
          target: channelId,
          outcome: 'success',
        });
        await context.sendActivity(turn.tr.t('seats.approvalsHere'));
      },
    },
  ],
  verbs: {
    // Teams calls this to refresh the card for each approver (refresh.userIds) and on "Review".
    'seat.requestCard': verb({
      schema: z.object({ requestId }).strict(),
      action: 'benefits.view',
      run: (h, data) => currentRequestCard(h, data.requestId),
    }),
    'seat.approve': verb({
      schema: z.object({ requestId, reason: z.string().max(500).optional() }).strict(),
      action: 'seat.approve',
      run: async (h, data) => {
        const outcome = await seatsOf(h.services).approve(h.turn.actor, h.turn.member.name, data.requestId);
        if (outcome.kind === 'decided')
          announceDecision(h.services, outcome.request, h.context.activity.replyToId);
        return currentRequestCard(h, data.requestId);
      },
    }),
    'seat.reject': verb({
      schema: z.object({ requestId, reason: z.string().trim().min(1).max(500) }).strict(),
      action: 'seat.reject',
      run: async (h, data) => {
        const outcome = await seatsOf(h.services).reject(
          h.turn.actor,
          h.turn.member.name,
          data.requestId,
          data.reason,
        );
        if (outcome.kind === 'decided')
          announceDecision(h.services, outcome.request, h.context.activity.replyToId);
        return currentRequestCard(h, data.requestId);
      },
    }),
    // A row of the "N requests waiting" card: decide, then the same card, current again.
    'seat.digestApprove': verb({
      schema: z.object({ requestId }).strict(),
      action: 'seat.approve',
      run: async (h, data) => {
        const outcome = await seatsOf(h.services).approve(h.turn.actor, h.turn.member.name, data.requestId);
        if (outcome.kind === 'decided')
          announceDecision(h.services, outcome.request, h.context.activity.replyToId);
        return (await digestCard(h.services, h.turn.tenantId, h.turn.locale, true)).card;
      },
    }),
    'seat.digestReject': verb({
      // The reason comes from the row's own input (`reason<row>`): input ids are unique per card.
      schema: z
        .object({
          requestId,
          row: z.coerce
            .number()
            .int()
            .min(0)
            .max(DIGEST_ROWS - 1),
        })
        .catchall(z.string().max(500)),
      action: 'seat.reject',
      run: async (h, data) => {
        const reason = String(data[`reason${data.row}`] ?? '').trim();
        if (!reason) throw new RuleViolation('seats.reasonRequired');
        const outcome = await seatsOf(h.services).reject(
          h.turn.actor,
          h.turn.member.name,
          data.requestId,
          reason,
        );
        if (outcome.kind === 'decided')
          announceDecision(h.services, outcome.request, h.context.activity.replyToId);
        return (await digestCard(h.services, h.turn.tenantId, h.turn.locale, true)).card;
      },
    }),
    'seat.reassign': verb({
      // The chosen person arrives under the picker's id, which names the seat (`assignee-<n>`).
      schema: z.object({ assignmentId: z.string().startsWith('assignment:').max(300) }).catchall(guid),
      action: 'seat.reassign',
      run: async ({ turn, services }, data) => {
        const seatNo = Number(data.assignmentId.split(':').pop());
        const assignee = (data as Record<string, string>)[reassignInputId(seatNo)];
        if (!assignee) throw new RuleViolation('error.invalidAction');
        // Both ids are re-read in this tenant: a forged id of another tenant finds nothing.
        await seatsOf(services).reassign(turn.actor, data.assignmentId, assignee.toLowerCase());
        return poolsCard(turn, services);
      },
    }),
    'seat.release': verb({
      schema: z.object({ assignmentId: z.string().startsWith('assignment:').max(300) }).strict(),
      action: 'seat.release',
      run: async ({ turn, services }, data) => {
        await seatsOf(services).release(turn.actor, data.assignmentId);
        return poolsCard(turn, services);
      },
    }),
  },
  dialogs: (services) => [new RequestSeatDialog(services), new AssignSeatDialog(services)],
});
