import { findOffer } from '../../domain/membership';
import { MEMBERSHIP_CATALOGUE, type MembershipCatalogue } from '../../domain/membershipCatalogue';
import type { AuditRecord } from '../../domain/model';
import { ROLES, type Role } from '../../domain/roles';
import { CATALOGUES, formatDate, type Translator } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { offerLabel } from '../membership/views';

/**
 * How an audit record's target and detail read: every internal id the bot wrote (people, benefits,
 * packages, products, pools and seats, seat requests, applications, roles, languages, offers,
 * rule keys, channels) as its name or a localised label. Stored records keep their ids, so old
 * records read the same way; text that is no id stays as it was written.
 */
export interface AuditNames {
  /** People by aadObjectId. */
  people: ReadonlyMap<string, string>;
  /** Benefits, packages, software products and seat pools by id, in the reader's language. */
  records: ReadonlyMap<string, string>;
  catalogue?: MembershipCatalogue;
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A language's own name in the reader's language ("Chinese (China)", "中文（中国）"). */
export function languageLabel(tr: Translator, code: string): string {
  try {
    return new Intl.DisplayNames([tr.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
const isMessageKey = (tr: Translator, s: string): s is MessageKey => s in CATALOGUES[tr.locale];

/** A rule's own message, its parameters (not stored) written as "…". */
function ruleText(tr: Translator, key: string): string {
  if (!isMessageKey(tr, key)) return tr.t('audit.detail.ruleUnknown');
  return tr.t(key).replace(/\{\w+\}/g, '…');
}

function person(tr: Translator, names: AuditNames, aad: string): string {
  return names.people.get(aad.toLowerCase()) ?? names.people.get(aad) ?? tr.t('audit.unknownPerson');
}

function offerText(tr: Translator, names: AuditNames, offerId: string): string {
  const catalogue = names.catalogue ?? MEMBERSHIP_CATALOGUE;
  const offer = findOffer(catalogue, offerId);
  return offer ? offerLabel(tr, catalogue, offer) : tr.t('audit.detail.offerUnknown');
}

/** `pool:<slug>`: the pool's benefit name. */
function poolText(tr: Translator, names: AuditNames, poolId: string): string {
  return names.records.get(poolId) ?? tr.t('audit.detail.poolUnknown');
}

/** One id as people read it; undefined when the text is no id the bot writes. */
function idText(tr: Translator, names: AuditNames, id: string): string | undefined {
  const known = names.records.get(id);
  if (known) return known;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(?:member:)?(${GUID})$`).exec(id))) return person(tr, names, m[1]);
  if ((m = /^assignment:(.+):(\d+)$/.exec(id)))
    return tr.t('audit.detail.seat', { n: m[2], pool: poolText(tr, names, `pool:${m[1]}`) });
  if ((m = new RegExp(`^seatRequest:(.+):(${GUID}):\\d*$`).exec(id)))
    return tr.t('audit.detail.seatRequest', {
      pool: poolText(tr, names, `pool:${m[1]}`),
      name: person(tr, names, m[2]),
    });
  if (id.startsWith('pool:')) return poolText(tr, names, id);
  if ((m = /^application:([^:]+):([^:]+):\d+$/.exec(id))) {
    const catalogue = names.catalogue ?? MEMBERSHIP_CATALOGUE;
    const area = catalogue.competencyAreas.find((a) => a.id === m![1]);
    const tier = catalogue.tiers.find((t) => t.id === m![2]);
    return tr.t('audit.detail.application', {
      competency: [tier?.label[tr.locale], area?.label[tr.locale]].filter(Boolean).join(' · ') || '…',
    });
  }
  if ((m = /^invitation:(.+)$/.exec(id))) return tr.t('audit.detail.invitation', { email: m[1] });
  if ((m = /^(benefit:[^:]+):(.+)$/.exec(id)) && names.records.has(m[1]))
    return tr.t('audit.detail.licenceKey', { benefit: names.records.get(m[1])!, key: m[2] });
  if (id.startsWith('benefit:')) return tr.t('audit.detail.benefitUnknown');
  if (id.startsWith('package:')) return tr.t('audit.detail.packageUnknown');
  if ((m = /^notice:(.+?):(\d+|expired):/.exec(id)))
    return tr.t('audit.detail.notice', { item: idText(tr, names, m[1]) ?? tr.t('audit.detail.itemUnknown') });
  if (/^(subscription|conv|notice):/.test(id) || /^(19|a|8|29):\S*[@:]/.test(id) || id.includes('@thread'))
    return tr.t('audit.detail.channel');
  if (isRole(id)) return tr.t(`role.${id}`);
  const word = BARE_TARGETS[id];
  if (word) return tr.t(word);
  return undefined;
}

/** Targets the bot writes as a bare word. */
const BARE_TARGETS: Record<string, MessageKey> = {
  membership: 'audit.detail.target.membership',
  enrollment: 'audit.detail.target.enrollment',
  marketingContact: 'audit.detail.target.marketingContact',
  usageDigest: 'audit.detail.target.usageDigest',
  thresholds: 'audit.detail.target.thresholds',
  invitation: 'audit.detail.target.invitation',
};

/** Every id inside free text (the directory's removal summary, "invited by …"), replaced. */
function replaceIds(tr: Translator, names: AuditNames, text: string): string {
  const token = new RegExp(
    `(?:[a-zA-Z]+:)?${GUID}|(?:benefit|package|pool|assignment|seatRequest|application|invitation|subscription|notice):[^\\s,;()]+|\\b(?:${ROLES.join('|')})\\b`,
    'g',
  );
  return text.replace(token, (id) => idText(tr, names, id) ?? id);
}

/** `key=value` pairs ("product=… language=zh-CN os=x64"), or undefined when the text is not that. */
function pairs(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.trim().split(/\s+/)) {
    const m = /^([a-z]+)=(\S+)$/.exec(part);
    if (!m) return undefined;
    out[m[1]] = m[2];
  }
  return out;
}

type Prose = [RegExp, (tr: Translator, names: AuditNames, m: RegExpExecArray) => string];

const list = (tr: Translator, names: AuditNames, ids: string): string =>
  ids
    .split(/,\s*/)
    .map((id) => idText(tr, names, id) ?? id)
    .join(tr.locale === 'zh-CN' ? '、' : ', ');

/** The sentences the bot writes as details (one part between "; " each), in the reader's words. */
const PROSE: Prose[] = [
  [/^pending; processing takes (\d+) days$/, (tr, _, m) => tr.t('audit.detail.pending', { days: m[1] })],
  [/^completed by hand \(local mode\)$/, (tr) => tr.t('audit.detail.completedByHand')],
  [
    /^processing delay of (\d+) days elapsed$/,
    (tr, _, m) => tr.t('audit.detail.completedAfterDelay', { days: m[1] }),
  ],
  [
    /^expires (\d{4}-\d{2}-\d{2})$/,
    (tr, _, m) => tr.t('audit.detail.expires', { date: formatDate(tr.locale, m[1]) }),
  ],
  [
    /^(approved|declined) \(local demo review\)(?:: (.*))?$/,
    (tr, _, m) =>
      [tr.t(`audit.detail.review.${m[1] as 'approved' | 'declined'}`), m[2]].filter(Boolean).join(' · '),
  ],
  [
    /^renewed from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/,
    (tr, _, m) =>
      tr.t('audit.detail.renewed', { from: formatDate(tr.locale, m[1]), to: formatDate(tr.locale, m[2]) }),
  ],
  [/^already in the directory$/, (tr) => tr.t('audit.detail.alreadyInDirectory')],
  [
    /^(from a team roster|by e-mail)(, guest)?$/,
    (tr, _, m) =>
      [
        tr.t(m[1] === 'by e-mail' ? 'audit.detail.byEmail' : 'audit.detail.fromRoster'),
        m[2] ? tr.t('audit.detail.guest') : '',
      ]
        .filter(Boolean)
        .join(' · '),
  ],
  [/^invitation withdrawn$/, (tr) => tr.t('audit.detail.invitationWithdrawn')],
  [/^held nothing$/, (tr) => tr.t('audit.detail.heldNothing')],
  [/^seats released: (.+)$/, (tr, n, m) => tr.t('audit.detail.seatsReleased', { items: list(tr, n, m[1]) })],
  [
    /^monthly credit removed: (.+)$/,
    (tr, n, m) => tr.t('audit.detail.monthlyCreditRemoved', { items: list(tr, n, m[1]) }),
  ],
  [
    /^bulk credit transferred: (.+)$/,
    (tr, n, m) => tr.t('audit.detail.bulkCreditTransferred', { items: list(tr, n, m[1]) }),
  ],
  [/^roles: (.+)$/, (tr, n, m) => tr.t('audit.detail.roles', { roles: list(tr, n, m[1]) })],
  [
    new RegExp(`^invited by (${GUID})$`),
    (tr, n, m) => tr.t('audit.detail.invitedBy', { name: person(tr, n, m[1]) }),
  ],
  [/^enrolment started$/, (tr) => tr.t('audit.detail.enroll.started')],
  [/^company and contact details saved$/, (tr) => tr.t('audit.detail.enroll.detailsSaved')],
  [/^free-mail contact address kept after warning$/, (tr) => tr.t('audit.detail.enroll.freeMailKept')],
  [/^confirmation code issued to the primary contact$/, (tr) => tr.t('audit.detail.enroll.codeIssued')],
  [/^confirmation code expired$/, (tr) => tr.t('audit.detail.enroll.codeExpired')],
  [/^confirmation code locked after too many attempts$/, (tr) => tr.t('audit.detail.enroll.codeLocked')],
  [/^primary contact e-mail confirmed$/, (tr) => tr.t('audit.detail.enroll.emailConfirmed')],
  [
    /^wrong confirmation code \((\d+) attempts left\)$/,
    (tr, _, m) => tr.t('audit.detail.enroll.wrongCode', { n: m[1] }),
  ],
  [
    /^partner-network agreement (\S+) (accepted with authority to sign|declined)$/,
    (tr, _, m) =>
      tr.t(
        m[2] === 'declined'
          ? 'audit.detail.enroll.agreementDeclined'
          : 'audit.detail.enroll.agreementAccepted',
        {
          version: m[1],
        },
      ),
  ],
  [
    /^submitted for review \(Admin agent: (alreadyMember|added|declined)\)$/,
    (tr, _, m) =>
      tr.t('audit.detail.enroll.submitted', {
        adminAgent: tr.t(`audit.detail.enroll.adminAgent.${m[1] as 'alreadyMember' | 'added' | 'declined'}`),
      }),
  ],
  [
    /^review complete: membership active until (\d{4}-\d{2}-\d{2})$/,
    (tr, _, m) => tr.t('audit.detail.enroll.reviewed', { date: formatDate(tr.locale, m[1]) }),
  ],
];

/** A detail made of sentences the bot writes, each in the reader's words; undefined if any part is unknown. */
function proseText(tr: Translator, names: AuditNames, detail: string): string | undefined {
  const parts = detail.split(/;\s+/).map((part) => {
    for (const [re, say] of PROSE) {
      const m = re.exec(part);
      if (m) return say(tr, names, m);
    }
    return undefined;
  });
  if (parts.some((p) => p === undefined)) {
    // "pending; processing takes 5 days" is one sentence with its own "; ".
    for (const [re, say] of PROSE) {
      const m = re.exec(detail);
      if (m) return say(tr, names, m);
    }
    return undefined;
  }
  return parts.join(' · ');
}

/** The detail of one record in the reader's words. */
function detailText(tr: Translator, names: AuditNames, r: AuditRecord): string | undefined {
  const detail = r.detail?.trim();
  if (!detail) return undefined;
  let m: RegExpExecArray | null;

  const kv = pairs(detail);
  if (kv) {
    const parts: string[] = [];
    if (kv.product)
      parts.push(
        tr.t('audit.detail.key', {
          product: names.records.get(kv.product) ?? tr.t('audit.detail.productUnknown'),
          language: kv.language ? languageLabel(tr, kv.language) : '…',
          os: kv.os ?? '…',
        }),
      );
    if (kv.person) parts.push(tr.t('audit.detail.person', { name: person(tr, names, kv.person) }));
    if (kv.to) parts.push(tr.t('audit.detail.transferTo', { name: person(tr, names, kv.to) }));
    if (kv.key) {
      const mode =
        kv.mode === 'extend' || kv.mode === 'addSeats' ? tr.t(`benefits.licence.mode.${kv.mode}`) : '…';
      parts.push(tr.t('audit.detail.redeem', { key: kv.key, mode }));
    }
    if (kv.seats && kv.end)
      parts.push(tr.t('audit.detail.redeemed', { seats: kv.seats, end: formatDate(tr.locale, kv.end) }));
    if (kv.rule) parts.push(tr.t('audit.detail.rule', { rule: ruleText(tr, kv.rule) }));
    return parts.join(' · ');
  }

  switch (r.action) {
    case 'roles.grant':
    case 'roles.revoke': {
      const [role, why] = detail.split(/:\s*/, 2);
      if (isRole(role)) {
        const text = tr.t('audit.detail.role', { role: tr.t(`role.${role}`) });
        if (!why) return text;
        return `${text} · ${why === 'last Global admin' ? tr.t('audit.detail.lastGlobalAdmin') : replaceIds(tr, names, why)}`;
      }
      break;
    }
    case 'gtm.setContact':
      if ((m = /^(?:phone (.+) )?language (\S+)$/.exec(detail))) {
        const language = tr.t('audit.detail.contactLanguage', { language: languageLabel(tr, m[2]) });
        // The phone as it was shown when saved (the typed form, else a grouping).
        return m[1] ? `${tr.t('audit.detail.contactPhone', { phone: m[1] })} · ${language}` : language;
      }
      break;
    case 'membership.upgrade':
      if ((m = /^applied for (\S+) \(pending review\)$/.exec(detail)))
        return tr.t('audit.detail.appliedFor', { offer: offerText(tr, names, m[1]) });
      if ((m = /^upgraded to (\S+)$/.exec(detail)))
        return tr.t('audit.detail.upgradedTo', { offer: offerText(tr, names, m[1]) });
      break;
    case 'usage.setDigest':
      if (detail === 'weekly' || detail === 'monthly' || detail === 'off')
        return tr.t(`audit.detail.digest.${detail}`);
      break;
    case 'package.cancel':
      if (detail === 'refundRequested') return tr.t('audit.detail.refundRequested');
      break;
    case 'notify.resend':
      if (detail === 'sent' || detail === 'failed') return tr.t(`audit.detail.resend.${detail}`);
      break;
    case 'notify.subscribe':
      if (r.target === 'thresholds' && /^\d+(,\d+)*$/.test(detail))
        return tr.t('audit.detail.thresholds', { days: detail.split(',').join(', ') });
      if (detail === 'all') return tr.t('notices.sub.all');
      if (/^[a-zA-Z]+(,[a-zA-Z]+)*$/.test(detail)) {
        const kinds = detail.split(',').map((k) => {
          const key = `notices.kind.${k}`;
          return isMessageKey(tr, key) ? tr.t(key) : tr.t('audit.detail.itemUnknown');
        });
        return tr.t('audit.detail.kinds', { kinds: kinds.join(', ') });
      }
      break;
    case 'seat.approve':
    case 'seat.reject':
      if ((m = /^seat (\d+)$/.exec(detail))) return tr.t('audit.detail.seatNo', { n: m[1] });
      break;
    case 'seat.release':
      if ((m = /^reserved until (\d{4}-\d{2}-\d{2})$/.exec(detail)))
        return tr.t('audit.detail.reservedUntil', { date: formatDate(tr.locale, m[1]) });
      break;
  }
  if (r.outcome === 'denied' && (detail === 'role' || detail === 'membershipExpired'))
    return tr.t(`audit.detail.denied.${detail}`);
  if (isMessageKey(tr, detail) && /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(detail))
    return tr.t('audit.detail.rule', { rule: ruleText(tr, detail) });
  return proseText(tr, names, detail) ?? replaceIds(tr, names, detail);
}

/** The target of one record in the reader's words (a seat given "→ person", a reassignment "from → to"). */
function targetText(tr: Translator, names: AuditNames, target: string | undefined): string | undefined {
  if (!target) return undefined;
  let m: RegExpExecArray | null;
  // seat.reassign: "<assignment>: <from> → <to>"; seat.assign: "<assignment> → <to>".
  if ((m = new RegExp(`^(assignment:\\S+?)(?:: (${GUID}))? → (${GUID})$`).exec(target))) {
    const seat = idText(tr, names, m[1]) ?? m[1];
    const to = person(tr, names, m[3]);
    return m[2] ? `${seat}: ${person(tr, names, m[2])} → ${to}` : `${seat} → ${to}`;
  }
  // seat.release: "<assignment> (<holder>)".
  if ((m = new RegExp(`^(assignment:\\S+) \\((${GUID})\\)$`).exec(target)))
    return `${idText(tr, names, m[1]) ?? m[1]} (${person(tr, names, m[2])})`;
  return idText(tr, names, target) ?? replaceIds(tr, names, target);
}

/** The lines under an audit record: its target, then its detail. */
export function auditDetails(tr: Translator, names: AuditNames, r: AuditRecord): string[] {
  return [targetText(tr, names, r.target), detailText(tr, names, r)].filter((x): x is string => Boolean(x));
}
