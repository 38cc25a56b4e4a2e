import { Inject, Injectable } from '@nestjs/common';
import type { TopicKey } from '@lib/contracts';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';

const CALL_TIMEOUT_MS = 5_000;

/** A service's answer: its status and JSON body, or why there was none. */
export type ServiceAnswer<T> = { ok: true; body: T } | { ok: false; status?: number; reason: string };

/**
 * The services' own HTTP APIs, called with the operator key the console was given
 * (CONSOLE_OPERATOR_KEY): what an operator may read there, and the operations they own. Never
 * another service's tables.
 */
@Injectable()
export class ServiceApi {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  /** Whether the console holds an operator key to call the services with. */
  get configured(): boolean {
    return !!this.config.operatorAuthorization;
  }

  get<T>(service: TopicKey, path: string): Promise<ServiceAnswer<T>> {
    return this.call<T>(service, 'GET', path);
  }

  /** One of the operations the service owns (a replay, a crossing's closure), with a JSON body. */
  post<T>(service: TopicKey, path: string, body: unknown = {}): Promise<ServiceAnswer<T>> {
    return this.call<T>(service, 'POST', path, body);
  }

  private async call<T>(
    service: TopicKey,
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
  ): Promise<ServiceAnswer<T>> {
    const authorization = this.config.operatorAuthorization;
    if (!authorization)
      return { ok: false, reason: 'the console has no operator key for the services (set CONSOLE_OPERATOR_KEY)' };
    const base = this.config.services.find((s) => s.name === service)?.url;
    if (!base) return { ok: false, reason: `no URL for ${service}` };
    try {
      const response = await fetch(new URL(path, base), {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        body: method === 'POST' ? JSON.stringify(payload ?? {}) : undefined,
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as T & {
        detail?: string;
        title?: string;
        errors?: { field: string; reason: string }[];
      };
      if (response.ok) return { ok: true, body };
      // A 422 names each field and its reason: say them, not only "Validation failed".
      const why = body.errors?.length
        ? body.errors.map((e) => `${e.field}: ${e.reason}`).join('; ')
        : (body.detail ?? body.title);
      return {
        ok: false,
        status: response.status,
        reason: `${service} answered ${response.status}${why ? `: ${why}` : ''}`,
      };
    } catch (error) {
      return {
        ok: false,
        reason: `${service} did not answer (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
}
