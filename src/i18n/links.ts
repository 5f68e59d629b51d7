/**
 * Places outside the bot where a person has to go to do something the bot cannot do for them.
 * A message that sends someone there carries the link (tests/i18n/directions.test.ts checks it).
 */
export const LINKS = {
  /** Partner Center: buying benefit packages, partner support, the programme's own records. */
  partnerCenter: 'https://partner.microsoft.com/dashboard',
  /** Microsoft 365 admin centre: where licence keys are redeemed. */
  m365Admin: 'https://admin.microsoft.com',
  /** Visual Studio subscriptions portal: where a subscriber manages their subscription. */
  visualStudio: 'https://my.visualstudio.com',
} as const;
export type LinkId = keyof typeof LINKS;
