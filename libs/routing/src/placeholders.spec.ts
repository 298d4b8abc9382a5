import { describe, expect, it } from 'vitest';
import { placeholdersOf, upstreamPlaceholderNamesOf } from './placeholders.js';

describe('placeholdersOf', () => {
  it.each([
    ['/api/{version}/items/{id}?sort={sort}', ['version', 'id', 'sort']],
    ['/a/{id}/{id}', ['id', 'id']],
    ['/invoices_{a}/{b}-{c}_x', ['a', 'b', 'c']],
    ['/no/placeholders', []],
    ['/{}/{a{b}/c}', ['b']],
    ['{header:version}', ['header:version']],
  ])('%s → %j', (template, names) => {
    expect(placeholdersOf(template)).toEqual(names);
  });
});

describe('upstreamPlaceholderNamesOf', () => {
  it('lists path, query, then header-template names, in order', () => {
    expect(
      upstreamPlaceholderNamesOf({
        UpstreamPathTemplate: '/orders/{id}?v={v}',
        UpstreamHeaderTemplates: { 'X-Tenant': '{header:tenant}', 'X-Region': '{HEADER:cc}-{header:region}' },
      }),
    ).toEqual(['id', 'v', 'tenant', 'cc', 'region']);
  });

  it('works without header templates', () => {
    expect(upstreamPlaceholderNamesOf({ UpstreamPathTemplate: '/a/{b}' })).toEqual(['b']);
  });
});
