/**
 * Caps every string a device supplied (sysDescr, sysName, ifAlias, LLDP names, PSU names …) at
 * DEVICE_TEXT_CAP_BYTES where it is collected, so no store, API answer, log line or report
 * carries more; each cut is recorded in the observation's `errors` with the field's path.
 */
import { DEVICE_TEXT_CAP_BYTES, capText } from '../common/text.js';
import type { CollectionError, DeviceObservation } from './observation.js';

/** The `profile` of the notes this adds to `errors`. */
export const TEXT_CAP_NOTE = 'redline';

/** The observation with every string capped at `maxBytes` (UTF-8) and a note per capped field. */
export function capDeviceText(obs: DeviceObservation, maxBytes = DEVICE_TEXT_CAP_BYTES): DeviceObservation {
  const notes: CollectionError[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const capped = capText(value, maxBytes);
      if (capped.truncated) notes.push({ profile: TEXT_CAP_NOTE, message: `${path}: the device sent ${capped.bytes} bytes; the first ${maxBytes} kept (device text is capped at ${maxBytes / 1024} KiB)` });
      return capped.text;
    }
    if (Array.isArray(value)) return value.map((v: unknown, i) => walk(v, `${path}[${i}]`));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, path === '' ? k : `${path}.${k}`);
      return out;
    }
    return value;
  };
  // only strings change, to shorter strings: the shape is the observation's
  const capped = walk(obs, '') as DeviceObservation;
  return notes.length === 0 ? capped : { ...capped, errors: [...capped.errors, ...notes] };
}
