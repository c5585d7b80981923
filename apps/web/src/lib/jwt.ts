// The zod-free part of the contracts: the login path does not download zod.
import { ROLES, type Role } from '@invoice/contracts/enums';

export interface SessionUser {
  username: string;
  role: Role;
  /** Expiry, ms since epoch. */
  expiresAt: number;
}

/** Reads the claims the gateway puts in its token (display only: the gateway checks every call). */
export function decodeToken(token: string): SessionUser | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const role = json.role as Role;
    if (typeof json.username !== 'string' || !ROLES.includes(role) || typeof json.exp !== 'number') return null;
    return { username: json.username, role, expiresAt: json.exp * 1000 };
  } catch {
    return null;
  }
}

export const canUpload = (role: Role | undefined) => role === 'admin' || role === 'uploader';
