/** A power input's state from a measurement: power, none, or unknown when the value proves neither. */
import { describe, expect, it } from 'vitest';
import { stateFromReading } from './power-input.js';

describe('stateFromReading', () => {
  const voltage = { column: 'v', okAbove: 50, failedAtOrBelow: 50 };
  const current = { column: 'a', okAbove: 0 };
  it.each([
    [voltage, 231, 'ok'],
    [voltage, 51, 'ok'],
    [voltage, 50, 'failed'],
    [voltage, 0, 'failed'],
    [voltage, null, 'unknown'],
    [current, 12, 'ok'],
    [current, 0, 'unknown'],
    [current, null, 'unknown'],
  ] as const)('%o at %s is %s', (reading, value, want) => {
    expect(stateFromReading(value, reading)).toBe(want);
  });

  it('is unknown between the two bounds', () => {
    expect(stateFromReading(30, { column: 'v', okAbove: 90, failedAtOrBelow: 10 })).toBe('unknown');
  });
});
