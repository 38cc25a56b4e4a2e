import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { withAmbientTransaction } from '@lib/database';
import { FAULTS, type Faults } from '@lib/messaging';
import { ConflictProblem, ValidationProblem } from '../problem';
import { IdempotencyStore, type AnswerSealer } from './idempotency-store';

export const IDEMPOTENCY_SCHEMA = Symbol('IDEMPOTENCY_SCHEMA');
export const IDEMPOTENCY_SEALER = Symbol('IDEMPOTENCY_SEALER');

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The request a key stands for: method, the path as called (not the route pattern) with its query, and the body. */
function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * `Idempotency-Key` as CONVENTIONS.md says, scoped to the caller's tenant: the same key and request
 * replay the first answer (`idempotent-replayed: true`); the same key with another path or body is
 * 422; while the first is still running, 409. The handler's effect and the stored answer commit in
 * one transaction (services join it through `inTransaction`), as Stripe's keys behave: a crash
 * before the commit leaves nothing, so the retry runs again; after it, the retry finds the answer.
 * A failed request stores nothing, so a corrected retry is not blocked.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  private readonly store: IdempotencyStore;
  private pruning?: NodeJS.Timeout;

  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_SCHEMA) schema: string,
    @Optional() @Inject(IDEMPOTENCY_SEALER) sealer?: AnswerSealer,
    @Optional() @Inject(FAULTS) private readonly faults?: Faults,
  ) {
    this.store = new IdempotencyStore(schema, sealer ?? undefined);
  }

  /** Keys past their 24 h are dead weight: drop them hourly (any instance may; the delete is idempotent). */
  onModuleInit(): void {
    this.pruning = setInterval(() => {
      this.store
        .prune(this.dataSource)
        .catch((error: unknown) =>
          new Logger(IdempotencyInterceptor.name).warn({ err: error }, 'idempotency key pruning failed'),
        );
    }, 3600_000).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruning);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: { tenantId: string } }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const raw = request.headers['idempotency-key'];
    if (raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!KEY.test(key))
      throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'must be 1–200 visible ASCII characters' }]);
    const caller = request.principal?.tenantId ?? `ip:${request.ip}`;
    return from(this.run(caller, key, requestHash(request), reply, next));
  }

  private run(caller: string, key: string, hash: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    return withAmbientTransaction(this.dataSource, async (manager) => {
      if (!(await this.store.tryLock(manager, caller, key))) {
        throw new ConflictProblem(
          'IDEMPOTENCY_KEY_IN_FLIGHT',
          'a request with this Idempotency-Key is still being processed',
        );
      }
      const existing = await this.store.find(manager, caller, key);
      if (existing) {
        if (existing.requestHash !== hash) {
          throw new ValidationProblem([
            { field: 'Idempotency-Key', reason: 'already used with a different request (path or body); use a new key' },
          ]);
        }
        void reply.status(existing.status ?? HttpStatus.OK).header('idempotent-replayed', 'true');
        return existing.body;
      }
      // next.handle() is called here, inside the ambient transaction, so the handler runs in it.
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.save(manager, caller, key, hash, reply.statusCode, body);
      this.faults?.crashAt('idempotency.before-commit');
      return body;
    });
  }
}

/** Marks a route as honouring `Idempotency-Key`, and says so in the OpenAPI document. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retry-safe key: the same key and body replay the first answer for 24 h',
    }),
  );
