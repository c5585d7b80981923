import { z } from 'zod';
import { ROLES } from './enums.js';

/**
 * Platform roles sit above organizations: a platform operator sees the figures of the whole platform
 * (queue depths, worker hosts, per-route traffic) on top of its own organization's. The gateway grants
 * it from configuration (`PLATFORM_OPERATORS`), never through the API.
 */
export const PLATFORM_ROLES = ['platform-operator'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Shortest password accepted for a new or changed password. */
export const MIN_PASSWORD_LENGTH = 12;

/** A new password's shape; the gateway also refuses the most common passwords and one equal to the username. */
export const NewPasswordSchema = z
  .string({ error: 'password is required' })
  .min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'password must have at most 1024 characters');

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string({ error: 'currentPassword is required' }).min(1, 'currentPassword is required').max(1024),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** What an admin may change on a user of the organization; each change revokes the user's earlier tokens. */
export const UpdateUserRequestSchema = z
  .strictObject({
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }).optional(),
    active: z.boolean({ error: 'active must be true or false' }).optional(),
  })
  .refine((body) => body.role !== undefined || body.active !== undefined, { message: 'give role or active' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims of an access token: `ver` is the user's token version when it was issued; `exp` is required. */
export const TokenClaimsSchema = z.object({
  sub: z.string().regex(UUID),
  org: z.string().regex(UUID),
  username: z.string().min(1).max(128),
  role: z.enum(ROLES),
  ver: z.number().int().min(0),
  exp: z.number().int(),
  iat: z.number().int().optional(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

/**
 * Why a browser session could not be refreshed (`details.session` of the 401): no session cookie, a
 * token the gateway does not know, a token already used (a replay: the whole session is revoked), a
 * revoked or expired session, or a user whose tokens were revoked (password or role changed, logged out
 * everywhere, deactivated).
 */
export const SESSION_END_REASONS = ['missing', 'unknown', 'reused', 'revoked', 'expired', 'user'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** The name of the httpOnly cookie that carries a browser session's refresh token (path /api/auth). */
export const SESSION_COOKIE = 'invoice_ocr_session';
