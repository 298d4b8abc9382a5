import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../api/index.js';
import { ErrorMessage } from './error-message.js';
import { RoutesTable } from './routes-table.js';
import { SignIn } from './sign-in.js';
import { StatusCard } from './status-card.js';

// No DOM here (no jsdom): the components are rendered to HTML and the markup the end-to-end tests
// rely on (roles, labels, texts) is checked in that HTML.

const HEALTHY: GatewayStatus = {
  revision: 5,
  source: 'database',
  compiledAt: '2026-11-24T16:00:00.000Z',
  databaseConnected: true,
  reloads: { applied: 5, failed: 0 },
  lastFailure: null,
};

describe('StatusCard', () => {
  it('shows the revision, the source, the database state and no failure', () => {
    const html = renderToStaticMarkup(<StatusCard status={HEALTHY} />);
    expect(html).toContain('<h2 id="status-heading">Status</h2>');
    expect(html).toContain('<dd data-testid="status-revision">5</dd>');
    expect(html).toContain('>connected</dd>');
    expect(html).toContain('2026-11-24 16:00:00 UTC');
    expect(html).toContain('No reload has failed.');
  });

  it('shows the last reload failure with every issue as path — message', () => {
    const status: GatewayStatus = {
      ...HEALTHY,
      databaseConnected: false,
      reloads: { applied: 5, failed: 1 },
      lastFailure: {
        revision: 6,
        kind: 'invalid',
        at: '2026-11-24T16:05:00.000Z',
        issues: [{ path: 'Routes[0].DownstreamHostAndPorts', message: 'needs at least one host', code: 'no_hosts' }],
      },
    };
    const html = renderToStaticMarkup(<StatusCard status={status} />);
    expect(html).toContain('>not connected</dd>');
    expect(html).toContain('Last reload failure');
    expect(html).toContain('Revision 6 was not put into service (invalid configuration) at 2026-11-24 16:05:00 UTC.');
    expect(html).toContain('<ul aria-label="Issues"><li title="no_hosts">Routes[0].DownstreamHostAndPorts — needs at least one host</li></ul>');
  });
});

describe('RoutesTable', () => {
  it('has a column header per cell and a row per route', () => {
    const html = renderToStaticMarkup(
      <RoutesTable
        revision={2}
        routes={[{ id: 'r1', position: 0, methods: 'any', upstream: '/a', downstream: ['http://a:80/x', 'http://b:80/x'], authentication: 'none' }]}
      />,
    );
    for (const header of ['Position', 'Methods', 'Upstream', 'Downstream', 'Authentication']) expect(html).toContain(`<th scope="col">${header}</th>`);
    expect(html).toContain('<caption>Routes (revision 2): 1 route</caption>');
    expect(html).toContain('<tr data-route-id="r1"><td>0</td><td>any</td>');
    expect(html).toContain('<code class="line">http://a:80/x</code><code class="line">http://b:80/x</code>');
  });

  it('says so when no route is stored', () => {
    expect(renderToStaticMarkup(<RoutesTable revision={0} routes={[]} />)).toContain('No routes are stored.');
  });
});

describe('ErrorMessage', () => {
  it('is an alert with the message, the code and the issues', () => {
    const html = renderToStaticMarkup(
      <ErrorMessage
        error={{
          status: 400,
          code: 'invalid_config',
          message: 'The configuration has 1 error; nothing was saved.',
          errors: [{ path: 'Routes[0]', message: 'bad', code: 'x' }],
          warnings: [{ path: 'Foo', message: 'unknown key', code: 'unknown_key' }],
        }}
      />,
    );
    expect(html).toMatch(/^<div role="alert"/);
    expect(html).toContain('(invalid_config)');
    expect(html).toContain('<ul aria-label="1 error"><li title="x">Routes[0] — bad</li></ul>');
    expect(html).toContain('<ul aria-label="Warnings"><li title="unknown_key">Foo — unknown key</li></ul>');
  });
});

describe('SignIn', () => {
  it('has a labelled password field and a sign-in button', () => {
    const html = renderToStaticMarkup(<SignIn onSignedIn={() => undefined} notice="Sign in again." />);
    const id = /<label for="([^"]+)">Admin token<\/label>/.exec(html)?.[1];
    expect(id).toBeDefined();
    const input = new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0];
    expect(input).toContain('type="password"');
    expect(input).toContain('required=""');
    expect(html).toContain('<button type="submit" class="primary">Sign in</button>');
    expect(html).toContain('Sign in again.');
  });
});
