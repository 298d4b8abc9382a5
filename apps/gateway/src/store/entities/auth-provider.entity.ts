import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * An authentication provider (Margay's `AuthenticationProviders` entry; in Ocelot, C# code).
 * `api_secret` is read only by the gateway's auth module and never returned by the admin API.
 */
@Entity({ name: 'auth_providers' })
@Index('auth_providers_key_key', ['key'], { unique: true })
export class AuthProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  authority!: string | null;

  @Column({ type: 'text', nullable: true })
  audience!: string | null;

  @Column({ name: 'api_name', type: 'text', nullable: true })
  apiName!: string | null;

  @Column({ name: 'api_secret', type: 'text', nullable: true })
  apiSecret!: string | null;

  @Column({ name: 'supported_tokens', type: 'text', nullable: true })
  supportedTokens!: string | null;

  @Column({ name: 'jwks_uri', type: 'text', nullable: true })
  jwksUri!: string | null;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ name: 'require_https_metadata', type: 'boolean', nullable: true })
  requireHttpsMetadata!: boolean | null;

  @Column({ name: 'clock_skew_seconds', type: 'integer', nullable: true })
  clockSkewSeconds!: number | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  extra!: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
