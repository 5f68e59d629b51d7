import { z } from 'zod';
import { ENROLL_DIALOG, EnrollDialog } from '../../../dialogs/enroll';
import { RuleViolation } from '../../domain/errors';
import { formatDate } from '../../i18n';
import { defineFeature, verb } from '../feature';
import { ENROLL_PHRASES, membershipCard } from '../membership/card';
import { enroll as enrollMessages } from './messages';

/** Enrolment of the organisation (a dialog) and, in the local demo, completing its review. */
export const enrollFeature = defineFeature({
  id: 'enroll',
  messages: enrollMessages,
  commands: [
    {
      id: 'enroll',
      phrases: ENROLL_PHRASES,
      descriptionKey: 'enroll.cmd.enroll',
      action: 'enroll.start',
      run: async ({ context, turn, dc }) => {
        // The dialog asks for company details and shows a confirmation code: one-to-one only.
        if (
          context.activity.conversation?.conversationType &&
          context.activity.conversation.conversationType !== 'personal'
        ) {
          await context.sendActivity(turn.tr.t('enroll.personalOnly'));
          return;
        }
        await dc.beginDialog(ENROLL_DIALOG, { first: true });
      },
    },
  ],
  verbs: {
    'enroll.approve': verb({
      schema: z.object({}).strict(),
      action: 'enroll.approve',
      run: async ({ turn, services }) => {
        // A demo stand-in for the programme's reviewers: never available in production.
        if (services.mode !== 'local') throw new RuleViolation('enroll.approve.localOnly');
        const service = services.enrollment;
        try {
          const active = await service.approve(turn.actor);
          const date = formatDate(turn.tr.locale, active.expiresOn ?? '');
          return membershipCard(turn, services, [
            { style: 'good', text: turn.tr.t('membership.approved', { date }) },
          ]);
        } catch (err) {
          if (!(err instanceof RuleViolation)) throw err;
          return membershipCard(turn, services, [
            { style: 'attention', text: turn.tr.t('enroll.approve.notUnderReview') },
          ]);
        }
      },
    }),
  },
  dialogs: (services) => [new EnrollDialog(services)],
});
