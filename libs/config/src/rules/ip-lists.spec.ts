import { describe, expect, it } from 'vitest';
import { loadConfig } from '../load-config.js';

const route = { UpstreamPathTemplate: '/a', DownstreamPathTemplate: '/b', DownstreamHostAndPorts: [{ Host: 'h', Port: 80 }] };

describe('SecurityOptions entries', () => {
  it.each(['10.0.0.1', '10.0.0.0/8', '192.168.1.0/255.255.255.0', '192.168.1.10-192.168.1.20', '192.168.1.10-20', '::1', '2001:db8::/32'])(
    'accepts %s',
    (entry) => {
      expect(loadConfig({ Routes: [{ ...route, SecurityOptions: { IPAllowedList: [entry] } }] }).issues).toEqual([]);
    },
  );

  it.each(['10.0.0', 'not-an-ip', '10.0.0.0/33', '10.0.0.0/255.0.255.0', '192.168.1.20-10', '10.0.0.1-::1', '192.168.1.1-300'])(
    'refuses %s, naming the entry',
    (entry) => {
      const issues = loadConfig({ Routes: [route], GlobalConfiguration: { SecurityOptions: { IPBlockedList: ['1.2.3.4', entry] } } }).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: 'GlobalConfiguration.SecurityOptions.IPBlockedList[1]', code: 'ip_entry_invalid' });
      expect(issues[0]!.message).toContain(entry);
    },
  );
});
