/**
 * The hazard ledger's shapes (隐患排查治理台账, protection-policy.md §6.1): hazards and their
 * lifecycle, the findings history they come from, accepted risks (waivers), and the audit record
 * every write leaves. These are the contract between the pure reconciliation (`reconcile.ts`,
 * `lifecycle.ts`), the store port (`LedgerStore`, SQLite now, PostgreSQL next) and the API.
 * Times are ms since the epoch; people see them in the operator's zone.
 */
import type { Bilingual, Colour, Evidence, FindingState, Measure, Subject } from '../analysis/finding.js';
import type { ProtectionClass } from '../config/schema.js';

/**
 * Where a hazard stands. `open` (待整改): found, nobody has taken it. `acknowledged` (已确认): an
 * owner is set. `rectifying` (整改中): the fix is under way. `pendingVerification` (整改完成待验收):
 * redline re-measured the subject as protected for N passes in a row (entered by redline, never by
 * hand for a measured hazard). `closed` (已销号): a verifier signed it off. `reopened` (重新打开):
 * it recurred after closing; works like `open`, its history kept. Overdue is computed, never stored.
 */
export const HAZARD_STATUSES = ['open', 'acknowledged', 'rectifying', 'pendingVerification', 'closed', 'reopened'] as const;
/** One of HAZARD_STATUSES. */
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** The hazard grade (隐患级别) a person confirms; a rule only suggests it. */
export const HAZARD_GRADES = ['一般隐患', '重大隐患'] as const;
/** One of HAZARD_GRADES. */
export type HazardGrade = (typeof HAZARD_GRADES)[number];

/** How a hazard was found (排查方式). Measured hazards are `auto-rule`; people may file the others. */
export const FOUND_BY_METHODS = ['auto-rule', 'patrol', 'inspection', 'drill'] as const;
/** One of FOUND_BY_METHODS. */
export type FoundByMethod = (typeof FOUND_BY_METHODS)[number];

/** The six parts a governance plan for a 重大隐患 must have (治理方案, protection-policy.md §6.1). */
export interface GovernancePlan {
  /** 目标和任务 */
  readonly goals: string;
  /** 方法和措施 */
  readonly methods: string;
  /** 经费和物资 */
  readonly fundingAndMaterials: string;
  /** 机构和人员 */
  readonly organisationAndPeople: string;
  /** 时限和要求 */
  readonly timeLimits: string;
  /** 安全措施和应急预案 */
  readonly safetyAndContingency: string;
}

/** The record of a 重大隐患's report to the communications administration (是否上报). */
export interface RegulatorReport {
  /** The day it was reported (YYYY-MM-DD, operator's zone). */
  readonly date: string;
  /** To whom (e.g. 省通信管理局). */
  readonly to: string;
  /** The document or ticket reference. */
  readonly reference: string;
}

/** Where a hazard is (隐患部位): site, room, network element, route. */
export interface HazardLocation {
  readonly siteId: string | null;
  readonly sites: readonly string[];
  readonly roomId?: string;
  readonly neId?: string;
  readonly routeId?: string;
}

/** The verifier's sign-off (验收). */
export interface Verification {
  readonly by: string;
  readonly at: number;
  readonly result: 'passed' | 'failed';
  readonly note?: string;
}

/** One hazard (隐患): a ledger entry tracking one finding (or a person's report) to closure. */
export interface Hazard {
  /** Stable (隐患编号): `<rule>:<subject kind>:<subject id>:<first seen, ISO date-time UTC>`. */
  readonly id: string;
  /** Optimistic concurrency: every write increments it; a write naming an older version is refused (409). */
  readonly version: number;
  /** The finding fingerprint (rule + subject) it tracks; null for a hazard a person filed. */
  readonly fingerprint: string | null;
  readonly rule: string | null;
  readonly subject: Subject | null;
  readonly location: HazardLocation;
  readonly protectionClass: ProtectionClass;
  /** 隐患类别: the measure it concerns (网络架构: 节点/路由/负荷/倒换/配置; 供电), or a category a person gave. */
  readonly measure: Measure | null;
  readonly category: string;
  /** 隐患描述: from the finding's explanation (measured vs threshold), or a person's words. */
  readonly description: Bilingual;
  /** 判定依据: rule id and the clauses it rests on, cited in both languages. */
  readonly basis: readonly { readonly id: string; readonly cite: Bilingual }[];
  /** 风险等级 of the latest failing finding (red 重大风险 … blue 低风险). */
  readonly colour: Colour;
  /** What the rule suggested (a person confirms it as `grade`). */
  readonly suggestedGrade: HazardGrade | null;
  /** 隐患级别, confirmed by a person; null until confirmed. */
  readonly grade: HazardGrade | null;
  readonly foundAt: number;
  /** `daemon` for measured hazards, else the person (principal name). */
  readonly foundBy: string;
  readonly foundByMethod: FoundByMethod;
  readonly reportingOrg: string | null;
  readonly potentialConsequence: string | null;
  /** 临时管控措施 */
  readonly interimControls: string | null;
  /** 整改措施 */
  readonly remediationPlan: string | null;
  /** 治理方案 (six parts), required for a 重大隐患 before it moves past acknowledged. */
  readonly governancePlan: GovernancePlan | null;
  readonly regulatorReport: RegulatorReport | null;
  /** 挂牌督办 */
  readonly supervised: boolean;
  /** 整改责任单位 / 责任人: the operator's accountable owner (never the contractor). */
  readonly ownerOrg: string | null;
  readonly ownerPerson: string | null;
  /** 实施单位（代维）/ 实施人: who does the work when outsourced; never replaces the owner. */
  readonly contractorOrg: string | null;
  readonly contractorPerson: string | null;
  /** 整改资金: amount and source, as written. */
  readonly funding: string | null;
  /** 整改时限: from the risk level (policy) at opening; a person may change it (audited). */
  readonly deadline: number;
  readonly status: HazardStatus;
  /** The latest measured state of the finding (null for a filed hazard). */
  readonly findingState: FindingState | null;
  /** When redline last judged the finding. */
  readonly lastMeasuredAt: number | null;
  /** Consecutive passes that judged the subject protected (drives pendingVerification). */
  readonly protectedPasses: number;
  /** 完成日期: when redline (or a person) saw it fixed. */
  readonly fixedAt: number | null;
  /** 验收人、验收日期、验收结论 */
  readonly verification: Verification | null;
  /** 销号日期 */
  readonly closedAt: number | null;
  readonly reopenCount: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What kind of event a hazard's history holds. */
export const HAZARD_EVENT_KINDS = ['opened', 'status', 'update', 'measured', 'comment', 'evidence'] as const;
/** One of HAZARD_EVENT_KINDS. */
export type HazardEventKind = (typeof HAZARD_EVENT_KINDS)[number];

/** One entry of a hazard's history (复查记录 and every change), newest last. */
export interface HazardEvent {
  readonly hazardId: string;
  readonly seq: number;
  readonly at: number;
  /** Principal name, or `daemon` for what redline did itself. */
  readonly actor: string;
  readonly kind: HazardEventKind;
  readonly from?: HazardStatus;
  readonly to?: HazardStatus;
  /** Changed fields: name → { before, after }. */
  readonly changes?: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>;
  readonly text?: string;
  /** Evidence attached (a measurement's facts, a link, or a small file's id). */
  readonly evidence?: readonly Evidence[];
}

/** A comment or a piece of evidence a person attached (佐证材料). */
export interface Attachment {
  readonly id: string;
  readonly hazardId: string;
  readonly at: number;
  readonly by: string;
  readonly kind: 'comment' | 'link' | 'file';
  readonly text: string;
  /** For a link: the URL; for a file: its name. */
  readonly ref?: string;
  /** For a file: its media type, size in bytes and sha256 (the bytes are fetched separately). */
  readonly mediaType?: string;
  readonly size?: number;
  readonly sha256?: string;
}

/** An accepted risk (风险接受): a finding that stands but is accepted, with an approver, until it expires. */
export interface LedgerWaiver {
  readonly id: string;
  readonly version: number;
  readonly rule: string;
  readonly subject: Subject;
  readonly reason: string;
  /** Who approved it (an admin's principal name, or the person named on import). */
  readonly approvedBy: string;
  /** Scope: the sites / classes it is limited to, as written (empty: the subject wherever it is). */
  readonly scope: readonly string[];
  readonly createdAt: number;
  /** When it stops applying (ms); capped by the risk level's maximum in the policy. */
  readonly until: number;
  readonly revokedAt: number | null;
  /** `policy.yaml` when imported from the policy file, else `api`. */
  readonly source: 'policy.yaml' | 'api';
}

/** One finding's state as stored, and when it became so (findings history). */
export interface FindingRecord {
  readonly fingerprint: string;
  readonly rule: string;
  readonly subject: Subject;
  readonly state: FindingState;
  readonly colour: Colour | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** When the current state began. */
  readonly since: number;
  /** Hash of the policy in force when this state was judged. */
  readonly policyHash: string;
}

/** One stored change of a finding's state, with its evidence and the policy that judged it. */
export interface FindingChange {
  readonly fingerprint: string;
  readonly at: number;
  readonly from: FindingState | null;
  /** `gone` when the subject left the analysis (removed from the inventory, rule no longer applies). */
  readonly to: FindingState | 'gone';
  readonly colour: Colour | null;
  readonly evidence: readonly Evidence[];
  readonly explanation: Bilingual | null;
  readonly policyHash: string;
}

/** What one audit record says happened (the chain and signature are added by the store). */
export interface AuditEntry {
  readonly at: number;
  /** Principal name, `daemon`, or `cli:<user>` for offline commands. */
  readonly actor: string;
  /** e.g. `hazard.transition`, `hazard.update`, `hazard.comment`, `waiver.create`, `token.create`, `config.reload`, `export`. */
  readonly action: string;
  /** What it acted on, e.g. `hazard:<id>`, `token:<name>`. */
  readonly target: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** An audit record as stored: its place in the chain. `hash = sha256(prevHash ‖ canonical(entry, seq))`. */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The ledger's part of the policy (read by the policy parser, which sits to the ledger's left). */
export { DEFAULT_LEDGER_POLICY, type LedgerPolicy } from '../analysis/ledger-policy.js';
