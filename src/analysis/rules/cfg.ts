/**
 * CFG — redundant configuration (冗余配置), protection-policy.md §4.5.
 *
 * CFG-002: the latest good configuration backup of each monitored device is younger than the
 *          class limit. Evaluated only when a backup source is configured (policy
 *          evidence.configBackups); a device the source has no backup of is an evidence gap.
 *          The "backup after the last change" half of the rule needs the device's last-change
 *          time, which redline does not collect yet.
 */
import { z } from 'zod';
import { fact } from '../finding.js';
import { defineRule } from './types.js';

export const cfg002 = defineRule({
  id: 'CFG-002',
  family: 'CFG',
  thresholds: z.strictObject({ maxAgeHours: z.number().positive().max(24 * 366).default(168) }),
  evaluate(ctx) {
    const backups = ctx.snapshot.evidence.configBackups;
    for (const s of ctx.snapshot.devices.values()) {
      const d = s.device;
      if (d.poll === undefined || !ctx.applies(d.class, [d.site])) continue;
      if (backups === undefined) {
        ctx.skip('no configuration-backup source configured (policy evidence.configBackups)');
        continue;
      }
      const { maxAgeHours } = ctx.thresholds(d.class, [d.site]);
      const b = backups.get(d.id);
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites: [d.site], severity: 'evidenceGap' as const };
      if (b === undefined) {
        ctx.emit({ ...base, state: 'degraded', evidence: [fact('latest backup', null), fact('max age (hours)', maxAgeHours)], explanation: { en: `${d.id}: no configuration backup on record`, zh: `${d.id}：无配置备份记录` } });
        continue;
      }
      const ageHours = Math.max(0, (ctx.now - b.at) / 3_600_000);
      const evidence = [
        fact('latest backup', new Date(b.at).toISOString()),
        fact('age (hours)', Math.round(ageHours * 10) / 10),
        fact('max age (hours)', maxAgeHours),
        ...(b.location !== undefined ? [fact('location', b.location)] : []),
      ];
      if (ageHours > maxAgeHours) {
        const days = ageHours >= 48 ? { en: `${Math.floor(ageHours / 24)} days`, zh: `${Math.floor(ageHours / 24)} 天` } : { en: `${Math.round(ageHours)} h`, zh: `${Math.round(ageHours)} 小时` };
        ctx.emit({ ...base, state: 'degraded', evidence, explanation: { en: `${d.id}: last configuration backup ${days.en} old (max ${maxAgeHours} h)`, zh: `${d.id}：最近一次配置备份距今 ${days.zh}（上限 ${maxAgeHours} 小时）` } });
      } else {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: { en: `${d.id}: configuration backed up ${Math.round(ageHours)} h ago`, zh: `${d.id}：${Math.round(ageHours)} 小时前已备份配置` } });
      }
    }
  },
});
