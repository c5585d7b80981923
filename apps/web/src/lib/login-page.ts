import { LOGIN_FORM_NOTICES, type LoginFormNotice } from '@invoice/contracts/enums';

/** The page the app opens after a login when none was asked for. */
export const FIRST_PAGE = '/demo';

/** What the person typed into login.html's form before the app's first render replaced it. */
export interface TypedLogin {
  username: string;
  password: string;
  /** The field the person was in, to put them back there. */
  focus: 'username' | 'password' | null;
}

interface Field {
  id: string;
  value: string;
}

/** The part of the document the reading needs: login.html's form fields, and the focused element. */
export interface LoginDocument {
  querySelector(selector: 'form[data-static-login]'): { contains(node: unknown): boolean } | null;
  getElementById(id: string): unknown;
  activeElement: unknown;
}

/** Reads the fields of login.html's form (null on any other page, or once the app has drawn its own form). */
export function readTypedLogin(doc: LoginDocument): TypedLogin | null {
  const form = doc.querySelector('form[data-static-login]');
  if (!form) return null;
  const value = (id: string) => (doc.getElementById(id) as Field | null)?.value ?? '';
  const active = doc.activeElement as Field | null;
  const focus = active && form.contains(active) && (active.id === 'username' || active.id === 'password') ? active.id : null;
  return { username: value('username'), password: value('password'), focus };
}

/** The notice named by the URL's fragment, where the gateway sends a refused login form (`#login-failed`). */
export function loginNotice(hash: string): LoginFormNotice | null {
  const id = hash.replace(/^#/, '');
  return (LOGIN_FORM_NOTICES as readonly string[]).includes(id) ? (id as LoginFormNotice) : null;
}

/** Where to go once logged in: the page the app sent the person from, else the login URL's `from` (a local path only), else the first page. */
export function returnAfterLogin(stateFrom: string | undefined, queryFrom: string | null): string {
  if (stateFrom) return stateFrom;
  if (queryFrom && queryFrom.startsWith('/') && !/^\/[/\\]/.test(queryFrom) && !queryFrom.startsWith('/login')) return queryFrom;
  return FIRST_PAGE;
}
