/** The complaint as the staff API answers it (GET /api/complaints). */
export type ComplaintStatus = 'registered' | 'assigned' | 'answered' | 'closed';
export type ComplaintKind = 'complaint' | 'consultation';
export type ComplaintChannel = 'in_person' | 'phone' | 'letter' | 'online';
export type ComplaintAbout = 'case' | 'window' | 'staff' | 'department' | 'hall' | 'other';

export interface Complaint {
  id: number;
  code: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  replyForm: 'oral' | 'written';
  about: ComplaintAbout;
  caseNo: string | null;
  windowNumber: number | null;
  staffName: string | null;
  department: string | null;
  /** center = the center's supervisors answer it (front desk, windows, hall); department = the department named. */
  handledBy: 'center' | 'department';
  anonymous: boolean;
  contactName: string | null;
  contactPhone: string | null;
  contactAddress: string | null;
  subject: string;
  content: string;
  status: ComplaintStatus;
  handlerName: string | null;
  dueDate: string;
  overdue: boolean;
  escalated: boolean;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  satisfied: boolean | null;
  createdAt: string;
  history: { at: string; by: string; what: string; note?: string }[];
}

export const ABOUTS: ComplaintAbout[] = ['case', 'window', 'staff', 'department', 'hall', 'other'];
export const MOBILE = /^1[3-9]\d{9}$/;
