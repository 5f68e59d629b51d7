import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Seed files for tests that need Contoso shaped other than in the demo (`data/demo.json`), so a
 * test says what it depends on instead of assuming the demo stays as it is.
 */

interface SeedShape {
  tenants: {
    tenantId: string;
    packages: { slug: string; benefits: { slug: string; details: { category: string } }[] }[];
    seatPools: { slug: string; benefitSlug: string }[];
  }[];
}

let onePool: string | undefined;

/**
 * The demo, but Contoso has exactly one Visual Studio pool (Visual Studio Enterprise, 2 of 10
 * seats held): the add-on package's pool and its benefit are left out. For the request and
 * assign conversations that go straight past the "which subscription?" question.
 */
export function seedWithOnePool(): string {
  if (onePool) return onePool;
  const seed = JSON.parse(readFileSync('data/demo.json', 'utf8')) as SeedShape;
  const contoso = seed.tenants[0];
  const keep = contoso.seatPools.filter((p) => p.slug === 'vs-enterprise');
  const dropped = new Set(contoso.seatPools.filter((p) => !keep.includes(p)).map((p) => p.benefitSlug));
  contoso.seatPools = keep;
  for (const pkg of contoso.packages) pkg.benefits = pkg.benefits.filter((b) => !dropped.has(b.slug));
  const file = join(mkdtempSync(join(tmpdir(), 'seed-one-pool-')), 'seed.json');
  writeFileSync(file, JSON.stringify(seed));
  onePool = file;
  return file;
}
