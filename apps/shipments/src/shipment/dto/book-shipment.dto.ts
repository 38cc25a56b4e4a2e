import { z } from 'zod';
import { isoDateTime } from '@lib/http';

/** A UN/LOCODE: country, then three letters or digits 2-9. */
export const UN_LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

export const placeSchema = z.strictObject({
  locode: z.string().regex(UN_LOCODE, 'must be a UN/LOCODE such as PKKHI').optional(),
  name: z.string().trim().min(1).max(100),
});

export const legSchema = z.strictObject({
  mode: z.enum(['ROAD', 'RAIL', 'SEA', 'AIR']),
  carrier: z.string().trim().min(2).max(40),
  from: placeSchema,
  to: placeSchema,
  crossing: z.string().trim().min(2).max(60).optional(),
  /** TIR carnet number or eTIR guarantee reference for a TIR transit leg. */
  tirReference: z.string().trim().min(3).max(40).optional(),
  plannedDeparture: isoDateTime().optional(),
  plannedArrival: isoDateTime().optional(),
});

export const cargoSchema = z.strictObject({
  commodity: z.string().trim().min(1).max(100),
  hsCode: z.string().regex(/^\d{4}(\.?\d{2}){0,2}$/, 'must be an HS code such as 0805.21'),
  packages: z.int().positive().max(1_000_000),
  weightKg: z.number().positive().max(1_000_000),
  perishable: z
    .strictObject({
      minCelsius: z.number().min(-60).max(40),
      maxCelsius: z.number().min(-60).max(40),
      shelfLifeDays: z.int().positive().max(365),
    })
    .refine((range) => range.minCelsius <= range.maxCelsius, {
      message: 'minCelsius must not exceed maxCelsius',
      path: ['minCelsius'],
    })
    .optional(),
});

/**
 * A booking for the caller's tenant: by corridor (either direction, legs and planned times from the
 * reference data) or with explicit legs.
 */
export const bookShipmentSchema = z
  .strictObject({
    consignee: z.string().trim().min(1).max(200).optional(),
    corridor: z.string().trim().min(1).max(100).optional(),
    direction: z.enum(['forward', 'reverse']).default('forward'),
    departureAt: isoDateTime().optional(),
    cargo: cargoSchema,
    legs: z.array(legSchema).min(1).max(20).optional(),
  })
  .refine((b) => b.legs !== undefined || b.corridor !== undefined, {
    message: 'give a corridor or the legs',
    path: ['legs'],
  });

export type BookShipment = z.infer<typeof bookShipmentSchema>;
