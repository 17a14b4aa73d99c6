/**
 * The case API's shapes as the web UIs see them (mirrors src/modules/cases/cases.routes.ts).
 * Statuses, actions and labels come from the shared domain rules (src/domain/case-workflow.ts).
 */
import type { CaseAction, CaseStatus } from '@domain/case-workflow';

export type { CaseAction, CaseStatus };
export type Warning = 'normal' | 'yellow' | 'red';
export type ItemKind = 'immediate' | 'promised' | 'joint';

export interface CaseLinks {
  receipt: string;
  supplementNotice?: string;
  notAcceptedNotice?: string;
}

export interface MaterialInput {
  code: string;
  provided: boolean;
  note?: string;
}

/** POST /api/cases */
export interface IntakeBody {
  itemCode: string;
  applicant: { kind: 'person' | 'organization'; name: string; idNumber?: string; creditCode?: string; phone: string };
  agent?: { name: string; idNumber: string; phone: string; relation: string };
  channel: 'window' | 'online' | 'township' | 'village';
  urgent?: boolean;
  materials: MaterialInput[];
}

export interface IntakeAnswer {
  caseNo: string;
  status: CaseStatus;
  version: number;
  missingMaterials: { code: string; name: string }[];
  links: CaseLinks;
}

export interface CaseClock {
  promisedDays: number;
  acceptedDate: string | null;
  dueDate: string | null;
  provisional: boolean;
  daysLeft: number | null;
  pausedDays: number;
  running: boolean;
  pause: { kind: string; reason: string; since: string; resumeStatus: string; expectedDays?: number } | null;
  warning: Warning | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
}

export interface CaseTask {
  id: number;
  stage: number;
  stageName: string;
  department: { code: string; name: string };
  lead: boolean;
  limitDays: number;
  status: string;
  startedDate: string | null;
  dueDate: string | null;
  finishedAt: string | null;
  comment: string | null;
}

/** GET /api/cases/{caseNo}. Personal data is masked unless the user handles the case. */
export interface CaseView {
  caseNo: string;
  status: CaseStatus;
  statusLabel: string;
  version: number;
  kind: ItemKind;
  urgent: boolean;
  channel: string;
  item: { code: string; name: string; nameEn?: string; versionId: number };
  department: { code: string; name: string };
  applicant: { kind: string; name: string; idNumber?: string; creditCode?: string; phone: string };
  agent?: { name: string; idNumber: string; phone: string; relation: string };
  materials: { code: string; name: string; nameEn?: string; required: boolean; provided: boolean; note?: string }[];
  receivedAt: string;
  acceptedAt: string | null;
  decision: string | null;
  decidedAt: string | null;
  completedAt: string | null;
  deliveredAt: string | null;
  resultNo: string | null;
  closedReason: string | null;
  clock: CaseClock;
  tasks: CaseTask[];
  /** What this user may do now, from the transition table. */
  allowedActions: CaseAction[];
  links: CaseLinks;
}

/** GET /api/cases → { items, total, page, pageSize } */
export interface QueueRow {
  caseNo: string;
  status: CaseStatus;
  statusLabel: string;
  version: number;
  kind: ItemKind;
  urgent: boolean;
  item: { code: string; name: string; nameEn?: string };
  department: { code: string; name: string };
  applicantName: string;
  applicantPhone: string;
  applicantIdNumber?: string;
  receivedAt: string;
  dueDate: string | null;
  daysLeft: number | null;
  pausedDays: number;
  warning: Warning | null;
}

export interface QueuePage {
  items: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/cases/{caseNo}/timeline */
export interface TimelineEntry {
  seq: number;
  at: string;
  actorName: string;
  role: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  clientAddress: string;
  comment: string | null;
  data: unknown;
}

/** POST /api/cases/{caseNo}/actions */
export interface ActionBody {
  action: CaseAction;
  /** The version the user saw; a newer one answers 409 VERSION_CONFLICT (someone acted first). */
  expectedVersion?: number;
  comment?: string;
  materials?: MaterialInput[];
  data?: {
    kind?: string;
    expectedDays?: number;
    missing?: string[];
    materials?: MaterialInput[];
    resultNo?: string;
    method?: 'window' | 'post';
    pickupName?: string;
    pickupIdNumber?: string;
    trackingNo?: string;
    authority?: string;
    taskId?: number;
  };
}
