import { DialogContextError } from 'botbuilder-dialogs';
import type { Directory } from '../../domain/directory';
import type { Turn } from './turn';
import { ROLES } from '../../domain/roles';
import {
  ConcurrencyError,
  NotAuthorizedError,
  RuleViolation,
  StoreUnavailableError,
} from '../../domain/errors';
import { formatDate, formatDateTime, joinList, roleList, type Params, type Translator } from '../../i18n';

/**
 * The one place that turns an error into words for the user. Internals never leak: unknown
 * errors become a generic apology carrying the correlation id the logs are keyed by.
 */
export async function explainError(
  thrown: unknown,
  tr: Translator,
  correlationId: string,
  directory: Directory | undefined,
  tenantId: string | undefined,
): Promise<string> {
  const err = unwrap(thrown);
  if (err instanceof NotAuthorizedError) {
    if (err.reason === 'membershipExpired') return tr.t('error.membershipExpired');
    const roles = roleList(
      tr.locale,
      err.rolesNeeded.map((r) => tr.t(`role.${r}`)),
      'or',
    );
    const first = tr.t('error.notAuthorized', { action: tr.t(`action.${err.action}`), roles });
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
  if (err instanceof RuleViolation) return tr.t(err.key, localiseParams(tr, err.params));
  if (err instanceof ConcurrencyError) return tr.t('error.concurrentChange');
  if (err instanceof StoreUnavailableError) return tr.t('error.storeUnavailable', { ref: correlationId });
  return tr.t('error.generic', { ref: correlationId });
}

/** `explainError` for the turn in hand: its language, correlation id, directory and tenant. */
export function explainTo(
  h: { turn: Turn; services: { directory: Directory } },
  thrown: unknown,
): Promise<string> {
  return explainError(thrown, h.turn.tr, h.turn.correlationId, h.services.directory, h.turn.tenantId);
}

/** Errors the user caused or a rule raised: expected, logged at info, not as failures. */
export function isExpected(thrown: unknown): boolean {
  const err = unwrap(thrown);
  return err instanceof NotAuthorizedError || err instanceof RuleViolation || err instanceof ConcurrencyError;
}

/** botbuilder-dialogs wraps whatever a dialog step throws; the rule that said no is inside. */
export function unwrap(err: unknown): unknown {
  let current = err;
  while (current instanceof DialogContextError) current = current.error;
  return current;
}

/** Names of catalogue ids a capability's rules speak in (levels, tiers): known where they are raised. */
export interface ParamNames {
  /** A membership level id (`held`) as the person reads it, if it is one. */
  level?: (id: string) => string | undefined;
  /** Comma-separated programme tier ids (`tiers`) as the person reads them. */
  tiers?: (ids: string[]) => string;
}

/**
 * The one place a rule's parameters become what a person reads (the domain knows no language): a
 * day (YYYY-MM-DD) or an instant (ISO-8601) the way their language writes it, a `role` id as the
 * role's name, and the catalogue ids `held` and `tiers` through `names`.
 */
export function localiseParams(tr: Translator, params: Params, names: ParamNames = {}): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    const role = name === 'role' ? ROLES.find((r) => r === value) : undefined;
    const level = name === 'held' && typeof value === 'string' ? names.level?.(value) : undefined;
    if (role) out[name] = tr.t(`role.${role}`);
    else if (level) out[name] = level;
    else if (name === 'tiers' && typeof value === 'string' && names.tiers)
      out[name] = names.tiers(value.split(','));
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
      out[name] = formatDate(tr.locale, value);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value))
      out[name] = formatDateTime(tr.locale, value);
    else out[name] = value;
  }
  return out;
}

/** The same refusal with its parameters localised (for callers that pass it on rather than word it). */
export function localiseRule(err: unknown, tr: Translator, names: ParamNames = {}): unknown {
  return err instanceof RuleViolation
    ? new RuleViolation(err.key, localiseParams(tr, err.params, names))
    : err;
}
