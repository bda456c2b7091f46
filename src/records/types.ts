/**
 * The records MIIT Notice No. 46 [2023] asks an operator to keep beside the network itself:
 * cutovers and upgrades with their plans and approval (二、（三）), emergency plans reviewed
 * regularly and the drills that prove them (二、（四）), incidents with the time they were reported
 * to the administration (二、（四）), and the preparation checklists of special periods (§5 of the
 * protection policy). Every record has an id, an optimistic `version`, who made and last changed
 * it, a status, a time span and the network elements it concerns (the store indexes the last two).
 * The words people read for statuses are in `words.ts`.
 */
import type { Versioned } from '../common/versioned.js';

/** The kinds of record, as stored and as the API paths name them (`/api/v1/records/<path>`). */
export const RECORD_KINDS = ['cutover', 'plan', 'drill', 'incident', 'checklist'] as const;
/** One of RECORD_KINDS. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The network elements a record concerns (each list may be empty). */
export interface Elements {
  readonly devices: readonly string[];
  readonly links: readonly string[];
  readonly sites: readonly string[];
  /** Shared risks as `<kind>:<id>` (duct:D-7, room:bj/a …): every link that carries one. */
  readonly riskGroups: readonly string[];
}

/** No elements. */
export const NO_ELEMENTS: Elements = { devices: [], links: [], sites: [], riskGroups: [] };

/** What every record carries (src/common/versioned.ts). */
export type RecordBase = Versioned;

/** 业务割接 / 设备扩容 / 升级改造. */
export const CUTOVER_CATEGORIES = ['cutover', 'expansion', 'upgrade'] as const;
export const CUTOVER_STATUSES = ['draft', 'approved', 'in_progress', 'done', 'rolled_back', 'cancelled'] as const;
export type CutoverStatus = (typeof CUTOVER_STATUSES)[number];

/** A cutover, expansion or upgrade: its operation plan, rollback plan, approval and window. */
export interface CutoverRecord extends RecordBase {
  readonly kind: 'cutover';
  /** The change ticket or work order (工单号). */
  readonly ref: string;
  readonly title: string;
  readonly category: (typeof CUTOVER_CATEGORIES)[number];
  /** 操作方案: where the operation plan is kept and what it does. */
  readonly operationPlan: { readonly ref: string; readonly summary: string };
  /** 回退/应急预案: how the change is rolled back if it goes wrong. */
  readonly rollbackPlan: { readonly ref: string; readonly summary: string };
  /** An emergency change (抢修): it may be approved after the work began. */
  readonly emergency: boolean;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly affected: Elements;
  readonly status: CutoverStatus;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
  /** The last refusal of the plan by an administrator (驳回), until it is approved; absent on records written before refusals existed. */
  readonly rejection?: { readonly by: string; readonly at: number; readonly reason: string } | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly notes: string;
}

export const PLAN_STATUSES = ['active', 'retired'] as const;

/** An emergency plan (应急预案) for one scenario, reviewed at an interval. */
export interface PlanRecord extends RecordBase {
  readonly kind: 'plan';
  readonly title: string;
  readonly scenario: string;
  /** The plan document's own version (v2.1 …), not the record's. */
  readonly planVersion: string;
  readonly owner: string;
  readonly ref: string;
  readonly lastReviewedAt: number;
  readonly reviewIntervalDays: number;
  readonly scope: Elements;
  readonly status: (typeof PLAN_STATUSES)[number];
  /** Each review: when, by whom, the plan version reviewed, a note. */
  readonly reviews: readonly { readonly at: number; readonly by: string; readonly planVersion: string; readonly note: string }[];
}

export const DRILL_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const DRILL_RESULTS = ['pass', 'fail'] as const;

/** One state change redline recorded on a drilled element during the drill window. */
export interface ObservedChange {
  readonly deviceId: string;
  readonly at: number;
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
}

/** An emergency drill or switchover test (应急演练 / 倒换测试). */
export interface DrillRecord extends RecordBase {
  readonly kind: 'drill';
  readonly title: string;
  readonly scenario: string;
  /** The emergency plan it exercises, if any. */
  readonly planId: string | null;
  /** The protection group, service or pair (`a+b`) it switched over: SWO-006 and SWO-002 read it. */
  readonly group: string | null;
  readonly elements: Elements;
  readonly start: number;
  readonly end: number;
  readonly participants: readonly string[];
  readonly status: (typeof DRILL_STATUSES)[number];
  readonly result: (typeof DRILL_RESULTS)[number] | null;
  readonly measuredSwitchMs: number | null;
  readonly reportRef: string;
  readonly notes: string;
  /** What redline observed on the elements in the window (VRRP master change, BGP failover, PSU state …), read when the record was written. */
  readonly observed: readonly ObservedChange[];
}

/** Accident grades of 电信网络运行监督管理办法: 特别重大 / 重大 / 较大 / 一般. */
export const INCIDENT_GRADES = ['particularlyMajor', 'major', 'larger', 'general'] as const;
export type IncidentGrade = (typeof INCIDENT_GRADES)[number];
export const INCIDENT_STATUSES = ['open', 'resolved', 'closed'] as const;

/** An incident (网络运行事故/事件) and its report to the administration. */
export interface IncidentRecord extends RecordBase {
  readonly kind: 'incident';
  readonly title: string;
  readonly summary: string;
  readonly start: number;
  readonly end: number | null;
  readonly grade: IncidentGrade;
  readonly affectedServices: readonly string[];
  readonly elements: Elements;
  /** When it was reported to the communications administration (通信管理局), null until then. */
  readonly reportedAt: number | null;
  /** How long after the start the report is due, in minutes (default by grade, INCIDENT_REPORT_MINUTES). */
  readonly reportDeadlineMinutes: number;
  readonly linkedAlerts: readonly string[];
  readonly linkedHazards: readonly string[];
  readonly status: (typeof INCIDENT_STATUSES)[number];
}

/**
 * Minutes from an incident's start within which it is reported, per grade [P]: the notice says
 * "at once" (立即报告); these defaults are the project's reading and each incident may set its own.
 */
export const INCIDENT_REPORT_MINUTES: Readonly<Record<IncidentGrade, number>> = {
  particularlyMajor: 60, major: 60, larger: 120, general: 1440,
};

export const CHECK_CATEGORIES = ['patrol', 'generatorFuel', 'towerReinforcement', 'floodBarriers', 'dutyRoster', 'other'] as const;
export const CHECK_RESULTS = ['ok', 'problem'] as const;
export const CHECKLIST_STATUSES = ['open', 'complete'] as const;

/** One item of a checklist and who checked it. */
export interface CheckItem {
  readonly id: string;
  readonly category: (typeof CHECK_CATEGORIES)[number];
  readonly text: string;
  readonly site: string | null;
  readonly checkedBy: string | null;
  readonly checkedAt: number | null;
  readonly result: (typeof CHECK_RESULTS)[number] | null;
  readonly note: string;
}

/** A special period's preparation checklist (patrols, generator fuel, tower reinforcement …). */
export interface ChecklistRecord extends RecordBase {
  readonly kind: 'checklist';
  readonly title: string;
  /** The policy's special period id (specialPeriods.holidays / majorEvents / calendar). */
  readonly periodId: string;
  /** When the preparations must be done (the period's first day, usually). */
  readonly dueAt: number;
  readonly sites: readonly string[];
  readonly items: readonly CheckItem[];
  readonly status: (typeof CHECKLIST_STATUSES)[number];
}

/** A record of a kind. */
export interface RecordOfKind {
  cutover: CutoverRecord;
  plan: PlanRecord;
  drill: DrillRecord;
  incident: IncidentRecord;
  checklist: ChecklistRecord;
}
export type AnyRecord = RecordOfKind[RecordKind];

/** The time span the store indexes: the window, the drill, the incident, the review interval, the preparation. */
export function spanOf(r: AnyRecord): { readonly start: number; readonly end: number | null } {
  switch (r.kind) {
    case 'cutover': return { start: r.windowStart, end: r.windowEnd };
    case 'plan': return { start: r.lastReviewedAt, end: r.lastReviewedAt + r.reviewIntervalDays * 86_400_000 };
    case 'drill': return { start: r.start, end: r.end };
    case 'incident': return { start: r.start, end: r.end };
    case 'checklist': return { start: r.createdAt, end: r.dueAt };
  }
}

/** The elements the store indexes, as `device:<id>`, `link:<id>`, `site:<id>`, `risk:<kind:id>`, `group:<id>`, `service:<id>`. */
export function elementKeysOf(r: AnyRecord): string[] {
  const of = (e: Elements): string[] => [
    ...e.devices.map((x) => `device:${x}`), ...e.links.map((x) => `link:${x}`), ...e.sites.map((x) => `site:${x}`), ...e.riskGroups.map((x) => `risk:${x}`),
  ];
  switch (r.kind) {
    case 'cutover': return of(r.affected);
    case 'plan': return of(r.scope);
    case 'drill': return [...of(r.elements), ...(r.group === null ? [] : [`group:${r.group}`])];
    case 'incident': return [...of(r.elements), ...r.affectedServices.map((s) => `service:${s}`)];
    case 'checklist': return r.sites.map((s) => `site:${s}`);
  }
}
