import type { GlobalConfiguration } from '@margay/config';
import { useCallback } from 'react';
import { getOcelotConfig, getStatus, listRoutes, type AdminClient, type ApiResult, type GatewayStatus, type RouteList } from '../api/index.js';
import { summarizeRoute } from '../format/route-summary.js';
import { useApi } from '../hooks/use-api.js';
import { ErrorMessage } from './error-message.js';
import { RoutesTable } from './routes-table.js';
import { StatusCard } from './status-card.js';

interface OverviewData {
  readonly status: GatewayStatus;
  readonly routes: RouteList;
  readonly global: GlobalConfiguration;
}

/**
 * The status, the routes, and the GlobalConfiguration the routes inherit from (for their effective
 * scheme and authentication), fetched together; the first failure wins.
 */
async function loadOverview(client: AdminClient, signal: AbortSignal): Promise<ApiResult<OverviewData>> {
  const [status, routes, config] = await Promise.all([getStatus(client, signal), listRoutes(client, signal), getOcelotConfig(client, signal)]);
  if (!status.ok) return status;
  if (!routes.ok) return routes;
  if (!config.ok) return config;
  const global = config.value.document.GlobalConfiguration;
  return {
    ok: true,
    value: {
      status: status.value,
      routes: routes.value,
      global: typeof global === 'object' && global !== null ? (global as GlobalConfiguration) : {},
    },
  };
}

/** Props of {@link Overview}. */
export interface OverviewProps {
  readonly client: AdminClient;
  /** Called when the gateway refuses the token. */
  readonly onUnauthorized: () => void;
}

/**
 * The overview screen: status card and routes table, with a Refresh button.
 *
 * @example
 * <Overview client={client} onUnauthorized={signOut} />
 */
export function Overview({ client, onUnauthorized }: OverviewProps) {
  const load = useCallback((signal: AbortSignal) => loadOverview(client, signal), [client]);
  const { state, reload } = useApi(load, onUnauthorized);
  return (
    <div className="stack">
      <div className="toolbar">
        <button type="button" onClick={reload} disabled={state.status === 'loading'}>
          Refresh
        </button>
        {state.status === 'loading' && <p role="status">Loading…</p>}
      </div>
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'ok' && (
        <>
          <StatusCard status={state.value.status} />
          <RoutesTable revision={state.value.routes.revision} routes={state.value.routes.data.map((stored) => summarizeRoute(stored, state.value.global))} />
        </>
      )}
    </div>
  );
}
