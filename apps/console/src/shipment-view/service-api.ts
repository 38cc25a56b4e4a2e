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

  post<T>(service: TopicKey, path: string): Promise<ServiceAnswer<T>> {
    return this.call<T>(service, 'POST', path);
  }

  private async call<T>(service: TopicKey, method: 'GET' | 'POST', path: string): Promise<ServiceAnswer<T>> {
    const authorization = this.config.operatorAuthorization;
    if (!authorization) return { ok: false, reason: 'the console has no operator key for the services (set CONSOLE_OPERATOR_KEY)' };
    const base = this.config.services.find((s) => s.name === service)?.url;
    if (!base) return { ok: false, reason: `no URL for ${service}` };
    try {
      const response = await fetch(new URL(path, base), {
        method,
        headers: { authorization, accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        body: method === 'POST' ? '{}' : undefined,
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as T & { detail?: string; title?: string };
      if (response.ok) return { ok: true, body };
      return { ok: false, status: response.status, reason: `${service} answered ${response.status}${body.detail || body.title ? `: ${body.detail ?? body.title}` : ''}` };
    } catch (error) {
      return { ok: false, reason: `${service} did not answer (${error instanceof Error ? error.message : String(error)})` };
    }
  }
}
