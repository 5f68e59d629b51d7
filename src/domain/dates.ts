/** Whole-day arithmetic in UTC: expiry dates are calendar days, not instants. */

const DAY_MS = 86_400_000;

export function toIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS));
}

/** Days from `today` to `date` (negative when it is past). */
export function daysUntil(today: Date, isoDate: string): number {
  return Math.round(
    (Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${toIsoDate(today)}T00:00:00Z`)) / DAY_MS,
  );
}

/** An expiry date is the last valid day: expired only once that day is over. */
export function isExpired(today: Date, expiresOn: string): boolean {
  return daysUntil(today, expiresOn) < 0;
}
