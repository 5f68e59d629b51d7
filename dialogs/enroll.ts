import {
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { explainTo, isExpected } from '../src/features/shared/errors';
import { ENROLL_PHRASES, membershipCard } from '../src/features/membership/card';
import { sendCard } from '../src/features/shared/reply';
import type { BotServices } from '../src/services';
import { normalize } from '../src/features/shared/text';
import type { Turn } from '../src/features/shared/turn';
import {
  EnrollmentService,
  checkDetails,
  type EnrollmentField,
  type EnrollmentStep,
  type IssuedCode,
} from '../src/domain/enrollment';
import { RuleViolation } from '../src/domain/errors';
import { MEMBERSHIP_CATALOGUE } from '../src/domain/membershipCatalogue';
import { memberId } from '../src/domain/model';
import {
  enrollAdminAgentView,
  enrollAgreementView,
  enrollCodeView,
  enrollDetailsView,
  enrollFreeMailView,
  storedDetails,
  type CodeNotice,
  type DetailsValues,
} from '../src/features/enroll/views';
import { BaseDialog } from './base';
import {
  renderEnrollAgreement,
  renderEnrollCode,
  renderEnrollDetails,
  renderEnrollQuestion,
} from '../src/features/enroll/views';

export const ENROLL_DIALOG = 'enroll';
const ROUTER = 'enroll.router';
const DETAILS = 'enroll.details';
const FREE_MAIL = 'enroll.freeMail';
const CODE = 'enroll.code';
const AGREEMENT = 'enroll.agreement';
const ADMIN_AGENT = 'enroll.adminAgent';

const STEP_DIALOGS: Record<Exclude<EnrollmentStep, 'submitted'>, string> = {
  details: DETAILS,
  freeMail: FREE_MAIL,
  code: CODE,
  agreement: AGREEMENT,
  adminAgent: ADMIN_AGENT,
};

/** How a step ended: go on to whatever the enrolment needs next, edit the details, or stop for now. */
type StepOutcome = 'next' | 'edit' | 'stop';

interface RouterOptions {
  /** Go to the details form even though they are filled in (the person asked to change them). */
  edit?: boolean;
  /** First pass of this dialog run: say "welcome back" when the enrolment was begun before. */
  first?: boolean;
}

interface StepOptions {
  /** Re-show quietly: the card is still above, only a hint was sent. */
  quiet?: boolean;
  /** Details form: what was typed, and which fields failed the check. */
  values?: DetailsValues;
  problems?: EnrollmentField[];
  /** Code step: a message to show on the card (wrong code, expired, …). */
  problem?: string;
  /** Code step: issue a fresh code when the card is shown. */
  issue?: boolean;
}

/** What an Action.Submit of the enrolment cards carries (inputs are merged in by Teams). */
interface Submitted {
  enroll?: string;
  [field: string]: unknown;
}

/**
 * Enrolment of the organisation: details → e-mail confirmation with a one-time code →
 * agreement → Admin agent check → under review. The enrollment document is the truth: the
 * router reads it and opens the step it needs, so "cancel", a bot restart or coming back
 * tomorrow all resume at the right place (the dialog stack itself also lives in Cosmos DB).
 * Every step that changes something asks the policy (`enroll.start`) at that moment.
 */
export class EnrollDialog extends BaseDialog {
  constructor(private readonly services: BotServices) {
    super(ENROLL_DIALOG);
    this.addDialog(new WaterfallDialog(ROUTER, [this.route.bind(this), this.afterStep.bind(this)]));
    this.addDialog(new WaterfallDialog(DETAILS, [this.askDetails.bind(this), this.takeDetails.bind(this)]));
    this.addDialog(
      new WaterfallDialog(FREE_MAIL, [this.askFreeMail.bind(this), this.takeFreeMail.bind(this)]),
    );
    this.addDialog(new WaterfallDialog(CODE, [this.askCode.bind(this), this.takeCode.bind(this)]));
    this.addDialog(
      new WaterfallDialog(AGREEMENT, [this.askAgreement.bind(this), this.takeAgreement.bind(this)]),
    );
    this.addDialog(
      new WaterfallDialog(ADMIN_AGENT, [this.askAdminAgent.bind(this), this.takeAdminAgent.bind(this)]),
    );
    this.initialDialogId = ROUTER;
  }

  private enrollment(): EnrollmentService {
    return this.services.enrollment;
  }

  /** Asks the policy right before a change: the person may have lost the role since the dialog began. */
  private async allowed(turn: Turn): Promise<void> {
    await this.services.authorizer.require(turn.actor, 'enroll.start', 'enrollment');
  }

  /**
   * Runs a step; a refusal (rule, role, race) is explained and the enrolment stops for now —
   * what was saved stays saved, and "enroll" resumes it.
   */
  private async guarded(
    step: WaterfallStepContext,
    work: () => Promise<DialogTurnResult>,
  ): Promise<DialogTurnResult> {
    try {
      return await work();
    } catch (err) {
      if (!isExpected(err)) throw err;
      const turn = this.turn(step);
      await step.context.sendActivity(await explainTo({ turn, services: this.services }, err));
      return step.cancelAllDialogs();
    }
  }

  /* ------------------------------------------------------------------ router */

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.guarded(step, async () => {
      const turn = this.turn(step);
      const options = (step.options ?? {}) as RouterOptions;
      await this.allowed(turn);
      const started = await this.services.memberships.enrollmentStarted(turn.tenantId);
      const state = await this.enrollment().begin(turn.actor);
      if (state.membership.status === 'underReview' || state.step === 'submitted') {
        await step.context.sendActivity(turn.tr.t('enroll.alreadySubmitted'));
        await sendCard(step.context, await membershipCard(turn, this.services));
        return step.endDialog();
      }
      if (options.first && started && state.step !== 'details')
        await step.context.sendActivity(turn.tr.t('enroll.resumed'));
      return step.beginDialog(options.edit ? DETAILS : STEP_DIALOGS[state.step]);
    });
  }

  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as StepOutcome | undefined;
    if (outcome === 'stop' || outcome === undefined) return step.endDialog();
    const turn = this.turn(step);
    const state = await this.enrollment().load(turn.tenantId);
    if (outcome !== 'edit' && state.step === 'submitted') {
      const company = state.enrollment?.company?.legalName ?? '';
      await step.context.sendActivity(turn.tr.t('enroll.submitted', { company }));
      await sendCard(step.context, await membershipCard(turn, this.services));
      return step.endDialog();
    }
    return step.replaceDialog(ROUTER, { edit: outcome === 'edit' } satisfies RouterOptions);
  }

  /** What the person answered: a card submission of ours, or typed text. */
  private answer(step: WaterfallStepContext): { submitted?: Submitted; text?: string } {
    const value = step.context.activity.value as unknown;
    if (value && typeof value === 'object' && typeof (value as Submitted).enroll === 'string')
      return { submitted: value as Submitted };
    // A button that runs a command (e.g. the membership card's "Continue enrolment") reads as typed.
    const command = (value as { command?: unknown } | undefined)?.command;
    const text = typeof command === 'string' ? command : step.context.activity.text;
    return { text: typeof text === 'string' ? text.trim() : undefined };
  }

  /** Typed "enroll" while a step waits: show that step again. Other text: point at the card. */
  private async notAnAnswer(
    step: WaterfallStepContext,
    dialogId: string,
    options: StepOptions,
  ): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const text = this.answer(step).text ?? '';
    const n = normalize(text);
    if (ENROLL_PHRASES['en-US'].includes(n) || ENROLL_PHRASES['zh-CN'].includes(n)) {
      await step.context.sendActivity(turn.tr.t('enroll.resumed'));
      return step.replaceDialog(dialogId, { ...options, quiet: false });
    }
    await step.context.sendActivity(turn.tr.t('enroll.useCard'));
    return step.replaceDialog(dialogId, { ...options, quiet: true });
  }

  /* ------------------------------------------------------------------ details */

  private async askDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StepOptions;
    if (options.quiet) return Dialog.EndOfTurn;
    const turn = this.turn(step);
    const [tenant, state] = await Promise.all([
      this.services.directory.tenant(turn.tenantId),
      this.enrollment().load(turn.tenantId),
    ]);
    const view = enrollDetailsView(turn.tr, {
      tenantId: turn.tenantId,
      tenantName: tenant?.name ?? turn.tenantId,
      enrollingName: turn.member.name,
      values: options.values ?? storedDetails(state.enrollment),
      problems: options.problems ?? [],
    });
    await sendCard(step.context, renderEnrollDetails(view));
    return Dialog.EndOfTurn;
  }

  private async takeDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { submitted } = this.answer(step);
    if (submitted?.enroll !== 'details')
      return this.notAnAnswer(step, DETAILS, { ...(step.options as StepOptions) });
    const values = pickText(submitted, [
      'legalName',
      'street',
      'city',
      'region',
      'postalCode',
      'country',
      'contactName',
      'contactEmail',
    ]);
    const checked = checkDetails(values);
    if (!checked.ok)
      return step.replaceDialog(DETAILS, { values, problems: checked.fields } satisfies StepOptions);
    return this.guarded(step, async () => {
      const turn = this.turn(step);
      await this.allowed(turn);
      await this.enrollment().saveDetails(turn.actor, checked.details);
      await step.context.sendActivity(turn.tr.t('enroll.details.saved'));
      return step.endDialog('next' satisfies StepOutcome);
    });
  }

  /* ------------------------------------------------------------------ free-mail warning */

  private async askFreeMail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (((step.options ?? {}) as StepOptions).quiet) return Dialog.EndOfTurn;
    const turn = this.turn(step);
    const { enrollment } = await this.enrollment().load(turn.tenantId);
    await sendCard(
      step.context,
      renderEnrollQuestion(enrollFreeMailView(turn.tr, enrollment?.contact?.email ?? '')),
    );
    return Dialog.EndOfTurn;
  }

  private async takeFreeMail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { submitted } = this.answer(step);
    if (submitted?.enroll === 'edit') return step.endDialog('edit' satisfies StepOutcome);
    if (submitted?.enroll !== 'keepFreeMail') return this.notAnAnswer(step, FREE_MAIL, {});
    return this.guarded(step, async () => {
      const turn = this.turn(step);
      await this.allowed(turn);
      await this.enrollment().acceptFreeMail(turn.actor);
      return step.endDialog('next' satisfies StepOutcome);
    });
  }

  /* ------------------------------------------------------------------ e-mail confirmation code */

  private async askCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StepOptions;
    if (options.quiet) return Dialog.EndOfTurn;
    const turn = this.turn(step);
    const service = this.enrollment();
    const { enrollment } = await service.load(turn.tenantId);
    const contact = enrollment?.contact;
    if (!contact) return step.endDialog('edit' satisfies StepOutcome);
    const notices: CodeNotice[] = [];
    let issued: IssuedCode | undefined;
    // A code is issued on the first visit and when asked for; an expired or locked one is not
    // silently replaced (the person asks for a new one, which the daily limit counts).
    const everIssued = enrollment?.verification?.email === contact.email;
    if (options.issue || !everIssued) {
      try {
        await this.allowed(turn);
        issued = await service.issueCode(turn.actor);
      } catch (err) {
        if (!(err instanceof RuleViolation)) throw err;
        notices.push({ kind: 'problem', text: turn.tr.t(err.key, err.params) });
      }
    }
    if (issued) {
      if (this.services.mode === 'local') {
        // Local demo: nobody can receive mail, so the enrolling admin sees the code here.
        notices.push({ kind: 'local', code: issued.code });
      } else {
        await this.services.verificationSender.send({
          tenantId: turn.tenantId,
          to: issued.email,
          name: contact.name,
          code: issued.code,
          expiresAt: issued.expiresAt,
          locale: turn.locale,
        });
      }
    }
    if (options.problem) notices.push({ kind: 'problem', text: options.problem });
    const catalogue = MEMBERSHIP_CATALOGUE.enrollment;
    const view = enrollCodeView(turn.tr, {
      email: contact.email,
      contactName: contact.name,
      justSent: Boolean(issued),
      live: service.liveCode((await service.load(turn.tenantId)).enrollment),
      minutes: catalogue.codeTtlMinutes,
      attempts: catalogue.codeMaxAttempts,
      notices,
    });
    await sendCard(step.context, renderEnrollCode(view));
    return Dialog.EndOfTurn;
  }

  private async takeCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const { submitted, text } = this.answer(step);
    if (submitted?.enroll === 'resend')
      return step.replaceDialog(CODE, { issue: true } satisfies StepOptions);
    if (submitted?.enroll === 'edit') return step.endDialog('edit' satisfies StepOutcome);
    const typed =
      submitted?.enroll === 'code'
        ? typeof submitted.code === 'string'
          ? submitted.code
          : ''
        : (text ?? '');
    const code = typed.replace(/\s+/g, '');
    if (submitted?.enroll !== 'code' && !/^\d+$/.test(code)) return this.notAnAnswer(step, CODE, {});
    if (!/^\d{6}$/.test(code))
      return step.replaceDialog(CODE, { problem: turn.tr.t('enroll.code.format') } satisfies StepOptions);
    return this.guarded(step, async () => {
      await this.allowed(turn);
      try {
        await this.enrollment().confirmCode(turn.actor, code);
      } catch (err) {
        // Wrong, expired or exhausted: the card comes back with the reason (the attempt is counted).
        if (!(err instanceof RuleViolation)) throw err;
        return step.replaceDialog(CODE, {
          problem: turn.tr.t(err.key, err.params),
        } satisfies StepOptions);
      }
      const { enrollment } = await this.enrollment().load(turn.tenantId);
      await step.context.sendActivity(
        turn.tr.t('enroll.code.confirmed', { email: enrollment?.emailConfirmed?.email ?? '' }),
      );
      return step.endDialog('next' satisfies StepOutcome);
    });
  }

  /* ------------------------------------------------------------------ agreement */

  private async askAgreement(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StepOptions;
    if (options.quiet) return Dialog.EndOfTurn;
    const turn = this.turn(step);
    const service = this.enrollment();
    const { enrollment } = await service.load(turn.tenantId);
    const view = enrollAgreementView(turn.tr, {
      company: enrollment?.company?.legalName ?? '',
      version: service.agreementVersion,
      problem: options.problem,
    });
    await sendCard(step.context, renderEnrollAgreement(view));
    return Dialog.EndOfTurn;
  }

  private async takeAgreement(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { submitted } = this.answer(step);
    const turn = this.turn(step);
    if (submitted?.enroll === 'decline') {
      return this.guarded(step, async () => {
        await this.enrollment().declineAgreement(turn.actor);
        await step.context.sendActivity(turn.tr.t('enroll.agreement.declined'));
        return step.endDialog('stop' satisfies StepOutcome);
      });
    }
    if (submitted?.enroll !== 'agreement') return this.notAnAnswer(step, AGREEMENT, {});
    const authority = submitted.authority === 'true' || submitted.authority === true;
    const accept = submitted.accept === 'true' || submitted.accept === true;
    if (!authority || !accept)
      return step.replaceDialog(AGREEMENT, {
        problem: turn.tr.t('enroll.agreement.bothNeeded'),
      } satisfies StepOptions);
    return this.guarded(step, async () => {
      await this.allowed(turn);
      const saved = await this.enrollment().acceptAgreement(turn.actor, { authority, accept });
      await step.context.sendActivity(
        turn.tr.t('enroll.agreement.accepted', {
          version: saved.agreement?.version ?? '',
          name: turn.member.name,
        }),
      );
      return step.endDialog('next' satisfies StepOutcome);
    });
  }

  /* ------------------------------------------------------------------ Admin agent check, then review */

  private async askAdminAgent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StepOptions;
    if (options.quiet) return Dialog.EndOfTurn;
    return this.guarded(step, async () => {
      const turn = this.turn(step);
      const me = await this.services.directory.member(turn.tenantId, turn.actor.aadObjectId);
      if (me?.doc.roles.includes('AdminAgent')) {
        await step.context.sendActivity(turn.tr.t('enroll.adminAgent.already'));
        await this.allowed(turn);
        await this.enrollment().submit(turn.actor, 'alreadyMember');
        return step.endDialog('next' satisfies StepOutcome);
      }
      await sendCard(step.context, renderEnrollQuestion(enrollAdminAgentView(turn.tr)));
      return Dialog.EndOfTurn;
    });
  }

  private async takeAdminAgent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { submitted } = this.answer(step);
    if (submitted?.enroll !== 'addAdminAgent' && submitted?.enroll !== 'skipAdminAgent')
      return this.notAnAnswer(step, ADMIN_AGENT, {});
    return this.guarded(step, async () => {
      const turn = this.turn(step);
      let outcome: 'added' | 'declined' | 'alreadyMember' = 'declined';
      if (submitted.enroll === 'addAdminAgent') {
        // Adding a role is a role grant: asked of the policy and audited like any other.
        await this.services.authorizer.require(turn.actor, 'roles.grant', memberId(turn.actor.aadObjectId));
        const roles = this.services.roleAdmin;
        try {
          await roles.grant(turn.actor, turn.actor.aadObjectId, 'AdminAgent');
          outcome = 'added';
        } catch (err) {
          if (!(err instanceof RuleViolation) || err.key !== 'roleAdmin.alreadyHolds') throw err;
          outcome = 'alreadyMember';
        }
        await step.context.sendActivity(turn.tr.t('enroll.adminAgent.added'));
      } else {
        await step.context.sendActivity(turn.tr.t('enroll.adminAgent.skipped'));
      }
      await this.allowed(turn);
      await this.enrollment().submit(turn.actor, outcome);
      return step.endDialog('next' satisfies StepOutcome);
    });
  }
}

/** The named fields of a submission, as strings (anything else is dropped). */
function pickText(submitted: Submitted, fields: EnrollmentField[]): DetailsValues {
  const out: DetailsValues = {};
  for (const f of fields) {
    const v = submitted[f];
    if (typeof v === 'string') out[f] = v.slice(0, 400);
  }
  return out;
}
