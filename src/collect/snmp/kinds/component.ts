/**
 * Power supplies and fans: units seen through several MIBs join by entPhysicalIndex, a unit
 * nested in a unit of its kind folds into it, and a table that supersedes another drops the
 * units only the superseded one reported.
 */
import type { Component, ComponentStatus } from '../../observation.js';
import { combineStatus, firstOf, mapped, rawInt, resolve, rowsOf, textOf, type ExtractContext, type ProfileView } from '../extract.js';
import type { IndexPart, RowFilter, ValueRef } from '../profile-parts.js';
import { defineKind } from './kind.js';

/** A PSU or fan table. */
export interface ComponentExtractor {
  readonly kind: 'component';
  readonly component: 'psu' | 'fan';
  /** The column whose rows are the units. */
  readonly rows: string;
  readonly where?: readonly RowFilter[];
  /** Raw value → normalised state; values missing from the map are `unknown`. */
  readonly status: {
    readonly column: string;
    readonly map: Readonly<Record<number, ComponentStatus>>;
    /** For a column that holds a word ("Up", "Down") instead of a number: word → status, ignoring case. */
    readonly text?: Readonly<Record<string, ComponentStatus>>;
    /**
     * `self` (default) reads the column at the unit's index. `descendants` reads it on the
     * ENTITY-MIB entities contained in the unit (its sensors) and takes the worst.
     */
    readonly from?: 'self' | 'descendants';
  };
  /** A separate presence column: these values mean the bay is empty. */
  readonly absentWhen?: { readonly column: string; readonly in: readonly number[] };
  /** The unit's entPhysicalIndex, so that one unit reported by two MIBs is counted once. */
  readonly physicalIndex?: ValueRef;
  /** Names to try, first non-empty wins. */
  readonly name?: readonly ValueRef[];
  /**
   * For a superseded table that some agents still fill beside its replacement: when this
   * column (of the same profile) has any row, the extractor yields nothing, so that one unit
   * is not counted twice under two different indexes.
   */
  readonly unlessRows?: string;
  /**
   * Profile ids whose units of this kind this table supersedes. Some tables list the device's
   * PSUs or fans under their own numbering (a bay number) that no column ties to
   * entPhysicalIndex; once such a table yields a unit, units that only these profiles reported
   * are dropped instead of being counted a second time.
   */
  readonly replaces?: readonly string[];
  /**
   * Tells apart the units of several extractors whose rows share an index (a main and a
   * redundant supply as two columns of one row, or scalars at .0); part of the unit's id.
   */
  readonly unit?: string;
  /** How the row index decodes, for `unitOf`. */
  readonly index?: readonly IndexPart[];
  /**
   * For tables with several rows per unit (one per sensor of a supply): rows for which this
   * yields the same value are one unit, their states combined (the worst wins).
   */
  readonly unitOf?: ValueRef;
}

function textStatus(view: ProfileView, spec: ComponentExtractor['status'], index: string): ComponentStatus | undefined {
  if (spec.text === undefined) return undefined;
  const word = textOf(view.cols.get(spec.column)?.get(index))?.trim().toLowerCase();
  if (word === undefined) return undefined;
  for (const [k, v] of Object.entries(spec.text)) if (k.toLowerCase() === word) return v;
  return undefined;
}

interface UnitAcc {
  readonly kind: 'psu' | 'fan';
  readonly id: string;
  readonly physicalIndex: string | undefined;
  name: string | null;
  readonly statuses: ComponentStatus[];
  readonly sources: Set<string>;
}

/** What one poll learned of PSUs and fans so far. */
interface ComponentState {
  readonly units: Map<string, UnitAcc>;
  /** Per kind, the profiles whose units a yielding `replaces` table supersedes. */
  readonly replaced: Map<'psu' | 'fan', Set<string>>;
}

/**
 * ENTITY-MIB may describe one physical unit twice, as a unit inside a unit of the same kind (a
 * Catalyst 9400 "Power Supply Module 1" containing "Power Supply 1"), and MIBs then report both.
 * A unit that is the only one of its kind under another unit of that kind folds into it: their
 * statuses and sources join and the module counts once. Several units of a kind under one (the
 * modules of a power shelf, the fans of a tray) are distinct units and stay apart.
 */
function foldNested(units: readonly UnitAcc[], ctx: ExtractContext): UnitAcc[] {
  const byIndex = new Map<string, UnitAcc>();
  for (const u of units) if (u.physicalIndex !== undefined) byIndex.set(u.physicalIndex, u);
  // each unit's nearest enclosing unit (through containers in between), and how many it encloses
  const enclosing = new Map<UnitAcc, UnitAcc>();
  const enclosed = new Map<UnitAcc, number>();
  for (const u of units) {
    if (u.physicalIndex === undefined) continue;
    const seen = new Set<string>([u.physicalIndex]);
    for (let at = ctx.entityParentOf(u.physicalIndex); at !== null && !seen.has(at) && seen.size < 16; at = ctx.entityParentOf(at)) {
      seen.add(at);
      const outer = byIndex.get(at);
      if (outer === undefined) continue;
      enclosing.set(u, outer);
      enclosed.set(outer, (enclosed.get(outer) ?? 0) + 1);
      break;
    }
  }
  const rootOf = (u: UnitAcc): UnitAcc => {
    let r = u;
    for (let hops = 0, up = enclosing.get(r); up !== undefined && enclosed.get(up) === 1 && hops < 16; hops++, up = enclosing.get(r)) r = up;
    return r;
  };
  const copy = (u: UnitAcc): UnitAcc => ({ ...u, statuses: [...u.statuses], sources: new Set(u.sources) });
  const roots = new Map(units.map((u) => [u, rootOf(u)]));
  const result = new Map<UnitAcc, UnitAcc>();
  for (const u of units) if (roots.get(u) === u) result.set(u, copy(u));
  for (const u of units) {
    const root = roots.get(u);
    if (root === u || root === undefined) continue;
    const target = result.get(root);
    if (target === undefined) {
      result.set(u, copy(u)); // a containment loop: keep the unit rather than lose it
      continue;
    }
    target.statuses.push(...u.statuses);
    for (const src of u.sources) target.sources.add(src);
  }
  return [...result.values()];
}

function components(state: ComponentState, kind: 'psu' | 'fan', ctx: ExtractContext): Component[] {
  const replaced = state.replaced.get(kind);
  const kept = [...state.units.values()].filter((u) => u.kind === kind && !(replaced !== undefined && [...u.sources].every((s) => replaced.has(s))));
  const out: Component[] = [];
  for (const u of foldNested(kept, ctx)) {
    const entityName = u.physicalIndex === undefined ? null : ctx.entityLabel(u.physicalIndex);
    out.push({
      id: u.id,
      name: entityName ?? u.name ?? u.id,
      status: combineStatus(u.statuses),
      sources: [...u.sources],
    });
  }
  return out;
}

/** The PSU and fan kind. */
export const componentKind = defineKind({
  kind: 'component',
  fields: ['powerSupplies', 'fans'],
  refs: (ex: ComponentExtractor) => [...(ex.name ?? []), ex.physicalIndex, ex.unitOf],
  usesEntity: (ex) => ex.status.from === 'descendants' || ex.physicalIndex !== undefined,
  start: (): ComponentState => ({ units: new Map(), replaced: new Map() }),
  run(ex, p, view, ctx, state) {
    if (ex.unlessRows !== undefined && (view.cols.get(ex.unlessRows)?.size ?? 0) > 0) return 0;
    let n = 0;
    for (const row of rowsOf(p, view, ctx, ex.rows, ex.index, ex.where)) {
      const phys = ex.physicalIndex === undefined ? undefined : (resolve(ex.physicalIndex, row, view, ctx) ?? undefined);
      if (phys !== undefined && phys !== '0') row.physicalIndex = phys;
      let status: ComponentStatus;
      if (ex.status.from === 'descendants') {
        const found: ComponentStatus[] = [];
        for (const d of ctx.descendants(row.physicalIndex ?? row.index)) {
          const raw = rawInt(view, ex.status.column, d);
          if (raw !== null) found.push(ex.status.map[raw] ?? 'unknown');
        }
        status = combineStatus(found);
      } else {
        status = mapped(view, ex.status, row.index) ?? textStatus(view, ex.status, row.index) ?? 'unknown';
      }
      if (ex.absentWhen !== undefined) {
        const pres = rawInt(view, ex.absentWhen.column, row.index);
        if (pres !== null && ex.absentWhen.in.includes(pres)) status = 'absent';
      }
      const rowKey = (ex.unitOf === undefined ? null : resolve(ex.unitOf, row, view, ctx)) ?? row.index;
      const local = ex.unit === undefined ? rowKey : `${ex.unit}-${rowKey}`;
      const key = row.physicalIndex !== undefined ? `${ex.component}:${row.physicalIndex}` : `${ex.component}:${p.id}:${local}`;
      const id = row.physicalIndex !== undefined ? `${ex.component}-${row.physicalIndex}` : `${ex.component}-${p.id}-${local}`;
      let u = state.units.get(key);
      if (u === undefined) {
        u = { kind: ex.component, id, physicalIndex: row.physicalIndex, name: null, statuses: [], sources: new Set() };
        state.units.set(key, u);
      }
      u.name ??= firstOf(ex.name, row, view, ctx);
      u.statuses.push(status);
      u.sources.add(p.id);
      n++;
    }
    if (n > 0 && ex.replaces !== undefined) {
      const set = state.replaced.get(ex.component) ?? new Set<string>();
      for (const id of ex.replaces) set.add(id);
      state.replaced.set(ex.component, set);
    }
    return n;
  },
  finish: (state, ctx) => ({ powerSupplies: components(state, 'psu', ctx), fans: components(state, 'fan', ctx) }),
  empty: () => ({ powerSupplies: [], fans: [] }),
});
