import { expect } from '@open-wc/testing';
import { resolveConfig } from '../../src/auth-config.js';

const pool = { userPoolId: 'local_devpool', userPoolClientId: 'localdevclient' };
/** A configuration the page (or another element) gave the auth library. */
const pagePool = { userPoolId: 'local_pagepool', userPoolClientId: 'pageclient' };

describe('auth configuration', () => {
  describe('when the attributes are complete', () => {
    it('gives the settings and the default flow', () => {
      expect(resolveConfig(pool)).to.deep.equal({ ok: true, authFlowType: 'CUSTOM_WITHOUT_SRP', config: pool });
    });

    it('maps custom-with-srp to the SRP flow type', () => {
      expect(resolveConfig({ ...pool, authFlow: 'custom-with-srp' })).to.include({
        authFlowType: 'CUSTOM_WITH_SRP',
      });
    });

    it('trims stray spaces from the values', () => {
      const result = resolveConfig({
        userPoolId: ' local_devpool ',
        userPoolClientId: ' localdevclient',
        userPoolEndpoint: ' https://auth.example.com/ ',
      });
      expect(result).to.deep.equal({
        ok: true,
        authFlowType: 'CUSTOM_WITHOUT_SRP',
        config: { ...pool, userPoolEndpoint: 'https://auth.example.com/' },
      });
    });

    it('accepts region-style pool ids', () => {
      for (const userPoolId of ['eu-west-1_AbC123', 'us-gov-west-1_x9', 'local_devpool']) {
        expect(resolveConfig({ ...pool, userPoolId }).ok, userPoolId).to.equal(true);
      }
    });

    it('accepts http and https endpoints with paths', () => {
      for (const userPoolEndpoint of ['http://127.0.0.1:9229/', 'https://proxy.example.com/cognito']) {
        expect(resolveConfig({ ...pool, userPoolEndpoint }).ok, userPoolEndpoint).to.equal(true);
      }
    });
  });

  describe('when no pool attribute is set', () => {
    it('uses the page’s configuration when there is one', () => {
      expect(resolveConfig({}, pagePool)).to.deep.equal({ ok: true, authFlowType: 'CUSTOM_WITHOUT_SRP' });
    });

    it('treats removed attributes (null) as absent', () => {
      expect(
        resolveConfig({ userPoolId: null, userPoolClientId: null, userPoolEndpoint: null, authFlow: null }, pagePool)
          .ok,
      ).to.equal(true);
    });

    it('reports the missing configuration otherwise', () => {
      expect(resolveConfig({})).to.deep.equal({ ok: false, problem: 'ConfigurationMissing' });
    });
  });

  describe('when the auth library already holds a configuration', () => {
    it('leaves the same pool in place instead of applying it again', () => {
      expect(resolveConfig(pagePool, pagePool)).to.deep.equal({ ok: true, authFlowType: 'CUSTOM_WITHOUT_SRP' });
    });

    it('refuses to switch the page to another pool, naming the one in place', () => {
      expect(resolveConfig(pool, pagePool)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationConflict',
        value: 'local_pagepool',
      });
    });

    it('counts another endpoint as another configuration', () => {
      const elsewhere = { ...pagePool, userPoolEndpoint: 'http://127.0.0.1:9229/' };
      expect(resolveConfig(elsewhere, pagePool)).to.include({ ok: false, problem: 'ConfigurationConflict' });
    });

    it('switches it when the element applied it itself and its attributes changed since', () => {
      expect(resolveConfig(pool, pagePool, pagePool)).to.deep.equal({
        ok: true,
        authFlowType: 'CUSTOM_WITHOUT_SRP',
        config: pool,
      });
    });
  });

  describe('when an attribute is wrong', () => {
    it('names the missing one', () => {
      expect(resolveConfig({ userPoolId: 'local_devpool' }, pagePool)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationMissingClientId',
      });
      expect(resolveConfig({ userPoolClientId: 'c' }, pagePool)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationMissingPoolId',
      });
    });

    it('rejects pool ids without a region part', () => {
      for (const userPoolId of ['devpool', '_devpool', 'local_', 'local_dev pool', 'local_dev-pool']) {
        expect(resolveConfig({ ...pool, userPoolId }), userPoolId).to.deep.equal({
          ok: false,
          problem: 'ConfigurationInvalidPoolId',
          value: userPoolId,
        });
      }
    });

    it('rejects endpoints that are not absolute http(s) URLs', () => {
      for (const userPoolEndpoint of ['/cognito', '127.0.0.1:9229', 'ftp://127.0.0.1/', 'javascript:alert(1)']) {
        expect(resolveConfig({ ...pool, userPoolEndpoint }), userPoolEndpoint).to.deep.equal({
          ok: false,
          problem: 'ConfigurationInvalidEndpoint',
          value: userPoolEndpoint,
        });
      }
    });

    it('rejects an unknown auth flow, even with the page’s configuration', () => {
      expect(resolveConfig({ authFlow: 'CUSTOM_WITH_SRP' }, pagePool)).to.deep.equal({
        ok: false,
        problem: 'ConfigurationInvalidAuthFlow',
        value: 'CUSTOM_WITH_SRP',
      });
    });
  });
});
