import type { FastifyInstance } from 'fastify';

/**
 * Every route's path pattern and methods, collected as routes are added, so a request that found no route can be
 * told apart: a path no route has (404 NOT_FOUND) or a path that exists with other methods (405 METHOD_NOT_ALLOWED,
 * with `Allow`). Install before any route is registered.
 */
export function collectRouteMethods(app: FastifyInstance): (url: string) => string[] {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    const source = route.url
      .split('/')
      .map((part) => {
        if (part === '*') return '.*';
        if (part.startsWith(':')) return '[^/]+';
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    routes.push({ pattern: new RegExp(`^${source}/?$`), methods });
  });
  return (url) => {
    const path = url.split('?')[0] ?? '';
    const allowed = new Set<string>();
    for (const r of routes) if (r.pattern.test(path)) for (const m of r.methods) allowed.add(m);
    return [...allowed].sort();
  };
}
