/** An e-mail address inside a text: a local part, @, and a domain ending in a top-level name of letters. */
export const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

const WHOLE_EMAIL = new RegExp(`^${EMAIL_IN_TEXT.source}$`);

/** Whether a text is one e-mail address and nothing else. */
export const isEmail = (text: string): boolean => WHOLE_EMAIL.test(text);
