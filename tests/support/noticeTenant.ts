import { conversationRefId, subscriptionId } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/repositories';
import type { FakeConnector } from './fakeConnector';
import { cardOf, cardText, FIXED_NOW } from './testApp';

export interface NoticeTenant {
  tenantId: string;
  admin: string;
  name: string;
  /** Channel ids are `19:<prefix>-<n>@thread.tacv2`. */
  channelPrefix: string;
}

/**
 * A tenant with `items` benefits expiring in 5 days (the "7 days" notice is due) and `channels`
 * subscribed team channels whose posts go to `serviceUrl`. Returns the channel ids. `today` is
 * the scanner's today: the fixed clock by default, the wall clock for bots in child processes.
 */
export async function seedNoticeTenant(
  repos: Repositories,
  tenant: NoticeTenant,
  items: number,
  channels: number,
  serviceUrl: string,
  today: Date = FIXED_NOW,
): Promise<string[]> {
  const now = today.toISOString();
  const expiresOn = new Date(today.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
  const { tenantId } = tenant;
  await repos.tenants.create({
    type: 'tenant',
    id: 'tenant',
    tenantId,
    name: tenant.name,
    locale: 'en-US',
    createdAt: now,
  });
  // The benefits' package: live (a cancelled package's benefits get no notices), far from expiry.
  await repos.packages.create({
    type: 'package',
    id: 'package:p',
    tenantId,
    name: 'Notice test package',
    offerType: 'silver',
    purchasedOn: '2026-01-01',
    expiresOn: '2030-01-01',
    status: 'active',
  });
  for (let i = 0; i < items; i += 1) {
    await repos.benefits.create({
      type: 'benefit',
      id: `benefit:item-${i}`,
      tenantId,
      packageId: 'package:p',
      name: `Benefit number ${i}`,
      benefitType: 'core',
      quantity: 1,
      expiresOn,
      details: { category: 'gtm', offer: `Offer ${i}`, status: 'notActivated' },
    });
  }
  const ids: string[] = [];
  for (let c = 0; c < channels; c += 1) {
    const conversationId = `19:${tenant.channelPrefix}-${c}@thread.tacv2`;
    ids.push(conversationId);
    await subscribeChannel(repos, {
      tenantId,
      conversationId,
      serviceUrl,
      admin: tenant.admin,
      channelName: `Channel ${c}`,
      teamId: `19:team-${tenant.channelPrefix}`,
      at: now,
    });
  }
  return ids;
}

/** A channel with the bot in it (its conversation reference) and reminders turned on. */
export async function subscribeChannel(
  repos: Repositories,
  c: {
    tenantId: string;
    conversationId: string;
    serviceUrl: string;
    admin: string;
    channelName: string;
    teamId?: string;
    teamName?: string;
    /** When the subscription was made (default: the tests' fixed now). */
    at?: string;
  },
): Promise<void> {
  const now = c.at ?? FIXED_NOW.toISOString();
  await repos.conversationRefs.create({
    type: 'conversationRef',
    id: conversationRefId(c.conversationId),
    tenantId: c.tenantId,
    conversationId: c.conversationId,
    scope: 'channel',
    serviceUrl: c.serviceUrl,
    botId: '28:bot',
    ...(c.teamId ? { teamId: c.teamId } : {}),
    ...(c.teamName ? { teamName: c.teamName } : {}),
    channelName: c.channelName,
    active: true,
    updatedAt: now,
  });
  await repos.noticeSubscriptions.create({
    type: 'noticeSubscription',
    id: subscriptionId(c.conversationId),
    tenantId: c.tenantId,
    conversationId: c.conversationId,
    categories: [],
    active: true,
    createdBy: c.admin,
    createdAt: now,
  });
}

/** How often each notice (channel + the benefit it names) reached the connector. */
export function noticeDeliveries(connector: FakeConnector): Map<string, number> {
  const seen = new Map<string, number>();
  for (const post of connector.channelPosts()) {
    const key = `${post.channelId} ${cardText(cardOf(post.activity))[1]}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return seen;
}
