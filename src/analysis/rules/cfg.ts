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
import { CFG_WORDS as W } from './cfg-words.js';
import { defineRule } from './types.js';
import { formatTime } from './words.js';

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
        ctx.skip('no configuration-backup source configured (policy evidence.configBackups)', 'no_register_configured');
        continue;
      }
      const { maxAgeHours } = ctx.thresholds(d.class, [d.site]);
      const b = backups.get(d.id);
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites: [d.site], severity: 'evidenceGap' as const };
      if (b === undefined) {
        ctx.emit({ ...base, state: 'degraded', evidence: [fact('latest backup', null), fact('max age (hours)', maxAgeHours)], explanation: W.noBackup(d.id) });
        continue;
      }
      const ageHours = Math.max(0, (ctx.now - b.at) / 3_600_000);
      const evidence = [
        fact('latest backup', formatTime(b.at, ctx.timeZone).en),
        fact('age (hours)', Math.round(ageHours * 10) / 10),
        fact('max age (hours)', maxAgeHours),
        ...(b.location !== undefined ? [fact('location', b.location)] : []),
      ];
      if (ageHours > maxAgeHours) {
        ctx.emit({ ...base, state: 'degraded', evidence, explanation: W.tooOld(d.id, W.age(ageHours), maxAgeHours, formatTime(b.at, ctx.timeZone)) });
      } else {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: W.fresh(d.id, Math.round(ageHours)) });
      }
    }
  },
});
