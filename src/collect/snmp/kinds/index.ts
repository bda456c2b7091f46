/**
 * The one registration list of extractor kinds, as `analysis/rules/index.ts` registers rules.
 * A new kind of observation (DC power plant, site sensors) is one file beside this one plus one
 * line here (and its shape in the observation contract); the engine, the poller's carry-over and
 * the stored-observation revival read this list. A test walks it.
 */
import type { DeviceObservation } from '../../observation.js';
import { bfdSessionKind } from './bfd-session.js';
import { bgpPeerKind } from './bgp-peer.js';
import { componentKind } from './component.js';
import { dcPowerKind } from './dc-power.js';
import { fhrpKind } from './fhrp.js';
import { interfacesKind } from './interfaces.js';
import { isisAdjacencyKind } from './isis-adjacency.js';
import type { ExtractorKind, ObservationField } from './kind.js';
import { lagMemberKind } from './lag-member.js';
import { neighborKind } from './neighbor.js';
import { ospfNeighborKind } from './ospf-neighbor.js';
import { powerInputKind } from './power-input.js';
import { redundancyKind } from './redundancy.js';
import { siteSensorKind } from './site-sensor.js';
import { systemKind } from './system.js';
import { upsKind } from './ups.js';

/** Every extractor kind; the order is the order their fields appear in an observation. */
export const KINDS = [
  systemKind,
  componentKind,
  upsKind,
  dcPowerKind,
  siteSensorKind,
  powerInputKind,
  bgpPeerKind,
  ospfNeighborKind,
  isisAdjacencyKind,
  bfdSessionKind,
  fhrpKind,
  interfacesKind,
  lagMemberKind,
  neighborKind,
  redundancyKind,
] as const;

type ExtractorOf<K> = K extends { refs(ex: infer E): unknown } ? E : never;

/** Any extractor a profile may declare: the union of every registered kind's shape. */
export type Extractor = ExtractorOf<(typeof KINDS)[number]>;

/** A kind seen without its particular types, as the engine dispatches to it. */
export type AnyKind = ExtractorKind<Extractor, unknown, ObservationField>;

const BY_NAME: ReadonlyMap<string, AnyKind> = new Map(KINDS.map((k) => [k.kind, k as unknown as AnyKind]));

/** The registered kind of an extractor. */
export function kindOf(kind: Extractor['kind']): AnyKind {
  const k = BY_NAME.get(kind);
  if (k === undefined) throw new Error(`extractor kind ${kind} is not registered`);
  return k;
}

/** The observation fields of a device with nothing of any kind. */
export function emptyFields(): Omit<DeviceObservation, 'target' | 'profiles' | 'errors' | 'exposes'> {
  return Object.assign({}, ...KINDS.map((k) => k.empty())) as Omit<DeviceObservation, 'target' | 'profiles' | 'errors' | 'exposes'>;
}

export type { ExtractorKind, ObservationField } from './kind.js';
