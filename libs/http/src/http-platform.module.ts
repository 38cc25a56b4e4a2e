import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  Optional,
  type DynamicModule,
  type Type,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import IORedis, { type Redis } from 'ioredis';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { accessLogger } from '@lib/logging';
import { childTraceparent, headerOf, TraceInterceptor, traceIdOf, type TracedRequest } from '@lib/tracing';
import type { AnswerSealer } from './idempotency/idempotency-store';
import { IDEMPOTENCY_SCHEMA, IDEMPOTENCY_SEALER } from './idempotency/idempotency.interceptor';
import { deeperThan, MAX_JSON_DEPTH } from './json-depth';
import { isOpenPath } from './open-paths';
import { setupOpenApi, type OpenApiInfo } from './openapi';
import { AuthFailureBudget } from './auth-failure-budget';
import { clientAddressOf } from './client-address';
import { BatchingRateLimitStore, redisWindowCounter } from './rate-limit-store';
import {
  authenticationOf,
  isAuthFailureKey,
  rateLimitKey,
  rememberAuthentication,
  REQUEST_AUTHENTICATOR,
  type RequestAuthenticator,
} from './request-authentication';

export const HTTP_PLATFORM_OPTIONS = Symbol('HTTP_PLATFORM_OPTIONS');

export interface HttpPlatformOptions {
  service: string;
  /** The service schema holding `idempotency_keys`. */
  schema: string;
  redisUrl: string;
  redisPrefix: string;
  /**
   * Per window: requests per verified API key (`max`), and requests without a valid key per client
   * address (`authFailuresMax`).
   */
  rateLimit: { max: number; windowMs: number; authFailuresMax: number };
  openApi: OpenApiInfo;
  /** Seals stored Idempotency-Key answers at rest, for a service whose answers can hold a secret. */
  idempotencySealer?: AnswerSealer;
  /** The module providing REQUEST_AUTHENTICATOR (the identity library's); without one, no key is verified up front. */
  authenticatedBy?: Type | DynamicModule;
  /** The key id an `Authorization` value claims, unverified, for the access log (its format is identity's). */
  keyIdOf?: (authorization: string | undefined) => string | undefined;
}

/**
 * HTTP rules every service shares, installed on Fastify before Nest registers its routes (Fastify
 * attaches route hooks at registration): the API key verified up front, a rate limit per verified key
 * and a smaller one per client address for requests without a valid key (429, counted in Redis so
 * all instances agree), a JSON depth limit (422) and the OpenAPI document. Errors these raise reach
 * Nest's exception layer, hence the ProblemDetailsFilter. Also provides the `Idempotency-Key` interceptor.
 */
@Injectable()
export class HttpPlatform implements OnApplicationShutdown {
  private readonly logger = new Logger('HTTP');
  private redis?: Redis;

  constructor(
    @Inject(HTTP_PLATFORM_OPTIONS) private readonly options: HttpPlatformOptions,
    @Optional() @Inject(REQUEST_AUTHENTICATOR) private readonly authenticator?: RequestAuthenticator,
  ) {}

  async configure(app: NestFastifyApplication): Promise<void> {
    const fastify = app.getHttpAdapter().getInstance();
    // One hook before anything else a request meets (so one promise, not one per concern). Open paths
    // (health probes, metrics, docs) skip it: nothing to trace, no key to verify, no limit to count.
    const authenticator = this.authenticator;
    const failures = new AuthFailureBudget(this.options.rateLimit.authFailuresMax, this.options.rateLimit.windowMs);
    fastify.addHook('onRequest', async (request, reply) => {
      if (isOpenPath(request.url)) return;
      // The request joins the caller's trace or starts one, before anything logs about it.
      const raw = request.raw as typeof request.raw & TracedRequest;
      raw.traceparent = childTraceparent(headerOf(request.headers.traceparent));
      void reply.header('traceparent', raw.traceparent);
      if (authenticator) await this.authenticate(request, authenticator, failures);
    });
    // The access log, one line per request with its trace id. (nestjs-pino's request middleware does
    // not run under this Nest 12 + Fastify setup — see nestjs/nest#13657 — so the hook writes it.)
    // A line is only built when its level is written (LOG_LEVEL=warn skips every 2xx).
    const accessLog = accessLogger();
    fastify.addHook('onResponse', async (request, reply) => {
      if (/^\/(health|metrics)(\/|$)/.test(request.url)) return;
      const status = reply.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!accessLog.isLevelEnabled(level)) return;
      const line = {
        traceId: traceIdOf((request.raw as TracedRequest).traceparent),
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        url: request.url,
        status,
        responseTimeMs: Math.round(reply.elapsedTime),
        keyId: this.options.keyIdOf?.(request.headers.authorization),
        keyVerified: authenticationOf(request)?.verified,
      };
      accessLog[level](
        line,
        status >= 500 ? 'request failed' : status >= 400 ? 'request refused' : 'request completed',
      );
    });
    this.redis = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    // Readiness reports Redis; meanwhile the limiter lets requests through (skipOnError).
    this.redis.on('error', () => undefined);
    const { max, windowMs, authFailuresMax } = this.options.rateLimit;
    const store = new BatchingRateLimitStore(
      redisWindowCounter(this.redis, `${this.options.redisPrefix}:ratelimit:${this.options.service}:`),
    );
    // Open paths are never limited: their routes get no limiter hook at all (rather than one that
    // works out a key and then lets them pass). Added before the plugin, so it sees the flag.
    fastify.addHook('onRoute', (route) => {
      if (isOpenPath(route.url)) route.config = { ...route.config, rateLimit: false };
    });
    await app.register(rateLimit as never, {
      global: true,
      max: (_request: FastifyRequest, key: string) => (isAuthFailureKey(key) ? authFailuresMax : max),
      timeWindow: windowMs,
      // The plugin constructs its store; this one batches a busy key's counts (see BatchingRateLimitStore).
      store: function RateLimitStore() {
        return store;
      },
      skipOnError: true,
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (request: FastifyRequest, context: { max: number; after: string }) => ({
        statusCode: 429,
        detail: isAuthFailureKey(rateLimitKey(request))
          ? `${context.max} requests per window without a valid API key from this address; retry in ${context.after}`
          : `rate limit of ${context.max} requests per window exceeded for this API key; retry in ${context.after}`,
        message: 'rate limit exceeded',
      }),
    });
    // A promise either way: Fastify tells a hook that is done from one awaiting `done` by its return.
    fastify.addHook('preValidation', (request) => {
      if (request.body !== undefined && deeperThan(request.body, MAX_JSON_DEPTH)) {
        return Promise.reject(
          Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 422 }),
        );
      }
      return Promise.resolve();
    });
    setupOpenApi(app, this.options.openApi);
  }

  /**
   * The key is verified before the rate limiter (an app-wide hook runs before the limiter's route
   * hooks), so the limit counts by the key proven, not by the id a header claims: a junk secret
   * cannot spend a carrier's budget. Verified keys are cached, so this costs no round trip. The
   * access guard reuses the outcome for 401/403.
   * The one costly step is looking up a key id no cache holds. An address over its failed-
   * authentication budget gets no lookup (its key is refused unchecked, and the limiter answers
   * 429), so new made-up ids per request cannot each cost a query; the lookup is charged up front
   * so concurrent requests cannot all slip under the budget, and refunded if the key proves valid.
   */
  private async authenticate(
    request: FastifyRequest,
    authenticator: RequestAuthenticator,
    failures: AuthFailureBudget,
  ): Promise<void> {
    let address: string | undefined;
    const addressOf = () => (address ??= clientAddressOf(request.ip)); // only when the budget is consulted
    let charged = false;
    const mayLookUp = () => {
      if (failures.spent(addressOf())) return false;
      failures.charge(addressOf());
      return (charged = true);
    };
    try {
      const authentication = await authenticator.verify(request.headers.authorization, mayLookUp);
      if (authentication.verified && charged) failures.refund(addressOf());
      // A request with no key at all (a public tracking page, a probe) cost no lookup and spends no budget:
      // else a busy office behind one address, opening shared links, would lock its own API keys out.
      const presented = request.headers.authorization !== undefined;
      if (!authentication.verified && !charged && presented) failures.charge(addressOf());
      rememberAuthentication(request, authentication);
    } catch (error) {
      // Postgres unreachable: count per address; the guard verifies again and reports the failure.
      this.logger.warn({ err: error }, 'could not verify the API key before the rate limit');
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

/**
 * The app's HTTP settings, and what the idempotency interceptor needs wherever a controller uses it:
 * configuration is ambient (global).
 */
@Module({})
class HttpOptionsModule {}

/** The HTTP platform of one app, imported once by its root module (bootstrap configures Fastify through it). */
@Module({})
export class HttpPlatformModule {
  static forRoot(options: HttpPlatformOptions): DynamicModule {
    const settings = {
      module: HttpOptionsModule,
      global: true,
      providers: [
        { provide: HTTP_PLATFORM_OPTIONS, useValue: options },
        { provide: IDEMPOTENCY_SCHEMA, useValue: options.schema },
        ...(options.idempotencySealer ? [{ provide: IDEMPOTENCY_SEALER, useValue: options.idempotencySealer }] : []),
      ],
      exports: [HTTP_PLATFORM_OPTIONS, IDEMPOTENCY_SCHEMA, ...(options.idempotencySealer ? [IDEMPOTENCY_SEALER] : [])],
    };
    return {
      module: HttpPlatformModule,
      imports: [settings, ...(options.authenticatedBy ? [options.authenticatedBy] : [])],
      // A controller's module instantiates IdempotencyInterceptor itself (@Idempotent), from the settings above.
      providers: [HttpPlatform, { provide: APP_INTERCEPTOR, useClass: TraceInterceptor }],
      exports: [HttpPlatform],
    };
  }
}
