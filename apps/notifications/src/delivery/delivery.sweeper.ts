import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RecoverySweep } from '@lib/follow-ups';
import { DELIVERY_SETTINGS, DeliveryService, type DeliverySettings } from './delivery.service';

/** Pending deliveries are re-queued from Postgres at start, on every Redis reconnect, and periodically. */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: RecoverySweep;

  constructor(deliveries: DeliveryService, @Inject(DELIVERY_SETTINGS) settings: DeliverySettings) {
    this.sweep = new RecoverySweep(
      DeliverySweeper.name,
      { intervalMs: settings.sweepIntervalMs, redisUrl: settings.redisUrl },
      () => deliveries.sweep(),
    );
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}
