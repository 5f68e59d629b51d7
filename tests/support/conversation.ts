import { cardAction, message, submit as submitted, type ActivityOptions } from './activities';
import type { Person } from './people';
import type { AppStore } from '../../src/store';
import { cardOf, type TestApp } from './testApp';

/**
 * One way for a test to talk to the bot over HTTP as a person, the way Teams would: say something,
 * press an Action.Execute button, submit an Action.Submit form. Every test file that drives turns
 * uses this, so a test only says what it tests.
 *
 *   const { say, lastReply, press, card } = conversation(() => t);
 *   const answer = await lastReply(ELI, 'my roles');             // the last activity sent in answer
 *   const body = await press(AVERY, 'seat.approve', { requestId }, { replyToId });
 *
 * The driver hides no failure: a message must be answered 200 (unless `status` says otherwise),
 * and an invoke's HTTP status must agree with the statusCode in its body.
 */

/** An activity the bot sent to the Bot Connector. */
export type Sent = Record<string, unknown>;

/** The body of an invoke response (adaptiveCard/action). */
export interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

export const CARD = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE = 'application/vnd.microsoft.activity.message';

export interface TurnOptions {
  /** The client's locale (en-US unless said). */
  locale?: string;
  /** Sets the activity's replyToId: the bot's message whose button was pressed. */
  replyToId?: string;
  /**
   * Which of the bot's sends count as the answer: `mine` (default) only new activities posted into
   * the conversation the turn came from (notices to other people may interleave); `all` every
   * activity the bot posted anywhere during the turn.
   */
  from?: 'mine' | 'all';
  /**
   * `true` (default): wait (up to 5 s) until at least one answer arrived, failing otherwise.
   * `false`: take what arrived by the time the HTTP request was answered, possibly nothing.
   */
  wait?: boolean;
  /** After the first answer, wait this long for more (a turn that sends several activities). */
  settleMs?: number;
  /** The HTTP status the post must get: 200 for a message; for an invoke, if set, besides agreeing with the body. */
  status?: number;
  /** Changes the activity just before it is posted (e.g. `inChannel`). */
  wrap?: (activity: Sent) => Sent;
}

type Options = string | TurnOptions;

const resolve = (defaults: TurnOptions, o: Options | undefined): TurnOptions => ({
  ...defaults,
  ...(typeof o === 'string' ? { locale: o } : (o ?? {})),
});

/**
 * The drivers for one test app. Pass the app, or a function returning it when the app is started
 * in a `beforeAll` after the drivers are made. `defaults` apply to every turn unless a call says otherwise.
 */
export function conversation(app: TestApp<AppStore> | (() => TestApp<AppStore>), defaults: TurnOptions = {}) {
  const tOf = typeof app === 'function' ? app : () => app;
  const activityOptions = (o: TurnOptions): ActivityOptions => ({
    serviceUrl: tOf().connector.url,
    locale: o.locale ?? 'en-US',
  });

  /** New activities the bot posted since call number `from`, into `conversationId` unless `all`. */
  const sentSince = (from: number, conversationId: string, o: TurnOptions): Sent[] =>
    tOf()
      .connector.calls.slice(from)
      .filter(
        (c) =>
          c.method === 'POST' &&
          c.path.includes('/activities') &&
          (o.from === 'all' || decodeURIComponent(c.path).includes(`/${conversationId}/`)),
      )
      .map((c) => c.body);

  /**
   * Posts the activity and returns the HTTP answer with what the bot had sent into the conversation
   * by then, asserting nothing: for tests whose point is the status (refusals, faults, attacks).
   */
  const exchange = async (
    activity: Sent,
    options?: Options,
  ): Promise<{ status: number; body: unknown; sent: Sent[]; since: number; conversationId: string }> => {
    const o = resolve(defaults, options);
    const t = tOf();
    const posted = prepare(activity, o);
    const conversationId = String((posted.conversation as { id: string }).id);
    const since = t.connector.calls.length;
    const res = await t.post(posted);
    return {
      status: res.status,
      body: res.body,
      sent: sentSince(since, conversationId, o),
      since,
      conversationId,
    };
  };

  /** Posts the activity and returns what the bot sent in answer (see TurnOptions). */
  const send = async (activity: Sent, options?: Options): Promise<Sent[]> => {
    const o = resolve(defaults, options);
    const { status, since, conversationId, sent } = await exchange(activity, o);
    expect(status).toBe(o.status ?? 200);
    if (o.wait === false) return sent;
    await tOf().connector.waitFor(() => (sentSince(since, conversationId, o).length > 0 ? true : undefined));
    if (o.settleMs) await new Promise((r) => setTimeout(r, o.settleMs));
    return sentSince(since, conversationId, o);
  };

  const prepare = (activity: Sent, o: TurnOptions): Sent => {
    const withReply = o.replyToId ? { ...activity, replyToId: o.replyToId } : activity;
    return o.wrap ? o.wrap(withReply) : withReply;
  };

  /** Everything the bot sent in answer to `text`. */
  const say = (person: Person, text: string, o?: Options): Promise<Sent[]> =>
    send(message(person, text, activityOptions(resolve(defaults, o))), o);

  /** The last activity the bot sent in answer to `text`. */
  const lastReply = async (person: Person, text: string, o?: Options): Promise<Sent> => {
    const answers = await say(person, text, o);
    const last = answers.at(-1);
    if (!last) throw new Error(`no answer to "${text}"`);
    return last;
  };

  /** The first Adaptive Card the bot sent in answer to `text` (fails if there is none). */
  const cardReply = async (person: Person, text: string, o?: Options): Promise<Record<string, unknown>> => {
    const answers = await say(person, text, o);
    const found = answers.map(cardOf).find(Boolean);
    if (!found)
      throw new Error(`no card in answer to "${text}": ${JSON.stringify(answers.map((r) => r.text))}`);
    return found;
  };

  /** An Action.Submit press (the card's data as the message's value): everything sent in answer. */
  const submit = (person: Person, value: Record<string, unknown>, o?: Options): Promise<Sent[]> =>
    send(submitted(person, value, activityOptions(resolve(defaults, o))), o);

  /** An Action.Execute press: the invoke response's body, its HTTP status agreeing with its statusCode. */
  const press = async (
    person: Person,
    verb: string,
    data: unknown,
    options?: Options,
  ): Promise<InvokeBody> => {
    const o = resolve(defaults, options);
    const res = await tOf().post(prepare(cardAction(person, verb, data, activityOptions(o)), o));
    const body = res.body as InvokeBody;
    if (o.status !== undefined) expect(res.status).toBe(o.status);
    // Error invokes carry their status in the HTTP status too.
    expect(res.status).toBe(body?.statusCode);
    return body;
  };

  /** The card an Action.Execute press answers with (fails on anything else). */
  const card = async (
    person: Person,
    verb: string,
    data: unknown,
    o?: Options,
  ): Promise<Record<string, unknown>> => {
    const body = await press(person, verb, data, o);
    if (body.type !== CARD)
      throw new Error(`expected a card from ${verb}, got ${body.type}: ${JSON.stringify(body.value)}`);
    return body.value as Record<string, unknown>;
  };

  /** The message an Action.Execute press answers with instead of a card (a refusal, an error). */
  const refusal = async (person: Person, verb: string, data: unknown, o?: Options): Promise<string> => {
    const body = await press(person, verb, data, o);
    expect(body.type).toBe(MESSAGE);
    return String(body.value);
  };

  return { exchange, send, say, lastReply, cardReply, submit, press, card, refusal };
}

export type Conversation = ReturnType<typeof conversation>;
