/**
 * ISO-8601 durations of elapsed time (RULES §6 `maxAssessmentAge`, §11 `codeValidity`): weeks, days,
 * hours, minutes and seconds, each a whole number, read as fixed lengths of elapsed time (a day is
 * 24 hours here, never a calendar day). Years and months have no fixed length and are refused.
 */

const DURATION = /^P(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,9})M)?(?:(\d{1,10})S)?)?$/;

const UNIT_MS = [604_800_000, 86_400_000, 3_600_000, 60_000, 1000] as const;

/**
 * The length of `text` in milliseconds, or undefined when it is not such a duration (or is empty:
 * `P` or `PT` alone). `PT24H` and `P1D` are both 86,400,000 ms.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null || text.endsWith('T')) return undefined;
  let ms = 0;
  let any = false;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = match[i + 1];
    if (part === undefined) continue;
    any = true;
    ms += Number(part) * (UNIT_MS[i] as number);
  }
  return any ? ms : undefined;
}
