import { cardMessage, type AdaptiveCard } from '../cards';
import { conversationRefId, memberId, type ConversationRef } from '../domain/model';
import { mutate, UNCHANGED } from '../domain/mutate';
import type { Clock } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import type { Logger } from '../logger';
import { ConnectorError, type ConnectorClient, type SendObserver } from './connector';

const cardActivity = (card: AdaptiveCard) => cardMessage(card);

/** Where a proactive card landed: enough to update it later. */
export interface PostedCard {
  conversationId: string;
  /** A channel post is its own thread: `<channel>;messageid=<post>`. */
  threadId?: string;
  activityId: string;
  /** How often Teams asked the bot to retry before it was posted. */
  retries?: number;
}

/**
 * Proactive messages to saved conversations. A send that finds the bot gone (403/404) marks the
 * reference inactive, so nothing is silently retried forever, and says so to the caller.
 */
export class Messenger {
  constructor(
    private readonly repos: Repositories,
    private readonly connector: ConnectorClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Where the card landed, or undefined when the conversation is gone. */
  async sendCard(
    ref: ConversationRef,
    card: AdaptiveCard,
    observe?: SendObserver,
  ): Promise<PostedCard | undefined> {
    return this.send(ref, cardActivity(card), observe);
  }

  async sendText(ref: ConversationRef, text: string): Promise<PostedCard | undefined> {
    return this.send(ref, { text });
  }

  async updateCard(ref: ConversationRef, posted: PostedCard, card: AdaptiveCard): Promise<boolean> {
    try {
      await this.connector.updateActivity(
        { ...this.address(ref), conversationId: posted.threadId ?? ref.conversationId },
        posted.activityId,
        cardActivity(card),
      );
      return true;
    } catch (err) {
      return this.handle(err, ref);
    }
  }

  /** A person's own chat with the bot, if they ever had one and it is still there. */
  async personalChat(tenantId: string, aadObjectId: string): Promise<ConversationRef | undefined> {
    const member = await this.repos.members.get(tenantId, memberId(aadObjectId));
    const conversationId = member?.doc.personalConversationId;
    if (!conversationId) return undefined;
    return this.conversation(tenantId, conversationId);
  }

  async conversation(tenantId: string, conversationId: string): Promise<ConversationRef | undefined> {
    const ref = await this.repos.conversationRefs.get(tenantId, conversationRefId(conversationId));
    return ref?.doc.active ? ref.doc : undefined;
  }

  /**
   * The bot is gone from a conversation. A person's own chat is also taken off their member
   * document, so "has a personal chat" there keeps meaning "can be reached" (a turn that posts
   * for approval counts the approvers it can reach from the member documents alone); their next
   * message or install records it again.
   */
  async deactivate(tenantId: string, conversationId: string, reason: string): Promise<void> {
    const ref = await mutate(
      this.repos.conversationRefs,
      tenantId,
      conversationRefId(conversationId),
      (current) =>
        current?.active
          ? { ...current, active: false, inactiveReason: reason, updatedAt: this.clock.now().toISOString() }
          : UNCHANGED,
    );
    const person = ref?.doc.scope === 'personal' ? ref.doc.aadObjectId : undefined;
    if (person) await this.forgetPersonalChat(tenantId, person, conversationId);
  }

  /** Takes a personal chat the bot can no longer reach off the person's member document. */
  async forgetPersonalChat(tenantId: string, aadObjectId: string, conversationId: string): Promise<void> {
    await mutate(this.repos.members, tenantId, memberId(aadObjectId), (current) =>
      current?.personalConversationId === conversationId
        ? { ...current, personalConversationId: undefined, updatedAt: this.clock.now().toISOString() }
        : UNCHANGED,
    );
  }

  private async send(
    ref: ConversationRef,
    activity: Record<string, unknown>,
    observe: SendObserver = { retries: 0 },
  ): Promise<PostedCard | undefined> {
    try {
      if (ref.scope === 'channel') {
        const post = await this.connector.createChannelPost(this.address(ref), ref.botId, activity, observe);
        return {
          conversationId: ref.conversationId,
          threadId: post.id,
          activityId: post.activityId,
          retries: observe.retries,
        };
      }
      const sent = await this.connector.sendToConversation(this.address(ref), activity, observe);
      return { conversationId: ref.conversationId, activityId: sent.id, retries: observe.retries };
    } catch (err) {
      await this.handle(err, ref);
      return undefined;
    }
  }

  private address(ref: ConversationRef) {
    return { tenantId: ref.tenantId, serviceUrl: ref.serviceUrl, conversationId: ref.conversationId };
  }

  private async handle(err: unknown, ref: ConversationRef): Promise<false> {
    if (err instanceof ConnectorError && err.conversationGone) {
      this.logger.warn(
        { tenant: ref.tenantId, status: err.status, code: err.code },
        'bot is gone from a conversation',
      );
      await this.deactivate(
        ref.tenantId,
        ref.conversationId,
        `${err.status}${err.code ? ` ${err.code}` : ''}`,
      );
      return false;
    }
    throw err;
  }
}
