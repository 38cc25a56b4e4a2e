/** Payloads of the events the shipments service publishes on `shipments.events.v1`. */

export type TransportMode = 'ROAD' | 'RAIL' | 'SEA' | 'AIR';

/** A place on a route: a UN/LOCODE where one exists, else a named facility (Sost, Khunjerab). */
export interface Place {
  locode?: string;
  name: string;
}

export interface Cargo {
  commodity: string;
  hsCode: string;
  packages: number;
  weightKg: number;
  perishable?: { minCelsius: number; maxCelsius: number; shelfLifeDays: number };
}

export interface LegSummary {
  sequence: number;
  mode: TransportMode;
  carrier: string;
  from: Place;
  to: Place;
  /** Border crossing or port the leg starts at, where customs clears the cargo before departure. */
  crossing?: string;
  /** TIR carnet number or eTIR guarantee reference, for TIR transit. */
  tirReference?: string;
  plannedDeparture?: string;
  plannedArrival?: string;
}

export interface ShipmentBooked {
  shipmentId: string;
  trackingNumber: string;
  shipperId: string;
  consignee?: string;
  corridor?: string;
  cargo: Cargo;
  legs: LegSummary[];
  bookedAt: string;
}

export interface ShipmentCancelled {
  shipmentId: string;
  shipperId: string;
  reason?: string;
}

/** Common to the movement events a carrier posts. */
export interface CarrierEventFacts {
  shipmentId: string;
  shipperId: string;
  legSequence: number;
  carrier: string;
  location: Place;
  occurredAt: string;
  acceptedAt: string;
}

export type ShipmentLegDeparted = CarrierEventFacts;
export type ShipmentLegArrived = CarrierEventFacts;
export interface ShipmentBorderReached extends CarrierEventFacts {
  crossing: string;
}
export interface ShipmentBorderExited extends CarrierEventFacts {
  crossing: string;
}
export type ShipmentDelivered = CarrierEventFacts;
export interface ShipmentException extends CarrierEventFacts {
  reason: string;
}
export interface ShipmentTemperatureExcursion extends CarrierEventFacts {
  celsius: number;
  minCelsius: number;
  maxCelsius: number;
}
export interface ShipmentEtaChanged {
  shipmentId: string;
  shipperId: string;
  legSequence: number;
  estimatedArrival: string;
  acceptedAt: string;
}

export interface ShipmentLegDelayed {
  shipmentId: string;
  shipperId: string;
  legSequence: number;
  plannedArrival: string;
  estimatedArrival: string;
}
export interface ShipmentShelfLifeAtRisk {
  shipmentId: string;
  shipperId: string;
  commodity: string;
  expiresAt: string;
  estimatedDelivery: string;
}

export interface ShipmentEvents {
  'shipment.booked': ShipmentBooked;
  'shipment.cancelled': ShipmentCancelled;
  'shipment.leg.departed': ShipmentLegDeparted;
  'shipment.leg.arrived': ShipmentLegArrived;
  'shipment.border.reached': ShipmentBorderReached;
  'shipment.border.exited': ShipmentBorderExited;
  'shipment.delivered': ShipmentDelivered;
  'shipment.exception': ShipmentException;
  'shipment.temperature.excursion': ShipmentTemperatureExcursion;
  'shipment.eta.changed': ShipmentEtaChanged;
  'shipment.leg.delayed': ShipmentLegDelayed;
  'shipment.shelf_life.at_risk': ShipmentShelfLifeAtRisk;
}
