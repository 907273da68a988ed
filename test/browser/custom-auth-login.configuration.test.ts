import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import type { AuthErrorDetail, CustomAuthLogin } from '../../src/custom-auth-login.js';
import { loadConfigurationTexts } from '../../src/strings.js';
import { FakeAuthAdapter, authError } from './support/fake-auth-adapter.js';
import { errorText, field, part, submit, typeInto, userPoolClientId, userPoolId } from './support/login-fixture.js';

interface Attributes {
  poolId?: string;
  clientId?: string;
  endpoint?: string;
  authFlow?: string;
}

/** Renders the element with the given attributes, collecting every `auth-error` from the very first one. */
async function renderConfigured(attributes: Attributes, fake = new FakeAuthAdapter()) {
  const errors: AuthErrorDetail[] = [];
  const el = await fixture<CustomAuthLogin>(html`
    <custom-auth-login
      user-pool-id=${attributes.poolId ?? nothing}
      user-pool-client-id=${attributes.clientId ?? nothing}
      user-pool-endpoint=${attributes.endpoint ?? nothing}
      auth-flow=${attributes.authFlow ?? nothing}
      .adapter=${fake}
      @auth-error=${(event: CustomEvent<AuthErrorDetail>) => errors.push(event.detail)}
    ></custom-auth-login>
  `);
  // A problem is shown once its texts (a chunk of their own) have arrived.
  await loadConfigurationTexts();
  await el.updateComplete;
  return { el, fake, errors };
}

describe('<custom-auth-login> configuration', () => {
  describe('when the attributes name a pool', () => {
    it('configures the auth library with them and looks for a session', async () => {
      const { fake } = await renderConfigured({
        poolId: userPoolId,
        clientId: userPoolClientId,
        endpoint: 'http://127.0.0.1:9229/',
      });
      expect(fake.configurations).to.deep.equal([
        { userPoolId, userPoolClientId, userPoolEndpoint: 'http://127.0.0.1:9229/' },
      ]);
      expect(fake.count('getCurrentUser')).to.equal(1);
    });

    it('leaves the token storage to the page unless token-storage says otherwise', async () => {
      const { fake } = await renderConfigured({ poolId: userPoolId, clientId: userPoolClientId });
      expect(fake.storages).to.deep.equal([undefined]);
    });

    it('hands token-storage and cookie-domain to the auth library with the pool', async () => {
      for (const [attributes, expected] of [
        [{ 'token-storage': 'session' }, { kind: 'session' }],
        [{ 'token-storage': 'local' }, { kind: 'local' }],
        [
          { 'token-storage': 'cookie', 'cookie-domain': 'example.com' },
          { kind: 'cookie', cookieDomain: 'example.com' },
        ],
        [{ 'token-storage': 'indexeddb' }, undefined],
      ] as const) {
        const fake = new FakeAuthAdapter();
        const el = document.createElement('custom-auth-login');
        el.adapter = fake;
        el.setAttribute('user-pool-id', userPoolId);
        el.setAttribute('user-pool-client-id', userPoolClientId);
        for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
        document.body.append(el);
        await el.updateComplete;
        expect(fake.storages, JSON.stringify(attributes)).to.deep.equal([expected]);
        el.remove();
      }
    });

    it('leaves the endpoint out when none is given', async () => {
      const { fake } = await renderConfigured({ poolId: 'eu-west-1_AbC123', clientId: 'client' });
      expect(fake.configurations).to.deep.equal([{ userPoolId: 'eu-west-1_AbC123', userPoolClientId: 'client' }]);
    });

    it('applies them once, not on every submit', async () => {
      const { el, fake } = await renderConfigured({ poolId: userPoolId, clientId: userPoolClientId });
      (await fake.nextCall('getCurrentUser')).reject(authError('UserUnAuthenticatedException', 'no user'));
      await oneEvent(el, 'auth-step-change');
      typeInto(field(el, 'username-input'), 'alice@example.com');
      submit(el);
      await fake.nextCall('signIn');
      expect(fake.configurations).to.have.length(1);
    });

    it('starts over when they change', async () => {
      const { el, fake } = await renderConfigured({ poolId: userPoolId, clientId: userPoolClientId });
      el.setAttribute('user-pool-id', 'local_otherpool');
      await el.updateComplete;
      expect(fake.configurations.map((config) => config.userPoolId)).to.deep.equal([userPoolId, 'local_otherpool']);
      expect(fake.count('getCurrentUser')).to.equal(2);
    });
  });

  describe('when the page configured the auth library itself', () => {
    /** The element with `attributes`, on a page that configured the auth library with its own pool. */
    function renderOnConfiguredPage(attributes: Attributes) {
      const fake = new FakeAuthAdapter();
      fake.pageConfig = { userPoolId: 'local_pagepool', userPoolClientId: 'pageclient' };
      return renderConfigured(attributes, fake);
    }

    for (const [situation, attributes] of [
      ['names no pool', {}],
      ['names the same pool', { poolId: 'local_pagepool', clientId: 'pageclient' }],
    ] as const) {
      it(`uses that configuration as it is when the element ${situation}`, async () => {
        const { fake, errors } = await renderOnConfiguredPage(attributes);
        expect(fake.configurations).to.deep.equal([]);
        expect(fake.count('getCurrentUser')).to.equal(1);
        expect(errors).to.deep.equal([]);
      });
    }

    it('keeps it, and explains the conflict, when the attributes name another pool', async () => {
      const { el, fake, errors } = await renderOnConfiguredPage({ poolId: userPoolId, clientId: userPoolClientId });
      const message =
        'This sign-in form is not set up: this page already uses user pool local_pagepool (one pool per page).';
      expect(errors).to.deep.equal([{ step: 'loading', name: 'ConfigurationError', message }]);
      expect(errorText(el)).to.equal(message);
      expect(fake.configurations).to.deep.equal([]);
      expect(fake.count('getCurrentUser')).to.equal(0);
    });
  });

  describe('when the configuration cannot work', () => {
    const cases: Array<{ situation: string; attributes: Attributes; message: string }> = [
      {
        situation: 'nothing is configured at all',
        attributes: {},
        message: 'This sign-in form is not set up: set its user-pool-id and user-pool-client-id attributes.',
      },
      {
        situation: 'the client id is missing',
        attributes: { poolId: userPoolId },
        message: 'This sign-in form is not set up: set its user-pool-client-id attribute.',
      },
      {
        situation: 'the pool id is missing',
        attributes: { clientId: userPoolClientId },
        message: 'This sign-in form is not set up: set its user-pool-id attribute.',
      },
      {
        situation: 'the pool id has no region prefix',
        attributes: { poolId: 'devpool', clientId: userPoolClientId },
        message: 'This sign-in form is not set up: user-pool-id "devpool" is not like eu-west-1_AbC123.',
      },
      {
        situation: 'the endpoint is relative',
        attributes: { poolId: userPoolId, clientId: userPoolClientId, endpoint: '/cognito' },
        message: 'This sign-in form is not set up: user-pool-endpoint "/cognito" is not an absolute http(s) URL.',
      },
      {
        situation: 'the endpoint is not http(s)',
        attributes: { poolId: userPoolId, clientId: userPoolClientId, endpoint: 'ftp://127.0.0.1/' },
        message:
          'This sign-in form is not set up: user-pool-endpoint "ftp://127.0.0.1/" is not an absolute http(s) URL.',
      },
      {
        situation: 'the auth flow is unknown',
        attributes: { poolId: userPoolId, clientId: userPoolClientId, authFlow: 'custom-with-sms' },
        message:
          'This sign-in form is not set up: auth-flow "custom-with-sms" is not custom-without-srp, custom-with-srp or user-auth.',
      },
    ];

    for (const { situation, attributes, message } of cases) {
      it(`explains it inside the element when ${situation}`, async () => {
        const { el, fake, errors } = await renderConfigured(attributes);
        expect(errorText(el)).to.equal(message);
        expect(errors).to.deep.equal([{ step: 'loading', name: 'ConfigurationError', message }]);
        expect(el.step).to.equal('username');
        expect(fake.configurations).to.deep.equal([]);
        expect(fake.count('getCurrentUser')).to.equal(0);
      });
    }

    it('is accessible while showing the problem', async () => {
      const { el } = await renderConfigured({});
      await expect(el).to.be.accessible();
    });

    it('explains it again on submit instead of calling the pool', async () => {
      const { el, fake, errors } = await renderConfigured({ poolId: 'devpool', clientId: userPoolClientId });
      typeInto(field(el, 'username-input'), 'alice@example.com');
      submit(el);
      await loadConfigurationTexts();
      await el.updateComplete;
      expect(errors).to.have.length(2);
      expect(fake.count('signIn')).to.equal(0);
      expect(field(el, 'username-input').value).to.equal('alice@example.com');
    });

    it('recovers once the attributes are fixed', async () => {
      const { el, fake } = await renderConfigured({ poolId: 'devpool', clientId: userPoolClientId });
      el.setAttribute('user-pool-id', userPoolId);
      await el.updateComplete;
      expect(el.step).to.equal('loading');
      expect(part(el, 'error')?.hidden).to.equal(true);
      expect(fake.configurations).to.have.length(1);
    });

    it('explains it when the auth library refuses the settings', async () => {
      const fake = new FakeAuthAdapter();
      fake.configure = () => {
        throw new Error('bad config');
      };
      const { el, errors } = await renderConfigured({ poolId: userPoolId, clientId: userPoolClientId }, fake);
      expect(errorText(el)).to.equal('This sign-in form is not set up: the sign-in library rejected its settings.');
      expect(errors.map((error) => error.name)).to.deep.equal(['ConfigurationError']);
    });
  });
});
