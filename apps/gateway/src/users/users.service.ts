import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { DomainError, type CreateUserRequest, type Role } from '@invoice/contracts';
import { OrganizationEntity, UserEntity } from '@invoice/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

export interface PublicUser {
  id: string;
  organizationId: string;
  username: string;
  role: Role;
}

const toPublic = ({ id, organizationId, username, role }: UserEntity): PublicUser => ({ id, organizationId, username, role });

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
      await manager.insert(UserEntity, { id: randomUUID(), organizationId: org.id, username, passwordHash: await argon2.hash(password), role });
      return true;
    });
  }

  async verifyCredentials(username: string, password: string): Promise<PublicUser | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    const valid = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password);
    return user && valid ? toPublic(user) : null;
  }

  async createUser(organizationId: string, request: CreateUserRequest): Promise<PublicUser> {
    const repo = this.dataSource.getRepository(UserEntity);
    const user = repo.create({
      id: randomUUID(),
      organizationId,
      username: request.username,
      passwordHash: await argon2.hash(request.password),
      role: request.role,
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
