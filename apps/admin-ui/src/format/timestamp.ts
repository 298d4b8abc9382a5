/**
 * An ISO 8601 time as `YYYY-MM-DD HH:MM:SS UTC`: the same text in every browser and locale, so
 * operators comparing screens (and tests) see the same thing. Text that is not a time is returned
 * as is.
 *
 * @example
 * formatTimestamp('2026-11-24T16:26:22.123Z') // → '2026-11-24 16:26:22 UTC'
 */
export function formatTimestamp(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
