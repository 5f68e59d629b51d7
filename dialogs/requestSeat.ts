import {
  ChoiceFactory,
  ChoicePrompt,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { BotServices } from '../src/services';
import { seatRequestPrefix, type PoolUsage, type SeatService } from '../src/domain/seats';
import { approverSelections, postForApproval } from '../src/features/seats/approvals';
import { isQuestion } from '../src/nlu';
import { BaseDialog } from './base';
import { planNextTurnReads, type PlannedReads } from '../src/features/shared/turn';

export const REQUEST_SEAT_DIALOG = 'requestSeat';
const WATERFALL = 'requestSeat.waterfall';
const POOL_PROMPT = 'requestSeat.pool';
const WHY_PROMPT = 'requestSeat.why';
const MAX_JUSTIFICATION = 500;

export interface RequestSeatOptions {
  poolId?: string;
}

/**
 * What the answer turn reads, in one query: the tenant's small documents (membership, pools,
 * seats, settings, the benefit and its package), the person's earlier requests for this pool and
 * the approvers.
 */
function submitReads(poolId: string, aadObjectId: string): Omit<PlannedReads, 'dialogId'> {
  return {
    types: ['membership', 'seatPool', 'seatAssignment', 'tenant', 'benefit', 'package'],
    selections: [
      { type: 'seatRequest', filter: { idPrefix: seatRequestPrefix(poolId, aadObjectId) } },
      ...approverSelections,
    ],
  };
}

interface State {
  poolId?: string;
  choices?: { poolId: string; label: string }[];
}

/**
 * An employee asks for a Visual Studio seat: which subscription, why, then the request goes to
 * the approvers (the approvals channel, or each Global admin's chat).
 */
export class RequestSeatDialog extends BaseDialog {
  constructor(private readonly services: BotServices) {
    super(REQUEST_SEAT_DIALOG);
    this.addDialog(new ChoicePrompt(POOL_PROMPT));
    this.addDialog(new TextPrompt(WHY_PROMPT, (p) => this.validateWhy(p)));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.askPool.bind(this),
        this.askWhy.bind(this),
        this.submit.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private seats(): SeatService {
    return this.services.seats;
  }

  /**
   * Every rule that could refuse is checked before anything is asked: no pool, a seat already
   * held, a request already waiting. A pool with no free seat is said up front (the request may
   * still wait for one).
   */
  private async askPool(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const { tr } = turn;
    const state = step.values as State;
    const options = (step.options ?? {}) as RequestSeatOptions;
    const seats = this.seats();
    const [all, mine] = await Promise.all([
      seats.pools(turn.tenantId),
      seats.requestsOf(turn.tenantId, turn.actor.aadObjectId),
    ]);
    // A pool of a cancelled package takes no requests: said before anything is asked.
    const withdrawn = all.find((p) => p.withdrawn && (!options.poolId || p.pool.id === options.poolId));
    const pools = all.filter((p) => !p.withdrawn);
    if (withdrawn?.withdrawn && (pools.length === 0 || options.poolId)) {
      await step.context.sendActivity(tr.t('benefits.packageCancelled', withdrawn.withdrawn));
      return step.endDialog();
    }
    if (pools.length === 0) {
      await step.context.sendActivity(tr.t('seats.noPools'));
      return step.endDialog();
    }
    const waiting = new Set(
      mine.filter((r) => r.status === 'pending' || r.status === 'approving').map((r) => r.poolId),
    );
    const refusal = (p: PoolUsage): string | undefined =>
      p.assignments.some((a) => a.assignee === turn.actor.aadObjectId)
        ? tr.t('seats.youHaveSeat', { pool: p.pool.subscription })
        : waiting.has(p.pool.id)
          ? tr.t('seats.duplicateRequest', { pool: p.pool.subscription })
          : undefined;
    const named = pools.find((p) => p.pool.id === options.poolId);
    const open = pools.filter((p) => refusal(p) === undefined);
    const refused = named ? refusal(named) : open.length === 0 ? refusal(pools[0]) : undefined;
    if (refused) {
      await step.context.sendActivity(refused);
      return step.endDialog();
    }
    // With one pool open of several, the others' refusals are said and the one left is still
    // offered as a choice: never a silent switch to a subscription the person did not name.
    const chosen = named ?? (open.length === 1 && pools.length === 1 ? open[0] : undefined);
    if (chosen) {
      state.poolId = chosen.pool.id;
      if (chosen.free === 0)
        await step.context.sendActivity(tr.t('seats.ask.noFreeSeatYet', { pool: chosen.pool.subscription }));
      return step.next();
    }
    for (const p of pools) {
      const why = refusal(p);
      if (why) await step.context.sendActivity(why);
    }
    state.choices = open.map((p) => ({
      poolId: p.pool.id,
      label: tr.t('seats.choice.pool', { pool: p.pool.subscription, used: p.used, total: p.pool.seats }),
    }));
    return step.prompt(POOL_PROMPT, {
      prompt: tr.t('seats.ask.pool'),
      choices: ChoiceFactory.toChoices(state.choices.map((c) => c.label)),
      style: ListStyle.heroCard,
    });
  }

  private async askWhy(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const state = step.values as State;
    if (!state.poolId) {
      const picked = (step.result as { index: number } | undefined)?.index;
      state.poolId = picked !== undefined ? state.choices?.[picked]?.poolId : undefined;
    }
    if (state.poolId)
      planNextTurnReads(step.context, {
        dialogId: REQUEST_SEAT_DIALOG,
        ...submitReads(state.poolId, this.turn(step).actor.aadObjectId),
      });
    return step.prompt(WHY_PROMPT, {
      prompt: this.turn(step).tr.t('seats.ask.justification'),
      retryPrompt: this.turn(step).tr.t('seats.ask.justificationRetry'),
    });
  }

  private validateWhy(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value?.trim() ?? '';
    return Promise.resolve(
      // A question ("what?") is not a reason: the question is asked again.
      prompt.recognized.succeeded && text.length > 0 && text.length <= MAX_JUSTIFICATION && !isQuestion(text),
    );
  }

  private async submit(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const state = step.values as State;
    if (!state.poolId) return step.endDialog();
    // Read with the person at the start of this turn (asked for by askWhy); read here only when
    // that plan was not there (a conversation from before it was kept).
    const reads = submitReads(state.poolId, turn.actor.aadObjectId);
    await this.services.prefetch?.(turn.tenantId, reads.types, reads.selections);
    // Checked at the moment of the change, not when the dialog started.
    await this.services.authorizer.require(turn.actor, 'seat.request', state.poolId);
    const seats = this.seats();
    const stored = await seats.requestStored(
      turn.actor,
      turn.member.name,
      state.poolId,
      String(step.result).trim(),
      turn.locale,
    );
    const usage = await seats.usage(turn.tenantId, state.poolId);
    const reached = await postForApproval(this.services, stored, usage);
    const pool = usage.pool.subscription;
    await step.context.sendActivity(
      reached === 0
        ? turn.tr.t('seats.requestedNoApprover')
        : usage.free === 0
          ? turn.tr.t('seats.requestedNoFreeSeat', { pool })
          : turn.tr.t('seats.requested', { pool }),
    );
    return step.endDialog(stored.doc.id);
  }
}
