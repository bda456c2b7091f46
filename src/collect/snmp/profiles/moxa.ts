/**
 * Moxa EtherDevice industrial switches (enterprise 8691): each model has its own MIB under
 * 1.3.6.1.4.1.8691.7.<model> (MOXA-EDSG508E-MIB is .69, EDS-G512E .70, EDS-G516E .71, PT-7528
 * V2 .85, EDS-P510A-8PoE .86, EDS-G512E-8PoE .108, IKS-6728A-8PoE .114, IKS-6726A .116,
 * IKS-6728A .117, EDS-P506E .162), and in each the two redundant DC inputs are the scalars
 * power1InputStatus (.1.10.1.0) and power2InputStatus (.1.10.2.0): not-present(0) present(1).
 * "Not present" is an input with no power on it: an unconnected (or lost) feed, reported absent
 * as LibreNMS does, so that a switch wired to one feed is not called failed.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** powerNInputStatus → normalised status. */
export const MOXA_POWER_INPUT: Readonly<Record<number, ComponentStatus>> = { 0: 'absent', 1: 'ok' };

/** The model subtrees (under 1.3.6.1.4.1.8691.7) whose MIB carries the power input scalars. */
export const MOXA_MODELS: readonly number[] = [69, 70, 71, 85, 86, 108, 114, 116, 117, 162];

function moxaModel(model: number): Profile {
  const base = `1.3.6.1.4.1.8691.7.${model}`;
  return {
    id: `moxa-${model}`,
    mib: `MOXA EtherDevice MIB (${base})`,
    vendors: [base],
    // walked as one-row columns (instance .0), so that each input is a unit of its own
    columns: {
      input1: { oid: `${base}.1.10.1`, type: 'int' },
      input2: { oid: `${base}.1.10.2`, type: 'int' },
    },
    extract: [
      { kind: 'component', component: 'psu', rows: 'input1', unit: 'input1', status: { column: 'input1', map: MOXA_POWER_INPUT }, name: [{ literal: 'Power input 1' }] },
      { kind: 'component', component: 'psu', rows: 'input2', unit: 'input2', status: { column: 'input2', map: MOXA_POWER_INPUT }, name: [{ literal: 'Power input 2' }] },
    ],
  };
}

/** One profile per Moxa model MIB, each applying only to that model. */
export const moxaProfiles: readonly Profile[] = MOXA_MODELS.map(moxaModel);
