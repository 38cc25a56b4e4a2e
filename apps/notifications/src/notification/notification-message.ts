import type { ShipmentBooked } from '@lib/contracts';

function place(p: { name: string; locode?: string }): string {
  return p.locode ? `${p.name} (${p.locode})` : p.name;
}

/** "Kinnow shipment KZPK-… booked: Lahore (PKLHE) → Almaty (KZALA), 2 legs". */
export function bookedMessage(booked: ShipmentBooked): string {
  const first = booked.legs[0];
  const last = booked.legs[booked.legs.length - 1];
  const commodity = booked.cargo.commodity.charAt(0).toUpperCase() + booked.cargo.commodity.slice(1);
  const legs = booked.legs.length === 1 ? '1 leg' : `${booked.legs.length} legs`;
  return `${commodity} shipment ${booked.trackingNumber} booked: ${place(first.from)} → ${place(last.to)}, ${legs}`;
}
