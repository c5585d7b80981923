import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { DomainError, type CreateUserRequest, type Role, type UpdateUserRequest } from '@invoice/contracts';
import {
  bumpTokenVersion,
  findUserCredentials,
  OrganizationEntity,
  setUserPassword,
  updateUserAccess,
  UserEntity,
} from '@invoice/database';
import { passwordProblem } from '../auth/password.policy.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

export interface PublicUser {
  id: string;
  organizationId: string;
  username: string;
  role: Role;
  active: boolean;
}

/** A user who passed the password check, with the token version its token must carry. */
export interface VerifiedUser extends PublicUser {
  tokenVersion: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toPublic = ({
  id,
  organizationId,
  username,
  role,
  active,
}: Pick<UserEntity, 'id' | 'organizationId' | 'username' | 'role' | 'active'>): PublicUser => ({
  id,
  organizationId,
  username,
  role,
  active,
});

function assertAcceptablePassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new DomainError('VALIDATION_FAILED', problem);
}

// A hash to compare against when the user does not exist, so timing does not reveal which usernames exist.
const DUMMY_HASH = argon2.hash('not-a-real-password');

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Creates the configured admin (and its organization) on start, once. An existing admin keeps its password. */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_ORGANIZATION } = this.config;
    const created = await this.ensureUser(ADMIN_ORGANIZATION, ADMIN_USERNAME, ADMIN_PASSWORD, 'admin');
    if (created) this.logger.log(`Created admin user "${ADMIN_USERNAME}" in organization "${ADMIN_ORGANIZATION}"`);
  }

  /** Creates the organization if needed and the user if missing; returns true when the user was created. */
  async ensureUser(organizationName: string, username: string, password: string, role: Role): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OrganizationEntity)
        .values({ id: randomUUID(), name: organizationName })
        .orIgnore()
        .execute();
      const org = await manager.findOneByOrFail(OrganizationEntity, { name: organizationName });
      const existing = await manager.findOneBy(UserEntity, { username });
      if (existing) return false;
      // Hashed only when the user is created: a restart with an existing admin does no argon2 work.
      await manager.insert(UserEntity, {
        id: randomUUID(),
        organizationId: org.id,
        username,
        passwordHash: await argon2.hash(password),
        role,
      });
      return true;
    });
  }

  /** The user when the password is right and the user active; null otherwise (the same answer and time for an unknown username). */
  async verifyCredentials(username: string, password: string): Promise<VerifiedUser | null> {
    const user = await findUserCredentials(this.dataSource, username);
    const valid = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password);
    return user && valid && user.active ? { ...toPublic(user), tokenVersion: user.tokenVersion } : null;
  }

  /** Sets a user's new password (after the caller checked the current one) and revokes its earlier tokens. */
  async setPassword(user: { userId: string; username: string }, newPassword: string): Promise<void> {
    assertAcceptablePassword(newPassword, user.username);
    await setUserPassword(this.dataSource, user.userId, await argon2.hash(newPassword));
  }

  /** "Log out everywhere": every token issued to the user so far stops working. */
  async revokeTokens(userId: string): Promise<void> {
    await bumpTokenVersion(this.dataSource, userId);
  }

  /** An admin changes the role or active flag of a user of its organization; the user's earlier tokens stop working. */
  async updateUser(admin: { userId: string; organizationId: string }, userId: string, change: UpdateUserRequest): Promise<PublicUser> {
    if (userId === admin.userId && (change.active === false || (change.role !== undefined && change.role !== 'admin'))) {
      throw new DomainError('CONFLICT', 'An admin cannot deactivate or demote itself (another admin can)');
    }
    const updated = UUID.test(userId) ? await updateUserAccess(this.dataSource, admin.organizationId, userId, change) : null;
    if (!updated) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
    return toPublic(updated);
  }

  async createUser(organizationId: string, request: CreateUserRequest): Promise<PublicUser> {
    assertAcceptablePassword(request.password, request.username);
    const repo = this.dataSource.getRepository(UserEntity);
    const user = repo.create({
      id: randomUUID(),
      organizationId,
      username: request.username,
      passwordHash: await argon2.hash(request.password),
      role: request.role,
      active: true,
      tokenVersion: 0,
    });
    try {
      await repo.insert(user);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new DomainError('CONFLICT', `Username "${request.username}" is already taken`);
      }
      throw error;
    }
    return toPublic(user);
  }

  async listUsers(organizationId: string): Promise<PublicUser[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { organizationId }, order: { createdAt: 'ASC' } });
    return users.map(toPublic);
  }
}
