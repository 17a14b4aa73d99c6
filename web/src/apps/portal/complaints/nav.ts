/** Where the complaint form lives: the header links here without loading the form. */
export const COMPLAINT_HREF = '/?complaint';
