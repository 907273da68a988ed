import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOriginPolicy, isLoopbackHost, normaliseOrigin } from '../../../backend/local-cognito/request-origin.ts';

describe('origin and host policy of the local endpoint', () => {
  const policy = createOriginPolicy({ corsOrigins: ['https://Dev.Example.test:443/'], hosts: ['192.168.1.20'] });

  it('knows the loopback names', () => {
    for (const name of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) {
      assert.equal(isLoopbackHost(name), true, name);
    }
    for (const name of ['example.com', '127.0.0.1.evil.example', '10.0.0.1', 'localhost.evil.example', '0.0.0.0']) {
      assert.equal(isLoopbackHost(name), false, name);
    }
  });

  it('allows loopback origins on any port, and the configured ones in any spelling', () => {
    for (const origin of [
      'http://localhost:8000',
      'https://127.0.0.1',
      'http://[::1]:5173',
      'https://dev.example.test',
    ]) {
      assert.equal(policy.allowsOrigin(origin), true, origin);
    }
  });

  it('refuses foreign, opaque and malformed origins', () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'file://',
      'http://localhost.evil.example',
      'not a url',
      '',
    ]) {
      assert.equal(policy.allowsOrigin(origin), false, origin);
    }
  });

  it('allows loopback hosts and the bound address, with or without a port, and nothing else', () => {
    for (const host of ['localhost:9229', '127.0.0.1', '[::1]:9229', '192.168.1.20:9229']) {
      assert.equal(policy.allowsHost(host), true, host);
    }
    for (const host of ['evil.example:9229', '', 'localhost.evil.example', '192.168.1.21']) {
      assert.equal(policy.allowsHost(host), false, host);
    }
  });

  it('normalises configured origins and refuses what is not one', () => {
    assert.equal(normaliseOrigin('https://Dev.Example.test:443/path'), 'https://dev.example.test');
    assert.throws(() => normaliseOrigin('file:///tmp/x'), /not an http\(s\) origin/);
  });
});
