/**
 * What the design-file importers (GML, GraphML) hand back, apart from the bare topology they
 * feed, so that importers and the topology module do not import each other.
 */

/** One problem in a topology, with the path of the offending value (`links[3].a`) or a line:column. */
export interface TopologyIssue {
  readonly path: string;
  readonly message: string;
}

/** What an importer (GML, GraphML) produces: the bare-topology shape, validated afterwards. */
export type ImportResult = { ok: true; topology: unknown } | { ok: false; issues: TopologyIssue[] };

/** One imported link, optional fields left out when absent. */
export function importedLink(id: string | undefined, a: string, b: string, riskGroups: string[] | undefined): Record<string, unknown> {
  return {
    ...(id !== undefined ? { id } : {}),
    a,
    b,
    ...(riskGroups !== undefined ? { riskGroups } : {}),
  };
}

/** The importer's result: the topology, or every issue found. */
export function importResult(nodes: unknown[], links: unknown[], issues: TopologyIssue[]): ImportResult {
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, topology: { nodes, links } };
}
