/**
 * What a department code may be: the server's schema and the department form check the same pattern.
 * No TypeBox here: the web app imports it at run time and its bundles stay free of TypeBox.
 */
export const DEPT_CODE_PATTERN = '^[A-Z][A-Z0-9]{1,11}$';
