import type { Container } from '@azure/cosmos';
import { cardAction, inChannel, message, submit } from '../support/activities';
import { conversation, type InvokeBody } from '../support/conversation';
import type { Person } from '../support/people';
import { cardOf, cardText, type TestApp } from '../support/testApp';

/**
 * Shared by the trust suites (authz, races, faults): acting as a person over HTTP, and reading
 * or restoring every document of the store, so a test can say exactly what a request changed.
 */

export { CARD, MESSAGE, type InvokeBody } from '../support/conversation';

/** Where a message is posted: the person's one-to-one chat, or a thread of a team channel. */
export type Place =
  'personal' | { channel: { id: string; name: string }; team: { id: string; name: string } };

/** What a person does, as Teams would post it. */
export type Step =
  | { kind: 'invoke'; verb: string; data: unknown }
  | { kind: 'say'; text: string; place?: Place }
  | { kind: 'submit'; value: Record<string, unknown> };

/** What came back: the invoke response, or the activities the bot sent during the turn. */
export interface Reply {
  status: number;
  invoke?: InvokeBody;
  sent: Record<string, unknown>[];
  /** Everything a person reads in the reply, as one string (texts, card texts, invoke message). */
  text: string;
}

function readable(reply: Omit<Reply, 'text'>): string {
  const parts: string[] = [];
  if (reply.invoke) {
    const { value } = reply.invoke;
    if (typeof value === 'string') parts.push(value);
    else if (value && typeof value === 'object') {
      const message = (value as { message?: unknown }).message;
      if (typeof message === 'string') parts.push(message);
      parts.push(...cardText(value));
    }
  }
  for (const activity of reply.sent) {
    if (typeof activity.text === 'string') parts.push(activity.text);
    const card = cardOf(activity);
    if (card) parts.push(...cardText(card));
    const hero = (activity.attachments as { content?: { text?: unknown } }[] | undefined)?.[0]?.content?.text;
    if (typeof hero === 'string') parts.push(hero);
  }
  return parts.join('\n');
}

/** Sends one step as `person` and returns what the bot answered in that turn. */
export async function act(
  t: TestApp,
  person: Person,
  step: Step,
  locale = 'en-US',
  extra: Record<string, unknown> = {},
): Promise<Reply> {
  const o = { serviceUrl: t.connector.url, locale };
  let activity: Record<string, unknown>;
  if (step.kind === 'invoke') activity = cardAction(person, step.verb, step.data, o);
  else if (step.kind === 'submit') activity = submit(person, step.value, o);
  else {
    activity = message(person, step.text, o);
    if (step.place && step.place !== 'personal')
      activity = inChannel(activity, step.place.channel, step.place.team);
  }
  const { status, body, sent } = await conversation(t).exchange({ ...activity, ...extra });
  const reply = { status, invoke: step.kind === 'invoke' ? (body as InvokeBody) : undefined, sent };
  return { ...reply, text: readable(reply) };
}

/* ------------------------------------------------------------------ the store, whole */

const SYSTEM_FIELDS = ['_rid', '_self', '_ts', '_attachments'] as const;

export type Doc = Record<string, unknown> & { id: string; _etag: string };

/** Every document of the store, by `container|partition|id` (etag included: a rewrite counts). */
export type Snapshot = Map<string, Doc>;

function containers(t: TestApp): Record<string, { c: Container; pk: (d: Doc) => string }> {
  return {
    entities: { c: t.app.store.entities, pk: (d) => String(d.tenantId) },
    state: { c: t.app.store.database.container('state'), pk: (d) => d.id },
  };
}

export async function snapshot(t: TestApp): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const [name, { c, pk }] of Object.entries(containers(t))) {
    const { resources } = await c.items.query<Doc>('SELECT * FROM c').fetchAll();
    for (const d of resources) {
      const clean = { ...d };
      for (const f of SYSTEM_FIELDS) delete clean[f];
      out.set(`${name}|${pk(d)}|${d.id}`, clean);
    }
  }
  return out;
}

export interface Difference {
  added: Doc[];
  removed: Doc[];
  changed: { before: Doc; after: Doc }[];
}

export function diff(before: Snapshot, after: Snapshot, only?: (key: string) => boolean): Difference {
  const d: Difference = { added: [], removed: [], changed: [] };
  for (const [key, doc] of after) {
    if (only && !only(key)) continue;
    const old = before.get(key);
    if (!old) d.added.push(doc);
    else if (JSON.stringify(old) !== JSON.stringify(doc)) d.changed.push({ before: old, after: doc });
  }
  for (const [key, doc] of before) if ((!only || only(key)) && !after.has(key)) d.removed.push(doc);
  return d;
}

/** Keys of one tenant's documents in the entities container. */
export const ofTenant = (tenantId: string) => (key: string) => key.startsWith(`entities|${tenantId}|`);

/**
 * The store as it was at one moment, put back on demand: documents changed since are rewritten,
 * new ones deleted, deleted ones created again. Lets one app serve many independent cases.
 */
export class Baseline {
  private constructor(
    private readonly t: TestApp,
    private readonly docs: Snapshot,
  ) {}

  static async take(t: TestApp): Promise<Baseline> {
    return new Baseline(t, await snapshot(t));
  }

  async restore(): Promise<void> {
    const now = await snapshot(this.t);
    const all = containers(this.t);
    for (const [key, doc] of now) {
      if (this.docs.has(key)) continue;
      const [name] = key.split('|');
      await all[name].c.item(doc.id, all[name].pk(doc)).delete();
    }
    for (const [key, doc] of this.docs) {
      const current = now.get(key);
      if (current && current._etag === doc._etag) continue;
      const [name] = key.split('|');
      const { _etag: _old, ...content } = doc;
      const { resource } = await all[name].c.items.upsert(content);
      // Remember the new version, so the next restore knows this one is the baseline's.
      this.docs.set(key, { ...doc, _etag: String(resource?._etag) });
    }
  }
}
