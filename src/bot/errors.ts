import type { Directory } from '../domain/directory';
import { ConcurrencyError, NotAuthorizedError, RuleViolation, StoreUnavailableError } from '../domain/errors';
import { joinList, type MessageKey, type Translator } from '../i18n';

/**
 * The one place that turns an error into words for the user. Internals never leak: unknown
 * errors become a generic apology carrying the correlation id the logs are keyed by.
 */
export async function explainError(
  err: unknown,
  tr: Translator,
  correlationId: string,
  directory: Directory | undefined,
  tenantId: string | undefined,
): Promise<string> {
  if (err instanceof NotAuthorizedError) {
    if (err.reason === 'membershipExpired') return tr.t('error.membershipExpired');
    const roles = joinList(
      tr.locale,
      err.rolesNeeded.map((r) => tr.t(`role.${r}` as MessageKey)),
      'or',
    );
    const first = tr.t('error.notAuthorized', { action: tr.t(`action.${err.action}` as MessageKey), roles });
    if (!directory || !tenantId) return first;
    const holders = await directory.holdersOf(tenantId, err.rolesNeeded).catch(() => []);
    const second =
      holders.length > 0
        ? tr.t('error.notAuthorizedHolders', {
            holders: joinList(
              tr.locale,
              holders.slice(0, 3).map((h) => h.name),
              'or',
            ),
          })
        : tr.t('error.notAuthorizedNoHolders');
    return `${first} ${second}`;
  }
  if (err instanceof RuleViolation) return tr.t(err.key as MessageKey, err.params);
  if (err instanceof ConcurrencyError) return tr.t('error.concurrentChange');
  if (err instanceof StoreUnavailableError) return tr.t('error.storeUnavailable', { ref: correlationId });
  return tr.t('error.generic', { ref: correlationId });
}

/** Errors the user caused or a rule raised: expected, logged at info, not as failures. */
export function isExpected(err: unknown): boolean {
  return err instanceof NotAuthorizedError || err instanceof RuleViolation || err instanceof ConcurrencyError;
}
