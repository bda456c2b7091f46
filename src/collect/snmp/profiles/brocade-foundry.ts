/**
 * Brocade / Ruckus FastIron and NetIron (Foundry): power supplies and fans from
 * FOUNDRY-SN-AGENT-MIB.
 *
 * snChasPwrSupplyTable / snChasFanTable (snChasPwr 1, snChasFan 1, index snChasPwrSupplyIndex /
 * snChasFanIndex) describe a chassis; snChasPwrSupply2Table / snChasFan2Table (snChasPwr 2,
 * snChasFan 2, index unit.index) describe every unit of a stack. A stack fills both, so the
 * chassis tables are read only when the per-unit tables are empty. Both tables list only
 * installed units ("Only installed power supply appears in a table row"), so no row is absent.
 *
 * Sources (verified): FOUNDRY-SN-AGENT-MIB text (librenms mibs/brocade/FOUNDRY-SN-AGENT-MIB) for the
 * tables, their indexes and the OperStatus enumeration other(1) normal(2) failure(3); the OIDs
 * from the compiled module (lextudio pysnmp FOUNDRY-SN-AGENT-MIB.py: snChasPwrSupply2Description
 * 1.3.6.1.4.1.1991.1.1.1.2.2.1.3) and the GLPlugin OID table (snChasPwrSupplyTable
 * 1.3.6.1.4.1.1991.1.1.1.2.1, snChasFan 1.3.6.1.4.1.1991.1.1.1.3).
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** snChassis: snChasPwr = .2, snChasFan = .3 */
const CHAS = '1.3.6.1.4.1.1991.1.1.1';

/** snChas*OperStatus: other(1) normal(2) failure(3). */
export const FOUNDRY_OPER_STATUS: Readonly<Record<number, ComponentStatus>> = { 1: 'unknown', 2: 'ok', 3: 'failed' };

export const brocadeFoundryProfile: Profile = {
  id: 'brocade-foundry',
  mib: 'FOUNDRY-SN-AGENT-MIB',
  vendors: ['1.3.6.1.4.1.1991'],
  columns: {
    // snChasPwrSupplyDescription / OperStatus { snChasPwrSupplyEntry 2 / 3 }
    psuDescr: { oid: `${CHAS}.2.1.1.2`, type: 'string' },
    psuOper: { oid: `${CHAS}.2.1.1.3`, type: 'int' },
    // snChasPwrSupply2Description / OperStatus { snChasPwrSupply2Entry 3 / 4 }
    psu2Descr: { oid: `${CHAS}.2.2.1.3`, type: 'string' },
    psu2Oper: { oid: `${CHAS}.2.2.1.4`, type: 'int' },
    // snChasFanDescription / OperStatus { snChasFanEntry 2 / 3 }
    fanDescr: { oid: `${CHAS}.3.1.1.2`, type: 'string' },
    fanOper: { oid: `${CHAS}.3.1.1.3`, type: 'int' },
    // snChasFan2Description / OperStatus { snChasFan2Entry 3 / 4 }
    fan2Descr: { oid: `${CHAS}.3.2.1.3`, type: 'string' },
    fan2Oper: { oid: `${CHAS}.3.2.1.4`, type: 'int' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'psu2Oper',
      status: { column: 'psu2Oper', map: FOUNDRY_OPER_STATUS },
      name: [{ column: 'psu2Descr' }],
    },
    {
      kind: 'component', component: 'psu', rows: 'psuOper', unlessRows: 'psu2Oper',
      status: { column: 'psuOper', map: FOUNDRY_OPER_STATUS },
      name: [{ column: 'psuDescr' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'fan2Oper',
      status: { column: 'fan2Oper', map: FOUNDRY_OPER_STATUS },
      name: [{ column: 'fan2Descr' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'fanOper', unlessRows: 'fan2Oper',
      status: { column: 'fanOper', map: FOUNDRY_OPER_STATUS },
      name: [{ column: 'fanDescr' }],
    },
  ],
};
