import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../config/gateway-options.js';
import { AdminSettingEntity } from '../store/entities/index.js';

const TOKEN_HASH_SETTING = 'admin_token_sha256';

/**
 * The admin API's bearer token: `ADMIN_TOKEN` when set; otherwise one generated at the first
 * start, stored only as a SHA-256 hash, and printed once. Comparison is constant-time.
 */
@Injectable()
export class AdminTokens {
  private readonly logger = new Logger('AdminToken');
  private expectedHash: Buffer | undefined;

  constructor(
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    if (options.settings.adminToken) this.expectedHash = sha256(options.settings.adminToken);
  }

  /** True when the token can be checked (false until the database was reached, without ADMIN_TOKEN). */
  get ready(): boolean {
    return this.expectedHash !== undefined;
  }

  /** Loads the stored hash, or generates, stores and prints a token. Needs the database. */
  async ensure(): Promise<string | undefined> {
    if (this.expectedHash) return undefined;
    const repository = this.dataSource.getRepository(AdminSettingEntity);
    const stored = await repository.findOneBy({ name: TOKEN_HASH_SETTING });
    if (stored) {
      this.expectedHash = Buffer.from(stored.value, 'hex');
      return undefined;
    }
    const token = randomBytes(32).toString('base64url');
    const hash = sha256(token);
    // Another gateway may generate one at the same moment: the first insert wins, the others adopt it.
    await repository.createQueryBuilder().insert().values({ name: TOKEN_HASH_SETTING, value: hash.toString('hex') }).orIgnore().execute();
    const winner = await repository.findOneByOrFail({ name: TOKEN_HASH_SETTING });
    this.expectedHash = Buffer.from(winner.value, 'hex');
    if (!winner.value || !timingSafeEqual(this.expectedHash, hash)) return undefined;
    this.logger.warn('no ADMIN_TOKEN was set: a token was generated and is printed below ONCE; only its hash is stored');
    process.stdout.write(`\n  Margay admin token: ${token}\n  (use it as "Authorization: Bearer <token>"; set ADMIN_TOKEN to choose your own)\n\n`);
    return token;
  }

  matches(presented: string): boolean {
    if (!this.expectedHash) return false;
    return timingSafeEqual(sha256(presented), this.expectedHash);
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
