/** The fleet benchmark's snmp_exporter config: one full module per community, loadable by the exporter's strict YAML. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parse as parseYaml, parseDocument } from 'yaml';
import { deviceModule, fleetExporterConfig, sampleValue, SAME_MODULE } from '../../bench/snmp-exporter/exporter-run.js';

const committed = readFileSync(join(import.meta.dirname, '..', '..', 'bench', 'snmp-exporter', 'snmp.yml'), 'utf8');

describe('fleetExporterConfig', () => {
  it('writes one module per community, each the committed module with that community as its auth', () => {
    const config = parseYaml(fleetExporterConfig(committed, ['fleet-0', 'fleet-1', 'fleet-2'])) as Record<string, Record<string, unknown>>;
    const base = (parseYaml(committed) as Record<string, Record<string, unknown>>)[SAME_MODULE];
    expect(Object.keys(config)).toEqual([deviceModule(0), deviceModule(1), deviceModule(2)]);
    const shared = Object.fromEntries(Object.entries(base ?? {}).filter(([key]) => key !== 'auth'));
    expect(shared['metrics']).toHaveLength(23);
    expect(config[deviceModule(1)]).toEqual({ ...shared, auth: { community: 'fleet-1' } });
    expect(config[deviceModule(2)]?.['auth']).toEqual({ community: 'fleet-2' });
  });

  it('keeps enum_values keyed by integers, as the exporter requires', () => {
    const doc = parseDocument(fleetExporterConfig(committed, ['c']));
    expect(doc.getIn([deviceModule(0), 'metrics', 7, 'name'])).toBe('ifOperStatus');
    const oper = doc.getIn([deviceModule(0), 'metrics', 7, 'enum_values']);
    if (!isMap(oper)) throw new Error('ifOperStatus enum_values missing');
    const keys = oper.items.map((item) => (isScalar(item.key) ? item.key.value : null));
    expect(keys).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('quotes a community that YAML would otherwise read as something else', () => {
    const config = parseYaml(fleetExporterConfig(committed, ['a: b, {c}'])) as Record<string, Record<string, unknown>>;
    expect(config[deviceModule(0)]?.['auth']).toEqual({ community: 'a: b, {c}' });
  });

  it('names the missing module when the committed file lacks it', () => {
    expect(() => fleetExporterConfig('other_module: {walk: []}\n', ['c'])).toThrow(/no module "redline_same"/);
  });
});

describe('sampleValue', () => {
  it('reads an unlabelled sample and not a longer name sharing its prefix', () => {
    const text = '# HELP x\nsnmp_scrape_pdus_returned_total 9\nsnmp_scrape_pdus_returned 604\n';
    expect(sampleValue(text, 'snmp_scrape_pdus_returned')).toBe(604);
    expect(sampleValue(text, 'snmp_scrape_packets_sent')).toBeNull();
  });
});
