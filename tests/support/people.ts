/** The demo identities (data/demo.json) that tests act as. */
export const CONTOSO = 'd0c0ffee-0000-4000-8000-000000000001';
export const FABRIKAM = 'd0c0ffee-0000-4000-8000-000000000002';

export interface Person {
  name: string;
  aadObjectId: string;
  tenantId: string;
}

export const AVERY: Person = {
  name: 'Avery Chen',
  aadObjectId: 'a0000000-0000-4000-8000-000000000001',
  tenantId: CONTOSO,
};
export const BO: Person = {
  name: 'Bo Li',
  aadObjectId: 'a0000000-0000-4000-8000-000000000002',
  tenantId: CONTOSO,
};
export const CASEY: Person = {
  name: 'Casey Wong',
  aadObjectId: 'a0000000-0000-4000-8000-000000000003',
  tenantId: CONTOSO,
};
export const DANA: Person = {
  name: 'Dana Zhou',
  aadObjectId: 'a0000000-0000-4000-8000-000000000004',
  tenantId: CONTOSO,
};
export const ELI: Person = {
  name: 'Eli Park',
  aadObjectId: 'e0000000-0000-4000-8000-000000000001',
  tenantId: CONTOSO,
};
export const FANG: Person = {
  name: 'Fang Wu',
  aadObjectId: 'e0000000-0000-4000-8000-000000000002',
  tenantId: CONTOSO,
};
export const GALE: Person = {
  name: 'Gale Ito',
  aadObjectId: 'a1000000-0000-4000-8000-000000000001',
  tenantId: FABRIKAM,
};
