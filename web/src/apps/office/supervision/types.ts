/** Answers of /api/supervision/* as the pages read them. */
import { zonedDateTime } from '../../../shared/time-zone';
export type NoticeStatus = 'open' | 'answered' | 'escalated' | 'closed';

export interface Notice {
  id: number;
  subject: string;
  body: string;
  status: NoticeStatus;
  department: { code: string; name: string };
  caseNo: string | null;
  issuedBy: string;
  issuedAt: string;
  deadline: string;
  overdue: boolean;
  answeredAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
}

export interface NoticeDetail {
  notice: Notice;
  answers: { id: number; body: string; answeredBy: string; answeredAt: string }[];
  history: { action: string; at: string; actor: string | null; fromStatus: string | null; toStatus: string; note: string | null }[];
}

export interface Review {
  note: string;
  by: string;
  at: string;
}

export type IrregularityKind = 'after-hours' | 'quick-decision' | 'repeated-pause' | 'late-refusal';

export interface Irregularity {
  key: string;
  kind: IrregularityKind;
  caseNo: string;
  itemName: string;
  department: { code: string; name: string } | null;
  actor: string | null;
  at: string;
  facts: Record<string, string | number>;
  events: { seq: number; at: string; action: string; actorName: string; role: string }[];
  review: Review | null;
}

export interface IrregularityReport {
  from: string;
  to: string;
  settings: { officeStart: string; officeEnd: string; quickDecisionMinutes: number; minPauseCycles: number };
  items: Irregularity[];
}

export interface SignalCase {
  caseNo: string;
  itemName: string;
  department: { code: string; name: string } | null;
  receivedAt: string;
  applicantName: string;
  applicantPhone: string;
  agentName: string | null;
  status: string;
  acceptedDate?: string | null;
  completedDate?: string | null;
  usedDays?: number;
}

export interface Identity {
  type: 'agent-id' | 'phone';
  value: string;
}

export interface IntermediaryReport {
  from: string;
  to: string;
  settings: { minApplicants: number; minItemCases: number; minSubmitterCases: number; fastRatio: number; slowRatio: number; minDiffDays: number };
  frequentSubmitters: { key: string; identity: Identity; agentNames: string[]; applicants: number; cases: SignalCase[]; review: Review | null }[];
  speedOutliers: {
    key: string; itemCode: string; itemName: string; identity: Identity; direction: 'faster' | 'slower';
    submitterMedian: number; othersMedian: number; submitterCases: number; otherCases: number; cases: SignalCase[]; review: Review | null;
  }[];
}

/** Local date-time as the center reads it (its zone), e.g. 2026-11-17 22:30. */
export function localTime(iso: string): string {
  return zonedDateTime(iso);
}
