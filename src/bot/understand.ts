import type { Activity } from 'botbuilder';
import { ASSIGN_SEAT_DIALOG, type AssignSeatOptions } from '../../dialogs/assignSeat';
import { LIST_BENEFITS_DIALOG, type ListBenefitsOptions } from '../../dialogs/listBenefits';
import { REQUEST_SEAT_DIALOG, type RequestSeatOptions } from '../../dialogs/requestSeat';
import { renderCard } from '../cards';
import type { Locale } from '../domain/model';
import { authorize } from '../domain/policy';
import type { MessageKey } from '../i18n';
import {
  CONFIDENCE_THRESHOLD,
  recognize,
  textLanguage,
  trainedModel,
  type Intent,
  type Recognition,
} from '../nlu';
import type { Logger } from '../logger';
import { FAQ_NEXT_COMMANDS, faqAnswer } from '../nlu/faq';
import type { BenefitView } from '../views/benefits';
import { clarifyView, faqView, type CommandButton } from '../views/faq';
import type { Command, MessageHandler } from './feature';

/**
 * Free text → the feature command that serves it. The bot tries the exact command phrases first
 * (buttons send those); whatever else a person types comes here: the recogniser reads it, and
 * the meaning is mapped to an existing command, which the bot then runs exactly as if its phrase
 * had been typed — the same policy check (`command.action`) first. What no command serves is
 * answered here: rule questions (FAQ), a clarifying question when unsure, "I didn't catch that".
 */

type CommandIntent = Exclude<Intent, 'faq' | 'none'>;

/**
 * The commands that serve an intent, preferred first: the first one the person may use is run,
 * else the first (the bot then explains which role it needs and who holds it).
 */
const COMMANDS_FOR: Record<CommandIntent, readonly string[]> = {
  enroll: ['enroll'],
  membership: ['membership'],
  listBenefits: ['benefits'],
  softwareKeys: ['benefits'],
  azureCredits: ['benefits'],
  redeemKey: ['benefits'],
  requestSeat: ['requestSeat'],
  assignSeat: ['assignSeat'],
  activateSupport: ['activateSupport', 'support'],
  marketingContact: ['marketingContact', 'gtmOffers'],
  cancelPackage: ['cancelPackage'],
  manageRoles: ['roleList'],
  notifications: ['noticesSubscribe'],
  help: ['help'],
};

/** Intents served by one category of the benefits command (no command of their own). */
const BENEFITS_VIEW_OF: Partial<Record<Intent, BenefitView>> = {
  softwareKeys: 'software',
  azureCredits: 'azureCredit',
  redeemKey: 'licence',
};

/** Suggestion phrases for intents without a command phrase of their own (recognised, tested). */
const PHRASE_OF: Partial<Record<Intent, MessageKey>> = {
  softwareKeys: 'understand.phrase.softwareKeys',
  azureCredits: 'understand.phrase.azureCredits',
  redeemKey: 'understand.phrase.redeemKey',
};

const LANGUAGE_COMMAND: Record<Locale, string> = { 'zh-CN': 'speakChinese', 'en-US': 'speakEnglish' };

/**
 * Trains the recogniser in the background as the bot starts (once per process), so the first
 * free-text message does not wait for it; a message that comes sooner awaits the same training.
 */
export function prepareUnderstanding(logger: Logger): void {
  trainedModel().then(
    (model) => logger.info({ trainingMs: model.trainingMs, examples: model.examples }, 'recogniser trained'),
    (err: unknown) => logger.error({ err }, 'recogniser training failed'),
  );
}

export type Understanding = Omit<MessageHandler, 'args'>;
export interface Understood {
  command: Command;
  args: string;
}

/**
 * The language a message is written in, when it says more than the Teams client does: a person
 * who writes Chinese is answered in Chinese (their explicit choice, "speak English", still wins).
 */
export function writtenLocale(activity: Partial<Activity>): Locale | undefined {
  const text = typeof activity.text === 'string' ? activity.text : '';
  return text && textLanguage(text) === 'zh-CN' ? 'zh-CN' : undefined;
}

function commandById(h: Understanding, id: string): Command | undefined {
  return h.commands.find((c) => c.id === id);
}

/** The first of the intent's commands this person may use, else the first that exists. */
function commandFor(h: Understanding, intent: CommandIntent): Command | undefined {
  const candidates = COMMANDS_FOR[intent].map((id) => commandById(h, id)).filter((c) => c !== undefined);
  return candidates.find((c) => !c.action || authorize(h.turn.actor, c.action).allowed) ?? candidates[0];
}

const phraseOf = (h: Understanding, command: Command) => command.phrases[h.turn.locale][0] ?? command.id;

/** The same command, starting the benefits overview on one category. */
function withBenefitsView(command: Command, view: BenefitView): Command {
  return {
    ...command,
    run: async ({ dc }) => {
      const options: ListBenefitsOptions = { view };
      await dc.beginDialog(LIST_BENEFITS_DIALOG, options);
    },
  };
}

/** The same command, with the seat pool the person named ("VS Enterprise") chosen already. */
async function withPool(h: Understanding, command: Command, rec: Recognition): Promise<Command> {
  const kind = rec.entities.pool;
  if (!kind) return command;
  const pools = await h.services.repos.seatPools.list(h.turn.tenantId);
  const pool = pools.find((p) => p.doc.subscription.toLowerCase().includes(kind));
  if (!pool) return command;
  return {
    ...command,
    run: async ({ dc }) => {
      const options: RequestSeatOptions = { poolId: pool.doc.id };
      await dc.beginDialog(REQUEST_SEAT_DIALOG, options);
    },
  };
}

/** The same command, with the person and pool the admin named filled in ("give Fang a seat"). */
function withAssignDetails(command: Command, rec: Recognition): Command {
  const options: AssignSeatOptions = { person: rec.entities.person, pool: rec.entities.pool };
  if (!options.person && !options.pool) return command;
  return { ...command, run: async ({ dc }) => void (await dc.beginDialog(ASSIGN_SEAT_DIALOG, options)) };
}

/** A button for "did you mean <intent>?" that leads there when pressed. */
function suggestion(h: Understanding, intent: Intent, rec: Recognition): CommandButton | undefined {
  const { tr } = h.turn;
  if (intent === 'none') return undefined;
  if (intent === 'faq') {
    const topic = rec.entities.topic;
    if (!topic) return undefined;
    const question = tr.t(`faq.question.${topic}`);
    return { title: question, command: question };
  }
  const title = tr.t(`understand.intent.${intent}`);
  const phrase = PHRASE_OF[intent];
  if (phrase) return { title, command: tr.t(phrase) };
  const command = commandFor(h, intent);
  return command ? { title, command: phraseOf(h, command) } : undefined;
}

async function clarify(h: Understanding, rec: Recognition): Promise<void> {
  const seen = new Set<string>();
  const buttons = [rec, ...rec.alternatives]
    .map((r) => suggestion(h, r.intent, rec))
    .filter((b): b is CommandButton => b !== undefined && !seen.has(b.command) && !!seen.add(b.command));
  if (buttons.length === 0) {
    await h.context.sendActivity(h.turn.tr.t('unknown.text'));
    return;
  }
  const help = commandById(h, 'help');
  if (help && !seen.has(phraseOf(h, help)))
    buttons.push({ title: h.turn.tr.t('understand.intent.help'), command: phraseOf(h, help) });
  await h.context.sendActivity({
    text: h.turn.tr.t('understand.clarify.text'),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: renderCard('clarify', clarifyView(h.turn.tr, buttons)),
      },
    ],
  });
}

async function answerFaq(h: Understanding, rec: Recognition): Promise<void> {
  const { turn, services } = h;
  const topic = rec.entities.topic;
  if (!topic) return clarify(h, rec);
  const answer = faqAnswer(
    topic,
    { activation: services.activation },
    rec.alternatives.map((a) => a.intent),
  );
  const buttons = FAQ_NEXT_COMMANDS[topic]
    .map((id) => commandById(h, id))
    .filter((c): c is Command => c !== undefined)
    .filter((c) => !c.action || authorize(turn.actor, c.action).allowed)
    .map((c) => ({ title: phraseOf(h, c), command: phraseOf(h, c) }));
  await h.context.sendActivity({
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: renderCard('faq', faqView(turn.tr, answer, turn.member.roles, buttons)),
      },
    ],
  });
}

/**
 * What the text means, as the command to run (the caller checks its policy row and runs it), or
 * `undefined` when the answer was given here (FAQ, clarifying question, "didn't catch that").
 */
export async function understand(h: Understanding, text: string): Promise<Understood | undefined> {
  const { context, turn, services } = h;
  const rec = await recognize(text, turn.locale);
  // Never the text itself: people paste keys and codes into chats.
  services.logger.info(
    { correlationId: turn.correlationId, intent: rec.intent, score: rec.score, language: rec.language },
    'understood',
  );
  if (rec.switchLanguage) {
    const command = commandById(h, LANGUAGE_COMMAND[rec.switchLanguage]);
    if (command) return { command, args: '' };
  }
  if (rec.score < CONFIDENCE_THRESHOLD) {
    await clarify(h, rec);
    return undefined;
  }
  if (rec.intent === 'none') {
    await context.sendActivity(turn.tr.t('unknown.text'));
    return undefined;
  }
  if (rec.intent === 'faq') {
    await answerFaq(h, rec);
    return undefined;
  }
  // "remind us 14 and 3 days before": the days are the tenant's thresholds (set from any chat).
  const thresholds = commandById(h, 'noticesThresholds');
  if (rec.intent === 'notifications' && rec.entities.days && thresholds)
    return { command: thresholds, args: rec.entities.days.join(' ') };
  if (rec.intent === 'notifications' && context.activity.conversation?.conversationType !== 'channel') {
    await context.sendActivity(turn.tr.t('understand.notifications.channelOnly'));
    return undefined;
  }
  const command = commandFor(h, rec.intent);
  if (!command) {
    await clarify(h, rec);
    return undefined;
  }
  const view =
    BENEFITS_VIEW_OF[rec.intent] ?? (rec.intent === 'listBenefits' ? rec.entities.category : undefined);
  if (command.id === 'benefits' && view) return { command: withBenefitsView(command, view), args: '' };
  if (command.id === 'requestSeat') return { command: await withPool(h, command, rec), args: '' };
  if (command.id === 'assignSeat') return { command: withAssignDetails(command, rec), args: '' };
  return { command, args: '' };
}
