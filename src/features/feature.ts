import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import type { z, ZodType } from 'zod';
import type { AdaptiveCard } from '../cards';
import type { EntityType } from '../domain/model';
import type { Action } from '../domain/policy';
import type { MessageKey } from '../i18n';
import type { MessageModule } from '../i18n/catalogues';
import type { BotServices } from '../services';
import type { Turn } from './shared/turn';

/** What a command or verb handler gets: the turn, who is acting, the services. */
export interface Handler {
  context: TurnContext;
  turn: Turn;
  services: BotServices;
}

/** A message turn also has the dialog stack, so a command can start a dialog. */
export interface MessageHandler extends Handler {
  dc: DialogContext;
  /** Every command of the bot (help lists them). */
  commands: readonly Command[];
  /** What followed the phrase, for commands that take arguments ("reminder days 30 7 1"). */
  args: string;
}

/**
 * A typed text command, in both languages. Help lists exactly the commands a person may use,
 * so it never offers something that does not exist or that they cannot do.
 */
export interface Command<C extends string = string> {
  /** Named by the intent map, help and the usage digest as a `CommandId` (src/features/joins.ts). */
  id: C;
  /** Lower-case phrases; a phrase in either language works for everyone. */
  phrases: { 'en-US': string[]; 'zh-CN': string[] };
  descriptionKey: MessageKey;
  /** The act it leads to: help hides it from people who may not perform it. */
  action?: Action;
  /** The phrase may be followed by arguments. */
  takesArguments?: boolean;
  /** Commands that only make sense in a team channel (e.g. subscriptions) say so. */
  scope?: 'channel';
  /** Not listed in help (the answer a button sends, e.g. "No" to a confirmation). */
  hidden?: boolean;
  /**
   * The document types of the tenant its answer reads: named by its phrase or a button, the
   * turn reads them in the same query as the person (one store request instead of two).
   */
  reads?: readonly EntityType[];
  run(h: MessageHandler): Promise<void>;
}

/**
 * A verb of `Action.Execute`: zod schema for its data (ids only) → the act → handler that
 * re-reads the records, acts, and returns the card that replaces the pressed one.
 */
export interface VerbHandler<S extends ZodType = ZodType> {
  schema: S;
  action: Action;
  run(h: Handler, data: z.infer<S>): Promise<AdaptiveCard>;
}

export const verb = <S extends ZodType>(h: VerbHandler<S>): VerbHandler => h;

/**
 * One capability of the bot: its commands, card verbs and dialogs. `V` and `C` are the literal
 * names of its verbs and command ids, so `Verb` and `CommandId` (src/features/joins.ts) are
 * derived from the features themselves: a card bound to a verb no feature has does not compile.
 */
export interface Feature<V extends string = string, C extends string = string> {
  id: string;
  /** Its message module (`defineMessages` in its folder): listing the feature loads its texts. */
  messages?: MessageModule;
  commands: Command<C>[];
  verbs: Record<V, VerbHandler>;
  /** Dialogs get the services by constructor injection. */
  dialogs?: (services: BotServices) => Dialog[];
}

/** Declares a feature, keeping the names of its verbs and commands as literal types. */
export const defineFeature = <V extends string = never, C extends string = never>(
  feature: Feature<V, C>,
): Feature<V, C> => feature;
