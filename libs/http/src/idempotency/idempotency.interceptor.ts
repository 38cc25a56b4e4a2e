import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, Logger, NestInterceptor, OnModuleDestroy, OnModuleInit, UseInterceptors, applyDecorators } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ConflictProblem, ValidationProblem } from '../problem';
import { IdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_SCHEMA = Symbol('IDEMPOTENCY_SCHEMA');

const KEY = /^[\x21-\x7e]{1,200}$/;

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * `Idempotency-Key` as CONVENTIONS.md says, scoped to the caller's tenant: the same key and body
 * replay the first answer (`idempotent-replayed: true`); the same key with another body is 422;
 * while the first is still running, 409. A failed request releases its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  private readonly store: IdempotencyStore;
  private pruning?: NodeJS.Timeout;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource, @Inject(IDEMPOTENCY_SCHEMA) schema: string) {
    this.store = new IdempotencyStore(dataSource, schema);
  }

  /** Keys past their 24 h are dead weight: drop them hourly (any instance may; the delete is idempotent). */
  onModuleInit(): void {
    this.pruning = setInterval(() => {
      this.store.prune().catch((error: unknown) => new Logger(IdempotencyInterceptor.name).warn({ err: error }, 'idempotency key pruning failed'));
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
    if (!KEY.test(key)) throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'must be 1–200 visible ASCII characters' }]);
    const caller = request.principal?.tenantId ?? `ip:${request.ip}`;
    return from(this.run(caller, key, requestHash(request), reply, next));
  }

  private async run(caller: string, key: string, hash: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const claim = await this.store.claim(caller, key, hash);
    if (!claim.claimed) {
      const { existing } = claim;
      if (existing.requestHash !== hash) {
        throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'already used with a different request; use a new key' }]);
      }
      if (existing.state === 'in_flight') throw new ConflictProblem('IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still being processed');
      void reply.status(existing.status ?? HttpStatus.OK).header('idempotent-replayed', 'true');
      return existing.body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(caller, key, reply.statusCode, body);
      return body;
    } catch (error) {
      await this.store.release(caller, key).catch(() => undefined);
      throw error;
    }
  }
}

/** Marks a route as honouring `Idempotency-Key`. */
export const Idempotent = () => applyDecorators(UseInterceptors(IdempotencyInterceptor));


