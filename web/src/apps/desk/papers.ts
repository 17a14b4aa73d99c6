/** The printable papers of a case (served by the server under /print). */
export type Paper = 'receipt' | 'supplement' | 'not-accepted' | 'acceptance' | 'pickup';

export function paperUrl(caseNo: string, paper: Paper, slip = false): string {
  return `/print/cases/${encodeURIComponent(caseNo)}/${paper}${slip ? '?layout=slip' : ''}`;
}
