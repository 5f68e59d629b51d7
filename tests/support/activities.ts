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

/** The same activity as posted from a team channel (a thread of the channel). */
export function inChannel(
  activity: Record<string, unknown>,
  channel: { id: string; name: string },
  team = { id: '19:team-contoso@thread.tacv2', name: 'Contoso Partners' },
): Record<string, unknown> {
  const conversation = activity.conversation as Record<string, unknown>;
  const channelData = activity.channelData as Record<string, unknown>;
  const recipient = activity.recipient as { id: string; name: string };
  const text = typeof activity.text === 'string' ? `<at>${recipient.name}</at> ${activity.text}` : undefined;
  return {
    ...activity,
    text,
    // In a channel the bot only hears messages that @mention it; Teams adds the mention entity.
    entities: text ? [{ type: 'mention', mentioned: recipient, text: `<at>${recipient.name}</at>` }] : [],
    conversation: {
      ...conversation,
      id: `${channel.id};messageid=${Date.now()}`,
      conversationType: 'channel',
      isGroup: true,
    },
    channelData: { ...channelData, channel, team },
  };
}

/**
 * What Teams sends when a person installs the app for themselves (TESTING.md section 5), and the
 * Agents Playground on every page load: an installationUpdate `add` and a conversationUpdate whose
 * membersAdded holds the bot, both from the person in their personal chat.
 */
export function personalInstall(person: Person, o: ActivityOptions): Record<string, unknown>[] {
  const b = base(person, o);
  return [
    { ...b, type: 'installationUpdate', action: 'add' },
    { ...base(person, o), type: 'conversationUpdate', membersAdded: [{ id: b.recipient.id }] },
  ];
}

/** The person removes the app from their personal chat. */
export function personalUninstall(person: Person, o: ActivityOptions): Record<string, unknown> {
  return { ...base(person, o), type: 'installationUpdate', action: 'remove' };
}

/**
 * The app added to a team: the same pair, in the team's General channel (whose conversation id is
 * the team id), from the person who added it.
 */
export function teamInstall(
  person: Person,
  team: { id: string; name: string },
  o: ActivityOptions,
): Record<string, unknown>[] {
  const inGeneral = (activity: Record<string, unknown>) => ({
    ...activity,
    conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId: person.tenantId },
    channelData: {
      tenant: { id: person.tenantId },
      team,
      channel: { id: team.id },
      ...(activity.type === 'conversationUpdate' ? { eventType: 'teamMemberAdded' } : {}),
    },
  });
  const b = base(person, o);
  return [
    inGeneral({ ...b, type: 'installationUpdate', action: 'add' }),
    inGeneral({ ...base(person, o), type: 'conversationUpdate', membersAdded: [{ id: b.recipient.id }] }),
  ];
}

/** Teams tells the bot its team was renamed (a conversationUpdate in General). */
export function teamRenamed(
  person: Person,
  team: { id: string; name: string },
  o: ActivityOptions,
): Record<string, unknown> {
  return {
    ...base(person, o),
    type: 'conversationUpdate',
    conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId: person.tenantId },
    channelData: { tenant: { id: person.tenantId }, team, eventType: 'teamRenamed' },
  };
}
