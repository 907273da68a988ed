import { expect } from '@open-wc/testing';
import { resolveConfig } from '../../src/auth-config.js';

const pool = { userPoolId: 'local_devpool', userPoolClientId: 'localdevclient' };

describe('auth configuration', () => {
  describe('when the attributes are complete', () => {
    it('gives the settings and the default flow', () => {
      expect(resolveConfig(pool, false)).to.deep.equal({ ok: true, authFlowType: 'CUSTOM_WITHOUT_SRP', config: pool });
    });

    it('maps custom-with-srp to the SRP flow type', () => {
      expect(resolveConfig({ ...pool, authFlow: 'custom-with-srp' }, false)).to.include({
        authFlowType: 'CUSTOM_WITH_SRP',
      });
    });

    it('trims stray spaces from the values', () => {
      const result = resolveConfig(
        {
          userPoolId: ' local_devpool ',
          userPoolClientId: ' localdevclient',
          userPoolEndpoint: ' https://auth.example.com/ ',
        },
        false,
      );
      expect(result).to.deep.equal({
        ok: true,
        authFlowType: 'CUSTOM_WITHOUT_SRP',
        config: { ...pool, userPoolEndpoint: 'https://auth.example.com/' },
      });
    });

    it('accepts region-style pool ids', () => {
      for (const userPoolId of ['eu-west-1_AbC123', 'us-gov-west-1_x9', 'local_devpool']) {
        expect(resolveConfig({ ...pool, userPoolId }, false).ok, userPoolId).to.equal(true);
      }
    });

    it('accepts http and https endpoints with paths', () => {
      for (const userPoolEndpoint of ['http://127.0.0.1:9229/', 'https://proxy.example.com/cognito']) {
        expect(resolveConfig({ ...pool, userPoolEndpoint }, false).ok, userPoolEndpoint).to.equal(true);
      }
    });
  });

  describe('when no pool attribute is set', () => {
    it('uses the page’s configuration when there is one', () => {
      expect(resolveConfig({}, true)).to.deep.equal({ ok: true, authFlowType: 'CUSTOM_WITHOUT_SRP' });
    });

    it('treats removed attributes (null) as absent', () => {
      expect(
        resolveConfig({ userPoolId: null, userPoolClientId: null, userPoolEndpoint: null, authFlow: null }, true).ok,
      ).to.equal(true);
    });

    it('reports the missing configuration otherwise', () => {
      expect(resolveConfig({}, false)).to.deep.equal({ ok: false, problem: 'ConfigurationMissing' });
    });
  });

  describe('when an attribute is wrong', () => {
    it('names the missing one', () => {
      expect(resolveConfig({ userPoolId: 'local_devpool' }, true)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationMissingClientId',
      });
      expect(resolveConfig({ userPoolClientId: 'c' }, true)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationMissingPoolId',
      });
    });

    it('rejects pool ids without a region part', () => {
      for (const userPoolId of ['devpool', '_devpool', 'local_', 'local_dev pool', 'local_dev-pool']) {
        expect(resolveConfig({ ...pool, userPoolId }, false), userPoolId).to.deep.equal({
          ok: false,
          problem: 'ConfigurationInvalidPoolId',
          value: userPoolId,
        });
      }
    });

    it('rejects endpoints that are not absolute http(s) URLs', () => {
      for (const userPoolEndpoint of ['/cognito', '127.0.0.1:9229', 'ftp://127.0.0.1/', 'javascript:alert(1)']) {
        expect(resolveConfig({ ...pool, userPoolEndpoint }, false), userPoolEndpoint).to.deep.equal({
          ok: false,
          problem: 'ConfigurationInvalidEndpoint',
          value: userPoolEndpoint,
        });
      }
    });

    it('rejects an unknown auth flow, even with the page’s configuration', () => {
      expect(resolveConfig({ authFlow: 'CUSTOM_WITH_SRP' }, true)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationInvalidAuthFlow',
        value: 'CUSTOM_WITH_SRP',
      });
    });
  });
});
