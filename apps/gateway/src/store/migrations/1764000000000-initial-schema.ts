import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The route store: routes, auth providers, global configuration, the configuration revision and
 * the triggers that bump it and NOTIFY every gateway, whoever changes the tables (admin API or SQL).
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        key text,
        upstream_path_template text NOT NULL,
        upstream_http_method text[] NOT NULL DEFAULT '{}',
        upstream_host text,
        upstream_header_templates jsonb,
        route_is_case_sensitive boolean,
        priority integer,
        downstream_path_template text NOT NULL,
        downstream_scheme text,
        downstream_host_and_ports jsonb,
        downstream_http_method text,
        load_balancer_options jsonb,
        timeout_seconds integer,
        qos_options jsonb,
        request_id_key text,
        authentication_options jsonb,
        route_claims_requirement jsonb,
        add_claims_to_request jsonb,
        add_headers_to_request jsonb,
        add_queries_to_request jsonb,
        change_downstream_path_template jsonb,
        upstream_header_transform jsonb,
        downstream_header_transform jsonb,
        rate_limit_options jsonb,
        extra jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routes_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED
      )`);
    await queryRunner.query(`
      CREATE TABLE auth_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        authority text,
        audience text,
        api_name text,
        api_secret text,
        supported_tokens text,
        jwks_uri text,
        issuer text,
        require_https_metadata boolean,
        clock_skew_seconds integer,
        extra jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT auth_providers_key_key UNIQUE (key) DEFERRABLE INITIALLY DEFERRED
      )`);
    await queryRunner.query(`
      CREATE TABLE global_config (
        id smallint PRIMARY KEY CHECK (id = 1),
        request_id_key text,
        base_url text,
        definition jsonb NOT NULL DEFAULT '{}'::jsonb,
        top_level_extra jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO global_config (id) VALUES (1)`);
    await queryRunner.query(`
      CREATE TABLE config_revision (
        id smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO config_revision (id, revision) VALUES (1, 1)`);
    await queryRunner.query(`
      CREATE TABLE admin_settings (
        name text PRIMARY KEY,
        value text NOT NULL
      )`);
    // One statement-level trigger per table: a change of any size bumps the revision (the row lock
    // orders concurrent writers, so revisions follow commit order) and notifies listeners, who hear
    // it only once the transaction commits.
    await queryRunner.query(`
      CREATE FUNCTION margay_config_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        new_revision bigint;
      BEGIN
        UPDATE config_revision SET revision = revision + 1, changed_at = now() WHERE id = 1
          RETURNING revision INTO new_revision;
        PERFORM pg_notify('margay_config', new_revision::text);
        RETURN NULL;
      END
      $$`);
    for (const table of ['routes', 'auth_providers', 'global_config']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION margay_config_changed()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['routes', 'auth_providers', 'global_config']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_changed ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS margay_config_changed()`);
    await queryRunner.query(`DROP TABLE IF EXISTS admin_settings, config_revision, global_config, auth_providers, routes`);
  }
}
