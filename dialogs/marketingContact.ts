import {
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { isExpected } from '../src/features/shared/errors';
import { sendCard } from '../src/features/shared/reply';
import type { BotServices } from '../src/services';
import { displayPhone, type ContactProblem } from '../src/domain/gtm';
import type { MarketingContact } from '../src/domain/model';
import { authorize } from '../src/domain/policy';
import {
  CONTACT_PEOPLE_LIMIT,
  GTM_PAGE_SIZE,
  gtmCard,
  marketingContactFormCard,
} from '../src/features/gtm/views';
import { activationCard } from '../src/features/shared/activationCard';
import { BaseDialog } from './base';

export const MARKETING_CONTACT_DIALOG = 'marketingContact';
const WATERFALL = 'marketingContact.waterfall';

interface FormValues {
  person?: string;
  email?: string;
  phone?: string;
  language?: string;
}

/** Typed options in: values to prefill and problems to show (the form comes back until it is right). */
export interface MarketingContactOptions {
  values?: FormValues;
  problems?: ContactProblem[];
  /** Wait for the form already on screen instead of sending it again. */
  waitOnly?: boolean;
}

export interface MarketingContactResult {
  saved: boolean;
  contact?: MarketingContact;
}

/** What the form's Save / Cancel buttons send (Action.Submit): card inputs plus `form` and `action`. */
const formSubmission = z.object({
  form: z.literal('marketingContact'),
  action: z.enum(['save', 'cancel']),
  person: z.string().max(100).optional(),
  email: z.string().max(400).optional(),
  phone: z.string().max(100).optional(),
  language: z.string().max(40).optional(),
});

/** The Go-To-Market offers card as this person may see it (the contact buttons only for who may set it). */
export const gtmOverviewCard = activationCard(
  {
    kind: 'gtm',
    overview: (services, tenantId) => services.gtm.overview(tenantId),
    benefits: (overview) => overview.offers,
    pageSize: GTM_PAGE_SIZE,
  },
  (turn, input) =>
    gtmCard(turn.tr, { ...input, canSetContact: authorize(turn.actor, 'gtm.setContact').allowed }),
);

/**
 * Sets or changes the company marketing contact: a form card (person from this tenant's
 * directory, email other than the partner account's, phone in international format, preferred
 * language); every problem is listed and the form comes back prefilled until it is right; the
 * policy is asked again at the moment of saving (`gtm.setContact`). Ends with the offers card.
 */
export class MarketingContactDialog extends BaseDialog {
  constructor(private readonly services: BotServices) {
    super(MARKETING_CONTACT_DIALOG);
    this.addDialog(new WaterfallDialog(WATERFALL, [this.showForm.bind(this), this.receive.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async showForm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options as MarketingContactOptions | undefined) ?? {};
    if (options.waitOnly) return Dialog.EndOfTurn;
    const turn = this.turn(step);
    const gtm = this.services.gtm;
    const [members, membership, current] = await Promise.all([
      this.services.directory.people(turn.tenantId, {
        orderBy: { field: 'name', direction: 'ASC' },
        limit: CONTACT_PEOPLE_LIMIT + 1,
      }),
      this.services.memberships.current(turn.tenantId),
      gtm.contact(turn.tenantId),
    ]);
    const people = members.filter((m) => m.name.trim() !== '');
    const values: FormValues = options.values ?? {
      person: current?.aadObjectId,
      email: current?.email,
      phone: current ? displayPhone(current) : undefined,
      language: current?.language,
    };
    await sendCard(
      step.context,
      marketingContactFormCard(turn.tr, {
        people: people.slice(0, CONTACT_PEOPLE_LIMIT),
        truncated: people.length > CONTACT_PEOPLE_LIMIT,
        accountEmail: membership?.accountEmail,
        current,
        values,
        problems: options.problems ?? [],
      }),
    );
    return Dialog.EndOfTurn;
  }

  private async receive(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const submitted = formSubmission.safeParse(step.context.activity.value);
    if (!submitted.success) {
      // Typed text (not cancel or help, which the base dialog handles): point back at the form.
      await step.context.sendActivity(turn.tr.t('gtm.form.fillIn'));
      return step.replaceDialog(WATERFALL, { waitOnly: true } satisfies MarketingContactOptions);
    }
    if (submitted.data.action === 'cancel') {
      await step.context.sendActivity(turn.tr.t('dialog.cancelled'));
      return step.endDialog({ saved: false } satisfies MarketingContactResult);
    }
    const values: FormValues = {
      person: submitted.data.person,
      email: submitted.data.email,
      phone: submitted.data.phone,
      language: submitted.data.language,
    };
    const input = {
      aadObjectId: values.person,
      email: values.email,
      phone: values.phone,
      language: values.language,
    };
    const gtm = this.services.gtm;
    const checked = await gtm.check(turn.tenantId, input);
    if (!checked.ok) {
      return step.replaceDialog(WATERFALL, {
        values,
        problems: checked.problems,
      } satisfies MarketingContactOptions);
    }
    let contact: MarketingContact;
    try {
      // The moment of the change: the person may have lost the role since the form was sent.
      await this.services.authorizer.require(turn.actor, 'gtm.setContact', 'marketingContact');
      contact = await gtm.setContact(turn.actor, input);
    } catch (err) {
      if (isExpected(err)) await step.cancelAllDialogs();
      throw err;
    }
    await sendCard(
      step.context,
      await gtmOverviewCard(turn, this.services, {
        notice: { text: turn.tr.t('gtm.notice.contactSaved', { name: contact.name }), style: 'good' },
      }),
    );
    return step.endDialog({ saved: true, contact } satisfies MarketingContactResult);
  }
}
