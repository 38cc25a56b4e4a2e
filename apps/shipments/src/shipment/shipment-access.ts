import { actsForShipper, type Principal } from '@lib/identity';
import type { Shipment } from './shipment.entity';

/**
 * Who may see a shipment: its shipper, brokers acting for that shipper, operators, a carrier that
 * operates one of its legs, an officer at a crossing on its route. Anyone else is told it does not exist.
 */
export function canSeeShipment(principal: Principal, shipment: Pick<Shipment, 'shipperId' | 'legs'>): boolean {
  if (actsForShipper(principal, shipment.shipperId)) return true;
  if (principal.role === 'carrier') return shipment.legs.some((leg) => leg.carrier === principal.carrierCode);
  if (principal.role === 'customs_officer') return shipment.legs.some((leg) => leg.crossing === principal.crossing);
  return false;
}
