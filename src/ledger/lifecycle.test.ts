/**
 * Person actions on a hazard: which actions each status allows, the errors that name them,
 * input validation with paths, what rectification needs (the six governance parts and the
 * regulator report for a 重大隐患), marking fixed only for filed hazards, verification with
 * separation of duties, reopening, and filing a hazard found on patrol.
 */
import { describe, expect, it } from 'vitest';
import { hazard, T } from '../../test/support/hazard-builders.js';
import { LedgerRuleError } from './errors.js';
import {
  LifecycleInputError, acknowledge, allowedActions, confirmGrade, fileHazard, fileHazardAudit, lifecycleInputSchemas, markFixed,
  missingForRectification, reopen, startRectification, update, verify,
} from './lifecycle.js';
import type { HazardChange } from './port.js';
import { DEFAULT_LEDGER_POLICY, HAZARD_STATUSES, type GovernancePlan, type Hazard } from './types.js';

const P = DEFAULT_LEDGER_POLICY;
const DAY = 86_400_000;
const now = T('2026-12-03T08:00:00Z');

/** The error a change throws on this hazard. */
function refusal(change: HazardChange, h: Hazard): LedgerRuleError {
  try {
    change(h);
  } catch (err) {
    if (err instanceof LedgerRuleError) return err;
    throw err;
  }
  throw new Error('the change was not refused');
}

/** The input error an action throws. */
function inputIssues(build: () => unknown): string[] {
  try {
    build();
  } catch (err) {
    if (err instanceof LifecycleInputError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error('the input was accepted');
}

const plan: GovernancePlan = {
  goals: '消除单电源', methods: '加装第二电源模块', fundingAndMaterials: '两万元，备件库', organisationAndPeople: '网络部动力班',
  timeLimits: '十五日内', safetyAndContingency: '割接前备好油机',
};
const owned = hazard({ status: 'acknowledged', ownerOrg: '上海分公司网络部', ownerPerson: '王工', contractorOrg: '某代维公司', contractorPerson: '赵工' });
const ready = { ...owned, grade: '一般隐患' as const, remediationPlan: '加装第二电源模块' };
const filed = hazard({ fingerprint: null, rule: null, subject: null, findingState: null, lastMeasuredAt: null, foundBy: '张工', foundByMethod: 'patrol' });

describe('allowed actions', () => {
  it.each([
    ['open', ['acknowledge', 'update', 'confirmGrade']],
    ['reopened', ['acknowledge', 'update', 'confirmGrade']],
    ['acknowledged', ['update', 'confirmGrade', 'startRectification']],
    ['rectifying', ['update', 'confirmGrade']],
    ['pendingVerification', ['update', 'verify']],
    ['closed', ['reopen']],
  ] as const)('a measured %s hazard allows %j', (status, actions) => {
    expect(allowedActions(hazard({ status }))).toEqual(actions);
  });

  it('a filed hazard being rectified can be marked fixed; so can one whose subject left the analysis', () => {
    expect(allowedActions({ ...filed, status: 'rectifying' })).toContain('markFixed');
    expect(allowedActions(hazard({ status: 'rectifying', findingState: null }))).toContain('markFixed');
  });

  it('covers every status', () => {
    for (const s of HAZARD_STATUSES) expect(allowedActions(hazard({ status: s })).length).toBeGreaterThan(0);
  });

  it('refuses an invalid transition, naming the allowed ones', () => {
    const err = refusal(verify({ verifier: '李工', result: 'passed' }, 'op', now), hazard({ status: 'open' }));
    expect(err.message).toMatch(/cannot verify hazard NODE-001:device:cr1:.*: it is open \(待整改\); allowed from open \(待整改\): acknowledge, update, confirmGrade/);
    expect(err.allowed).toEqual(['acknowledge', 'update', 'confirmGrade']);
    expect(refusal(update({ funding: '一万元' }, 'op', now), hazard({ status: 'closed' })).allowed).toEqual(['reopen']);
  });
});

describe('acknowledge', () => {
  it('names the owner and keeps the contractor apart', () => {
    const { hazard: h, event, audit } = acknowledge({ ownerOrg: ' 网络部 ', ownerPerson: '王工', contractorOrg: '代维公司', contractorPerson: '赵工', note: '已派单' }, 'alice', now)(hazard());
    expect(h).toMatchObject({ status: 'acknowledged', ownerOrg: '网络部', ownerPerson: '王工', contractorOrg: '代维公司', contractorPerson: '赵工', version: 2, updatedAt: now });
    expect(event).toMatchObject({ actor: 'alice', kind: 'status', from: 'open', to: 'acknowledged', text: '已派单', at: now });
    expect(audit).toEqual({
      at: now, actor: 'alice', action: 'hazard.acknowledge', target: `hazard:${h.id}`,
      before: { status: 'open', ownerOrg: null, ownerPerson: null, contractorOrg: null, contractorPerson: null },
      after: { status: 'acknowledged', ownerOrg: '网络部', ownerPerson: '王工', contractorOrg: '代维公司', contractorPerson: '赵工' },
    });
  });

  it('needs the owner unit and person, each error with its path', () => {
    expect(inputIssues(() => acknowledge({ ownerOrg: '', extra: 1 } as never, 'alice', now))).toEqual(expect.arrayContaining([
      'ownerOrg: ownerOrg (整改责任单位) must not be empty',
      'ownerPerson: ownerPerson (责任人) is required',
      expect.stringMatching(/^\(root\): .*extra/),
    ]));
  });

  it('also takes a reopened hazard', () => {
    expect(acknowledge({ ownerOrg: 'x', ownerPerson: 'y' }, 'a', now)(hazard({ status: 'reopened' })).hazard.status).toBe('acknowledged');
  });
});

describe('update', () => {
  it('changes the plan fields and records them', () => {
    const { hazard: h, event } = update({ interimControls: '监控加密', remediationPlan: '加装电源', funding: '两万元（大修）', supervised: true, governancePlan: { goals: '消除单电源' } }, 'alice', now)(owned);
    expect(h).toMatchObject({ interimControls: '监控加密', remediationPlan: '加装电源', funding: '两万元（大修）', supervised: true, status: 'acknowledged' });
    expect(h.governancePlan).toEqual({ goals: '消除单电源', methods: '', fundingAndMaterials: '', organisationAndPeople: '', timeLimits: '', safetyAndContingency: '' });
    expect(event.kind).toBe('update');
    expect(Object.keys(event.changes ?? {}).sort()).toEqual(['funding', 'governancePlan', 'interimControls', 'remediationPlan', 'supervised']);
  });

  it('reassigns the owner and clears the contractor', () => {
    const h = update({ ownerPerson: '钱工', contractorOrg: null, contractorPerson: null }, 'alice', now)(owned).hazard;
    expect(h).toMatchObject({ ownerPerson: '钱工', ownerOrg: owned.ownerOrg, contractorOrg: null, contractorPerson: null });
  });

  it('changes the deadline only with a reason, kept in the history', () => {
    expect(inputIssues(() => update({ deadline: '2027-01-15T18:00:00+08:00' }, 'a', now))).toEqual(['deadlineReason: a deadline change needs a reason (deadlineReason, at least 10 characters)']);
    expect(inputIssues(() => update({ deadline: '15 January', deadlineReason: '备件到货推迟两周' }, 'a', now))[0]).toMatch(/^deadline: deadline: expected an ISO 8601 time/);
    const { hazard: h, event } = update({ deadline: '2027-01-15T18:00:00+08:00', deadlineReason: '电源模块备件到货推迟两周' }, 'a', now)(owned);
    expect(h.deadline).toBe(T('2027-01-15T10:00:00Z'));
    expect(event.text).toBe('deadline: 电源模块备件到货推迟两周');
    expect(event.changes?.['deadline']).toEqual({ before: owned.deadline, after: T('2027-01-15T10:00:00Z') });
  });

  it('refuses a deadline before the hazard was found', () => {
    expect(refusal(update({ deadline: '2020-01-01T00:00:00Z', deadlineReason: '录入错误，需要修正为原定时限' }, 'a', now), owned).message).toMatch(/not after the hazard was found/);
  });

  it('refuses an empty update and one that changes nothing', () => {
    expect(inputIssues(() => update({ note: 'x' }, 'a', now))).toEqual(['(root): an update names at least one field to change']);
    expect(refusal(update({ ownerPerson: '王工' }, 'a', now), owned).message).toMatch(/changes nothing/);
  });

  it('refuses to strip a rectifying hazard of what rectification needs', () => {
    const rectifying = { ...ready, status: 'rectifying' as const };
    expect(refusal(update({ remediationPlan: null }, 'a', now), rectifying).message).toMatch(/would lack remediationPlan \(整改措施\)/);
  });

  it('fills in a hazard that reached pending verification straight from open', () => {
    const pending = hazard({ status: 'pendingVerification', findingState: 'protected', protectedPasses: 3, fixedAt: now });
    const h = update({ ownerOrg: '网络部', ownerPerson: '王工' }, 'a', now)(pending).hazard;
    expect(h).toMatchObject({ status: 'pendingVerification', ownerPerson: '王工', remediationPlan: null });
  });
});

describe('confirm the grade and start rectification', () => {
  it('lists everything a hazard lacks', () => {
    expect(missingForRectification(hazard({ status: 'acknowledged' }))).toEqual([
      'ownerOrg (整改责任单位)', 'ownerPerson (责任人)', 'remediationPlan (整改措施)', 'grade (隐患级别，须经人确认)',
    ]);
    const err = refusal(startRectification({}, 'a', now), owned);
    expect(err.message).toMatch(/missing remediationPlan \(整改措施\), grade/);
    expect(err.allowed).toEqual(['update', 'confirmGrade', 'startRectification']);
  });

  it('starts a 一般隐患 with owner, plan and grade', () => {
    const s = startRectification({ note: '开工' }, 'a', now)(ready);
    expect(s.hazard.status).toBe('rectifying');
    expect(s.audit.action).toBe('hazard.rectify');
  });

  it('a 重大隐患 also needs the six governance parts and the report to the regulator, each missing one named', () => {
    const major = confirmGrade({ grade: '重大隐患' }, 'a', now)(ready).hazard;
    expect(major.grade).toBe('重大隐患');
    const partial = { ...major, governancePlan: { ...plan, methods: ' ', safetyAndContingency: '' } };
    const err = refusal(startRectification({}, 'a', now), partial);
    expect(err.message).toContain('governancePlan.methods (方法和措施)');
    expect(err.message).toContain('governancePlan.safetyAndContingency (安全措施和应急预案)');
    expect(err.message).toContain('regulatorReport (是否上报：上报日期、上报单位、上报文号)');
    expect(err.message).not.toContain('governancePlan.goals');
    const complete = { ...major, governancePlan: plan, regulatorReport: { date: '2026-12-02', to: '上海市通信管理局', reference: '沪通〔2026〕12号' } };
    expect(startRectification({}, 'a', now)(complete).hazard.status).toBe('rectifying');
  });

  it('refuses to raise a rectifying hazard to 重大隐患 without its governance plan', () => {
    expect(refusal(confirmGrade({ grade: '重大隐患' }, 'a', now), { ...ready, status: 'rectifying' }).message).toMatch(/graded 重大隐患 would lack governancePlan\.goals/);
  });

  it('rejects an unknown grade with its path', () => {
    expect(inputIssues(() => confirmGrade({ grade: '特大隐患' } as never, 'a', now))).toEqual(['grade: grade: expected 一般隐患 or 重大隐患']);
  });
});

describe('mark fixed', () => {
  it('refuses a measured hazard: re-measurement moves it', () => {
    const err = refusal(markFixed({}, 'a', now), { ...ready, status: 'rectifying' });
    expect(err.message).toMatch(/moves to pendingVerification by itself once the subject is re-measured as protected/);
  });

  it('moves a filed hazard to pending verification, fixed now', () => {
    const { hazard: h, event } = markFixed({ note: '已更换' }, 'a', now)({ ...filed, status: 'rectifying' });
    expect(h).toMatchObject({ status: 'pendingVerification', fixedAt: now });
    expect(event).toMatchObject({ from: 'rectifying', to: 'pendingVerification', text: '已更换' });
  });

  it('refuses a filed hazard not yet under rectification', () => {
    expect(refusal(markFixed({}, 'a', now), filed).message).toMatch(/it is open/);
  });
});

describe('verify', () => {
  const pending = { ...ready, status: 'pendingVerification' as const, fixedAt: now - DAY, protectedPasses: 3, findingState: 'protected' as const };

  it('passed: closed (销号) with the sign-off', () => {
    const { hazard: h, audit } = verify({ verifier: '李工', result: 'passed', note: '现场核验双电源' }, 'bob', now)(pending);
    expect(h).toMatchObject({ status: 'closed', closedAt: now, verification: { by: '李工', at: now, result: 'passed', note: '现场核验双电源' } });
    expect(audit).toMatchObject({ actor: 'bob', action: 'hazard.verify' });
  });

  it('failed: back to rectification, with a reason', () => {
    expect(inputIssues(() => verify({ verifier: '李工', result: 'failed' }, 'bob', now))).toEqual(['note: a failed verification says why (note)']);
    const h = verify({ verifier: '李工', result: 'failed', note: '第二电源未接入独立配电' }, 'bob', now)(pending).hazard;
    expect(h).toMatchObject({ status: 'rectifying', fixedAt: null, protectedPasses: 0, closedAt: null, verification: { result: 'failed', by: '李工' } });
  });

  it.each([
    { verifier: ' 王工 ', who: /owner \(责任人\)/ },
    { verifier: '赵工', who: /contractor person \(实施人\)/ },
  ])('refuses $verifier as verifier (separation of duties)', ({ verifier, who }) => {
    const err = refusal(verify({ verifier, result: 'passed' }, 'bob', now), pending);
    expect(err.message).toMatch(who);
    expect(err.message).toMatch(/separation of duties/);
  });

  it('only from pending verification', () => {
    expect(refusal(verify({ verifier: '李工', result: 'passed' }, 'bob', now), { ...ready, status: 'rectifying' }).allowed).toEqual(['update', 'confirmGrade']);
  });
});

describe('reopen', () => {
  it('a person reopens a closed hazard with a reason; a new deadline from now', () => {
    const closed = { ...ready, status: 'closed' as const, closedAt: now - DAY, fixedAt: now - 2 * DAY, verification: { by: '李工', at: now - DAY, result: 'passed' as const }, colour: 'yellow' as const };
    const { hazard: h, event } = reopen({ reason: '巡检发现第二电源被拆走' }, 'alice', now, P)(closed);
    expect(h).toMatchObject({ status: 'reopened', reopenCount: 1, deadline: now + 30 * DAY, closedAt: null, fixedAt: null, verification: null, protectedPasses: 0 });
    expect(event).toMatchObject({ kind: 'status', from: 'closed', to: 'reopened', text: '巡检发现第二电源被拆走' });
  });

  it('needs a reason of 10 characters', () => {
    expect(inputIssues(() => reopen({ reason: 'again' }, 'a', now, P))).toEqual(['reason: reason needs at least 10 characters']);
  });
});

describe('file a hazard', () => {
  const input = {
    foundByMethod: 'patrol', category: '消防', description: '机房灭火器过期',
    location: { siteId: 'sh-core', roomId: 'B2-101' }, protectionClass: 'PC-CORE', colour: 'orange',
  } as const;

  it('builds an open hazard a person found, deadline from when it was found', () => {
    const h = fileHazard({ ...input, foundAt: '2026-12-02T09:00:00+08:00' }, 'zhang', now, P);
    expect(h.id).toMatch(/^patrol:sh-core:2026-12-02T01:00:00\.000Z:[0-9a-f]{8}$/);
    expect(h).toMatchObject({
      fingerprint: null, rule: null, subject: null, status: 'open', foundBy: 'zhang', foundByMethod: 'patrol', category: '消防',
      description: { zh: '机房灭火器过期', en: '机房灭火器过期' }, location: { siteId: 'sh-core', sites: ['sh-core'], roomId: 'B2-101' },
      foundAt: T('2026-12-02T01:00:00Z'), deadline: T('2026-12-02T01:00:00Z') + 15 * DAY, version: 1, findingState: null, grade: null, createdAt: now,
    });
    expect(fileHazardAudit(h, 'zhang', now)).toEqual({ at: now, actor: 'zhang', action: 'hazard.file', target: `hazard:${h.id}`, before: null, after: h });
    expect(allowedActions(h)).toEqual(['acknowledge', 'update', 'confirmGrade']);
  });

  it('reports every bad field with its path', () => {
    expect(inputIssues(() => fileHazard({ ...input, foundByMethod: 'auto-rule', category: '天气', location: {} } as never, 'z', now, P))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^foundByMethod: .*auto-rule hazards are redline's own/),
      expect.stringMatching(/^category: category: expected one of 网络架构-节点/),
      'location: a location names a site, room, network element or route',
    ]));
    expect(inputIssues(() => fileHazard({ ...input, foundAt: '2027-01-01T00:00:00Z' }, 'z', now, P))).toEqual(['foundAt: is in the future']);
  });

  it('exports a schema for every action', () => {
    expect(Object.keys(lifecycleInputSchemas).sort()).toEqual(['acknowledge', 'confirmGrade', 'file', 'markFixed', 'reopen', 'startRectification', 'update', 'verify']);
  });
});

describe('the closed loop', () => {
  it('open → acknowledged → rectifying → (redline) pending → closed, version by version', () => {
    let h = hazard();
    const steps: HazardChange[] = [
      acknowledge({ ownerOrg: '网络部', ownerPerson: '王工' }, 'op', now),
      confirmGrade({ grade: '一般隐患' }, 'op', now),
      update({ remediationPlan: '加装第二电源模块', interimControls: '监控加密' }, 'op', now),
      startRectification({}, 'op', now),
    ];
    for (const s of steps) h = s(h).hazard;
    expect(h).toMatchObject({ status: 'rectifying', version: 5 });
    h = { ...h, status: 'pendingVerification', version: 6 };
    h = verify({ verifier: '李工', result: 'passed' }, 'inspector-li', now)(h).hazard;
    expect(h).toMatchObject({ status: 'closed', version: 7 });
  });
});
