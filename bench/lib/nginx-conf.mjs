// nginx.conf for the nginx candidate: one worker, keep-alive to the upstream, no access log — the
// setup of /work/shared/bench's nginx row, written here for this harness.

/**
 * @param {{ dir: string, port: number, upstreamPort: number, routes?: { upstream: string, downstream: string }[] }} options
 *   `routes` (scenario 2) become one location each: a prefix location up to the first placeholder,
 *   rewritten to the downstream's prefix (nginx's prefix tree, its usual way to hold many routes), or
 *   an exact location for a template without placeholders. Without routes everything is forwarded.
 */
export function nginxConf({ dir, port, upstreamPort, routes }) {
  const locations = routes ? [...routes.map(routeLocation), '    location / { return 404; }'] : ['    location / { proxy_pass http://backend; }'];
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  keepalive_requests 100000;
  keepalive_timeout 65s;
  upstream backend {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
${locations.join('\n')}
  }
}
`;
}

function routeLocation({ upstream, downstream }) {
  const brace = upstream.indexOf('{');
  if (brace < 0) return `    location = ${upstream} { proxy_pass http://backend${downstream}; }`;
  const prefix = upstream.slice(0, brace);
  const target = downstream.slice(0, downstream.indexOf('{'));
  return `    location ${prefix} { proxy_pass http://backend${target}; }`;
}
