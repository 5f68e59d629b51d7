import { translator } from '../src/i18n';
import {
  ChoiceFactory,
  ChoicePrompt,
  ConfirmPrompt,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { BotServices } from '../src/services';
import type { Member } from '../src/domain/model';
import type { PoolUsage, SeatService } from '../src/domain/seats';
import { matchPeople } from '../src/nlu/entities';
import type { PoolKind } from '../src/nlu/intents';
import { BaseDialog } from './base';

export const ASSIGN_SEAT_DIALOG = 'assignSeat';
const WATERFALL = 'assignSeat.waterfall';
const POOL_PROMPT = 'assignSeat.pool';
const FILTER_PROMPT = 'assignSeat.filter';
const PERSON_PROMPT = 'assignSeat.person';
const CONFIRM_PROMPT = 'assignSeat.confirm';
/** Beyond this many candidates the admin first types part of the name. */
const MAX_CHOICES = 8;

/** What the admin already said ("give Fang a Visual Studio Enterprise seat"): asked no more. */
export interface AssignSeatOptions {
  /** The name as typed; resolved against the tenant's directory here, never guessed. */
  person?: string;
  pool?: PoolKind;
}

interface State {
  options?: AssignSeatOptions;
  poolId?: string;
  poolName?: string;
  pools?: { poolId: string; name: string; label: string }[];
  candidates?: { aadObjectId: string; name: string }[];
  person?: { aadObjectId: string; name: string };
}

/**
 * A Global admin gives a Visual Studio seat to someone in the tenant's directory: pool (with
 * seats used / total), person (filtered by name when the directory is large), confirmation.
 */
export class AssignSeatDialog extends BaseDialog {
  constructor(private readonly services: BotServices) {
    super(ASSIGN_SEAT_DIALOG);
    this.addDialog(new ChoicePrompt(POOL_PROMPT));
    this.addDialog(new ChoicePrompt(PERSON_PROMPT));
    this.addDialog(new TextPrompt(FILTER_PROMPT));
    this.addDialog(new ConfirmPrompt(CONFIRM_PROMPT));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.askPool.bind(this),
        this.filterPeople.bind(this),
        this.askPerson.bind(this),
        this.confirm.bind(this),
        this.assign.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private seats(): SeatService {
    return this.services.seats;
  }

  private async askPool(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    await this.services.authorizer.require(turn.actor, 'seat.assign');
    const state = step.values as State;
    state.options = (step.options as AssignSeatOptions | undefined) ?? {};
    const everyPool = await this.seats().pools(turn.tenantId);
    // A pool of a cancelled package gives out nothing: never offered.
    const all = everyPool.filter((p) => !p.withdrawn);
    const withdrawn = everyPool.find((p) => p.withdrawn)?.withdrawn;
    if (all.length === 0 && withdrawn) {
      await step.context.sendActivity(turn.tr.t('benefits.packageCancelled', withdrawn));
      return step.endDialog();
    }
    if (all.length === 0) {
      await step.context.sendActivity(turn.tr.t('seats.noPools'));
      return step.endDialog();
    }
    // A full pool is refused before anything is asked, not after the person was chosen.
    const pools = all.filter((p) => p.free > 0);
    if (pools.length === 0) {
      await step.context.sendActivity(
        turn.tr.t('seats.poolFull', { pool: all.map((p) => p.pool.subscription).join(', ') }),
      );
      return step.endDialog();
    }
    state.pools = pools.map((p) => ({
      poolId: p.pool.id,
      name: p.pool.subscription,
      label: turn.tr.t('seats.choice.pool', { pool: p.pool.subscription, used: p.used, total: p.pool.seats }),
    }));
    const named = state.options.pool;
    const matches = (p: PoolUsage) =>
      named !== undefined && p.pool.subscription.toLowerCase().includes(named);
    // The pool the admin named was withdrawn (its package cancelled): said so, not swapped.
    const namedWithdrawn = everyPool.find((p) => p.withdrawn && matches(p));
    if (namedWithdrawn?.withdrawn && !all.some(matches)) {
      await step.context.sendActivity(turn.tr.t('benefits.packageCancelled', namedWithdrawn.withdrawn));
      return step.endDialog();
    }
    // The pool the admin named is full: said so, not silently swapped for another one.
    const namedFull =
      named && all.find((p) => p.free === 0 && p.pool.subscription.toLowerCase().includes(named));
    if (namedFull && !pools.some((p) => p.pool.subscription.toLowerCase().includes(named))) {
      await step.context.sendActivity(
        turn.tr.t('seats.ask.poolFullNamed', { pool: namedFull.pool.subscription }),
      );
      return step.endDialog();
    }
    if (pools.length === 1) return step.next({ index: 0 });
    const chosen = named ? state.pools.findIndex((p) => p.name.toLowerCase().includes(named)) : -1;
    if (chosen >= 0) return step.next({ index: chosen });
    return step.prompt(POOL_PROMPT, {
      prompt: turn.tr.t('seats.ask.assignPool'),
      choices: ChoiceFactory.toChoices(state.pools.map((p) => p.label)),
      style: ListStyle.heroCard,
    });
  }

  private async filterPeople(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const state = step.values as State;
    const pool = state.pools?.[(step.result as FoundChoice).index];
    if (!pool) return step.endDialog();
    state.poolId = pool.poolId;
    state.poolName = pool.name;
    const usage = await this.seats().usage(turn.tenantId, pool.poolId);
    const holders = new Set(usage.assignments.map((a) => a.assignee));
    const people = await this.services.directory.people(turn.tenantId);
    state.candidates = people
      .filter((m: Member) => !holders.has(m.aadObjectId))
      .map((m) => ({ aadObjectId: m.aadObjectId, name: m.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const typed = state.options?.person;
    if (typed) {
      const named = matchPeople(typed, people);
      const free = named.filter((m) => !holders.has(m.aadObjectId));
      if (free.length > 0) {
        // One match goes straight to the confirmation (which shows who was understood); several are offered.
        state.candidates = free
          .map((m) => ({ aadObjectId: m.aadObjectId, name: m.name }))
          .slice(0, MAX_CHOICES);
        if (free.length === 1) state.person = state.candidates[0];
        return step.next();
      }
      await step.context.sendActivity(
        named.length > 0
          ? turn.tr.t('seats.ask.alreadyHolds', { name: named[0].name, pool: pool.name })
          : turn.tr.t('seats.ask.unknownPerson', { text: typed }),
      );
    }
    if (state.candidates.length <= MAX_CHOICES) return step.next();
    return step.prompt(FILTER_PROMPT, { prompt: turn.tr.t('seats.ask.filter') });
  }

  private async askPerson(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const state = step.values as State;
    if (state.person) return step.next({ index: 0 });
    const filter = typeof step.result === 'string' ? step.result.trim().toLowerCase() : '';
    const matches = (state.candidates ?? [])
      .filter((c) => c.name.toLowerCase().includes(filter))
      .slice(0, MAX_CHOICES);
    if (matches.length === 0) {
      await step.context.sendActivity(turn.tr.t('seats.ask.noMatch', { text: filter }));
      return step.replaceDialog(WATERFALL);
    }
    state.candidates = matches;
    return step.prompt(PERSON_PROMPT, {
      prompt: turn.tr.t('seats.ask.person'),
      choices: ChoiceFactory.toChoices(matches.map((m) => m.name)),
      style: ListStyle.heroCard,
    });
  }

  private async confirm(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const state = step.values as State;
    state.person = state.candidates?.[(step.result as FoundChoice).index];
    if (!state.person) return step.endDialog();
    return step.prompt(CONFIRM_PROMPT, {
      prompt: turn.tr.t('seats.ask.confirmAssign', { pool: state.poolName ?? '', name: state.person.name }),
      choices: ChoiceFactory.toChoices([turn.tr.t('seats.choice.yes'), turn.tr.t('seats.choice.no')]),
      style: ListStyle.heroCard,
    });
  }

  private async assign(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const state = step.values as State;
    if (step.result !== true || !state.poolId || !state.person) {
      await step.context.sendActivity(turn.tr.t('seats.assign.cancelled'));
      return step.endDialog();
    }
    // Re-checked now: the admin may have lost the role while the dialog waited.
    await this.services.authorizer.require(turn.actor, 'seat.assign', state.poolId);
    const seats = this.seats();
    const seat = await seats.assign(turn.actor, state.poolId, state.person.aadObjectId);
    const usage = await seats.usage(turn.tenantId, state.poolId);
    await step.context.sendActivity(
      turn.tr.t('seats.assign.done', {
        name: state.person.name,
        seat: seat.seatNo,
        pool: usage.pool.subscription,
        used: usage.used,
        total: usage.pool.seats,
      }),
    );
    await this.tellAssignee(
      turn.tenantId,
      seat.assignee,
      turn.member.name,
      usage.pool.subscription,
      seat.seatNo,
    );
    return step.endDialog(seat.id);
  }

  /** The new subscriber hears it in their own chat, with where to manage the subscription. */
  private async tellAssignee(
    tenantId: string,
    assignee: string,
    by: string,
    pool: string,
    seat: number,
  ): Promise<void> {
    const { messenger, directory, background } = this.services;
    const chat = await messenger.personalChat(tenantId, assignee);
    if (!chat) return;
    const member = await directory.member(tenantId, assignee);
    const tr = translator(member?.doc.preferredLocale ?? 'en-US');
    background.run('tell seat assignee', () =>
      messenger.sendText(chat, tr.t('seats.told.assigned', { by, pool, seat })),
    );
  }
}
