import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The configuration revision: one row, bumped by triggers on every change to the configuration
 * tables (through the admin API or plain SQL), so every gateway can tell whether it is current.
 */
@Entity({ name: 'config_revision' })
export class ConfigRevisionEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** bigint arrives from pg as a string; the repository converts it. */
  @Column({ type: 'bigint' })
  revision!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
