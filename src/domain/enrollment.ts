import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from './audit';
import { toIsoDate } from './dates';
import { ConcurrencyError, RuleViolation } from './errors';
import { activate } from './membership';
import { MEMBERSHIP_CATALOGUE, entryLevel, type MembershipCatalogue } from './membershipCatalogue';
import type { Enrollment, Locale, Membership } from './model';
import { mutateExisting, UNCHANGED } from './mutate';
import type { Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';

/**
 * Enrolment of an organisation (creating its partner account), as pure rules over the store:
 * details → e-mail check of the primary contact with a one-time code → agreement → Admin agent
 * check → under review → active. Status lives on the membership document, details on the
 * enrollment document. Callers authorise each act (policy `enroll.start` / `enroll.approve`)
 * right before calling.
 */

export type EnrollmentStep = 'details' | 'freeMail' | 'code' | 'agreement' | 'adminAgent' | 'submitted';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** What the details form gathers; every field is validated here, not in the card. */
export const enrollmentDetailsSchema = z.object({
  legalName: z.string().trim().min(2).max(200),
  street: text(200),
  city: text(100),
  region: optionalText(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/),
  country: z.string().trim().min(2).max(100),
  contactName: z.string().trim().min(2).max(200),
  contactEmail: z.string().trim().toLowerCase().pipe(z.email().max(320)),
});
export type EnrollmentDetails = z.infer<typeof enrollmentDetailsSchema>;
export type EnrollmentField = keyof EnrollmentDetails;

export type DetailsCheck =
  { ok: true; details: EnrollmentDetails } | { ok: false; fields: EnrollmentField[] };

/** Validates a details form; on failure names the fields to fix, in form order. */
export function checkDetails(input: unknown): DetailsCheck {
  const parsed = enrollmentDetailsSchema.safeParse(input);
  if (parsed.success) return { ok: true, details: parsed.data };
  const order = Object.keys(enrollmentDetailsSchema.shape) as EnrollmentField[];
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0]) as EnrollmentField));
  return { ok: false, fields: order.filter((f) => bad.has(f)) };
}

export function isFreeMail(email: string, catalogue: MembershipCatalogue = MEMBERSHIP_CATALOGUE): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return catalogue.freeMailDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Where the enrolment stands: the next thing the enrolling person has to do. */
export function nextStep(
  e: Enrollment | undefined,
  catalogue: MembershipCatalogue = MEMBERSHIP_CATALOGUE,
): EnrollmentStep {
  if (!e?.company || !e.contact) return 'details';
  if (isFreeMail(e.contact.email, catalogue) && !e.contact.freeMailAccepted) return 'freeMail';
  if (e.emailConfirmed?.email !== e.contact.email) return 'code';
  if (!e.agreement) return 'agreement';
  if (!e.submitted) return 'adminAgent';
  return 'submitted';
}

/** Sends the one-time code to the primary contact. Implementations must never log the code. */
export interface VerificationSender {
  send(message: {
    tenantId: string;
    to: string;
    name: string;
    code: string;
    expiresAt: string;
    locale: Locale;
  }): Promise<void>;
}

export interface IssuedCode {
  /** The plain code: to send (or, in local mode, to show), never to store or log. */
  code: string;
  email: string;
  expiresAt: string;
}

const CODE_LENGTH = 6;
const DAY_MS = 86_400_000;

function scryptHex(code: string, saltHex: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(code, Buffer.from(saltHex, 'hex'), 32, (err, key) =>
      err ? reject(err) : resolve(key.toString('hex')),
    );
  });
}

export async function hashCode(code: string, saltHex: string): Promise<string> {
  return scryptHex(code, saltHex);
}

export class EnrollmentService {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly catalogue: MembershipCatalogue = MEMBERSHIP_CATALOGUE,
  ) {}

  get agreementVersion(): string {
    return this.catalogue.agreement.version;
  }

  async load(
    tenantId: string,
  ): Promise<{ membership?: Membership; enrollment?: Enrollment; step: EnrollmentStep }> {
    const [membership, enrollment] = await Promise.all([
      this.repos.memberships.get(tenantId, 'membership'),
      this.repos.enrollments.get(tenantId, 'enrollment'),
    ]);
    return {
      membership: membership?.doc,
      enrollment: enrollment?.doc,
      step: nextStep(enrollment?.doc, this.catalogue),
    };
  }

  /**
   * Opens (or reopens) the tenant's enrolment. One Azure AD tenant is one partner account: a
   * tenant whose membership is active cannot enrol again (it renews instead).
   */
  async begin(
    actor: Actor,
  ): Promise<{ membership: Membership; enrollment: Enrollment; step: EnrollmentStep }> {
    const now = this.clock.now().toISOString();
    const tenantId = actor.tenantId;
    const current = await this.repos.memberships.get(tenantId, 'membership');
    if (current?.doc.status === 'active') throw new RuleViolation('enroll.alreadyActive');
    if (!current) {
      await this.repos.memberships.create({
        type: 'membership',
        id: 'membership',
        tenantId,
        level: entryLevel(this.catalogue).id,
        competencies: [],
        status: 'draft',
      });
    }
    const created = await this.repos.enrollments.create({
      type: 'enrollment',
      id: 'enrollment',
      tenantId,
      startedBy: actor.aadObjectId,
      startedAt: now,
      updatedAt: now,
      codesIssuedAt: [],
    });
    if (created === 'created') await this.record(actor, 'enroll.start', 'success', 'enrolment started');
    const state = await this.load(tenantId);
    if (!state.membership || !state.enrollment) throw new ConcurrencyError('enrollment');
    if (state.membership.status === 'active') throw new RuleViolation('enroll.alreadyActive');
    return { membership: state.membership, enrollment: state.enrollment, step: state.step };
  }

  async saveDetails(actor: Actor, details: EnrollmentDetails): Promise<Enrollment> {
    const saved = await this.change(
      actor.tenantId,
      (e) => {
        const emailChanged = e.contact?.email !== details.contactEmail;
        return {
          ...e,
          company: {
            legalName: details.legalName,
            street: details.street,
            city: details.city,
            region: details.region,
            postalCode: details.postalCode,
            country: details.country,
          },
          contact: {
            name: details.contactName,
            email: details.contactEmail,
            freeMailAccepted: emailChanged ? false : (e.contact?.freeMailAccepted ?? false),
          },
          // A new address needs a new code: the old one proved nothing about it.
          verification: emailChanged ? undefined : e.verification,
        };
      },
      ['draft', 'awaitingEmailConfirmation'],
    );
    await this.record(actor, 'enroll.start', 'success', 'company and contact details saved');
    return saved;
  }

  async acceptFreeMail(actor: Actor): Promise<Enrollment> {
    const saved = await this.change(
      actor.tenantId,
      (e) => {
        if (!e.contact) throw new RuleViolation('enroll.details.missing');
        return { ...e, contact: { ...e.contact, freeMailAccepted: true } };
      },
      ['draft', 'awaitingEmailConfirmation'],
    );
    await this.record(actor, 'enroll.start', 'success', 'free-mail contact address kept after warning');
    return saved;
  }

  /** A fresh code for the primary contact; the previous one stops working. */
  async issueCode(actor: Actor): Promise<IssuedCode> {
    const now = this.clock.now();
    const code = randomInt(0, 10 ** CODE_LENGTH)
      .toString()
      .padStart(CODE_LENGTH, '0');
    const salt = randomBytes(16).toString('hex');
    const hash = await scryptHex(code, salt);
    const expiresAt = new Date(
      now.getTime() + this.catalogue.enrollment.codeTtlMinutes * 60_000,
    ).toISOString();
    let email = '';
    await this.change(
      actor.tenantId,
      (e) => {
        if (!e.contact) throw new RuleViolation('enroll.details.missing');
        const recent = e.codesIssuedAt.filter((at) => now.getTime() - Date.parse(at) < DAY_MS);
        if (recent.length >= this.catalogue.enrollment.codesPerDay)
          throw new RuleViolation('enroll.code.tooManyCodes', { max: this.catalogue.enrollment.codesPerDay });
        email = e.contact.email;
        return {
          ...e,
          verification: { email, salt, hash, issuedAt: now.toISOString(), expiresAt, attempts: 0 },
          codesIssuedAt: [...recent, now.toISOString()],
        };
      },
      ['draft', 'awaitingEmailConfirmation'],
    );
    await this.setStatus(actor.tenantId, ['draft'], 'awaitingEmailConfirmation');
    await this.record(actor, 'enroll.start', 'success', 'confirmation code issued to the primary contact');
    return { code, email, expiresAt };
  }

  /** A code is live when one was issued for the current contact address and it has not expired or run out. */
  liveCode(e: Enrollment | undefined): { expiresAt: string; attemptsLeft: number } | undefined {
    const v = e?.verification;
    if (!v || v.email !== e?.contact?.email) return undefined;
    if (Date.parse(v.expiresAt) <= this.clock.now().getTime()) return undefined;
    const attemptsLeft = this.catalogue.enrollment.codeMaxAttempts - v.attempts;
    return attemptsLeft > 0 ? { expiresAt: v.expiresAt, attemptsLeft } : undefined;
  }

  /**
   * Checks a code typed by the enrolling person. A wrong guess is counted (under the document's
   * ETag, so two guesses at once both count) before the refusal is thrown.
   */
  async confirmCode(actor: Actor, typed: string): Promise<void> {
    const code = typed.replace(/\s+/g, '');
    // What the last (written) attempt found: whether the code was right, and the guesses before it.
    let right = false;
    let guessesBefore = 0;
    await mutateExisting(
      this.repos.enrollments,
      actor.tenantId,
      'enrollment',
      () => new RuleViolation('enroll.details.missing'),
      async (e) => {
        const v = e.verification;
        if (!v || v.email !== e.contact?.email) throw new RuleViolation('enroll.code.none');
        const now = this.clock.now();
        if (Date.parse(v.expiresAt) <= now.getTime()) {
          await this.record(actor, 'enroll.start', 'rejected', 'confirmation code expired');
          throw new RuleViolation('enroll.code.expired');
        }
        const max = this.catalogue.enrollment.codeMaxAttempts;
        if (v.attempts >= max) {
          await this.record(
            actor,
            'enroll.start',
            'rejected',
            'confirmation code locked after too many attempts',
          );
          throw new RuleViolation('enroll.code.tooManyAttempts');
        }
        right =
          /^\d{6}$/.test(code) &&
          timingSafeEqual(Buffer.from(await scryptHex(code, v.salt), 'hex'), Buffer.from(v.hash, 'hex'));
        guessesBefore = v.attempts;
        return right
          ? {
              ...e,
              verification: undefined,
              emailConfirmed: { email: v.email, at: now.toISOString(), by: actor.aadObjectId },
              updatedAt: now.toISOString(),
            }
          : { ...e, verification: { ...v, attempts: v.attempts + 1 }, updatedAt: now.toISOString() };
      },
    );
    if (right) {
      await this.record(actor, 'enroll.start', 'success', 'primary contact e-mail confirmed');
      return;
    }
    const left = this.catalogue.enrollment.codeMaxAttempts - (guessesBefore + 1);
    await this.record(actor, 'enroll.start', 'rejected', `wrong confirmation code (${left} attempts left)`);
    if (left <= 0) throw new RuleViolation('enroll.code.tooManyAttempts');
    throw new RuleViolation('enroll.code.wrong', { left });
  }

  async acceptAgreement(actor: Actor, answer: { authority: boolean; accept: boolean }): Promise<Enrollment> {
    if (!answer.authority || !answer.accept) throw new RuleViolation('enroll.agreement.bothNeeded');
    const now = this.clock.now().toISOString();
    const saved = await this.change(
      actor.tenantId,
      (e) => {
        if (!e.emailConfirmed) throw new RuleViolation('enroll.code.none');
        return {
          ...e,
          agreement: {
            version: this.agreementVersion,
            acceptedBy: actor.aadObjectId,
            acceptedAt: now,
            authorityConfirmed: true,
          },
        };
      },
      ['awaitingEmailConfirmation'],
    );
    await this.record(
      actor,
      'enroll.start',
      'success',
      `partner-network agreement ${this.agreementVersion} accepted with authority to sign`,
    );
    return saved;
  }

  async declineAgreement(actor: Actor): Promise<void> {
    await this.record(
      actor,
      'enroll.start',
      'rejected',
      `partner-network agreement ${this.agreementVersion} declined`,
    );
  }

  /** Records the Admin agent check and sends the application for review. */
  async submit(actor: Actor, adminAgent: 'alreadyMember' | 'added' | 'declined'): Promise<Membership> {
    const now = this.clock.now().toISOString();
    const e = await this.change(
      actor.tenantId,
      (doc) => {
        if (!doc.agreement || !doc.emailConfirmed) throw new RuleViolation('enroll.submit.incomplete');
        if (doc.submitted) return doc;
        return {
          ...doc,
          adminAgent: { outcome: adminAgent, at: now },
          submitted: { by: actor.aadObjectId, at: now },
        };
      },
      ['awaitingEmailConfirmation', 'underReview'],
    );
    // The confirmed primary-contact address becomes the partner account's e-mail.
    const final = await this.setStatus(actor.tenantId, ['awaitingEmailConfirmation'], 'underReview', (m) => ({
      ...m,
      accountEmail: e.emailConfirmed?.email,
    }));
    await this.record(actor, 'enroll.start', 'success', `submitted for review (Admin agent: ${adminAgent})`);
    return final;
  }

  /** Review complete: the membership becomes active for one term. */
  async approve(actor: Actor): Promise<Membership> {
    const packages = (await this.repos.packages.list(actor.tenantId)).map((p) => p.doc);
    const partnerId = randomInt(1_000_000, 10_000_000).toString();
    const today = this.clock.now();
    const result = (
      await mutateExisting(
        this.repos.memberships,
        actor.tenantId,
        'membership',
        () => new RuleViolation('enroll.approve.notUnderReview'),
        (current) => activate(this.catalogue, current, packages, today, partnerId),
      )
    ).doc;
    await this.change(
      actor.tenantId,
      (e) => ({ ...e, approved: { by: actor.aadObjectId, at: today.toISOString() } }),
      ['active'],
    );
    await this.record(
      actor,
      'enroll.approve',
      'success',
      `review complete: membership active until ${result.expiresOn ?? toIsoDate(today)}`,
    );
    return result;
  }

  /** Re-read, change, write under the ETag; retried when someone else wrote first. */
  private async change(
    tenantId: string,
    fn: (e: Enrollment) => Enrollment,
    statuses: Membership['status'][],
  ): Promise<Enrollment> {
    const notStarted = () => new RuleViolation('enroll.notStarted');
    const stored = await mutateExisting(
      this.repos.enrollments,
      tenantId,
      'enrollment',
      notStarted,
      async (current) => {
        const membership = await this.repos.memberships.get(tenantId, 'membership');
        if (!membership) throw notStarted();
        if (!statuses.includes(membership.doc.status))
          throw new RuleViolation(`enroll.status.${membership.doc.status}`);
        return { ...fn(current), updatedAt: this.clock.now().toISOString() };
      },
    );
    return stored.doc;
  }

  /** Moves the status forward when it is one of `from`; otherwise leaves it as it is. */
  private async setStatus(
    tenantId: string,
    from: Membership['status'][],
    to: Membership['status'],
    extra: (m: Membership) => Membership = (m) => m,
  ): Promise<Membership> {
    const stored = await mutateExisting(
      this.repos.memberships,
      tenantId,
      'membership',
      () => new RuleViolation('enroll.notStarted'),
      (current) => (from.includes(current.status) ? extra({ ...current, status: to }) : UNCHANGED),
    );
    return stored.doc;
  }

  private async record(
    actor: Actor,
    action: 'enroll.start' | 'enroll.approve',
    outcome: 'success' | 'rejected',
    detail: string,
  ): Promise<void> {
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action,
      target: 'enrollment',
      outcome,
      detail,
    });
  }
}
