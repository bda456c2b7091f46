/** The SNMPv2-MIB system group of an in-memory test device, as `oid|type|value` rows. */

/** Rows for a device whose sysObjectID is `objectId` (vendor profiles are gated on it). */
export function systemRows(objectId: string, name = 'dut'): string {
  return `
1.3.6.1.2.1.1.1.0|4|Test device
1.3.6.1.2.1.1.2.0|6|${objectId}
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|${name}
`;
}

/** Rows naming interfaces: `ifName.<ifIndex>` for each [ifIndex, name]. */
export function ifNameRows(names: readonly (readonly [number, string])[]): string {
  return names.map(([i, n]) => `1.3.6.1.2.1.31.1.1.1.1.${i}|4|${n}`).join('\n') + '\n';
}
