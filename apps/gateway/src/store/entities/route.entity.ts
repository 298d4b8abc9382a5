import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One Ocelot route. The fields the gateway uses are typed columns (so they can be queried and
 * edited by plain SQL); everything else of the route is kept verbatim in `extra`, so an
 * `ocelot.json` round-trips losslessly. `position` is the route's place in the file: Ocelot's
 * selection depends on configuration order (unique, deferrable: see the initial migration).
 */
@Entity({ name: 'routes' })
export class RouteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  key!: string | null;

  @Column({ name: 'upstream_path_template', type: 'text' })
  upstreamPathTemplate!: string;

  @Column({ name: 'upstream_http_method', type: 'text', array: true, default: () => "'{}'" })
  upstreamHttpMethod!: string[];

  @Column({ name: 'upstream_host', type: 'text', nullable: true })
  upstreamHost!: string | null;

  @Column({ name: 'upstream_header_templates', type: 'jsonb', nullable: true })
  upstreamHeaderTemplates!: Record<string, string> | null;

  @Column({ name: 'route_is_case_sensitive', type: 'boolean', nullable: true })
  routeIsCaseSensitive!: boolean | null;

  @Column({ type: 'integer', nullable: true })
  priority!: number | null;

  @Column({ name: 'downstream_path_template', type: 'text' })
  downstreamPathTemplate!: string;

  @Column({ name: 'downstream_scheme', type: 'text', nullable: true })
  downstreamScheme!: string | null;

  @Column({ name: 'downstream_host_and_ports', type: 'jsonb', nullable: true })
  downstreamHostAndPorts!: object | null;

  @Column({ name: 'downstream_http_method', type: 'text', nullable: true })
  downstreamHttpMethod!: string | null;

  @Column({ name: 'load_balancer_options', type: 'jsonb', nullable: true })
  loadBalancerOptions!: object | null;

  @Column({ name: 'timeout_seconds', type: 'integer', nullable: true })
  timeoutSeconds!: number | null;

  @Column({ name: 'qos_options', type: 'jsonb', nullable: true })
  qosOptions!: object | null;

  @Column({ name: 'request_id_key', type: 'text', nullable: true })
  requestIdKey!: string | null;

  @Column({ name: 'authentication_options', type: 'jsonb', nullable: true })
  authenticationOptions!: object | null;

  @Column({ name: 'route_claims_requirement', type: 'jsonb', nullable: true })
  routeClaimsRequirement!: object | null;

  @Column({ name: 'add_claims_to_request', type: 'jsonb', nullable: true })
  addClaimsToRequest!: object | null;

  @Column({ name: 'add_headers_to_request', type: 'jsonb', nullable: true })
  addHeadersToRequest!: object | null;

  @Column({ name: 'add_queries_to_request', type: 'jsonb', nullable: true })
  addQueriesToRequest!: object | null;

  @Column({ name: 'change_downstream_path_template', type: 'jsonb', nullable: true })
  changeDownstreamPathTemplate!: object | null;

  @Column({ name: 'upstream_header_transform', type: 'jsonb', nullable: true })
  upstreamHeaderTransform!: object | null;

  @Column({ name: 'downstream_header_transform', type: 'jsonb', nullable: true })
  downstreamHeaderTransform!: object | null;

  @Column({ name: 'rate_limit_options', type: 'jsonb', nullable: true })
  rateLimitOptions!: object | null;

  /** Every other key of the route (Metadata, HttpHandlerOptions, keys Margay does not know…). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  extra!: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
