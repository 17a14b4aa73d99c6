/** The mobile number a complaint's contact must give (the server checks the same). */
export const MOBILE = /^1[3-9]\d{9}$/;
