import { RuleViolation } from './errors';
import type { NoticeSubscription } from './model';
import { mutate } from './mutate';
import type { Versioned } from './ports';
import type { Repositories } from './repositories';

/** The channels subscribed to expiry reminders: subscribing, changing and reading a subscription. */
export class NoticeSubscriptions {
  constructor(private readonly repos: Repositories) {}

  async get(tenantId: string, id: string): Promise<NoticeSubscription | undefined> {
    return (await this.repos.noticeSubscriptions.get(tenantId, id))?.doc;
  }

  /** A new subscription as it is; a known one (maybe switched off) changed by `resubscribe`. */
  async subscribe(
    fresh: NoticeSubscription,
    resubscribe: (s: NoticeSubscription) => NoticeSubscription,
  ): Promise<NoticeSubscription> {
    if ((await this.repos.noticeSubscriptions.create(fresh)) === 'created') return fresh;
    return (await this.update(fresh.tenantId, fresh.id, resubscribe)).doc;
  }

  /** Changes a subscription under its ETag; none there is "this channel is not subscribed". */
  async update(
    tenantId: string,
    id: string,
    patch: (s: NoticeSubscription) => NoticeSubscription,
  ): Promise<Versioned<NoticeSubscription>> {
    const saved = await mutate(this.repos.noticeSubscriptions, tenantId, id, (current) => {
      if (!current) throw new RuleViolation('notices.notSubscribed');
      return patch(current);
    });
    if (!saved) throw new RuleViolation('notices.notSubscribed');
    return saved;
  }
}
