/** Issue 15 item 9: who follows up a bad rating and who answers a complaint. */
import { describe, expect, it } from 'vitest';
import { complaintOwner } from '../../src/domain/complaint-rules.js';
import { followupOwner } from '../../src/domain/rating-rules.js';

describe('followupOwner', () => {
  const caseRating = { channel: 'sms', ticketId: null, windowNumber: null, departmentId: 7, reasons: ['slow'] };
  it('a rating of a hall visit (pad, ticket, window) is the center\'s, whatever department the case has', () => {
    expect(followupOwner({ ...caseRating, channel: 'pad', ticketId: 3, windowNumber: 1, reasons: ['attitude'] })).toBe('center');
    expect(followupOwner({ ...caseRating, ticketId: 3 })).toBe('center');
    expect(followupOwner({ ...caseRating, windowNumber: 2 })).toBe('center');
  });
  it('a rating of a case goes to its department, unless it is only about the queue or has no department', () => {
    expect(followupOwner(caseRating)).toBe('department');
    expect(followupOwner({ ...caseRating, reasons: ['wait-long'] })).toBe('center');
    expect(followupOwner({ ...caseRating, reasons: ['wait-long', 'slow'] })).toBe('department');
    expect(followupOwner({ ...caseRating, departmentId: null })).toBe('center');
  });
});

describe('complaintOwner', () => {
  it('a window, the hall or a front-desk clerk is the center\'s even with a department named', () => {
    expect(complaintOwner({ about: 'window', departmentNamed: true, frontDeskStaff: false })).toBe('center');
    expect(complaintOwner({ about: 'hall', departmentNamed: true, frontDeskStaff: false })).toBe('center');
    expect(complaintOwner({ about: 'staff', departmentNamed: true, frontDeskStaff: true })).toBe('center');
  });
  it('a department\'s staff, case or itself is the department\'s; nothing named is the center\'s', () => {
    expect(complaintOwner({ about: 'staff', departmentNamed: true, frontDeskStaff: false })).toBe('department');
    expect(complaintOwner({ about: 'case', departmentNamed: true, frontDeskStaff: false })).toBe('department');
    expect(complaintOwner({ about: 'department', departmentNamed: true, frontDeskStaff: false })).toBe('department');
    expect(complaintOwner({ about: 'other', departmentNamed: false, frontDeskStaff: false })).toBe('center');
  });
});
