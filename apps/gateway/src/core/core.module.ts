import { createSecretKey } from 'node:crypto';
import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { redisConnectionFromUrl } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { buildDataSourceOptions } from '@invoice/database';
import { logFormat, loggerParams, RedisClient } from '@invoice/monitoring';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/**
 * What every feature module of the gateway uses, provided once for all of them: the parsed config,
 * logging, the Postgres connection, the Redis client, the three queues and the JWT signer.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const queues = BullModule.registerQueue({ name: QUEUES.OCR }, { name: QUEUES.SEGMENTATION }, { name: QUEUES.WEBHOOKS });
    const jwt = JwtModule.register({
      // A key object, not the string: jsonwebtoken otherwise turns the string into a key (trying it as a
      // public key first) on every verification, a fifth of the CPU of a status poll.
      secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
      signOptions: { algorithm: 'HS256', expiresIn: config.JWT_EXPIRES_IN_SECONDS },
      verifyOptions: { algorithms: ['HS256'] },
    });
    return {
      module: CoreModule,
      imports: [
        LoggerModule.forRoot(
          loggerParams('gateway', config.LOG_LEVEL, logFormat(config.LOG_FORMAT, config.NODE_ENV, process.stdout.isTTY === true)),
        ),
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: config.DATABASE_URL, applicationName: 'invoice-ocr-gateway' })),
        // No offline queue: when Redis is down an upload fails fast to "stored, queued later by the reconciler".
        BullModule.forRoot({
          connection: { ...redisConnectionFromUrl(config.REDIS_URL), enableOfflineQueue: false },
          prefix: config.QUEUE_PREFIX,
        }),
        queues,
        jwt,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: RedisClient, useFactory: () => new RedisClient(config.REDIS_URL) },
      ],
      exports: [GATEWAY_CONFIG, RedisClient, queues, jwt],
    };
  }
}
