/** The words of OPS-003 and OPS-004 (changes and cutovers), one sentence per case, Chinese first. */
import type { Bilingual } from '../finding.js';
import { bi, list } from './words.js';

/** A recorded change in words: `reboot`, `BGP 10.0.0.1 established → idle`, `VRRP Vlan10/10 master → backup`. */
export function changeLabel(subject: string, from: string | null, to: string): string {
  if (subject === 'reboot') return 'reboot (sysUpTime reset)';
  if (subject === 'trap:restart') return `restart trap (${to})`;
  const [kind, rest = ''] = subject.split(/:(.*)/s);
  const name = { bgp: 'BGP', ospf: 'OSPF', isis: 'IS-IS', fhrp: 'FHRP' }[kind ?? ''] ?? kind ?? subject;
  return `${name} ${rest.replace(/^\|/, '')} ${from ?? '—'} → ${to}`;
}

export const OPS_WORDS = {
  // OPS-003
  covered: (device: string, n: number, refs: readonly string[]) => bi(
    `${device}：近期 ${n} 次变化均在已审批的割接方案窗口内（${list(refs).zh}）`,
    `${device}: ${n} recent change(s), all within approved cutover windows (${list(refs).en})`,
  ),
  quiet: (device: string, hours: number) => bi(`${device}：近 ${hours} 小时内未观察到重启、路由邻接或网关冗余变化`, `${device}: no reboot, routing-adjacency or first-hop change seen in the last ${hours} h`),
  unplanned: (device: string, changes: readonly string[]) => bi(
    `${device}：观察到 ${changes.length} 次变化不在任何已审批的割接/升级方案窗口内（${list(changes).zh}）；请补登方案或核查原因`,
    `${device}: ${changes.length} change(s) outside any approved cutover or upgrade plan (${list(changes).en}); file the plan or find the cause`,
  ),
  // OPS-004
  notRestored: (subject: string, ref: string, findings: readonly string[]) => bi(
    `${subject}：割接 ${ref} 窗口内出现的问题在窗口结束后仍未恢复（${list(findings).zh}）`,
    `${subject}: what failed during cutover ${ref} is still failing after its window (${list(findings).en})`,
  ),
  restored: (device: string, ref: string) => bi(`${device}：割接 ${ref} 结束后保护已恢复`, `${device}: protection restored after cutover ${ref}`),
} satisfies Record<string, (...args: never[]) => Bilingual | string>;
