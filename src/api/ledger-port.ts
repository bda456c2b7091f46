/**
 * What the ledger routes are given: the store, the ledger policy in force, the operator's zone,
 * and the ledger's pure rules (lifecycle, deadlines, waiver caps, clearance, words) as one
 * object the composition root wires, so the routes hold HTTP and nothing of the rules' logic.
 */
import type { Bilingual, Colour } from '../analysis/finding.js';
import type { ProtectionClass } from '../config/schema.js';
import type { HazardChange, LedgerStore } from '../ledger/port.js';
import type {
  FoundByMethod, GovernancePlan, Hazard, HazardGrade, HazardLocation, HazardStatus, LedgerPolicy, LedgerWaiver, RegulatorReport,
} from '../ledger/types.js';

/** The actions a person takes on a hazard through `PATCH /api/v1/hazards/:id`. */
export const HAZARD_ACTIONS = ['acknowledge', 'update', 'confirmGrade', 'startRectification', 'markFixed', 'verify', 'reopen'] as const;
/** One of HAZARD_ACTIONS. */
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/** The fields a person may set with an action (each action reads the ones it needs). */
export interface HazardActionInput {
  readonly ownerOrg?: string;
  readonly ownerPerson?: string;
  readonly contractorOrg?: string | null;
  readonly contractorPerson?: string | null;
  readonly reportingOrg?: string | null;
  readonly potentialConsequence?: string | null;
  readonly interimControls?: string | null;
  readonly remediationPlan?: string | null;
  readonly funding?: string | null;
  readonly governancePlan?: GovernancePlan | null;
  readonly regulatorReport?: RegulatorReport | null;
  readonly supervised?: boolean;
  /** A new deadline (ms). */
  readonly deadline?: number;
  readonly grade?: HazardGrade;
  /** The verifier's conclusion (verify). */
  readonly result?: 'passed' | 'failed';
  readonly note?: string;
}

/** A hazard a person files (patrol, inspection, drill). */
export interface FiledHazardInput {
  readonly foundByMethod: Exclude<FoundByMethod, 'auto-rule'>;
  readonly description: Bilingual;
  readonly category: string;
  readonly protectionClass: ProtectionClass;
  readonly colour: Colour;
  readonly location: HazardLocation;
  readonly suggestedGrade?: HazardGrade;
  readonly reportingOrg?: string;
  readonly potentialConsequence?: string;
  readonly interimControls?: string;
}

/** Who acts, when, under which ledger policy. */
export interface ActionContext {
  readonly actor: string;
  readonly at: number;
  readonly policy: LedgerPolicy;
}

/** The ledger's pure rules, as the routes use them. */
export interface LedgerRules {
  /** A person's action as a change of the stored hazard; the change throws LedgerRuleError (naming what is allowed) when refused. */
  change(action: HazardAction, input: HazardActionInput, ctx: ActionContext): HazardChange;
  /** The actions a person may take on `hazard` now. */
  allowedActions(hazard: Hazard): readonly HazardAction[];
  /** Past its deadline and not closed, at `now` (computed, never stored). */
  overdue(hazard: Hazard, now: number): boolean;
  /** The hazard a person files (version 1, status open, deadline from the colour). */
  fileHazard(input: FiledHazardInput, ctx: ActionContext): Hazard;
  /** Refuses (LedgerRuleError) a waiver past the cap of its risk level. */
  checkWaiver(waiver: LedgerWaiver, colour: Colour, policy: LedgerPolicy): void;
  /** 动态清零: open hazards by risk level and status, overdue, time to close, the trend (JSON). */
  clearance(hazards: readonly Hazard[], now: number, timeZone: string): unknown;
  /** The label of a status in both languages (待整改 / open …). */
  statusLabel(status: HazardStatus): Bilingual;
}

/** The hazard ledger as the API reads and writes it; the composition root (src/app/ledger.ts) builds it. */
export interface LedgerApi {
  readonly store: LedgerStore;
  readonly rules: LedgerRules;
  /** The ledger part of the policy in force (deadlines, verification passes, waiver caps). */
  readonly policy: () => LedgerPolicy;
  /** The operator's IANA zone (settings.timeZone): times people read are shown in it. */
  readonly timeZone: () => string;
  /** settings.ledger.maxAttachmentKB: the largest evidence file accepted. */
  readonly maxAttachmentKB: () => number;
  /** Wall time (ms). */
  readonly now: () => number;
  /** The latest signed audit checkpoint (JSON), or null before the first one. */
  readonly latestCheckpoint: () => Promise<unknown>;
  /** Told after a waiver was created or revoked, so the analysis gets the ledger's active waivers. */
  readonly waiversChanged: () => void;
}
