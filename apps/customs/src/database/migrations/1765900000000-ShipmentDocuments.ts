import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents belong to the shipment (issue 16): one current document per (shipment, type) filed for the
 * whole shipment, reused at every crossing that asks for it, and one per (shipment, type, crossing)
 * an officer filed for its own crossing only; a replaced one is kept with `replaced_at`. Declarations
 * keep a copy of the current documents they require (`documents`) and their requirements with why and
 * procedure. Existing per-declaration documents move here (shipment-wide): the latest of each type is
 * current.
 */
export class ShipmentDocuments1765900000000 implements MigrationInterface {
  name = 'ShipmentDocuments1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "customs".shipment_documents (
        id          bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL,
        type        text NOT NULL,
        crossing    text,
        reference   text NOT NULL,
        issuer      text NOT NULL,
        valid_until text,
        attached_at timestamptz NOT NULL,
        attached_by text NOT NULL,
        replaced_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX shipment_documents_current
         ON "customs".shipment_documents (shipment_id, type, COALESCE(crossing, '')) WHERE replaced_at IS NULL`,
    );
    await queryRunner.query(
      'CREATE INDEX shipment_documents_of ON "customs".shipment_documents (shipment_id, type, attached_at)',
    );
    await queryRunner.query('ALTER TABLE "customs".declarations ADD COLUMN document_requirements jsonb');
    // Every document attached so far, once per (shipment, type, reference, attachedAt): the newest of each type is
    // current, each older one replaced when the next was attached (a tie still leaves exactly one current).
    await queryRunner.query(`
      INSERT INTO "customs".shipment_documents
             (shipment_id, type, reference, issuer, valid_until, attached_at, attached_by, replaced_at)
      SELECT shipment_id, type, reference, issuer, valid_until, attached_at, attached_by,
             lead(attached_at) OVER (PARTITION BY shipment_id, type ORDER BY attached_at, reference)
        FROM (
          SELECT DISTINCT ON (d.shipment_id, doc->>'type', doc->>'reference', doc->>'attachedAt')
                 d.shipment_id, doc->>'type' AS type, doc->>'reference' AS reference, doc->>'issuer' AS issuer,
                 doc->>'validUntil' AS valid_until, (doc->>'attachedAt')::timestamptz AS attached_at,
                 doc->>'attachedBy' AS attached_by
            FROM "customs".declarations d, jsonb_array_elements(d.documents) AS doc
        ) docs`);
    // Declarations not yet at their crossing gain the shipment's current documents of the types they require and
    // lack; a paper they already hold stays (it may be older than another crossing's, but it is the one filed for
    // them). Arrived, inspected or held declarations keep exactly the papers their officer is deciding on.
    await queryRunner.query(`
      UPDATE "customs".declarations d
         SET documents = d.documents || COALESCE((
               SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'type', s.type, 'reference', s.reference, 'issuer', s.issuer, 'validUntil', s.valid_until,
                        'attachedAt', to_char(s.attached_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'attachedBy', s.attached_by)) ORDER BY s.type)
                 FROM "customs".shipment_documents s
                WHERE s.shipment_id = d.shipment_id AND s.replaced_at IS NULL AND s.type = ANY(d.required_documents)
                  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.documents) AS held WHERE held->>'type' = s.type)
             ), '[]'::jsonb)
       WHERE d.status IN ('PENDING', 'DOCUMENTS_COMPLETE')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "customs".declarations DROP COLUMN document_requirements');
    await queryRunner.query('DROP TABLE "customs".shipment_documents');
  }
}
