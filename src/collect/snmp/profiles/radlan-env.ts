/**
 * Marvell/Radlan RADLAN-HWENVIROMENT (rlEnvMon) and RADLAN-PHYSICAL-DESCRIPTION (rlPhd), as
 * Cisco Small Business (under 1.3.6.1.4.1.9.6.1.101) and Eltex MES (under 1.3.6.1.4.1.89) carry
 * them: rlEnvMonSupplyStatusTable (state column 3), and per stack unit rlPhdUnitEnvParamTable's
 * main (2) and redundant (3) supply states. RlEnvMonState: normal(1) warning(2) critical(3)
 * shutdown(4) notPresent(5) notFunctioning(6). The per-unit columns are read only when the
 * supply table is empty, so that one supply is not counted twice.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** RlEnvMonState → normalised status. */
export const RL_ENV_MON_STATE: Readonly<Record<number, ComponentStatus>> = { 1: 'ok', 2: 'unknown', 3: 'failed', 4: 'failed', 5: 'absent', 6: 'failed' };

export const radlanEnvProfile: Profile = {
  id: 'radlan-env',
  mib: 'RADLAN-HWENVIROMENT, RADLAN-PHYSICAL-DESCRIPTION',
  vendors: ['1.3.6.1.4.1.9', '1.3.6.1.4.1.89', '1.3.6.1.4.1.35265'],
  columns: {
    sbSupply: { oid: '1.3.6.1.4.1.9.6.1.101.83.1.2.1.3', type: 'int' },
    supply: { oid: '1.3.6.1.4.1.89.83.1.2.1.3', type: 'int' },
    unitMainPs: { oid: '1.3.6.1.4.1.89.53.15.1.2', type: 'int' },
    unitRedundantPs: { oid: '1.3.6.1.4.1.89.53.15.1.3', type: 'int' },
  },
  extract: [
    { kind: 'component', component: 'psu', rows: 'sbSupply', status: { column: 'sbSupply', map: RL_ENV_MON_STATE }, replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'supply', status: { column: 'supply', map: RL_ENV_MON_STATE }, replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'unitMainPs', unit: 'main', unlessRows: 'supply', status: { column: 'unitMainPs', map: RL_ENV_MON_STATE }, replaces: ['entity'] },
    { kind: 'component', component: 'psu', rows: 'unitRedundantPs', unit: 'redundant', unlessRows: 'supply', status: { column: 'unitRedundantPs', map: RL_ENV_MON_STATE }, replaces: ['entity'] },
  ],
};
