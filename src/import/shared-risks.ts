/** Shared risks written by people: "duct:D-7, cable:BJ-SH-F1" or 管道:D-7 / 光缆:F1, in a cell, a custom field or a tag. */
import { RISK_KINDS } from '../config/schema.js';
import { isId } from './ids.js';

type RiskKind = (typeof RISK_KINDS)[number];

/** Words for each kind, English and Chinese, as people write them in exports. */
const KIND_WORDS: Readonly<Record<string, RiskKind>> = {
  duct: 'duct', 管道: 'duct', cable: 'cable', 光缆: 'cable', 'pole-route': 'poleRoute', poleroute: 'poleRoute', 杆路: 'poleRoute',
  bridge: 'bridge', 桥梁: 'bridge', trench: 'trench', 沟槽: 'trench', 'building-entrance': 'buildingEntrance', buildingentrance: 'buildingEntrance',
  进局口: 'buildingEntrance', room: 'room', 机房: 'room', panel: 'panel', 配电屏: 'panel', pdu: 'pdu', ups: 'ups',
  provider: 'provider', carrier: 'provider', 运营商: 'provider',
};

/** One shared risk. */
export interface SharedRisk {
  readonly kind: RiskKind;
  readonly id: string;
}

/** Parses a list of `kind:id` items (separators , ; 、 ， ； or newlines); returns the risks and one message per item it cannot read. */
export function parseSharedRisks(text: string): { risks: SharedRisk[]; problems: string[] } {
  const risks: SharedRisk[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[,;、，；\n]/)) {
    const item = raw.trim();
    if (item === '') continue;
    const m = /^([^:：]+)[:：]\s*(.+)$/.exec(item);
    const kind = m === null ? undefined : KIND_WORDS[m[1]!.trim().toLowerCase()];
    if (m === null || kind === undefined) {
      problems.push(`"${item}" is not kind:id (kinds: ${Object.keys(KIND_WORDS).join(', ')})`);
      continue;
    }
    const id = m[2]!.trim();
    if (!isId(id)) {
      problems.push(`"${id}" is not a usable risk id (letters, digits, . _ : -)`);
      continue;
    }
    if (!risks.some((r) => r.kind === kind && r.id === id)) risks.push({ kind, id });
  }
  return { risks, problems };
}
