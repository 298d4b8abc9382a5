import { Injectable } from '@nestjs/common';
import { exportConfig, loadConfig, redactSecrets, type GatewayConfig, type ImportResult } from '@margay/config';
import { ReloadError, Reloader } from '../snapshot/reloader.js';
import { ConfigRepository } from '../store/config-repository.js';
import { AdminError } from './admin-error.js';

export type { ImportResult } from '@margay/config';

/**
 * Whole-configuration import and export (`ocelot.json`). Import order, unlike Ocelot's: validate,
 * then save in one transaction, then put into service; a refused file changes nothing.
 */
@Injectable()
export class ConfigService {
  constructor(
    private readonly repository: ConfigRepository,
    private readonly reloader: Reloader,
  ) {}

  async importOcelot(body: string, dryRun: boolean): Promise<ImportResult> {
    if (body.trim() === '') {
      throw AdminError.invalidConfig([{ path: '', code: 'empty_body', message: 'The body is empty: send an ocelot.json document.' }]);
    }
    const loaded = loadConfig(body);
    const config = await this.withStoredSecrets(loaded.config);
    // Secrets filled in from the store may satisfy rules the sent file alone did not.
    const issues = loaded.issues.length > 0 && config !== loaded.config ? loadConfig(config).issues : loaded.issues;
    if (issues.length > 0) throw AdminError.invalidConfig(issues, loaded.warnings);
    const summary = { routes: config.Routes.length, authenticationProviders: config.AuthenticationProviders.length, warnings: loaded.warnings };
    if (dryRun) return { revision: await this.repository.revision(), dryRun: true, ...summary };
    const revision = await this.repository.replace(config);
    try {
      await this.reloader.serveWritten(revision, config);
    } catch (error) {
      if (error instanceof ReloadError) {
        throw new AdminError(500, 'reload_failed', `Revision ${revision} was saved but this gateway could not put it into service; it still serves the previous revision.`, {
          revision,
          errors: error.failure.issues,
        });
      }
      throw error;
    }
    return { revision, dryRun: false, ...summary };
  }

  /** The stored configuration as ocelot.json, without secrets. */
  async exportOcelot(): Promise<{ revision: number; document: Record<string, unknown> }> {
    const stored = await this.repository.load();
    return { revision: stored.revision, document: exportConfig(redactSecrets(stored.config)) };
  }

  /** A provider sent without `ApiSecret` keeps the one stored under its `Key` (reads never return it). */
  private async withStoredSecrets(config: GatewayConfig): Promise<GatewayConfig> {
    if (!config.AuthenticationProviders.some((provider) => !provider.ApiSecret)) return config;
    const stored = await this.repository.load();
    const secrets = new Map(stored.config.AuthenticationProviders.map((provider) => [provider.Key, provider.ApiSecret]));
    return {
      ...config,
      AuthenticationProviders: config.AuthenticationProviders.map((provider) =>
        provider.ApiSecret || !secrets.get(provider.Key) ? provider : { ...provider, ApiSecret: secrets.get(provider.Key) },
      ),
    };
  }
}
