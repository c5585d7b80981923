import { Body, Controller, Get, Post } from '@nestjs/common';
import { CreateUserRequestSchema, type AuthUser, type CreateUserRequest } from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { UsersService, type PublicUser } from './users.service.js';

/** Admins manage the users of their own organization. */
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body({ schema: CreateUserRequestSchema }) body: CreateUserRequest): Promise<PublicUser> {
    return this.users.createUser(user.organizationId, body);
  }

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<PublicUser[]> {
    return this.users.listUsers(user.organizationId);
  }
}
