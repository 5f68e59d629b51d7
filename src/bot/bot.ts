import {
  ActivityTypes,
  ConversationState,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type StatePropertyAccessor,
  type Storage,
  TeamsInfo,
} from 'botbuilder';
import {
  DialogContext,
  DialogSet,
  DialogTurnStatus,
  type DialogState,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isCancel, isHelp } from '../../dialogs/base';
import { CONFIDENCE_THRESHOLD, intentOf, isQuestion } from '../nlu';
import { ENTITY_TYPES, memberId, personLocale } from '../domain/model';
import { FIELD_NAME } from '../store/listFilter';
import { resolveLocale, translator, type Translator } from '../i18n';
import { StoreUnavailableError } from '../domain/errors';
import { explainError, explainTo, isExpected } from '../features/shared/errors';
import type { Command, Feature, VerbHandler } from '../features/feature';
import { ALL_COMMANDS, FEATURES, findCommand, verbTable } from '../features';
import {
  conversationKey,
  renameTeam,
  rememberLocale,
  rememberPersonalChat,
  saveConversationRef,
} from '../features/shared/installations';
import { badRequest, cardResponse, errorResponse, failureResponse } from '../features/shared/invoke';
import type { BotServices } from '../services';
import {
  getTurn,
  plannedNextTurnReads,
  setTurn,
  tenantIdOf,
  type PlannedReads,
  type Turn,
} from '../features/shared/turn';
import { withTurnReads } from '../store/turnCache';
import { prepareUnderstanding, understand, writtenLocale } from './understand';
import { installed } from './installEvents';

const MESSAGE: string = ActivityTypes.Message;
const INVOKE: string = ActivityTypes.Invoke;

/** Longest message text we try to understand; longer ones get a polite refusal. */
export const MAX_TEXT_LENGTH = 2000;
/** A dialog left unanswered this long is cleared (with a word) instead of resumed. */
export const DIALOG_TTL_MS = 24 * 60 * 60 * 1000;
/** How sure the recogniser must be that an answer re-asks for what the dialog is doing. */
const SAME_REQUEST_SCORE = 0.9;
/**
 * Where botbuilder-dialogs looks, in a turn's state, for the memory scopes and path resolvers
 * each DialogContext's state manager uses (`DialogStateManager`; the constant is not exported).
 * Absent, the first DialogContext of every turn builds them anew from the registered components.
 */
export const DIALOG_STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

const filterValue = z.union([z.string(), z.number(), z.boolean()]);
const fields = z.record(z.string().regex(FIELD_NAME), filterValue).optional();
const plannedReadsSchema = z.object({
  dialogId: z.string().min(1).max(100),
  types: z.array(z.enum(ENTITY_TYPES)).max(20),
  selections: z
    .array(
      z.object({
        type: z.enum(ENTITY_TYPES),
        filter: z.object({ where: fields, arrayContains: fields, idPrefix: z.string().max(300).optional() }),
      }),
    )
    .max(10),
}) satisfies z.ZodType<PlannedReads>;

const submitSchema = z.object({ command: z.string().min(1).max(200) });

/** What a message says: the command its button names (Action.Submit), else its text without the bot's mention. */
function messageText(context: TurnContext): { text: string; submitted: boolean } {
  const submitted = submitSchema.safeParse(context.activity.value);
  if (submitted.success) return { text: submitted.data.command, submitted: true };
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return { text: typeof text === 'string' ? text : '', submitted: false };
}
/** The shape botbuilder assumes an `adaptiveCard/action` value has (verb and data are checked later). */
const actionExecuteSchema = z.looseObject({ action: z.looseObject({ type: z.literal('Action.Execute') }) });

/**
 * The Teams bot. Per turn, in this order: tenant guard (nothing read before it), locale,
 * who-is-this (read afresh: alone, or with what the turn's command or waiting dialog reads),
 * then routing: card invoke → verb table; message → command.
 * One log line per turn.
 */
export class PartnerBenefitsBot extends TeamsActivityHandler {
  private readonly features: Feature[];
  private readonly commands: Command[];
  private readonly verbs: Map<string, VerbHandler>;
  private readonly conversationState: ConversationState;
  private readonly dialogs: DialogSet;
  private readonly dialogTouched: StatePropertyAccessor<string>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** What the waiting dialog's answer will read (src/features/shared/turn.ts, PlannedReads). */
  private readonly nextReads: StatePropertyAccessor<unknown>;
  /**
   * The memory scopes and path resolvers of the dialogs' state managers, built by the first turn
   * and handed to every later one: they are stateless objects, configured once per process.
   */
  private dialogStateConfiguration?: DialogStateManagerConfiguration;

  constructor(
    private readonly services: BotServices,
    stateStorage: Storage,
  ) {
    super();
    this.features = [...FEATURES];
    this.commands = [...ALL_COMMANDS];
    this.verbs = verbTable(this.features);
    this.conversationState = new ConversationState(stateStorage);
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogTouched = this.conversationState.createProperty<string>('dialogTouchedAt');
    this.nextReads = this.conversationState.createProperty<unknown>('nextTurnReads');
    for (const dialog of this.features.flatMap((f) => f.dialogs?.(services) ?? [])) this.dialogs.add(dialog);
    prepareUnderstanding(services.logger);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await installed(context, this.services, this.tenantOf(context), this.commands);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.removed(context, 'uninstalled');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId))
        await installed(context, this.services, this.tenantOf(context), this.commands);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersRemoved?.some((m) => m.id === botId))
        await this.removed(context, 'removed');
      await next();
    });
    this.onTeamsTeamRenamedEvent(async (_team, context, next) => {
      await renameTeam(context, this.services, this.tenantOf(context));
      await next();
    });
    this.onTeamsChannelRenamedEvent(async (_channel, _team, context, next) => {
      await saveConversationRef(context, this.services, this.tenantOf(context));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // Reads are remembered for this turn only (src/store/turnCache.ts).
    return withTurnReads(() => this.runTurn(context));
  }

  private async runTurn(context: TurnContext): Promise<void> {
    const started = performance.now();
    const activity = context.activity;
    const correlationId = activity.id ?? randomUUID();
    const tenantId = tenantIdOf(context);
    // Refusals before the person is known follow the same rule: written language, else Teams locale.
    const tr = translator(writtenLocale(activity) ?? resolveLocale(activity.locale));
    let outcome = 'ok';
    try {
      if (!tenantId) {
        outcome = 'noTenant';
        await this.refuse(context, tr.t('error.noTenant'));
        return;
      }
      if (this.services.allowedTenants.length > 0 && !this.services.allowedTenants.includes(tenantId)) {
        outcome = 'tenantRefused';
        await this.refuse(context, tr.t('error.tenantNotAllowed'));
        return;
      }
      const aadObjectId = activity.from?.aadObjectId;
      if (aadObjectId && this.needsActor(activity.type)) {
        // A command named exactly, or the answer to a waiting dialog: the person is read in the
        // same query as what the answer reads (one store request instead of two).
        const planned =
          activity.type === MESSAGE
            ? (this.commandReads(context) ?? (await this.plannedReads(context)))
            : undefined;
        if (planned)
          await this.services.prefetch?.(
            tenantId,
            planned.types,
            planned.types.includes('member')
              ? planned.selections
              : [...planned.selections, { type: 'member', filter: { where: { id: memberId(aadObjectId) } } }],
          );
        const resolved = await this.services.directory.resolve({
          tenantId,
          aadObjectId,
          name: activity.from.name ?? '',
          teamsUserId: activity.from.id,
          emails: async () => {
            const account = await TeamsInfo.getMember(context, activity.from.id);
            return [account.email, account.userPrincipalName].filter((e): e is string => Boolean(e));
          },
        });
        let member = await rememberPersonalChat(context, this.services, resolved.doc);
        // One language per person: their choice, else what they write in, else the Teams locale.
        // A press or a submit carries no words: it keeps the language they last wrote in when
        // that differed from their Teams locale (remembered as `lastLocale`, cleared otherwise).
        const teamsLocale = resolveLocale(activity.locale);
        const writes =
          activity.type === MESSAGE && typeof activity.text === 'string' && /\p{L}/u.test(activity.text);
        const written = writes ? (writtenLocale(activity) ?? teamsLocale) : undefined;
        const locale = member.preferredLocale ?? written ?? personLocale(member, teamsLocale);
        if (written)
          member = await rememberLocale(this.services, member, written === teamsLocale ? undefined : written);
        const turn: Turn = {
          correlationId,
          tenantId,
          locale,
          tr: translator(locale),
          member,
          actor: { tenantId, aadObjectId: member.aadObjectId, roles: member.roles },
        };
        setTurn(context, turn);
      } else if (this.needsActor(activity.type)) {
        outcome = 'noUser';
        await this.refuse(context, tr.t('error.noTenant'));
        return;
      }
      await super.run(context);
    } catch (err) {
      outcome = isExpected(err) ? 'refused' : 'error';
      await this.reportError(context, err, correlationId, tenantId);
    } finally {
      this.services.logger.info(
        {
          turn: activity.type,
          name: activity.name,
          tenant: tenantId,
          correlationId,
          durationMs: Math.round(performance.now() - started),
          outcome,
        },
        'turn',
      );
    }
  }

  private tenantOf(context: TurnContext): string {
    const tenantId = tenantIdOf(context);
    if (!tenantId) throw new Error('tenant guard let a turn without tenant through');
    return tenantId;
  }

  private async removed(context: TurnContext, reason: string): Promise<void> {
    await this.services.messenger.deactivate(this.tenantOf(context), conversationKey(context), reason);
  }

  /** Message and invoke turns act for a person; installation and roster events do not. */
  private needsActor(type: string): boolean {
    return type === MESSAGE || type === INVOKE;
  }

  private async refuse(context: TurnContext, text: string): Promise<void> {
    if (context.activity.type === INVOKE) {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 403, body: errorResponse(403, 'Forbidden', text) },
      });
    } else if (context.activity.type === MESSAGE) {
      await context.sendActivity(text);
    }
  }

  private async reportError(
    context: TurnContext,
    err: unknown,
    correlationId: string,
    tenantId: string | undefined,
  ): Promise<void> {
    const tr = this.translatorFor(context);
    if (isExpected(err)) {
      this.services.logger.info({ correlationId, reason: (err as Error).name }, 'turn refused');
    } else {
      this.services.logger.error({ err, correlationId }, 'turn failed');
    }
    const text = await explainError(err, tr, correlationId, this.services.directory, tenantId);
    try {
      if (context.activity.type === INVOKE) {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: failureResponse(err, text),
          },
        });
      } else if (context.activity.type === MESSAGE) {
        await context.sendActivity(text);
      }
    } catch (sendErr) {
      this.services.logger.error({ err: sendErr, correlationId }, 'could not tell the user about a failure');
    }
  }

  private translatorFor(context: TurnContext): Translator {
    try {
      return getTurn(context).tr;
    } catch {
      return translator(resolveLocale(context.activity.locale));
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = getTurn(context);
    if (this.dialogStateConfiguration)
      context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, this.dialogStateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.dialogStateConfiguration ??= dc.state.configuration;
    let failed = false;
    try {
      if (dc.activeDialog && (await this.dialogIsStale(context, dc.activeDialog.id))) {
        // A conversation left from long ago (or by an older version of the bot) is not resumed
        // silently: it is cleared and said so, then the message is read afresh.
        await dc.cancelAllDialogs(true);
        await context.sendActivity(turn.tr.t('dialog.stale'));
      }
      if (dc.activeDialog) {
        const interruption = await this.interruption(context, dc.activeDialog.id);
        if (interruption === 'command') {
          // Another command (typed or pressed) ends the conversation in progress, which says so.
          await dc.cancelAllDialogs(true);
          await context.sendActivity(turn.tr.t('dialog.setAside'));
        } else if (interruption === 'same') {
          // "I want Visual Studio" while being asked why: not an answer; the question again.
          await context.sendActivity(turn.tr.t('dialog.alreadyDoing'));
          await dc.repromptDialog();
          return;
        } else if (interruption === 'question') {
          // A question is answered, never taken as the answer; then the pending question again.
          // Answered on a stack of its own, so whatever it shows cannot resume the dialog.
          const aside = new DialogContext(this.dialogs, context, { dialogStack: [] });
          await this.route(context, turn, aside);
          if (aside.stack.length > 0) {
            // The answer is a conversation of its own: it replaces the earlier one.
            dc.stack.splice(0, dc.stack.length, ...aside.stack);
          } else {
            await dc.repromptDialog();
          }
          return;
        } else {
          // A dialog in progress gets the message first (its base handles cancel and help).
          const result = await dc.continueDialog();
          if (result.status !== DialogTurnStatus.empty) return;
        }
      }
      await this.route(context, turn, dc);
    } catch (err) {
      failed = true;
      // A dialog that fails ends: the error is explained (see run), and no question is left
      // pending that the person can no longer see.
      await dc.cancelAllDialogs(true).catch(() => undefined);
      throw err;
    } finally {
      // When a waiting dialog was last answered (nothing is kept when none waits).
      if (dc.activeDialog) await this.dialogTouched.set(context, this.services.clock.now().toISOString());
      else await this.dialogTouched.delete(context);
      // The plan this turn's dialog made as it asked, else the one kept, while its dialog waits.
      // (A state that could not be read is the failure already being explained.)
      const next = plannedNextTurnReads(context) ?? (await this.plannedReads(context).catch(() => undefined));
      if (next && next.dialogId === dc.activeDialog?.id) await this.nextReads.set(context, next);
      else await this.nextReads.delete(context);
      // When the turn already failed, the reason it failed is what the person is told: a state
      // save that fails too (the store is gone) must not replace it with a generic error.
      await this.conversationState.saveChanges(context).catch((err: unknown) => {
        if (!failed) throw new StoreUnavailableError('conversation state save failed', { cause: err });
        this.services.logger.warn({ err, correlationId: turn.correlationId }, 'conversation state not saved');
      });
    }
  }

  /** What a command named by its phrase or a button reads (`Command.reads`). */
  private commandReads(context: TurnContext): Omit<PlannedReads, 'dialogId'> | undefined {
    const { text } = messageText(context);
    if (text.length === 0 || text.length > MAX_TEXT_LENGTH) return undefined;
    const reads = findCommand(this.commands, text)?.command.reads;
    return reads ? { types: [...reads], selections: [] } : undefined;
  }

  /**
   * The reads the waiting dialog planned for its answer (`planNextTurnReads`), when that dialog
   * is still the one waiting. Kept state is input: a plan that does not parse is ignored.
   */
  private async plannedReads(context: TurnContext): Promise<PlannedReads | undefined> {
    // The first store request of a message turn: failing here is the store being away.
    await this.conversationState.load(context).catch((err: unknown) => {
      throw new StoreUnavailableError('conversation state read failed', { cause: err });
    });
    const plan = plannedReadsSchema.safeParse(await this.nextReads.get(context));
    if (!plan.success) return undefined;
    const waiting = (await this.dialogState.get(context))?.dialogStack?.[0]?.id;
    return waiting === plan.data.dialogId ? plan.data : undefined;
  }

  /** A dialog this bot no longer has, or one untouched for longer than `DIALOG_TTL_MS`. */
  private async dialogIsStale(context: TurnContext, id: string): Promise<boolean> {
    if (!this.dialogs.find(id)) return true;
    const touched = await this.dialogTouched.get(context);
    const at = typeof touched === 'string' ? Date.parse(touched) : NaN;
    return Number.isNaN(at) || this.services.clock.now().getTime() - at > DIALOG_TTL_MS;
  }

  /**
   * Whether a message to a dialog in progress is not an answer: another command (its exact
   * phrase, or a button), or a question ("how many seats are free?"). Cancel and help are the
   * dialog's own (see dialogs/base.ts).
   */
  private async interruption(
    context: TurnContext,
    dialogId: string,
  ): Promise<'command' | 'question' | 'same' | undefined> {
    const { text: raw, submitted } = messageText(context);
    if (raw.length === 0 || raw.length > MAX_TEXT_LENGTH) return undefined;
    if (isCancel(raw) || isHelp(raw)) return undefined;
    const found = findCommand(this.commands, raw);
    if (found && found.command.id !== 'help') return 'command';
    if (submitted) return 'command';
    // The intent is enough here: the entities' fuzzy search costs a reason prompt's answer dearly.
    const rec = await intentOf(raw, getTurn(context).locale);
    // A question the bot can answer is answered; one it cannot ("hello?") is the dialog's to
    // handle (a reason prompt refuses questions as reasons and asks again).
    if (isQuestion(raw))
      return rec.intent !== 'none' && rec.intent !== 'help' && rec.score >= CONFIDENCE_THRESHOLD
        ? 'question'
        : undefined;
    // Asking, in other words, for what the dialog is already doing is not an answer to it.
    return rec.intent === dialogId && rec.score >= SAME_REQUEST_SCORE ? 'same' : undefined;
  }

  private async route(
    context: TurnContext,
    turn: Turn,
    dc: Parameters<Command['run']>[0]['dc'],
  ): Promise<void> {
    const { text: raw } = messageText(context);
    if (raw.length > MAX_TEXT_LENGTH) {
      await context.sendActivity(turn.tr.t('error.messageTooLong', { max: MAX_TEXT_LENGTH }));
      return;
    }
    if (isCancel(raw)) {
      await context.sendActivity(turn.tr.t('dialog.nothingToCancel'));
      return;
    }
    // Exact phrases (and buttons) first; anything else is read by the recogniser.
    const found =
      findCommand(this.commands, raw) ??
      (await understand({ context, turn, services: this.services, dc, commands: this.commands }, raw));
    if (!found) return;
    const { command, args } = found;
    if (command.action) await this.services.authorizer.require(turn.actor, command.action);
    await command.run({ context, turn, services: this.services, dc, commands: this.commands, args });
  }

  /**
   * botbuilder reads `value.action.type` of an `adaptiveCard/action` unguarded (a TypeError, i.e.
   * a 500, when `action` is missing) and answers other faults in English: malformed Action.Execute
   * values are bad input and get the localised 400 here.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (
      context.activity.name === 'adaptiveCard/action' &&
      !actionExecuteSchema.safeParse(context.activity.value).success
    ) {
      const text = this.translatorFor(context).t('error.invalidAction');
      return { status: 400, body: badRequest(text) };
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = getTurn(context);
    const action = (invokeValue as Partial<AdaptiveCardInvokeValue> | undefined)?.action;
    const handler = typeof action?.verb === 'string' ? this.verbs.get(action.verb) : undefined;
    if (!handler) return badRequest(turn.tr.t('error.unknownVerb'));
    const data = handler.schema.safeParse(stripTeamsFields(action?.data));
    if (!data.success) return badRequest(turn.tr.t('error.invalidAction'));
    try {
      await this.services.authorizer.require(turn.actor, handler.action);
      return cardResponse(await handler.run({ context, turn, services: this.services }, data.data));
    } catch (err) {
      if (!isExpected(err)) throw err;
      this.services.logger.info(
        { correlationId: turn.correlationId, reason: (err as Error).name },
        'invoke refused',
      );
      return failureResponse(err, await explainTo({ turn, services: this.services }, err));
    }
  }
}

/** Teams copies `msteams` hints into the data of some actions; they are not ours to validate. */
function stripTeamsFields(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data ?? {};
  const { msteams: _ignored, ...rest } = data as Record<string, unknown>;
  return rest;
}
