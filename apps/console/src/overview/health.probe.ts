import { Inject, Injectable } from '@nestjs/common';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ServiceHealth } from './sample';

const READY_TIMEOUT_MS = 3_000;

/** Each service's readiness as its own probe answers it (`GET /health/ready`, terminus' report). */
@Injectable()
export class HealthProbe {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  sample(): Promise<ServiceHealth[]> {
    return Promise.all(
      this.config.services.map(async ({ name, url }) => {
        try {
          const response = await fetch(new URL('/health/ready', url), {
            signal: AbortSignal.timeout(READY_TIMEOUT_MS),
          });
          const body = (await response.json().catch(() => ({}))) as { details?: Record<string, { status?: string }> };
          const checks = Object.fromEntries(
            Object.entries(body.details ?? {}).map(([name, check]) => [name, String(check?.status ?? 'unknown')]),
          );
          return { service: name, url, status: response.ok ? 'up' : 'down', checks } satisfies ServiceHealth;
        } catch {
          return { service: name, url, status: 'unreachable', checks: {} } satisfies ServiceHealth;
        }
      }),
    );
  }
}
