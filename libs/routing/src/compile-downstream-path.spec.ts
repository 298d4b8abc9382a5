import { describe, expect, it } from 'vitest';
import { compileDownstreamPath } from './compile-downstream-path.js';

const build = (template: string, names: string[], placeholders: Record<string, string>, requestPath: string, rawQuery = '') =>
  compileDownstreamPath(template, names).build({ placeholders, requestPath, rawQuery });

describe('compileDownstreamPath: path', () => {
  it('reports its placeholder names in order, duplicates kept', () => {
    expect(compileDownstreamPath('/a/{x}/{y}/{x}?q={z}', []).placeholderNames).toEqual(['x', 'y', 'x', 'z']);
  });

  it('substitutes by exact name, every occurrence', () => {
    expect(build('/v/{Id}/{id}/{id}', ['id', 'Id'], { id: '1', Id: '2' }, '/x').path).toBe('/v/2/1/1');
  });

  it('never substitutes into a value (Ocelot’s repeated string replace would)', () => {
    expect(build('/v/{a}/{b}', ['a', 'b'], { a: '{b}', b: 'secret' }, '/x').path).toBe('/v/{b}/secret');
  });

  it('keeps a placeholder that has no value as written', () => {
    expect(build('/v/{missing}', [], {}, '/x').path).toBe('/v/{missing}');
  });

  it('reads only own values (a name like "constructor" is just a name)', () => {
    expect(build('/v/{constructor}', [], {}, '/x').path).toBe('/v/{constructor}');
  });

  it('trims trailing slashes when the request path has none, keeps them when it has one', () => {
    expect(build('/api/{v}/', ['v'], { v: 'x' }, '/a')).toEqual({ path: '/api/x', query: '' });
    expect(build('/api/{v}//', ['v'], { v: 'x' }, '/a').path).toBe('/api/x');
    expect(build('/api/{v}/', ['v'], { v: 'x' }, '/a/').path).toBe('/api/x/');
  });

  it('leaves the path alone when the template has a query part (Ocelot would trim the query’s slashes)', () => {
    expect(build('/api/?to={to}', ['to'], { to: 'x/' }, '/a')).toEqual({ path: '/api/', query: '?to=x/' });
  });

  it('always starts with "/" and is never empty', () => {
    expect(build('/{v}', ['v'], { v: '' }, '/a').path).toBe('/');
    expect(build('{v}', ['v'], { v: 'x' }, '/a').path).toBe('/x');
  });

  it('writes template literals in the canonical path form', () => {
    expect(build('/my files/%7euser/{v}', ['v'], { v: 'x' }, '/a').path).toBe('/my%20files/~user/x');
  });
});

describe('compileDownstreamPath: query, template without "?"', () => {
  it('forwards the request query verbatim when the route has no placeholders', () => {
    expect(build('/b', [], {}, '/a', 'x=%41&y=1+2&x=3').query).toBe('?x=%41&y=1+2&x=3');
  });

  it('otherwise re-encodes it and drops parameters named like a placeholder, in any case', () => {
    expect(build('/b/{Id}', ['Id'], { Id: '1' }, '/a/1', 'id=1&ID=2&Id=3&x=%41&y=1+2').query).toBe('?x=A&y=1%202');
  });

  it('keeps repeated keys in their order and parameters without "="', () => {
    expect(build('/b/{id}', ['id'], { id: '1' }, '/a/1', 'a=1&flag&b=2&a=3').query).toBe('?a=1&flag&b=2&a=3');
  });

  it('has no "?" when nothing is left', () => {
    expect(build('/b/{id}', ['id'], { id: '1' }, '/a/1', 'id=1').query).toBe('');
    expect(build('/b/{id}', ['id'], { id: '1' }, '/a/1', '').query).toBe('');
  });
});

describe('compileDownstreamPath: query, template with "?"', () => {
  it('uses the template query as it is when the request has none; a lone "?" disappears', () => {
    expect(build('/b?x={v}', ['v'], { v: '1' }, '/a').query).toBe('?x=1');
    expect(build('/b?{q}', ['q'], { q: '' }, '/a').query).toBe('');
  });

  it('puts the template parameters first, then the request’s not named like a placeholder or a template parameter', () => {
    const query = build('/b?first={v}&fixed=1', ['v'], { v: 'x' }, '/a', 'v=9&fixed=2&other=3&V=4').query;
    expect(query).toBe('?first=x&fixed=1&other=3&V=4');
  });

  it('parses the template query after substitution, so a value may bring parameters (Ocelot’s {everything})', () => {
    expect(build('/b?id={id}&{rest}', ['id', 'rest'], { id: '1', rest: 'a=2&b=3' }, '/a', 'a=2').query).toBe('?id=1&a=2&b=3');
  });

  it('re-encodes every parameter', () => {
    expect(build('/b?{q}', ['q'], { q: '' }, '/a', "f=Name eq 'Sam'&t=00:00").query).toBe('?f=Name%20eq%20%27Sam%27&t=00%3A00');
  });
});
