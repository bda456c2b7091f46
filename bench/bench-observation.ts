/** The store benchmarks' device: one fleet device (50 interfaces, 30 entity rows, 5 BGP peers) read once through the replay agent. */
import type { DeviceObservation } from '../src/collect/observation.js';
import { ReplayAgent } from '../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../src/sim/synthetic-devices.js';
import { pollReplay } from '../test/support/replay.js';

/** The observation of the benchmark device, as the poller would store it. */
export async function benchObservation(): Promise<DeviceObservation> {
  const agent = new ReplayAgent([{ community: 'bench', table: syntheticTable(fleetDevice(1)) }]);
  const port = await agent.start();
  try {
    const r = await pollReplay(port, 'bench');
    if (!r.answered) throw new Error('the benchmark device did not answer');
    return r.observation;
  } finally {
    await agent.stop();
  }
}
