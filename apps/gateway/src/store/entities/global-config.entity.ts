import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The single row of `GlobalConfiguration`, plus any top-level keys of ocelot.json Margay keeps verbatim. */
@Entity({ name: 'global_config' })
export class GlobalConfigEntity {
  /** Always 1: the table holds one row. */
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ name: 'request_id_key', type: 'text', nullable: true })
  requestIdKey!: string | null;

  @Column({ name: 'base_url', type: 'text', nullable: true })
  baseUrl!: string | null;

  /** The rest of `GlobalConfiguration`. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  definition!: object;

  /** Top-level keys other than Routes, GlobalConfiguration and AuthenticationProviders. */
  @Column({ name: 'top_level_extra', type: 'jsonb', default: () => "'{}'::jsonb" })
  topLevelExtra!: object;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
