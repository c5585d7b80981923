import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from '@invoice/contracts';

/*
 * Password and secret strength, from the zxcvbn estimator (zxcvbn-ts) and its list of the ~49,000 most
 * common passwords (from leaked password sets). Plain functions: the gateway calls them on new passwords
 * and, in production, on its own JWT_SECRET and ADMIN_PASSWORD at start.
 */

const COMMON_PASSWORDS = new Set(zxcvbnCommon.dictionary['passwords-common'].map((p) => p.toLowerCase()));

// Only the first characters are scored: the estimate's cost grows with the length, and a request may send 1 KB.
const estimator = new ZxcvbnFactory({ dictionary: { ...zxcvbnCommon.dictionary }, graphs: zxcvbnCommon.adjacencyGraphs, maxLength: 128 });

/** A new password must withstand ~10^8 guesses (zxcvbn score 3), the level it calls "safely unguessable" online. */
export const MIN_PASSWORD_GUESSES_LOG10 = 8;
/** JWT_SECRET in production: at least 32 characters estimated at 10^24 guesses or more (about 80 bits). */
export const MIN_SECRET_LENGTH = 32;
export const MIN_SECRET_GUESSES_LOG10 = 24;

export const isCommonPassword = (password: string): boolean => COMMON_PASSWORDS.has(password.toLowerCase());

export const guessesLog10 = (value: string, related: string[] = []): number => estimator.check(value, related).guessesLog10;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (isCommonPassword(password)) return 'password is among the most common passwords: choose another';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
  if (guessesLog10(password, username ? [username] : []) < MIN_PASSWORD_GUESSES_LOG10) {
    return 'password is too easy to guess (repeated characters, sequences, keyboard patterns or common words): choose a longer or less predictable one';
  }
  return null;
}

/** Why a signing secret is too weak for production, or null. */
export function secretProblem(secret: string): string | null {
  if (secret.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters`;
  if (guessesLog10(secret) < MIN_SECRET_GUESSES_LOG10)
    return 'is low in entropy (repetitions, sequences or words): use 32+ random bytes, e.g. `openssl rand -base64 48`';
  return null;
}

/** The production check of the gateway's own secrets: the problems, each naming its variable. */
export function productionSecretProblems(config: { JWT_SECRET: string; ADMIN_PASSWORD: string; ADMIN_USERNAME: string }): string[] {
  const problems: string[] = [];
  const jwt = secretProblem(config.JWT_SECRET);
  if (jwt) problems.push(`JWT_SECRET ${jwt}`);
  const admin = passwordProblem(config.ADMIN_PASSWORD, config.ADMIN_USERNAME);
  if (admin) problems.push(`ADMIN_PASSWORD: ${admin}`);
  return problems;
}
