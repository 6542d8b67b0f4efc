import * as fc from 'fast-check';
import type { Event } from '../../src/index.js';
import { ev } from './scenario.js';

/** An adverse event (positive test, suspected diagnosis, close contact, symptom, fever reading, designation) between two instants. */
export function adverse(from: number, to: number): fc.Arbitrary<Event> {
  return fc.tuple(fc.integer({ min: from, max: Math.max(from, to) }), fc.nat({ max: 6 }), fc.constantFrom('fever', 'dry-cough', 'shortness-of-breath', 'fatigue')).map(([at, which, kind]) => {
    switch (which) {
      case 0:
        return ev('test-result', at, { result: 'positive' });
      case 1:
        return ev('close-contact', at, { of: 'case' });
      case 2:
        return ev('close-contact', at, { of: 'fever-clinic-observee' });
      case 3:
        return ev('symptoms', at, { symptoms: [kind], source: 'self' });
      case 4:
        return ev('temperature', at, { celsius: 37.3 + (at % 20) / 10, venue: 'public-place' });
      case 5:
        return ev('diagnosis', at, { status: 'suspected' });
      default:
        return ev('high-risk-designation', at, { authority: 'CDC', reason: 'cluster', basis: 'notice 12' });
    }
  });
}
