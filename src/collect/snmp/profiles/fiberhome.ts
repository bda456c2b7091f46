/**
 * FiberHome (Wuhan FiberHome Networks, "WRI") switches such as the S48xx family: power supplies
 * from WRI-POWER-MIB and fan controllers from FAN-MIB. Their sysObjectIDs sit under wriProducts
 * (enterprises 3807 .1). The FiberHome GEPON/GPON OLTs (enterprises 5875) use other MIBs and are
 * not covered here.
 *
 * powerTable (msppPower 1; msppPower = msppChassis 2, msppChassis = mspp 1, mspp = wriProducts 8012)
 * has powerState normal(0) voltagelack(1) voltageoverload(2). fanCtrlTable (msppFan 4; msppFan =
 * msppChassis 11) has fanCtrlState normal(0) highoverflow(1) lowunderflow(2) counteroverflow(4),
 * speed outside the thresholds being a fault (the FAN-MIB fanFault notification). The MIB has
 * no presence state: whether an empty bay is listed (and how) is not defined, so an empty bay
 * that an agent lists as 'voltagelack' would read as failed.
 *
 * Sources (verified): WRI-SMI (wri = enterprises 3807, wriProducts = wri 1), WRI-POWER-MIB and
 * FAN-MIB texts (librenms mibs/fiberhome); product sysObjectIDs 1.3.6.1.4.1.3807.1.48xxxx in
 * public inventories of S4820/S4830 switches.
 */
import type { ComponentStatus } from '../../observation.js';
import type { Profile } from './types.js';

/** msppChassis = 1.3.6.1.4.1.3807.1.8012.1 */
const CHASSIS = '1.3.6.1.4.1.3807.1.8012.1';

/** powerState: normal(0) voltagelack(1) voltageoverload(2). */
export const FH_POWER_STATE: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed', 2: 'failed' };
/** fanCtrlState: normal(0) highoverflow(1) lowunderflow(2) counteroverflow(4). */
export const FH_FAN_CTRL_STATE: Readonly<Record<number, ComponentStatus>> = { 0: 'ok', 1: 'failed', 2: 'failed', 4: 'failed' };

export const fiberhomeProfile: Profile = {
  id: 'fiberhome',
  mib: 'WRI-POWER-MIB/FAN-MIB',
  vendors: ['1.3.6.1.4.1.3807'],
  columns: {
    // powerEntry: powerState 3, powerDescr 6, powerIndexDescr 13
    psuState: { oid: `${CHASSIS}.2.1.1.3`, type: 'int' },
    psuDescr: { oid: `${CHASSIS}.2.1.1.6`, type: 'string' },
    psuIndexDescr: { oid: `${CHASSIS}.2.1.1.13`, type: 'string' },
    // fanCtrlEntry: fanCtrlState 5, fanCtrlDescr 7, fanCtrlIndexDescr 12
    fanState: { oid: `${CHASSIS}.11.4.1.5`, type: 'int' },
    fanDescr: { oid: `${CHASSIS}.11.4.1.7`, type: 'string' },
    fanIndexDescr: { oid: `${CHASSIS}.11.4.1.12`, type: 'string' },
  },
  extract: [
    {
      kind: 'component', component: 'psu', rows: 'psuState',
      status: { column: 'psuState', map: FH_POWER_STATE },
      name: [{ column: 'psuIndexDescr' }, { column: 'psuDescr' }],
    },
    {
      kind: 'component', component: 'fan', rows: 'fanState',
      status: { column: 'fanState', map: FH_FAN_CTRL_STATE },
      name: [{ column: 'fanIndexDescr' }, { column: 'fanDescr' }],
    },
  ],
};
