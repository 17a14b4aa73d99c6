/**
 * What a username may be: the server's schema and the account form check the same pattern.
 * No TypeBox here: the web app imports it at run time and its bundles stay free of TypeBox.
 */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{1,31}$';
