/**
 * The fleet benchmark's agent process: N synthetic devices (50 interfaces, 30 ENTITY-MIB rows,
 * 5 BGP peers each) on one loopback socket, told apart by community `fleet-<n>`. Runs in its
 * own process so that its CPU is not counted as the poller's. Prints the port, then serves
 * until stdin closes.
 */
import { ReplayAgent } from '../src/sim/replay-agent.js';
import { fleetDevice, syntheticTable } from '../src/sim/synthetic-devices.js';

const n = Number(process.argv[2] ?? '2000');
const agent = new ReplayAgent(Array.from({ length: n }, (_, k) => ({ community: `fleet-${k}`, table: syntheticTable(fleetDevice(k)) })));
const port = await agent.start();
process.stdout.write(`${port}\n`);
process.stdin.resume();
process.stdin.on('end', () => { void agent.stop().then(() => process.exit(0)); });
