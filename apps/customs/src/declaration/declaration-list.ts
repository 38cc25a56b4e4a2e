import type { DataSource } from 'typeorm';
import { utcMicros } from '@lib/http';
import type { DeclarationScope } from './declaration-visibility';
import { Declaration } from './declaration.entity';
import { declarationsCursor, type ListDeclarations } from './dto/declaration.dto';

/**
 * One page of the declarations in `scope`, filtered and paged in SQL: newest bookings first, a
 * booking's crossings in route order. Keyset over (created_at, shipment_id, leg, id); the cursor
 * keeps created_at's microseconds (a JS Date would round them and skip rows).
 */
export async function listDeclarations(
  dataSource: DataSource,
  scope: DeclarationScope,
  query: ListDeclarations,
): Promise<{ items: Declaration[]; nextCursor: string | null }> {
  const qb = dataSource
    .getRepository(Declaration)
    .createQueryBuilder('d')
    .addSelect(utcMicros('d.created_at'), 'created_key');
  switch (scope.kind) {
    case 'shippers':
      qb.where('d.shipper_id = ANY(:shippers)', { shippers: scope.shipperIds });
      break;
    case 'crossing':
      // NULL (an officer without a crossing) matches no row.
      qb.where('d.crossing = :own', { own: scope.crossing });
      break;
    case 'all':
      qb.where('true');
      break;
    default:
      qb.where('false');
  }
  if (query.shipmentId) qb.andWhere('d.shipment_id = :shipmentId', { shipmentId: query.shipmentId });
  if (query.crossing) qb.andWhere('d.crossing = :crossing', { crossing: query.crossing });
  if (query.status) qb.andWhere('d.status = :status', { status: query.status });
  if (query.cursor) {
    qb.andWhere(
      `((d.created_at, d.shipment_id) < (:createdAt::timestamptz, :cursorShipment::uuid)
          OR ((d.created_at, d.shipment_id) = (:createdAt::timestamptz, :cursorShipment::uuid)
              AND (COALESCE(d.leg_sequence, 0), d.id) > (:leg::int, :id::uuid)))`,
      {
        createdAt: query.cursor.createdAt,
        cursorShipment: query.cursor.shipmentId,
        leg: query.cursor.leg,
        id: query.cursor.id,
      },
    );
  }
  const { entities, raw } = await qb
    .orderBy('d.created_at', 'DESC')
    .addOrderBy('d.shipment_id', 'DESC')
    .addOrderBy('COALESCE(d.leg_sequence, 0)', 'ASC')
    .addOrderBy('d.id', 'ASC')
    .limit(query.limit + 1)
    .getRawAndEntities<{ created_key: string }>();
  const items = entities.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor =
    entities.length > query.limit && last
      ? declarationsCursor.encode({
          createdAt: raw[items.length - 1].created_key,
          shipmentId: last.shipmentId,
          leg: last.legSequence ?? 0,
          id: last.id,
        })
      : null;
  return { items, nextCursor };
}
