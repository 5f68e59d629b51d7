import type { AuditLog } from './audit';
import { addDays, daysUntil, toIsoDate } from './dates';
import { ConcurrencyError, RuleViolation } from './errors';
import {
  assignmentId,
  memberId,
  type Locale,
  type SeatAssignment,
  type SeatPool,
  type SeatRequest,
} from './model';
import type { Actor } from './policy';
import type { Clock, Versioned } from './ports';
import { mutate, mutateExisting, retrying, UNCHANGED } from './mutate';
import { useBenefit } from './packageGate';
import type { Repositories } from './repositories';

/**
 * A seat may go to another subscriber only once this many days have passed since its original
 * assignment, read as: since it was assigned to the person it is now being taken from
 * (`assignedAt`). Releasing it earlier does not side-step this: the seat stays reserved until then.
 */
export const REASSIGN_AFTER_DAYS = 90;
/**
 * An approval claim older than this is considered abandoned (the approving instance died): another
 * approver may take it over. An approval takes well under a second; 20 s leaves room for a slow store.
 */
export const STALE_CLAIM_MS = 20_000;

/** The first calendar day (UTC) on which the seat may be reassigned. */
export function reassignableOn(assignedAt: string): string {
  return addDays(toIsoDate(new Date(assignedAt)), REASSIGN_AFTER_DAYS);
}

export function canReassign(now: Date, assignedAt: string): boolean {
  return daysUntil(now, reassignableOn(assignedAt)) <= 0;
}

/** A released seat still within its 90 days: nobody else may have it before `freeOn`. */
export function isReserved(a: SeatAssignment, now: Date): boolean {
  return a.released !== undefined && daysUntil(now, a.released.freeOn) > 0;
}

/** The ids of one person's requests for one pool start with this (`…:1`, `…:2` in order). */
export function seatRequestPrefix(poolId: string, aadObjectId: string): string {
  return `seatRequest:${poolId.slice('pool:'.length)}:${aadObjectId}:`;
}

export interface PoolUsage {
  pool: SeatPool;
  /** Seats held by someone now. */
  assignments: SeatAssignment[];
  /** Seats released before their 90 days: reserved until their `released.freeOn`. */
  reserved: SeatAssignment[];
  used: number;
  /** Seats that can be given out now (neither held nor reserved). */
  free: number;
  /** Its package was cancelled: the pool gives out nothing (set by `SeatService.pools`). */
  withdrawn?: { benefit: string; package: string; on: string };
}

/** Held, reserved and free seats of a pool, from its seat documents. */
export function usageFrom(pool: SeatPool, rows: readonly Versioned<SeatAssignment>[], now: Date): PoolUsage {
  const docs = rows.map((r) => r.doc).sort((a, b) => a.seatNo - b.seatNo);
  const assignments = docs.filter((a) => !a.released);
  const reserved = docs.filter((a) => isReserved(a, now));
  return {
    pool,
    assignments,
    reserved,
    used: assignments.length,
    free: Math.max(0, pool.seats - assignments.length - reserved.length),
  };
}

export type DecisionOutcome =
  { kind: 'decided'; request: SeatRequest } | { kind: 'alreadyDecided'; request: SeatRequest };

/**
 * Visual Studio seats: pools, assignments, and the request → approval flow. A pool can never be
 * over-assigned: a seat is a document with a deterministic id (`assignment:<pool>:<n>`, n ≤ seats),
 * so two approvals racing for the last seat cannot both create it.
 */
export class SeatService {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Every pool with its usage; a pool of a cancelled package is marked `withdrawn`. */
  async pools(tenantId: string): Promise<PoolUsage[]> {
    const [pools, packages] = await Promise.all([
      this.repos.seatPools.list(tenantId),
      this.repos.packages.list(tenantId),
    ]);
    const cancelled = new Map(
      packages.filter((p) => p.doc.status === 'cancelled').map((p) => [p.doc.id, p.doc]),
    );
    return Promise.all(
      pools.map(async (p) => {
        const usage = await this.usageOf(p.doc);
        if (cancelled.size === 0) return usage;
        const benefit = (await this.repos.benefits.get(tenantId, p.doc.benefitId))?.doc;
        const pkg = benefit ? cancelled.get(benefit.packageId) : undefined;
        if (!benefit || !pkg) return usage;
        const on = (pkg.cancellation?.at ?? '').slice(0, 10);
        return { ...usage, withdrawn: { benefit: benefit.name, package: pkg.name, on } };
      }),
    );
  }

  /** The tenant's seat pools as stored (no counting). */
  async poolList(tenantId: string): Promise<SeatPool[]> {
    return (await this.repos.seatPools.list(tenantId)).map((p) => p.doc);
  }

  async usage(tenantId: string, poolId: string): Promise<PoolUsage> {
    const pool = await this.repos.seatPools.get(tenantId, poolId);
    if (!pool) throw new RuleViolation('seats.unknownPool');
    return this.usageOf(pool.doc);
  }

  private async usageOf(pool: SeatPool): Promise<PoolUsage> {
    return usageFrom(pool, await this.seatRows(pool), this.clock.now());
  }

  private async seatRows(pool: SeatPool): Promise<Versioned<SeatAssignment>[]> {
    return this.repos.seatAssignments.list(pool.tenantId, { where: { poolId: pool.id } });
  }

  /**
   * Gives the person the lowest free seat of the pool; retries past seats taken meanwhile. A seat
   * reserved after an early release is skipped until its day; after that its document is taken
   * over with its ETag, so two approvals racing for it cannot both have it.
   */
  async assign(actor: Actor, poolId: string, assignee: string, requestId?: string): Promise<SeatAssignment> {
    const person = await this.repos.members.get(actor.tenantId, memberId(assignee));
    if (!person) throw new RuleViolation('seats.personNotInDirectory');
    // Someone took the chosen seat a moment ago (ConcurrencyError): look again.
    return retrying(poolId, async () => {
      const pool = await this.repos.seatPools.get(actor.tenantId, poolId);
      if (!pool) throw new RuleViolation('seats.unknownPool');
      const rows = await this.seatRows(pool.doc);
      const now = this.clock.now();
      const usage = usageFrom(pool.doc, rows, now);
      const existing = usage.assignments.find((a) => a.assignee === person.doc.aadObjectId);
      if (existing) {
        if (requestId && existing.requestId === requestId) {
          // An earlier try of this approval took the seat: its record may not have been written.
          await this.recordAssignment(existing);
          return existing;
        }
        throw new RuleViolation('seats.alreadyHasSeat', { name: person.doc.name, seat: existing.seatNo });
      }
      const bySeat = new Map(rows.map((r) => [r.doc.seatNo, r]));
      const seatNo = Array.from({ length: usage.pool.seats }, (_, i) => i + 1).find((n) => {
        const row = bySeat.get(n);
        return !row || (row.doc.released !== undefined && !isReserved(row.doc, now));
      });
      if (seatNo === undefined) {
        const soonest = usage.reserved.map((a) => a.released?.freeOn ?? '').sort()[0];
        if (soonest)
          throw new RuleViolation('seats.poolFullReserved', { pool: usage.pool.subscription, date: soonest });
        throw new RuleViolation('seats.poolFull', { pool: usage.pool.subscription });
      }
      const at = now.toISOString();
      const doc: SeatAssignment = {
        type: 'seatAssignment',
        id: assignmentId(poolId, seatNo),
        tenantId: actor.tenantId,
        poolId,
        seatNo,
        assignee: person.doc.aadObjectId,
        assignedBy: actor.aadObjectId,
        requestId,
        originalAssignedAt: at,
        assignedAt: at,
      };
      const freed = bySeat.get(seatNo);
      // The one benefit check (a cancelled package's pool gives out nothing) around taking the
      // seat: the package is marked used only if the seat was taken.
      await useBenefit(this.repos, this.clock, actor, usage.pool.benefitId, 'seatAssigned', async () => {
        if (freed) await this.repos.seatAssignments.replace(doc, freed.etag);
        else if ((await this.repos.seatAssignments.create(doc)) === 'exists')
          throw new ConcurrencyError(poolId);
      });
      await this.recordAssignment(doc);
      return doc;
    });
  }

  async reassign(actor: Actor, assignment: string, newAssignee: string): Promise<SeatAssignment> {
    const person = await this.repos.members.get(actor.tenantId, memberId(newAssignee));
    if (!person) throw new RuleViolation('seats.personNotInDirectory');
    const unknown = () => new RuleViolation('seats.unknownAssignment');
    let from = '';
    // The pool's benefit, for the one benefit check around the write (packageGate.ts).
    const seen = await this.repos.seatAssignments.get(actor.tenantId, assignment);
    if (!seen || seen.doc.released) throw unknown();
    const pool = await this.repos.seatPools.get(actor.tenantId, seen.doc.poolId);
    if (!pool) throw unknown();
    const updated = await useBenefit(this.repos, this.clock, actor, pool.doc.benefitId, 'seatAssigned', () =>
      mutateExisting(this.repos.seatAssignments, actor.tenantId, assignment, unknown, async (current) => {
        if (current.released) throw unknown();
        if (!canReassign(this.clock.now(), current.assignedAt)) {
          throw new RuleViolation('seats.reassignTooEarly', {
            date: reassignableOn(current.assignedAt),
            days: REASSIGN_AFTER_DAYS,
          });
        }
        const usage = await this.usage(actor.tenantId, current.poolId);
        if (usage.assignments.some((a) => a.assignee === person.doc.aadObjectId)) {
          throw new RuleViolation('seats.alreadyHasSeat', { name: person.doc.name, seat: current.seatNo });
        }
        from = current.assignee;
        return {
          ...current,
          assignee: person.doc.aadObjectId,
          assignedBy: actor.aadObjectId,
          assignedAt: this.clock.now().toISOString(),
          requestId: undefined,
        };
      }),
    );
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action: 'seat.reassign',
      target: `${assignment}: ${from} → ${person.doc.aadObjectId}`,
      outcome: 'success',
    });
    return updated.doc;
  }

  /**
   * Takes the seat from its holder. Before its 90 days are over the seat stays reserved (its
   * document is kept, marked released, so no one else can be given seat n) until the day it could
   * have been reassigned; after that the document is deleted and the seat is free at once.
   */
  async release(actor: Actor, assignment: string): Promise<SeatAssignment> {
    const now = this.clock.now();
    let reservedUntil: string | undefined;
    const stored = await mutate(this.repos.seatAssignments, actor.tenantId, assignment, (current) => {
      if (!current || current.released) throw new RuleViolation('seats.unknownAssignment');
      reservedUntil = canReassign(now, current.assignedAt) ? undefined : reassignableOn(current.assignedAt);
      if (!reservedUntil) return UNCHANGED;
      return {
        ...current,
        released: { at: now.toISOString(), by: actor.aadObjectId, freeOn: reservedUntil },
      };
    });
    if (!stored) throw new RuleViolation('seats.unknownAssignment');
    if (!reservedUntil) {
      // Past its 90 days: free at once (only the version we judged: a concurrent change re-reads).
      if (!(await this.repos.seatAssignments.delete(actor.tenantId, assignment, stored.etag))) {
        throw new RuleViolation('seats.unknownAssignment');
      }
    }
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action: 'seat.release',
      target: `${assignment} (${stored.doc.assignee})`,
      outcome: 'success',
      detail: reservedUntil ? `reserved until ${reservedUntil}` : undefined,
    });
    return stored.doc;
  }

  /** Records an employee's request; one open request per person and pool. */
  async request(
    actor: Actor,
    name: string,
    poolId: string,
    justification: string,
    locale: Locale = 'en-US',
  ): Promise<SeatRequest> {
    return (await this.requestStored(actor, name, poolId, justification, locale)).doc;
  }

  /** `request`, answering the stored version with its ETag (the approval cards are recorded on it unread). */
  async requestStored(
    actor: Actor,
    name: string,
    poolId: string,
    justification: string,
    locale: Locale = 'en-US',
  ): Promise<Versioned<SeatRequest>> {
    const usage = await this.usage(actor.tenantId, poolId);
    if (usage.assignments.some((a) => a.assignee === actor.aadObjectId)) {
      throw new RuleViolation('seats.youHaveSeat', { pool: usage.pool.subscription });
    }
    // Asking uses nothing yet, but a cancelled package's pool takes no requests.
    await useBenefit(this.repos, this.clock, actor, usage.pool.benefitId);
    const prefix = seatRequestPrefix(poolId, actor.aadObjectId);
    return retrying(prefix, async () => {
      const mine = await this.repos.seatRequests.list(actor.tenantId, { idPrefix: prefix });
      if (mine.some((r) => r.doc.status === 'pending' || r.doc.status === 'approving')) {
        throw new RuleViolation('seats.duplicateRequest', { pool: usage.pool.subscription });
      }
      const doc: SeatRequest = {
        type: 'seatRequest',
        id: `${prefix}${mine.length + 1}`,
        tenantId: actor.tenantId,
        poolId,
        requester: actor.aadObjectId,
        requesterName: name,
        justification,
        locale,
        status: 'pending',
        createdAt: this.clock.now().toISOString(),
        cards: [],
      };
      // Two requests at the same moment compute the same id: exactly one is created (with its
      // audit record, in one store request), the other looks again.
      const created = await this.audit.createRecorded(this.repos.seatRequests, doc, {
        tenantId: actor.tenantId,
        actor: actor.aadObjectId,
        action: 'seat.request',
        target: doc.id,
        outcome: 'success',
      });
      if (created === 'exists') throw new ConcurrencyError(doc.id);
      return created;
    });
  }

  async getRequest(tenantId: string, requestId: string): Promise<Versioned<SeatRequest>> {
    const found = await this.repos.seatRequests.get(tenantId, requestId);
    if (!found) throw new RuleViolation('seats.unknownRequest');
    return found;
  }

  /**
   * Approves once, whatever the timing: the approver first claims the request (ETag), then takes
   * a seat, then records the decision. Whoever loses the claim waits for the winner's outcome, so
   * both see the same final state. No free seat → the claim is released and the request stays pending.
   */
  async approve(actor: Actor, actorName: string, requestId: string): Promise<DecisionOutcome> {
    // The approver's own claim is theirs to take over once: it is left from an earlier try that
    // failed half-way (the store went away), or from a second press racing this one. Every step
    // after the claim is idempotent (the seat is keyed by the request, the records by the act).
    let mayRetakeOwnClaim = true;
    // Every ConcurrencyError below means "read the request again" (after the policy's pause).
    return retrying(requestId, async () => {
      const current = await this.getRequest(actor.tenantId, requestId);
      const r = current.doc;
      if (r.status === 'approved' || r.status === 'rejected') {
        await this.recordDecision(r);
        return { kind: 'alreadyDecided', request: r };
      }
      const now = this.clock.now();
      const claimFresh =
        r.status === 'approving' && r.claimedAt && now.getTime() - Date.parse(r.claimedAt) < STALE_CLAIM_MS;
      const ownClaim = r.claimedBy === actor.aadObjectId && mayRetakeOwnClaim;
      // Another approval is under way: its outcome decides; look again after a pause.
      if (claimFresh && !ownClaim) throw new ConcurrencyError(requestId);
      if (claimFresh) mayRetakeOwnClaim = false;
      const claimed = await this.repos.seatRequests.replace(
        { ...r, status: 'approving', claimedAt: now.toISOString(), claimedBy: actor.aadObjectId },
        current.etag,
      );
      let seat: SeatAssignment;
      try {
        seat = await this.assign(actor, r.poolId, r.requester, r.id);
      } catch (err) {
        // Give the claim back (best effort: the store may be the reason we are here).
        await this.repos.seatRequests
          .replace(
            { ...claimed.doc, status: 'pending', claimedAt: undefined, claimedBy: undefined },
            claimed.etag,
          )
          .catch(() => undefined);
        throw err;
      }
      // A ConcurrencyError here: our claim was taken over (a second press of ours): its outcome decides.
      const decided = await this.repos.seatRequests.replace(
        {
          ...claimed.doc,
          status: 'approved',
          claimedAt: undefined,
          claimedBy: undefined,
          decision: {
            by: actor.aadObjectId,
            byName: actorName,
            at: this.clock.now().toISOString(),
            seatNo: seat.seatNo,
          },
        },
        claimed.etag,
      );
      await this.recordDecision(decided.doc);
      return { kind: 'decided', request: decided.doc };
    });
  }

  async reject(actor: Actor, actorName: string, requestId: string, reason: string): Promise<DecisionOutcome> {
    let already = false;
    const stored = await mutateExisting(
      this.repos.seatRequests,
      actor.tenantId,
      requestId,
      () => new RuleViolation('seats.unknownRequest'),
      (r) => {
        already = r.status === 'approved' || r.status === 'rejected';
        if (already) return UNCHANGED;
        const claimFresh =
          r.claimedAt !== undefined && this.clock.now().getTime() - Date.parse(r.claimedAt) < STALE_CLAIM_MS;
        // An approval is under way; its outcome decides: look again after the policy's pause.
        if (r.status === 'approving' && claimFresh) throw new ConcurrencyError(requestId);
        return {
          ...r,
          status: 'rejected' as const,
          decision: { by: actor.aadObjectId, byName: actorName, at: this.clock.now().toISOString(), reason },
        };
      },
    );
    await this.recordDecision(stored.doc);
    return { kind: already ? 'alreadyDecided' : 'decided', request: stored.doc };
  }

  /**
   * The audit record of a seat assignment. A seat given by approving a request is recorded once
   * per request, so the retry of an approval that stopped half-way writes it if it is missing.
   */
  private async recordAssignment(doc: SeatAssignment): Promise<void> {
    const entry = {
      tenantId: doc.tenantId,
      actor: doc.assignedBy,
      action: 'seat.assign',
      target: `${doc.id} → ${doc.assignee}`,
      outcome: 'success' as const,
    };
    if (doc.requestId) await this.audit.recordOnce(entry, doc.assignedAt, `seat.assign:${doc.requestId}`);
    else await this.audit.record(entry);
  }

  /** The audit record of a request's decision: once per request, also when a retry finds it decided. */
  private async recordDecision(r: SeatRequest): Promise<void> {
    if (!r.decision || (r.status !== 'approved' && r.status !== 'rejected')) return;
    const action = r.status === 'approved' ? 'seat.approve' : 'seat.reject';
    await this.audit.recordOnce(
      {
        tenantId: r.tenantId,
        actor: r.decision.by,
        action,
        target: r.id,
        outcome: 'success',
        detail: r.decision.seatNo !== undefined ? `seat ${r.decision.seatNo}` : undefined,
      },
      r.decision.at,
      `${action}:${r.id}`,
    );
  }

  /**
   * Remembers where a copy of the request's card was posted, so a decision updates every copy.
   * `known`: the version the caller holds (the one `request` or the last `addCard` returned): the
   * write starts from it unread, and reads only if the request changed meanwhile. Returns the
   * stored version.
   */
  async addCard(
    tenantId: string,
    requestId: string,
    card: { conversationId: string; activityId: string },
    known?: Versioned<SeatRequest>,
  ): Promise<Versioned<SeatRequest>> {
    // Out of attempts throws (it used to return as if the copy were remembered).
    return mutateExisting(
      this.repos.seatRequests,
      tenantId,
      requestId,
      () => new RuleViolation('seats.unknownRequest'),
      (current) => ({ ...current, cards: [...current.cards, card] }),
      known,
    );
  }

  /** Requests waiting for a decision, including ones an approval has claimed ("being approved"). */
  async pendingRequests(tenantId: string): Promise<SeatRequest[]> {
    const lists = await Promise.all(
      (['pending', 'approving'] as const).map((status) =>
        this.repos.seatRequests.list(tenantId, {
          where: { status },
          orderBy: { field: 'createdAt', direction: 'ASC' },
        }),
      ),
    );
    return lists
      .flat()
      .map((r) => r.doc)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async requestsOf(tenantId: string, requester: string): Promise<SeatRequest[]> {
    const rows = await this.repos.seatRequests.list(tenantId, {
      where: { requester },
      orderBy: { field: 'createdAt', direction: 'DESC' },
      limit: 20,
    });
    return rows.map((r) => r.doc);
  }
}
