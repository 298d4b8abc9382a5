import type { RouteSummary } from '../format/route-summary.js';

/** Props of {@link RoutesTable}. */
export interface RoutesTableProps {
  readonly revision: number;
  readonly routes: readonly RouteSummary[];
}

/**
 * The stored routes in position order, one row each (see `summarizeRoute` for the cells).
 *
 * @example
 * <RoutesTable revision={list.revision} routes={list.data.map((r) => summarizeRoute(r, global))} />
 */
export function RoutesTable({ revision, routes }: RoutesTableProps) {
  return (
    <table className="routes">
      <caption>
        Routes (revision {revision}): {routes.length === 1 ? '1 route' : `${routes.length} routes`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col">Methods</th>
          <th scope="col">Upstream</th>
          <th scope="col">Downstream</th>
          <th scope="col">Authentication</th>
        </tr>
      </thead>
      <tbody>
        {routes.length === 0 ? (
          <tr>
            <td colSpan={5}>No routes are stored.</td>
          </tr>
        ) : (
          routes.map((route) => (
            <tr key={route.id} data-route-id={route.id}>
              <td>{route.position}</td>
              <td>{route.methods}</td>
              <td>
                <code>{route.upstream}</code>
              </td>
              <td>
                {route.downstream.map((url, index) => (
                  <code key={index} className="line">
                    {url}
                  </code>
                ))}
              </td>
              <td>{route.authentication}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
