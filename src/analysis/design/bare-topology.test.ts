/** The bare topology: strict validation with paths, and the GraphML and GML importers. */
import { describe, expect, it } from 'vitest';
import { gmlToTopology } from './import-gml.js';
import { graphmlToTopology } from './import-graphml.js';
import { TopologyError, parseTopologyText, topologyFormatOf, topologyGraph, validateTopology } from './bare-topology.js';

function issuesOf(raw: unknown): string[] {
  const r = validateTopology(raw);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('validateTopology', () => {
  it('accepts a minimal topology and names links by position', () => {
    const r = validateTopology({ nodes: [{ id: 'a' }, { id: 'b' }], links: [{ a: 'a', b: 'b' }, { id: 'x', a: 'b', b: 'a' }, { a: 'a', b: 'b' }] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.topology.links.map((l) => l.id)).toEqual(['L0', 'x', 'L2']);
      expect(r.topology.services).toEqual([]);
    }
  });

  it('lists every problem at once, each with its path', () => {
    expect(issuesOf({
      nodes: [{ id: 'a' }, { id: 'a' }, { id: 'b', colour: 'red' }],
      links: [{ a: 'a', b: 'zz' }, { id: 'L0', a: 'a', b: 'b' }, { a: 'b', b: 'q', riskGroups: 'duct' }],
      services: [{ id: 's', endpoints: ['a', 'a'] }, { id: 's', endpoints: ['a', 'nowhere'], requiredPaths: 0 }],
      extra: 1,
    })).toEqual([
      'nodes[2]: Unrecognized key: "colour"',
      'links[2].riskGroups: Invalid input: expected array, received string',
      'services[1].requiredPaths: Too small: expected number to be >=1',
      '(root): Unrecognized key: "extra"',
      'nodes[1].id: duplicate node id "a"',
      'links[0].b: unknown node "zz"',
      'links[1].id: duplicate link id "L0" (also links[0], named L0 because it has no id)',
      'links[2].b: unknown node "q"',
      'services[0].endpoints: the two endpoints must differ',
      'services[1].id: duplicate service id "s"',
      'services[1].endpoints[1]: unknown node "nowhere"',
    ]);
  });

  it('needs nodes and links, and two endpoints per service', () => {
    expect(issuesOf({})).toEqual(['nodes: Invalid input: expected array, received undefined', 'links: Invalid input: expected array, received undefined']);
    expect(issuesOf({ nodes: [{ id: 'a' }], links: [], services: [{ id: 's', endpoints: ['a'] }] })).toHaveLength(1);
  });

  it('keeps parallel links and self-loops', () => {
    const t = parseTopologyText('{"nodes":[{"id":"a"},{"id":"b"}],"links":[{"a":"a","b":"b"},{"a":"a","b":"b"},{"a":"a","b":"a"}]}', 'json');
    expect(t.links).toHaveLength(3);
    expect(topologyGraph(t).linkIds).toEqual(['L0', 'L1', 'L2']);
  });

  it('reports JSON syntax errors as a TopologyError', () => {
    expect(() => parseTopologyText('{"nodes": [', 'json', 'x.json')).toThrow(TopologyError);
  });

  it('knows formats by file name', () => {
    expect(['a.json', 'b.GraphML', 'c.xml', 'd.gml', 'e.txt'].map(topologyFormatOf)).toEqual(['json', 'graphml', 'graphml', 'gml', undefined]);
  });
});

describe('GML import', () => {
  it('reads nodes, edges, strings with references, numbers and nested lists', () => {
    const r = gmlToTopology(`
      # comment
      Creator "x"
      graph [
        directed 1
        node [ id 0 label "A &amp; B" Latitude -3.5e1 ]
        node [ id 1 label "1" class "PC-AGG" riskGroups [ g "p1" g "p2" ] ]
        edge [ source 0 target 1 id "e-main" riskGroups "d1, d2" ]
        edge [ source 1 target 0 LinkSpeed +.5 ]
      ]`);
    expect(r).toEqual({
      ok: true,
      topology: {
        nodes: [{ id: '0', name: 'A & B' }, { id: '1', class: 'PC-AGG', riskGroups: ['p1', 'p2'] }],
        links: [{ id: 'e-main', a: '0', b: '1', riskGroups: ['d1', 'd2'] }, { a: '1', b: '0' }],
      },
    });
  });

  it('points at syntax errors by line and column', () => {
    const cases: [string, string][] = [
      ['graph [\n  node [ id 0 ]\n', 'line 3:1: unexpected end of file: a "[" is never closed'],
      ['graph [ node [ label "open ] ]', 'the string of key "label" is never closed'],
      ['graph [ ]\n]', 'line 2:1: unexpected "]"'],
      ['graph [ 12 ]', 'line 1:9: expected a key, found "12 ]"'],
      ['graph [ id 12abc ]', 'unexpected "a" after the number of key "id"'],
    ];
    for (const [text, message] of cases) {
      const r = gmlToTopology(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(`${r.issues[0]!.path}: ${r.issues[0]!.message}`).toContain(message);
    }
  });

  it('lists every structural problem', () => {
    const r = gmlToTopology('graph [ node [ label "x" ] node [ id 1 id 2 ] edge [ source 1 ] edge 3 ]');
    expect(r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'node[0] (line 1): a node needs an id',
      'node[1] (line 1).id: "id" given twice',
      'edge[0] (line 1): an edge needs a source and a target',
      'edge[1] (line 1): expected edge [ … ]',
    ]);
    expect(gmlToTopology('node [ id 1 ]')).toEqual({ ok: false, issues: [{ path: '(root)', message: 'expected one graph [ … ]' }] });
  });
});

describe('GraphML import', () => {
  const head = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">';
  it('reads keys, defaults, data, CDATA and references; ignores other data and namespaces', () => {
    const r = graphmlToTopology(`${head}
      <!-- a comment with <node id="fake"/> inside -->
      <key id="k0" for="node" attr.name="label"/>
      <key id="k1" for="edge" attr.name="riskGroups"><default>d0</default></key>
      <key id="k2" for="node" attr.name="class"/>
      <graph id="G" edgedefault="directed">
        <node id="a"><data key="k0">A &lt;1&gt; &#x4e2d;</data><data key="k2"><![CDATA[PC-CORE]]></data></node>
        <node id="b"/>
        <edge source="a" target="b"/>
        <edge id="x" source="b" target="a"><data key="k1">d1,d2</data></edge>
      </graph>
    </graphml>`);
    expect(r).toEqual({
      ok: true,
      topology: {
        nodes: [{ id: 'a', name: 'A <1> 中', class: 'PC-CORE' }, { id: 'b' }],
        links: [{ a: 'a', b: 'b', riskGroups: ['d0'] }, { id: 'x', a: 'b', b: 'a', riskGroups: ['d1', 'd2'] }],
      },
    });
  });

  it('points at malformed XML by line and column', () => {
    const cases: [string, string][] = [
      [`${head}\n<graph><node id="a"></graph></graphml>`, 'line 3:21: expected </node>, found </graph>'],
      [`${head}\n<graph><node id="a" id="b"/></graph></graphml>`, 'attribute "id" given twice'],
      [`${head}\n<graph><node id=a/></graph></graphml>`, 'malformed attribute in <node>'],
      [`${head}\n<graph>`, '<graph> is never closed'],
      [`${head}\n<!-- open`, 'a comment is never closed'],
      ['<graphml></graphml><graphml></graphml>', 'more than one root element'],
    ];
    for (const [text, message] of cases) {
      const r = graphmlToTopology(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(`${r.issues[0]!.path}: ${r.issues[0]!.message}`).toContain(message);
    }
  });

  it('refuses nested graphs, hyperedges and undeclared keys, listing all', () => {
    const r = graphmlToTopology(`${head}<graph>
      <node id="a"><graph><node id="a1"/></graph></node>
      <hyperedge><endpoint node="a"/></hyperedge>
      <edge source="a"><data key="nope">1</data></edge>
      <node><data key="nope">1</data></node>
    </graph></graphml>`);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      'nested graphs are not supported: flatten the topology',
      'hyperedges are not supported: describe each link as an <edge>',
      'an <edge> needs a source and a target',
      'a <node> needs an id',
    ]);
    expect(graphmlToTopology('<graph/>')).toEqual({ ok: false, issues: [{ path: '(root)', message: 'expected a <graphml> root element' }] });
  });

  it('imported topologies are validated like JSON ones', () => {
    expect(() => parseTopologyText(`${head}<graph><node id="a"/><edge source="a" target="zz"/></graph></graphml>`, 'graphml', 't.graphml'))
      .toThrow(/links\[0\]\.b: unknown node "zz"/);
  });
});
