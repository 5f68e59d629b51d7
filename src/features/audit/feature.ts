import { z } from 'zod';
import { type AdaptiveCard } from '../../cards';
import { AUDIT_MAX_OFFSET, type AuditFilter } from '../../domain/auditQuery';
import { guid } from '../../domain/model';
import { ACTIONS } from '../../domain/policy';
import { ANY, auditView, recordNames } from './views';
import { defineFeature, verb } from '../feature';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import type { Turn } from '../shared/turn';
import { renderAudit } from './views';
import { audit as auditMessages } from './messages';

const DIRECTORY_LIMIT = 500;

export async function auditCard(
  turn: Turn,
  services: BotServices,
  filter: AuditFilter,
  offset: number,
): Promise<AdaptiveCard> {
  const [tenant, page, members, records] = await Promise.all([
    services.directory.tenant(turn.tenantId),
    services.reports.auditPage(turn.tenantId, filter, offset),
    services.directory.people(turn.tenantId, { limit: DIRECTORY_LIMIT }),
    services.reports.auditedRecords(turn.tenantId),
  ]);
  return renderAudit(
    auditView(turn.tr, {
      tenantName: tenant?.name ?? turn.tenantId,
      page,
      filter,
      members,
      records: recordNames(turn.locale, records.packages, records.benefits),
    }),
  );
}

const pageSchema = z
  .object({
    offset: z.number().int().min(0).max(AUDIT_MAX_OFFSET).default(0),
    person: z.union([z.literal(ANY), guid]).optional(),
    action: z.union([z.literal(ANY), z.enum(ACTIONS as [string, ...string[]])]).optional(),
  })
  .strict();

/** The audit log for admins: the latest events, filtered by person or action, paged. */
export const auditFeature = defineFeature({
  id: 'audit',
  messages: auditMessages,
  commands: [
    {
      id: 'audit',
      phrases: { 'en-US': ['audit', 'audit log', 'audit trail'], 'zh-CN': ['审计记录', '审计', '审计日志'] },
      descriptionKey: 'audit.cmd.audit',
      action: 'audit.view',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await auditCard(turn, services, {}, 0));
      },
    },
  ],
  verbs: {
    'audit.page': verb({
      schema: pageSchema,
      action: 'audit.view',
      run: ({ turn, services }, data) =>
        auditCard(
          turn,
          services,
          {
            person: data.person && data.person !== ANY ? data.person.toLowerCase() : undefined,
            action: data.action && data.action !== ANY ? data.action : undefined,
          },
          data.offset,
        ),
    }),
  },
});
