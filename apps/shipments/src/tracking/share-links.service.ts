import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { InvalidInput } from '@lib/errors';
import { actsForShipper, type Principal } from '@lib/identity';
import type { Language } from '@lib/i18n';
import { canSeeShipment } from '../shipment/shipment-access';
import { Shipment } from '../shipment/shipment.entity';
import { ShipmentNotFound } from '../shipment/shipment.errors';
import type { CreateShareLink } from './dto/share-link.dto';
import { ShareLinkNotFound } from './share-link.errors';
import { ShareLinkStore, type ShareLink } from './share-link.store';
import { trackingView, type TrackingView } from './tracking.view';

/** The longest a share link may live. */
export const MAX_LINK_LIFETIME_MS = 366 * 86_400_000;

/** 128 random bits, URL-safe: 22 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export const isTokenShaped = (token: string): boolean => TOKEN_PATTERN.test(token);

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * Share links: a shipper hands a consignee, a bank or a border agent a link to a public page about one
 * shipment, and withdraws it when done. The token is shown once and only its hash is kept.
 */
@Injectable()
export class ShareLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ShareLinkStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal,
    shipmentId: string,
    body: CreateShareLink,
    fallbackLanguage: Language,
  ): Promise<{ link: ShareLink; token: string }> {
    const shipment = await this.managed(principal, shipmentId);
    const now = this.clock.now();
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime())
      throw new InvalidInput([{ field: 'expiresAt', reason: 'must be in the future' }]);
    if (expiresAt && expiresAt.getTime() - now.getTime() > MAX_LINK_LIFETIME_MS)
      throw new InvalidInput([{ field: 'expiresAt', reason: 'must be at most a year ahead' }]);
    const token = randomBytes(16).toString('base64url');
    const link = await this.store.insert({
      id: randomUUID(),
      shipmentId: shipment.id,
      tokenHash: hashToken(token),
      label: body.label ?? null,
      language: body.language ?? fallbackLanguage,
      show: { consignee: body.show?.consignee ?? false, documents: body.show?.documents ?? false },
      createdBy: principal.keyId,
      createdAt: now,
      expiresAt,
    });
    return { link, token };
  }

  async list(principal: Principal, shipmentId: string): Promise<ShareLink[]> {
    return this.store.list((await this.managed(principal, shipmentId)).id);
  }

  async revoke(principal: Principal, shipmentId: string, id: string): Promise<void> {
    const shipment = await this.managed(principal, shipmentId);
    if (!isUuid(id) || !(await this.store.revoke(shipment.id, id, principal.keyId, this.clock.now())))
      throw new ShareLinkNotFound(id);
  }

  /** What a token's page shows now, or null when the token opens nothing (unknown, revoked, expired). */
  async open(token: string, touch: boolean): Promise<{ link: ShareLink; view: TrackingView } | null> {
    if (!isTokenShaped(token)) return null;
    const link = await this.store.live(hashToken(token), this.clock.now(), touch);
    if (!link) return null;
    const tracked = await this.store.tracked(link.shipmentId);
    if (!tracked) return null;
    return { link, view: trackingView(tracked.row, tracked.events, link.show) };
  }

  /** A digest of what the page shows, or null once the token opens nothing: the live stream's cheap check. */
  async version(token: string): Promise<string | null> {
    return isTokenShaped(token) ? this.store.version(hashToken(token), this.clock.now()) : null;
  }

  /** The shipment if the caller acts for its shipper (or is an operator); anything else is 404, like GET. */
  private async managed(principal: Principal, id: string): Promise<Shipment> {
    const shipment = isUuid(id) ? await this.dataSource.getRepository(Shipment).findOneBy({ id }) : null;
    if (!shipment || !canSeeShipment(principal, shipment) || !actsForShipper(principal, shipment.shipperId))
      throw new ShipmentNotFound(id);
    return shipment;
  }
}
