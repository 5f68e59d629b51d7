import type { Action } from './policy';
import type { Role } from './roles';
import type { RuleKey } from './ruleKeys';

export type { RuleKey };

/** Someone changed the document between our read and our write (HTTP 412 in Cosmos). */
export class ConcurrencyError extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} was changed concurrently`);
    this.name = 'ConcurrencyError';
  }
}

/** The store could not be reached or failed; the user is asked to try again. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A stored document does not match its schema. */
export class CorruptDocumentError extends Error {
  constructor(
    readonly documentId: string,
    detail: string,
  ) {
    super(`document ${documentId} does not match its schema: ${detail}`);
    this.name = 'CorruptDocumentError';
  }
}

/**
 * A rule said no. `key` names the message in the i18n catalogues and `params` fill it, so the
 * one place that maps errors to words can say why in the user's language.
 */
export class RuleViolation extends Error {
  constructor(
    readonly key: RuleKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'RuleViolation';
  }
}

export class NotAuthorizedError extends Error {
  constructor(
    readonly action: Action,
    readonly reason: 'role' | 'membershipExpired',
    readonly rolesNeeded: readonly Role[] = [],
  ) {
    super(`not authorised: ${action} (${reason})`);
    this.name = 'NotAuthorizedError';
  }
}
