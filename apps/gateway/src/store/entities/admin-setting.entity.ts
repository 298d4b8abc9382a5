import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Settings the gateway itself keeps, e.g. the hash of a generated admin token. */
@Entity({ name: 'admin_settings' })
export class AdminSettingEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  value!: string;
}
