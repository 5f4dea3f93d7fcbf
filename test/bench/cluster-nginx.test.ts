import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchNginxConfig } from '../../bench/cluster/nginx.js';

const reference = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');

describe("bench:cluster's nginx config, derived from deploy/nginx.conf", () => {
  const conf = benchNginxConfig(reference, {
    listenPort: 39001,
    upstreamPorts: [41001, 41002, 41003, 41004],
    dir: '/tmp/run/nginx',
    workers: 2,
    rlimit: 20_000,
    connections: 19_000,
    userRoot: false,
  });

  it("points the upstream at the run's instances only, with the reference's server options", () => {
    const servers = conf.match(/^\s*server 127\.0\.0\.1:\d+[^;]*;/gm)!.map((line) => line.trim());
    expect(servers).toEqual([
      'server 127.0.0.1:41001 max_fails=1 fail_timeout=5s;',
      'server 127.0.0.1:41002 max_fails=1 fail_timeout=5s;',
      'server 127.0.0.1:41003 max_fails=1 fail_timeout=5s;',
      'server 127.0.0.1:41004 max_fails=1 fail_timeout=5s;',
    ]);
  });

  it('keeps the WebSocket upgrade and the balancing of the reference, without sticky sessions', () => {
    for (const line of ['proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection $connection_upgrade;', 'proxy_http_version 1.1;', 'least_conn;']) {
      expect(conf).toContain(line);
    }
    const directives = conf.split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(directives.filter((line) => /ip_hash|hash \$|sticky/.test(line))).toEqual([]);
  });

  it('runs in the foreground with every file in the run folder', () => {
    expect(conf).toContain('daemon off;');
    expect(conf).toContain('pid /tmp/run/nginx/nginx.pid;');
    expect(conf).toContain('error_log /tmp/run/nginx/error.log warn;');
    expect(conf).toContain('proxy_temp_path /tmp/run/nginx/proxy;');
    expect(conf).toContain('listen 127.0.0.1:39001 reuseport');
    expect(conf).toContain('worker_processes 2;');
    expect(conf).toContain('worker_rlimit_nofile 20000;');
    expect(conf).toContain('worker_connections 19000;');
    expect(conf).not.toContain('user root;');
  });
});
