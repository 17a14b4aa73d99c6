/**
 * Shared case components for the front desk (/desk) and the back office (/office). Each carries its
 * own zh/en texts (case-messages.ts); the page around them decides the layout.
 */
export { ActionPanel, PAUSE_KIND_OPTIONS, type ActionOutcome } from './ActionPanel';
export { CaseClock } from './CaseClock';
export { CaseFiles, type StaffFile } from './CaseFiles';
export { CaseInfo, CaseMaterials, CasePrintLinks, materialsSummary } from './CaseDetail';
export { CaseTasks, currentStage, groupStages } from './CaseTasks';
export { CaseTimeline, actionLabel } from './CaseTimeline';
export { CaseStatusTag, ClockBadge, WARNING_COLOR, WarningDot, WarningTag, daysLeftText, pauseKindLabel, statusLabel, useCaseT } from './ClockBadge';
export { caseMessages, type CaseMessageKey } from './case-messages';
export { useDepartmentName } from './dept-names';
export { useCase, type CaseState } from './use-case';
