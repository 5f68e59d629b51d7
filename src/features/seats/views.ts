import type { Member, SeatRequest } from '../../domain/model';
import { canReassign, reassignableOn, type PoolUsage } from '../../domain/seats';
import { formatDate, formatDateTime, type Translator } from '../../i18n';
import seatRequestTemplate from '../../../cards/seats/seatRequest.json';
import seatPoolsTemplate from '../../../cards/seats/seatPools.json';
import seatRequestListTemplate from '../../../cards/seats/seatRequestList.json';
import seatRequestDigestTemplate from '../../../cards/seats/seatRequestDigest.json';
import { cardTemplate, type Fact, type CardRender } from '../../cards';

export interface SeatRequestView {
  requestId: string;
  /** Teams user ids (`29:…`) of the approvers: Teams refreshes the card for them (max 60). */
  refreshUserIds: string[];
  title: string;
  facts: Fact[];
  statusStyle: 'default' | 'good' | 'attention' | 'warning' | 'accent';
  statusLabel: string;
  statusText: string;
  warnings: { text: string }[];
  /** Empty unless the viewer may decide and the request is pending. */
  approveButtons: { title: string; requestId: string }[];
  rejectButtons: {
    title: string;
    requestId: string;
    reasonLabel: string;
    reasonRequired: string;
    confirmTitle: string;
  }[];
}

export interface SeatPoolsView {
  title: string;
  pools: {
    name: string;
    usage: string;
    /** One row per seat: "Seat 1" beside the holder, the date under the holder. */
    seats: {
      seat: string;
      holder: string;
      since: string;
      note: string;
      releaseButtons: { title: string; assignmentId: string }[];
      /** A person picker in a ShowCard; the server refuses a reassignment before 90 days and says when. */
      reassignButtons: {
        title: string;
        assignmentId: string;
        /** Unique per seat: one card holds a picker per seat, and input ids must not repeat. */
        inputId: string;
        label: string;
        confirmTitle: string;
        choices: Fact[];
      }[];
    }[];
  }[];
}

export interface SeatRequestListView {
  title: string;
  empty: { text: string }[];
  rows: { text: string; status: string; reviewButtons: { title: string; requestId: string }[] }[];
}

/** "N seat requests waiting": one card for an approver instead of one per request, kept current. */
export interface SeatRequestDigestView {
  title: string;
  empty: { text: string }[];
  rows: {
    text: string;
    justification: string;
    approveButtons: { title: string; requestId: string }[];
    rejectButtons: {
      title: string;
      requestId: string;
      /** The row's own input id (ids must be unique in a card); `row` says which one to read. */
      reasonId: string;
      row: number;
      reasonLabel: string;
      reasonRequired: string;
      confirmTitle: string;
    }[];
  }[];
  more: { text: string }[];
}

export const renderSeatRequest: CardRender<SeatRequestView> = cardTemplate(seatRequestTemplate, {
  seatApprove: 'seat.approve',
  seatReject: 'seat.reject',
  seatRequestCard: 'seat.requestCard',
});
export const renderSeatPools: CardRender<SeatPoolsView> = cardTemplate(seatPoolsTemplate, {
  seatReassign: 'seat.reassign',
  seatRelease: 'seat.release',
});
export const renderSeatRequestList: CardRender<SeatRequestListView> = cardTemplate(seatRequestListTemplate, {
  seatRequestCard: 'seat.requestCard',
});
export const renderSeatRequestDigest: CardRender<SeatRequestDigestView> = cardTemplate(
  seatRequestDigestTemplate,
  { seatDigestApprove: 'seat.digestApprove', seatDigestReject: 'seat.digestReject' },
);

export interface SeatRequestContext {
  request: SeatRequest;
  usage: PoolUsage;
  /** May the person looking at the card decide it (Global admin)? */
  viewerMayDecide: boolean;
  approverTeamsIds: string[];
}

function statusOf(tr: Translator, r: SeatRequest): Pick<SeatRequestView, 'statusStyle' | 'statusText'> {
  const d = r.decision;
  switch (r.status) {
    case 'approved':
      return {
        statusStyle: 'good',
        statusText: tr.t('seats.status.approved', {
          by: d?.byName ?? '',
          at: d ? formatDateTime(tr.locale, d.at) : '',
          seat: d?.seatNo ?? '',
        }),
      };
    case 'rejected':
      return {
        statusStyle: 'attention',
        statusText: tr.t('seats.status.rejected', {
          by: d?.byName ?? '',
          at: d ? formatDateTime(tr.locale, d.at) : '',
          reason: d?.reason ?? '',
        }),
      };
    case 'approving':
      return { statusStyle: 'accent', statusText: tr.t('seats.status.approving') };
    default:
      return { statusStyle: 'warning', statusText: tr.t('seats.status.pending') };
  }
}

/** The approval card: the same facts for everyone; buttons only for an approver of a pending request. */
export function seatRequestView(tr: Translator, c: SeatRequestContext): SeatRequestView {
  const { request: r, usage } = c;
  const pending = r.status === 'pending';
  const decide = pending && c.viewerMayDecide;
  return {
    requestId: r.id,
    refreshUserIds: c.approverTeamsIds.slice(0, 60),
    title: tr.t('seats.card.title'),
    facts: [
      { title: tr.t('seats.card.requester'), value: r.requesterName },
      { title: tr.t('seats.card.subscription'), value: usage.pool.subscription },
      { title: tr.t('seats.card.justification'), value: r.justification },
      { title: tr.t('seats.card.requestedOn'), value: formatDateTime(tr.locale, r.createdAt) },
      {
        title: tr.t('seats.card.poolUsage'),
        value: tr.t('seats.card.usage', { used: usage.used, total: usage.pool.seats }),
      },
    ],
    statusLabel: tr.t('seats.card.status'),
    ...statusOf(tr, r),
    warnings: pending && usage.free === 0 ? [{ text: tr.t('seats.card.noFreeSeat') }] : [],
    approveButtons: decide ? [{ title: tr.t('seats.button.approve'), requestId: r.id }] : [],
    rejectButtons: decide
      ? [
          {
            title: tr.t('seats.button.reject'),
            requestId: r.id,
            reasonLabel: tr.t('seats.reasonLabel'),
            reasonRequired: tr.t('seats.reasonRequired'),
            confirmTitle: tr.t('seats.button.confirmReject'),
          },
        ]
      : [],
  };
}

/** The id of the person picker of one seat on the pools card. */
export const reassignInputId = (seatNo: number): string => `assignee-${seatNo}`;

export function seatPoolsView(
  tr: Translator,
  pools: PoolUsage[],
  people: Map<string, Member>,
  now: Date,
  mayRelease: boolean,
): SeatPoolsView {
  return {
    title: tr.t('seats.pools.title'),
    pools: pools.map((u) => ({
      name: u.pool.subscription,
      usage: [
        tr.t('seats.card.usage', { used: u.used, total: u.pool.seats }),
        tr.t('seats.pools.free', { free: u.free }),
        ...(u.reserved.length > 0 ? [tr.t('seats.pools.reservedCount', { count: u.reserved.length })] : []),
        ...(u.withdrawn
          ? [
              tr.t('seats.pools.withdrawn', {
                package: u.withdrawn.package,
                date: formatDate(tr.locale, u.withdrawn.on),
              }),
            ]
          : []),
      ].join(' · '),
      seats: u.assignments
        .map((a) => ({
          seat: tr.t('seats.pools.seat', { seat: a.seatNo }),
          holder: people.get(a.assignee)?.name ?? a.assignee,
          since: tr.t('seats.pools.since', { date: formatDate(tr.locale, a.assignedAt.slice(0, 10)) }),
          note: canReassign(now, a.assignedAt)
            ? ''
            : tr.t('seats.pools.reassignFrom', { date: formatDate(tr.locale, reassignableOn(a.assignedAt)) }),
          releaseButtons: mayRelease
            ? [{ title: tr.t('seats.button.release', { seat: a.seatNo }), assignmentId: a.id }]
            : [],
          reassignButtons: mayRelease
            ? [
                {
                  title: tr.t('seats.button.reassign', { seat: a.seatNo }),
                  assignmentId: a.id,
                  inputId: reassignInputId(a.seatNo),
                  label: tr.t('seats.ask.person'),
                  confirmTitle: tr.t('seats.button.confirmReassign'),
                  // People of the tenant without a seat in this pool (at most 40, to keep the card small).
                  choices: [...people.values()]
                    .filter((m) => !u.assignments.some((x) => x.assignee === m.aadObjectId))
                    .sort((x, y) => x.name.localeCompare(y.name))
                    .slice(0, 40)
                    .map((m) => ({ title: m.name, value: m.aadObjectId })),
                },
              ]
            : [],
        }))
        .concat(
          // Released before their 90 days: reserved, named with the day they can be given out again.
          u.reserved.map((a) => ({
            seat: tr.t('seats.pools.seat', { seat: a.seatNo }),
            holder: tr.t('seats.pools.reserved', {
              name: people.get(a.assignee)?.name ?? a.assignee,
              date: formatDate(tr.locale, (a.released?.at ?? a.assignedAt).slice(0, 10)),
            }),
            since: '',
            note: tr.t('seats.pools.reservedUntil', {
              date: formatDate(tr.locale, a.released?.freeOn ?? reassignableOn(a.assignedAt)),
            }),
            releaseButtons: [],
            reassignButtons: [],
          })),
        ),
    })),
  };
}

/** Rows shown on the "N requests waiting" card (the card stays well under Teams' size limit). */
export const DIGEST_ROWS = 20;

export function seatRequestDigestView(
  tr: Translator,
  requests: SeatRequest[],
  poolNames: Map<string, string>,
  decide: boolean,
): SeatRequestDigestView {
  const shown = requests.slice(0, DIGEST_ROWS);
  return {
    title: tr.t('seats.digest.title', { count: requests.length }),
    empty: requests.length === 0 ? [{ text: tr.t('seats.digest.none') }] : [],
    rows: shown.map((r, row) => ({
      text: tr.t('seats.list.row', {
        requester: r.requesterName,
        pool: poolNames.get(r.poolId) ?? r.poolId,
        date: formatDate(tr.locale, r.createdAt.slice(0, 10)),
      }),
      justification: r.justification,
      approveButtons: decide ? [{ title: tr.t('seats.button.approve'), requestId: r.id }] : [],
      rejectButtons: decide
        ? [
            {
              title: tr.t('seats.button.reject'),
              requestId: r.id,
              reasonId: `reason${row}`,
              row,
              reasonLabel: tr.t('seats.reasonLabel'),
              reasonRequired: tr.t('seats.reasonRequired'),
              confirmTitle: tr.t('seats.button.confirmReject'),
            },
          ]
        : [],
    })),
    more:
      requests.length > shown.length
        ? [{ text: tr.t('seats.digest.more', { count: requests.length - shown.length }) }]
        : [],
  };
}

export function seatRequestListView(
  tr: Translator,
  title: string,
  requests: SeatRequest[],
  poolNames: Map<string, string>,
  withReview: boolean,
): SeatRequestListView {
  return {
    title,
    empty: requests.length === 0 ? [{ text: tr.t('seats.list.none') }] : [],
    rows: requests.slice(0, 25).map((r) => ({
      text: tr.t('seats.list.row', {
        requester: r.requesterName,
        pool: poolNames.get(r.poolId) ?? r.poolId,
        date: formatDate(tr.locale, r.createdAt.slice(0, 10)),
      }),
      status: statusOf(tr, r).statusText,
      reviewButtons: withReview ? [{ title: tr.t('seats.button.review'), requestId: r.id }] : [],
    })),
  };
}
