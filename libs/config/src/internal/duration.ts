/**
 * Ocelot's rate-limit durations (`Period`, `Wait`): a non-negative decimal number followed by
 * `ms`, `s`, `m`, `h`, `d` (any case), or no unit for milliseconds, surrounding spaces allowed
 * (Ocelot's `RateLimitRule.ParseTimespan`).
 */
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|)$/i;

const UNIT_MS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Milliseconds in a duration, or null when the text is not one. Ocelot throws at request time on
 * an unknown unit (`"5min"`); Margay finds it when the configuration is validated.
 *
 * @example
 * parseDuration('1m')     // 60000
 * parseDuration(' 1.5s ') // 1500
 * parseDuration('250')    // 250
 * parseDuration('5min')   // null
 */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (match === null) return null;
  return Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
}
