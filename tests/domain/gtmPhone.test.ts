import { checkContact, displayPhone, groupPhone, phoneAsTyped } from '../../src/domain/gtm';
import { marketingContactSchema } from '../../src/domain/model';
import { SUPPORT_CATALOGUE } from '../../src/domain/supportCatalogue';

/**
 * The marketing contact's phone number: the normalised form is what is validated and stored for
 * comparison, the typed form is what people read; older documents without it read as a grouping.
 */
describe('the marketing contact phone number as typed and as stored', () => {
  const person = { aadObjectId: 'a0000000-0000-4000-8000-000000000004', name: 'Dana Zhou' };
  const ctx = { person, languages: SUPPORT_CATALOGUE.contactLanguages };
  const stored = {
    type: 'marketingContact',
    id: 'marketingContact',
    tenantId: 'd0c0ffee-0000-4000-8000-000000000001',
    aadObjectId: person.aadObjectId,
    name: person.name,
    email: 'm@contoso.example',
    phone: '+862155550100',
    language: 'zh-Hans',
    setBy: person.aadObjectId,
    setAt: '2026-11-24T09:30:00.000Z',
  };
  const contact = (phone: string) =>
    checkContact(
      { aadObjectId: person.aadObjectId, email: 'm@contoso.example', phone, language: 'zh-Hans' },
      ctx,
    );

  it('keeps "+86 21 5555 0100" as typed next to the normalised +862155550100', () => {
    const r = contact('  +86 21  5555 0100 ');
    expect(r.ok && r.value).toMatchObject({ phone: '+862155550100', phoneAsTyped: '+86 21 5555 0100' });
  });

  it('writes a leading 00 as + in the typed form, keeping the person’s grouping', () => {
    const r = contact('0044 20 7946 0958');
    expect(r.ok && r.value).toMatchObject({ phone: '+442079460958', phoneAsTyped: '+44 20 7946 0958' });
  });

  it('stores no typed form for a number that is not one (the contact is refused)', () => {
    expect(contact('021-5555-0100').ok).toBe(false);
    expect(phoneAsTyped('021-5555-0100')).toBeUndefined();
    expect(phoneAsTyped('+86 21 5555 01OO')).toBeUndefined();
  });

  it('keeps a grouped number instead of a typed form too long to store (separators piled between digits)', () => {
    const piled = '+86 - - 21 - - 5555 - - 0100 - - - - - - - - - - - - - - - -';
    const r = contact(piled);
    expect(r.ok && r.value).toMatchObject({ phone: '+862155550100', phoneAsTyped: '+86 21 5555 0100' });
    expect(
      marketingContactSchema.safeParse({ ...stored, phoneAsTyped: r.ok ? r.value.phoneAsTyped : '' }).success,
    ).toBe(true);
  });

  it('shows the typed form when it is the stored number', () => {
    expect(displayPhone({ phone: '+862155550100', phoneAsTyped: '+86 (21) 5555-0100' })).toBe(
      '+86 (21) 5555-0100',
    );
  });

  it('shows the grouped stored number when the typed form is another number (an edited document)', () => {
    expect(displayPhone({ phone: '+862155550100', phoneAsTyped: '+86 21 5555 0199' })).toBe(
      '+86 21 5555 0100',
    );
  });

  it.each([
    ['+862155550100', '+86 21 5555 0100'],
    ['+14255550100', '+1 425 555 0100'],
    ['+442079460958', '+44 20 7946 0958'],
    ['+35312345678', '+353 1234 5678'],
    ['+79161234567', '+7 91 6123 4567'],
  ])('groups an older document’s %s as %s', (stored, shown) => {
    expect(groupPhone(stored)).toBe(shown);
    expect(displayPhone({ phone: stored })).toBe(shown);
  });
});
