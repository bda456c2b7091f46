/**
 * What every record people change through redline carries (records, alerting bookings): its id,
 * a version that each change raises by one (a change at a stale version is refused), and who
 * created and last changed it, when.
 */
export interface Versioned {
  readonly id: string;
  /** 1 when created; each change adds one. */
  readonly version: number;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly updatedAt: number;
  readonly updatedBy: string;
}
