import { randomUUID } from 'node:crypto';
import type { Person } from './people';

export interface ActivityOptions {
  serviceUrl: string;
  locale?: string;
  conversationId?: string;
  tenantId?: string;
}

function base(person: Person, o: ActivityOptions) {
  const tenantId = o.tenantId ?? person.tenantId;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: o.locale ?? 'en-US',
    from: { id: `29:test-${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: '28:b0700000-0000-4000-8000-0000000000b7', name: 'Partner Benefits' },
    conversation: {
      id: o.conversationId ?? `a:personal-${person.aadObjectId}`,
      conversationType: 'personal',
      tenantId,
    },
    channelData: { tenant: { id: tenantId } },
  };
}

/** A Teams message activity as Teams would post it to the bot. */
export function message(person: Person, text: string, o: ActivityOptions): Record<string, unknown> {
  return { ...base(person, o), type: 'message', text };
}

/** An Action.Submit press: a message whose value carries the card's data. */
export function submit(
  person: Person,
  value: Record<string, unknown>,
  o: ActivityOptions,
): Record<string, unknown> {
  return { ...base(person, o), type: 'message', value };
}

/** An Action.Execute press (Universal Actions). */
export function cardAction(
  person: Person,
  verb: string,
  data: unknown,
  o: ActivityOptions,
): Record<string, unknown> {
  return {
    ...base(person, o),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
