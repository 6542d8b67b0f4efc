import { check, type Assessment, type Colour } from 'health-code-rules';

/**
 * A bus operator's boarding screen: what the driver's tablet shows when a passenger's code is
 * scanned and their temperature taken (RULES §6, rows C5, C6, C7, C8, C9). This is app code,
 * not library code: the example test next to it shows how an app tests itself against the engine
 * through `health-code-rules/testing`.
 */
export interface BoardingScreen {
  /** Whether the door opens. */
  readonly open: boolean;
  /** The colour band the screen shows, or `grey` when no code is issued yet. */
  readonly band: Colour | 'grey';
  /** The line the driver reads, in English. */
  readonly line: string;
}

/**
 * The boarding screen for a passenger.
 *
 * @param assessment - the passenger's assessment, from `evaluate`
 * @param celsius - the reading at the door
 * @param at - the instant of the scan
 * @returns what the screen shows
 */
export function boardingScreen(assessment: Assessment, celsius: number, at: string): BoardingScreen {
  const decision = check(assessment, { venue: 'public-transport', direction: 'in', celsius, at });
  return {
    open: decision.admit,
    band: assessment.issued ? assessment.colour : 'grey',
    line: decision.message.en,
  };
}
