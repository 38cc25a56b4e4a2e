import type { Cargo } from '@lib/contracts';
import { carryRange } from '@lib/reference-data';

/**
 * The cargo as booked: a perishable the commodity catalogue knows (kinnow, mango, oranges) gets its
 * carry range and shelf life when the shipper gave none, so reefer monitoring, the shelf-life
 * follow-up and customs' perishable SLA apply without the shipper typing the range. A range the
 * shipper gives is kept as given.
 */
export function cargoToCarry(cargo: Cargo): Cargo {
  const perishable = carryRange(cargo);
  return perishable ? { ...cargo, perishable } : cargo;
}
