import { mutate, UNCHANGED } from './mutate';
import { memberId, type ConversationRef, type Locale, type Member } from './model';
import type { Clock, Versioned } from './ports';
import type { Repositories } from './repositories';

/**
 * Where the bot may post proactively, and what an install leaves in the directory. The Teams
 * edge (src/features/shared/installations.ts) reads the activity and hands the facts here.
 */
export class Installations {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  /**
   * Saves a conversation reference: a new one as it is, a known one merged (names and the
   * personal chat's person kept when this activity does not carry them; a reinstall after an
   * uninstall is welcomed again).
   */
  async saveReference(doc: ConversationRef): Promise<ConversationRef> {
    if ((await this.repos.conversationRefs.create(doc)) === 'created') return doc;
    let saved = doc;
    // A lost race re-reads and merges again; a failure (the store, or attempts run out) is the
    // caller's to report: nothing may claim it was saved.
    await mutate(this.repos.conversationRefs, doc.tenantId, doc.id, (current) => {
      if (!current) return UNCHANGED;
      saved = {
        ...current,
        ...doc,
        teamName: doc.teamName ?? current.teamName,
        channelName: doc.channelName ?? current.channelName,
        aadObjectId: doc.aadObjectId ?? current.aadObjectId,
        inactiveReason: undefined,
        welcomedAt: current.active ? current.welcomedAt : undefined,
      };
      return saved;
    });
    return saved;
  }

  /** A renamed team: every other channel of the team the bot posts in takes the new name too. */
  async renameTeam(general: ConversationRef): Promise<void> {
    const { teamId, teamName } = general;
    if (!teamId || !teamName) return;
    const refs = await this.repos.conversationRefs.list(general.tenantId, { where: { teamId } });
    for (const ref of refs) {
      if (ref.doc.id === general.id || ref.doc.teamName === teamName) continue;
      await mutate(this.repos.conversationRefs, general.tenantId, ref.doc.id, (current) =>
        !current || current.teamName === teamName
          ? UNCHANGED
          : { ...current, teamName, updatedAt: this.clock.now().toISOString() },
      );
    }
  }

  /** The team channels the bot is installed in (for picking a roster). */
  async activeChannels(tenantId: string): Promise<ConversationRef[]> {
    const refs = await this.repos.conversationRefs.list(tenantId, {
      where: { scope: 'channel', active: true },
    });
    return refs.map((r) => r.doc);
  }

  async reference(tenantId: string, refId: string): Promise<ConversationRef | undefined> {
    return (await this.repos.conversationRefs.get(tenantId, refId))?.doc;
  }

  /**
   * Claims the welcome of an install: true for exactly one of the install events Teams sends, so
   * the welcome is sent once. The claim is the `welcomedAt` marker, written under the ETag.
   */
  async claimWelcome(tenantId: string, refId: string): Promise<boolean> {
    let claimed = false;
    // Of two install events at once, the loser re-reads, finds the marker and claims nothing.
    await mutate(this.repos.conversationRefs, tenantId, refId, (current) => {
      claimed = false;
      if (!current || !current.active || current.welcomedAt) return UNCHANGED;
      claimed = true;
      return { ...current, welcomedAt: this.clock.now().toISOString() };
    });
    return claimed;
  }

  /** Gives a claimed welcome back when it could not be sent, so the next install event sends it. */
  async releaseWelcome(tenantId: string, refId: string): Promise<void> {
    await mutate(this.repos.conversationRefs, tenantId, refId, (current) =>
      current?.welcomedAt ? { ...current, welcomedAt: undefined } : UNCHANGED,
    );
  }

  /** A person of a team's roster enters the directory; false when they were already in it. */
  async addFromRoster(doc: Member): Promise<boolean> {
    return (await this.repos.members.create(doc)) === 'created';
  }

  /** The person's personal chat, recorded on their member document (one write, under the turn's ETag). */
  async rememberPersonalChat(member: Member, personalConversationId: string): Promise<Member> {
    try {
      const stored = await mutate(this.repos.members, member.tenantId, member.id, (current) =>
        current && current.personalConversationId !== personalConversationId
          ? { ...current, personalConversationId, updatedAt: this.clock.now().toISOString() }
          : UNCHANGED,
      );
      return stored?.doc ?? member;
    } catch {
      // Best effort: the turn goes on, and the next message from this chat records it.
      return member;
    }
  }

  /**
   * Remembers the language a person writes in when it is not their Teams locale (`undefined`
   * forgets it), so their card presses and the notices sent to them use it too.
   */
  async rememberLocale(member: Member, locale: Locale | undefined): Promise<Member> {
    if (member.lastLocale === locale) return member;
    try {
      const saved: Versioned<Member> | undefined = await mutate(
        this.repos.members,
        member.tenantId,
        memberId(member.aadObjectId),
        (current) =>
          current ? { ...current, lastLocale: locale, updatedAt: this.clock.now().toISOString() } : UNCHANGED,
      );
      return saved?.doc ?? member;
    } catch {
      // A concurrent change of the same person: the next message remembers it.
      return member;
    }
  }
}
