import { readFileSync } from 'node:fs';
import { ALL_COMMANDS } from '../../../src/features';
import { type AdaptiveCard } from '../../../src/cards';
import type { Locale } from '../../../src/domain/model';
import { seedDocuments } from '../../../src/domain/seed';
import { translator } from '../../../src/i18n';
import { benefitsCardSamples } from './benefits';
import { helpView } from '../../../src/features/core/help';
import { membershipCardSamples } from './membership';
import { rolesView } from '../../../src/features/core/roles';
import { seatsAndNoticesSamples } from './seatsAndNotices';
import { supportCardSamples } from './support';
import { faqCardSamples } from './faq';
import { reportsCardSamples } from './reports';
import { directoryCardSamples } from './directory';
import { renderHelp } from '../../../src/features/core/help';
import { renderRoles } from '../../../src/features/core/roles';

/**
 * Every card, rendered from the demo data through the real view builders: the card gallery
 * (`npm run cards:render`) and the card tests use this list, so a new card is added here once.
 */
export interface CardSample {
  /** File-name friendly id, e.g. `roles-admin`. */
  id: string;
  card: AdaptiveCard;
}

export function cardSamples(
  locale: Locale,
  now = new Date('2026-11-24T09:30:00Z'),
  seedFile = 'data/demo.json',
): CardSample[] {
  const docs = seedDocuments(JSON.parse(readFileSync(seedFile, 'utf8')), now);
  const tr = translator(locale);
  const byName = (name: string) => {
    const m = docs.members.find((x) => x.name === name);
    if (!m) throw new Error(`demo member ${name} missing`);
    return m;
  };
  const tenantName = docs.tenants[0].name;
  return [
    { id: 'help-employee', card: renderHelp(helpView(tr, byName('Eli Park'), ALL_COMMANDS)) },
    { id: 'help-admin', card: renderHelp(helpView(tr, byName('Avery Chen'), ALL_COMMANDS)) },
    { id: 'roles-admin', card: renderRoles(rolesView(tr, byName('Avery Chen'), tenantName, now)) },
    { id: 'roles-employee', card: renderRoles(rolesView(tr, byName('Eli Park'), tenantName, now)) },
    {
      id: 'roles-partner-admin',
      card: renderRoles(rolesView(tr, byName('Dana Zhou'), tenantName, now)),
    },
    ...supportCardSamples(docs, tr, now),
    ...benefitsCardSamples(docs, tr, now),
    ...membershipCardSamples(docs, tr, now),
    ...faqCardSamples(tr, byName('Eli Park')),
    ...seatsAndNoticesSamples(docs, tr, now),
    ...reportsCardSamples(docs, tr, now),
    ...directoryCardSamples(docs, tr, now),
  ];
}
