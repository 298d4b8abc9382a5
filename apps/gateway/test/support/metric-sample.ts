/** The value of a Prometheus sample line `name{labels} value` in an exposition, or undefined. */
export function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

/** An error count of the gateway's `/metrics` (admin port): `margay_proxy_errors_total{code}`, 0 before the first. */
export async function proxyErrorCount(adminUrl: string, code: string): Promise<number> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  return sample(text, `margay_proxy_errors_total{code="${code}"}`) ?? 0;
}
