import type { Holdings } from '../../../src/domain/directoryAdmin';
import type { SeedDocuments } from '../../../src/domain/seed';
import type { Translator } from '../../../src/i18n';
import {
  directoryRemoveView,
  directoryRosterView,
  directoryView,
} from '../../../src/features/directory/views';
import type { CardSample } from './';
import {
  renderDirectory,
  renderDirectoryRemove,
  renderDirectoryRoster,
} from '../../../src/features/directory/views';

/** The directory cards, from the demo data: the admin's view, a team roster, a removal confirmation. */
export function directoryCardSamples(docs: SeedDocuments, tr: Translator, now: Date): CardSample[] {
  const tenantId = docs.tenants[0].tenantId;
  const members = docs.members.filter((m) => m.tenantId === tenantId);
  const avery = members.find((m) => m.name === 'Avery Chen');
  const dana = members.find((m) => m.name === 'Dana Zhou');
  if (!avery || !dana) throw new Error('demo members missing');
  const bulk = docs.benefits.find((b) => b.tenantId === tenantId && b.details.category === 'azureBulkCredit');
  const holdings: Holdings = {
    member: dana,
    seats: [],
    monthlyCredits: [],
    bulkCredits: bulk ? [{ benefitId: bulk.id, name: bulk.name }] : [],
    roles: dana.roles,
    marketingContact: false,
    fingerprint: 'sample',
  };
  const team = { teamId: '19:demo-team-general@thread.tacv2', name: 'Contoso Partners' };
  return [
    {
      id: 'directory-admin',
      card: renderDirectory(
        directoryView(tr, {
          tenantName: docs.tenants[0].name,
          members,
          invitations: [],
          teams: [team],
          viewer: avery,
          now,
        }),
      ),
    },
    {
      id: 'directory-roster',
      card: renderDirectoryRoster(
        directoryRosterView(tr, {
          teamName: team.name,
          teamId: team.teamId,
          entries: [
            {
              aadObjectId: 'b0000000-0000-4000-8000-000000000001',
              name: 'Hana Sato',
              email: 'hana@contoso.example',
              guest: false,
            },
            {
              aadObjectId: 'b0000000-0000-4000-8000-000000000002',
              name: 'Ian Moss',
              email: 'ian@partner.example',
              guest: true,
            },
          ],
        }),
      ),
    },
    {
      id: 'directory-remove-bulk-credit',
      card: renderDirectoryRemove(directoryRemoveView(tr, { holdings, others: members, viewer: avery, now })),
    },
  ];
}
