import type { Activity } from 'botbuilder';
import { ASSIGN_SEAT_DIALOG, type AssignSeatOptions } from '../../dialogs/assignSeat';
import { LIST_BENEFITS_DIALOG, type ListBenefitsOptions } from '../../dialogs/listBenefits';
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
import type { BenefitView } from '../features/benefits/views';
import { clarifyView, faqView, type CommandButton } from '../features/faq/views';
import type { Command, MessageHandler } from '../features/feature';
import { auditCard } from '../features/audit/feature';
import { sendCard } from '../features/shared/reply';
import { renderFaq } from '../features/faq/views';
import { renderClarify } from '../features/shared/cards';
import type { CommandId } from '../features/joins';

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
const COMMANDS_FOR: Record<CommandIntent, readonly CommandId[]> = {
  enroll: ['enroll'],
  membership: ['membership'],
  listBenefits: ['benefits'],
  softwareKeys: ['benefits'],
  azureCredits: ['benefits'],
  redeemKey: ['benefits'],
  requestSeat: ['requestSeat'],
  assignSeat: ['assignSeat'],
  seatStatus: ['seatPools'],
  activateSupport: ['activateSupport', 'support'],
  marketingContact: ['marketingContact', 'gtmOffers'],
  cancelPackage: ['cancelPackage'],
  manageRoles: ['roleList'],
  auditLog: ['audit'],
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

/**
 * Intents that start something which changes state: read from free text, the bot asks first
 * ("Do you want to request a Visual Studio seat?"), and a button (or the exact phrase) starts it.
 */
const CONFIRM_FIRST: Partial<Record<Intent, MessageKey>> = {
  enroll: 'understand.confirm.enroll',
  requestSeat: 'understand.confirm.requestSeat',
  assignSeat: 'understand.confirm.assignSeat',
  activateSupport: 'understand.confirm.activateSupport',
  marketingContact: 'understand.confirm.marketingContact',
  cancelPackage: 'understand.confirm.cancelPackage',
  notifications: 'understand.confirm.notifications',
};

/**
 * A question about an act is answered with what shows the answer, never by starting the act:
 * "how many seats are free?" → the seat pools with their free count; "when can we enrol?" →
 * the membership card.
 */
const ANSWERED_BY: Partial<Record<Intent, CommandIntent>> = {
  requestSeat: 'seatStatus',
  assignSeat: 'seatStatus',
  enroll: 'membership',
  activateSupport: 'activateSupport',
  marketingContact: 'marketingContact',
};
/** The read-only command that answers a question about these acts. */
const VIEW_OF: Partial<Record<Intent, CommandId>> = {
  activateSupport: 'support',
  marketingContact: 'gtmOffers',
};

const LANGUAGE_COMMAND: Record<Locale, CommandId> = { 'zh-CN': 'speakChinese', 'en-US': 'speakEnglish' };

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

function commandById(h: Understanding, id: CommandId): Command | undefined {
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

/** The seat pool the person named ("VS Enterprise"), if the tenant has it. */
async function namedPool(h: Understanding, rec: Recognition): Promise<string | undefined> {
  const kind = rec.entities.pool;
  if (!kind) return undefined;
  const pools = await h.services.seats.poolList(h.turn.tenantId);
  return pools.find((p) => p.subscription.toLowerCase().includes(kind))?.subscription;
}

/**
 * "Do you want to request a Visual Studio seat?" with Yes / No buttons: Yes sends the command's
 * exact phrase (with the pool named, if one was), No the dismissal. Nothing waits in between:
 * whatever the person types next is read afresh.
 */
async function confirmFirst(
  h: Understanding,
  command: Command,
  key: MessageKey,
  rec: Recognition,
): Promise<void> {
  const { tr } = h.turn;
  const pool = command.id === 'requestSeat' ? await namedPool(h, rec) : undefined;
  const phrase = phraseOf(h, command);
  const question = pool ? tr.t('understand.confirm.requestSeatPool', { pool }) : tr.t(key);
  await confirmCommand(h, question, pool ? `${phrase} ${pool.toLowerCase()}` : phrase);
}

/** A Yes / No question whose Yes sends `yes` (an exact command phrase) and No the dismissal. */
async function confirmCommand(h: Understanding, question: string, yes: string): Promise<void> {
  const { tr } = h.turn;
  const dismiss = commandById(h, 'dismiss');
  const buttons: CommandButton[] = [{ title: tr.t('understand.confirm.yes'), command: yes }];
  if (dismiss) buttons.push({ title: tr.t('understand.confirm.no'), command: phraseOf(h, dismiss) });
  await sendCard(h.context, renderClarify({ title: question, buttons }));
}

/** "show me the audit log for Dana": the audit log filtered by the person of this tenant named. */
async function withAuditPerson(h: Understanding, command: Command, text: string): Promise<Command> {
  const members = await h.services.directory.people(h.turn.tenantId, { limit: 500 });
  const person = personNamed(text, members);
  if (!person) return command;
  return {
    ...command,
    run: async ({ context, turn, services }) => {
      await sendCard(context, await auditCard(turn, services, { person: person.aadObjectId }, 0));
    },
  };
}

/** The member whose full name, or first or last name, the text mentions (the longest match). */
export function personNamed<M extends { name: string }>(text: string, members: readonly M[]): M | undefined {
  const t = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  let best: { m: M; length: number } | undefined;
  for (const m of members) {
    const name = m.name.toLowerCase();
    const parts = [name, ...name.split(/\s+/)].filter((p) => p.length >= 2);
    for (const part of parts) {
      const found = /\p{Script=Han}/u.test(part) ? text.includes(part) : t.includes(` ${part} `);
      if (found && part.length > (best?.length ?? 0)) best = { m, length: part.length };
    }
  }
  return best?.m;
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
  await sendCard(
    h.context,
    renderClarify(clarifyView(h.turn.tr, buttons)),
    h.turn.tr.t('understand.clarify.text'),
  );
}

async function answerFaq(h: Understanding, rec: Recognition, text = ''): Promise<void> {
  const { turn, services } = h;
  const topic = rec.entities.topic;
  if (!topic) return clarify(h, rec);
  const answer = faqAnswer(
    topic,
    { activation: services.activation },
    rec.alternatives.map((a) => a.intent),
    text,
  );
  // "who can reveal product keys?": also who holds those roles here, for those who may see the directory.
  const holders =
    answer.topic === 'whichRole' &&
    answer.focus &&
    answer.focus.roles !== 'everyone' &&
    authorize(turn.actor, 'roles.list').allowed
      ? (await services.directory.holdersOf(turn.tenantId, answer.focus.roles)).map((m) => m.name)
      : undefined;
  const buttons = FAQ_NEXT_COMMANDS[topic]
    .map((id) => commandById(h, id))
    .filter((c): c is Command => c !== undefined)
    .filter((c) => !c.action || authorize(turn.actor, c.action).allowed)
    .map((c) => ({ title: phraseOf(h, c), command: phraseOf(h, c) }));
  await sendCard(h.context, renderFaq(faqView(turn.tr, answer, turn.member.roles, buttons, holders)));
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
    await answerFaq(h, rec, text);
    return undefined;
  }
  // "remind us 14 and 3 days before": the tenant's thresholds (set from any chat), asked first.
  const thresholds = commandById(h, 'noticesThresholds');
  if (rec.intent === 'notifications' && rec.entities.days && thresholds && !rec.question) {
    await confirmCommand(
      h,
      turn.tr.t('understand.confirm.thresholds', { days: rec.entities.days.join(', ') }),
      `${phraseOf(h, thresholds)} ${rec.entities.days.join(' ')}`,
    );
    return undefined;
  }
  if (rec.intent === 'notifications' && context.activity.conversation?.conversationType !== 'channel') {
    await context.sendActivity(turn.tr.t('understand.notifications.channelOnly'));
    return undefined;
  }
  if (rec.question && rec.intent === 'cancelPackage') {
    await answerFaq(h, { ...rec, entities: { ...rec.entities, topic: 'cancelPackage' } });
    return undefined;
  }
  const intent: CommandIntent = rec.question ? (ANSWERED_BY[rec.intent] ?? rec.intent) : rec.intent;
  const view = rec.question ? VIEW_OF[intent] : undefined;
  const command = (view ? commandById(h, view) : undefined) ?? commandFor(h, intent);
  if (!command) {
    await clarify(h, rec);
    return undefined;
  }
  // "give Fang a Visual Studio seat": the assign dialog's own last step asks before it acts.
  const prefilled = intent === 'assignSeat' && Boolean(rec.entities.person);
  const confirmKey = rec.question || view || prefilled ? undefined : CONFIRM_FIRST[intent];
  if (confirmKey && (!command.action || authorize(turn.actor, command.action).allowed)) {
    await confirmFirst(h, command, confirmKey, rec);
    return undefined;
  }
  if (command.id === 'audit') return { command: await withAuditPerson(h, command, text), args: '' };
  const benefitsView =
    BENEFITS_VIEW_OF[rec.intent] ?? (rec.intent === 'listBenefits' ? rec.entities.category : undefined);
  if (command.id === 'benefits' && benefitsView)
    return { command: withBenefitsView(command, benefitsView), args: '' };
  if (command.id === 'assignSeat') return { command: withAssignDetails(command, rec), args: '' };
  return { command, args: '' };
}
