import type { EntityManager } from 'typeorm';
import type { LegPlaces, ShipmentContext } from '../render/notification-message';

/** Shipments whose names are held at once; the least recently used goes first. */
const MAX_SHIPMENTS = 50_000;

/**
 * What the service remembers of each booking to name the cargo in messages ("Kinnow shipment
 * KZPK-…") and its legs' places (whose zones the times of events naming no place are read in):
 * `shipment.booked` writes it, later events read it. A booking's names never change, so
 * they are also held in memory and most events read nothing; a shipment not booked yet (its customs
 * event came first) is asked again next time.
 */
export class ShipmentNames {
  private readonly held = new Map<string, ShipmentContext>();

  constructor(private readonly maxShipments = MAX_SHIPMENTS) {}

  async remember(
    manager: EntityManager,
    booking: { shipmentId: string; shipperId: string; trackingNumber: string; commodity: string; legs: LegPlaces[] },
  ): Promise<ShipmentContext> {
    const legs = booking.legs.map(({ sequence, from, to }) => ({ sequence, from, to }));
    await manager.query(
      `INSERT INTO "notifications".shipments (shipment_id, shipper_id, tracking_number, commodity, legs)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (shipment_id) DO NOTHING`,
      [booking.shipmentId, booking.shipperId, booking.trackingNumber, booking.commodity, JSON.stringify(legs)],
    );
    return this.hold(booking.shipmentId, {
      trackingNumber: booking.trackingNumber,
      commodity: booking.commodity,
      legs,
    });
  }

  async of(manager: EntityManager, shipmentId: string): Promise<ShipmentContext> {
    const known = this.held.get(shipmentId);
    if (known) {
      this.held.delete(shipmentId);
      this.held.set(shipmentId, known);
      return known;
    }
    const [row]: (ShipmentContext & { legs: LegPlaces[] | null })[] = await manager.query(
      `SELECT tracking_number AS "trackingNumber", commodity, legs
       FROM "notifications".shipments WHERE shipment_id = $1`,
      [shipmentId],
    );
    return row ? this.hold(shipmentId, contextOf(row)) : {};
  }

  private hold(shipmentId: string, names: ShipmentContext): ShipmentContext {
    this.held.delete(shipmentId);
    this.held.set(shipmentId, names);
    if (this.held.size > this.maxShipments) this.held.delete(this.held.keys().next().value!);
    return names;
  }
}

/** A stored booking as messages use it; one booked before its legs were kept has none (times in UTC). */
export function contextOf(row: {
  trackingNumber?: string | null;
  commodity?: string | null;
  legs?: LegPlaces[] | null;
}): ShipmentContext {
  return {
    trackingNumber: row.trackingNumber ?? undefined,
    commodity: row.commodity ?? undefined,
    ...(row.legs ? { legs: row.legs } : {}),
  };
}
