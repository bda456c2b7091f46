/**
 * The contract of one extractor kind (PSU/fan tables, BGP peers, UPS state, …): the shape a
 * profile declares, the observation fields it fills, how it runs over a profile's rows and
 * what it yields when nothing was found. Kinds are registered in `./index.ts`, as rules are.
 */
import type { DeviceObservation } from '../../observation.js';
import type { ExtractContext, ProfileInfo, ProfileView } from '../extract.js';
import type { ValueRef } from '../profile-parts.js';

/** The observation fields extractors fill (all but the poll's own bookkeeping). */
export type ObservationField = Exclude<keyof DeviceObservation, 'target' | 'profiles' | 'errors' | 'exposes'>;

/**
 * One extractor kind. `E` is the extractor shape profiles declare, `S` the state one poll
 * accumulates across every profile's extractors of this kind (so that two MIBs reporting one
 * peer count once), `F` the observation fields it owns.
 */
export interface ExtractorKind<E extends { readonly kind: string }, S, F extends ObservationField> {
  readonly kind: E['kind'];
  /** The observation fields this kind fills; a poll that skips its profiles carries them over. */
  readonly fields: readonly F[];
  /** The value references an extractor uses, so that the engine walks the joins they need. */
  refs(ex: E): readonly (ValueRef | undefined)[];
  /** Whether the extractor needs ENTITY-MIB containment beyond its references (default: no). */
  usesEntity?(ex: E): boolean;
  /** A fresh per-poll state. */
  start(): S;
  /** Runs one extractor of one profile; returns how many things it produced. */
  run(ex: E, p: ProfileInfo, view: ProfileView, ctx: ExtractContext, state: S): number;
  /** The fields this kind contributes to the observation, from the poll's state. */
  finish(state: S, ctx: ExtractContext): Pick<DeviceObservation, F>;
  /** The fields of a device with nothing of this kind (and of an observation stored before the kind existed). */
  empty(): Pick<DeviceObservation, F>;
}

/** Declares a kind with its types inferred. */
export function defineKind<E extends { readonly kind: string }, S, F extends ObservationField>(k: ExtractorKind<E, S, F>): ExtractorKind<E, S, F> {
  return k;
}
