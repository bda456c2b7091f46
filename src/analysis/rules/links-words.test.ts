/** The TOPO, PWR and SWO-003 wording tables: Chinese sentences carry no English words (ids, protocol and MIB names, units excepted). */
import { describe, expect, it } from 'vitest';
import type { Bilingual } from '../finding.js';
import { PWR_WORDS } from './pwr-words.js';
import { SWO3_WORDS } from './swo3-words.js';
import { TOPO_WORDS } from './topo-words.js';
import { bi } from './words.js';

/** Latin words a Chinese sentence may hold: the ids passed in, protocol, MIB and element names, units. */
const ALLOWED = new Set(['cr1', 'cr2', 'pdu-a', 'psu', 'lldp', 'cdp', 'bgp', 'ospf', 'is-is', 'bfd', 'bfd-std-mib', 'pdu', 'ups', 'as', 'ms', 'gi0/1', 'xe-0/0/1', 'l1', 'site-a', 'cr1-cr2', 'lldp/cdp', 's1']);
const latinWords = (zh: string): string[] => (zh.match(/[A-Za-z][A-Za-z0-9/\-.]*/g) ?? []).map((w) => w.toLowerCase()).filter((w) => !ALLOWED.has(w));

const why = bi('从未响应轮询', 'it has never answered a poll');
const pdu = bi('PDU', 'PDU');
const label = SWO3_WORDS.label('isis', '0000.0000.0002', 'xe-0/0/1');
const samples: [string, Bilingual][] = [
  ['linkUp', TOPO_WORDS.linkUp('cr1-cr2', 'lldp')],
  ['linkDown', TOPO_WORDS.linkDown('cr1-cr2', 'cr1', 'Gi0/1')],
  ['linkUnconfirmed', TOPO_WORDS.linkUnconfirmed('cr1-cr2', 'cr1', 'cr2')],
  ['portMissing', TOPO_WORDS.portMissing('cr1-cr2', 'cr2', 'Gi0/1', 'cdp')],
  ['noInterfaceTable', TOPO_WORDS.noInterfaceTable('cr1-cr2', 'cr2')],
  ['unknownBecause', TOPO_WORDS.unknownBecause('cr1-cr2', 'cr2', why)],
  ['undeclared', TOPO_WORDS.undeclared('LLDP', 'cr1', 'Gi0/1', 'cr2', 'xe-0/0/1')],
  ['bgpDown', TOPO_WORDS.bgpDown('cr1', '10.0.0.2', 65001, 'opensent')],
  ['ospfNotFull', TOPO_WORDS.ospfNotFull('cr1', '10.0.0.2', '10.0.0.2', 'exchangeStart')],
  ['ospfUp', TOPO_WORDS.ospfUp('cr1', '10.0.0.2', 'twoWay')],
  ['isisNotUp', TOPO_WORDS.isisNotUp('cr1', '0000.0000.0002', 'xe-0/0/1', 'initializing')],
  ['noBfdTable', SWO3_WORDS.noBfdTable('cr1', 2)],
  ['noSession', SWO3_WORDS.noSession('cr1', 2)],
  ['gaps', SWO3_WORDS.gaps('cr1', [SWO3_WORDS.gapNone(label), SWO3_WORDS.gapState(label, 'failing'), SWO3_WORDS.gapSlow(label, 300, 150)])],
  ['survivorsShare', PWR_WORDS.survivorsShare('cr1', ['PSU 3'], ['PSU 1', 'PSU 2'], 'pdu-a', pdu)],
  ['mappingWrong', PWR_WORDS.mappingWrong('cr1', [PWR_WORDS.matchesNone('PSU 9', ['PSU 1']), PWR_WORDS.matchesSeveral('PSU', ['PSU 1', 'PSU 2']), PWR_WORDS.unmapped(['PSU 3'])])],
  ['redundancyLost', PWR_WORDS.redundancyLost('cr1')],
  ['offNormal', PWR_WORDS.offNormal('cr1', PWR_WORDS.onBypass, PWR_WORDS.forMinutes(20))],
  ['tooFewSubstations', PWR_WORDS.tooFewSubstations('site-a', ['S1'], 2)],
];

describe('TOPO, PWR and SWO-003 wording', () => {
  it.each(samples)('%s: no English word in the Chinese sentence', (_n, s) => {
    expect(latinWords(s.zh)).toEqual([]);
    expect(s.en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('lists alternatives where any one suffices with "or"/「或」', () => {
    expect(TOPO_WORDS.portMissing('cr1-cr2', 'cr2', 'Gi0/1', null)).toEqual({
      zh: 'cr1-cr2：资源清单登记的端口 Gi0/1 在 cr2 上不存在（端口名写错，或链路接在其他端口）',
      en: 'cr1-cr2: port Gi0/1 declared in the inventory does not exist on cr2 (a mistyped port name, or the link is on another port)',
    });
    expect(TOPO_WORDS.undeclared('LLDP', 'cr1', 'Gi0/1', 'cr2', 'xe-0/0/1').zh).toContain('管道或光缆');
  });
});
