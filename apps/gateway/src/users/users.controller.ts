import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  uuidParam,
  type AuthUser,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { EXAMPLE_IDS } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, PublicUserSchema } from '../openapi/response.schemas.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/zod-openapi.js';
import { UsersService, type PublicUser } from './users.service.js';

const EXAMPLE_USER = { id: EXAMPLE_IDS.userId, organizationId: EXAMPLE_IDS.organizationId, username: 'vera', role: 'viewer', active: true };

/** Admins manage the users of their own organization. */
@ApiTags('users')
@ApiBearerAuth(BEARER)
@ApiErrors(401, 403)
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user in the organization of the admin (admin)' })
  @ApiZodBody(CreateUserRequestSchema, { username: 'vera', password: 'a-long-viewer-passphrase', role: 'viewer' })
  @ApiZodResponse(201, PublicUserSchema, EXAMPLE_USER, 'Created')
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body({ schema: CreateUserRequestSchema }) body: CreateUserRequest): Promise<PublicUser> {
    return this.users.createUser(user.organizationId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Users of the organization (admin)' })
  @ApiZodResponse(200, PublicUserSchema.array(), [EXAMPLE_USER])
  list(@CurrentUser() user: AuthUser): Promise<PublicUser[]> {
    return this.users.listUsers(user.organizationId);
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Change the role of a user or deactivate it (admin); the tokens it holds stop working' })
  @ApiParam({ name: 'userId', example: EXAMPLE_IDS.userId })
  @ApiZodBody(UpdateUserRequestSchema, { active: false })
  @ApiZodResponse(200, PublicUserSchema, { ...EXAMPLE_USER, active: false })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('userId', { schema: uuidParam('userId') }) userId: string,
    @Body({ schema: UpdateUserRequestSchema }) body: UpdateUserRequest,
  ): Promise<PublicUser> {
    return this.users.updateUser(user, userId, body);
  }
}
