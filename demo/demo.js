// The demo page's own behaviour around <custom-auth-login>: the flow switch, a live event log, the decoded ID
// token after sign-in, what the demo server's API verified about the access token, and the development inbox.
// It only uses the element's attributes, events and public methods, like any page would. Everything that comes
// from a server is put on the page as text, never as HTML.

const login = document.querySelector('custom-auth-login');
const endpoint = login.getAttribute('user-pool-endpoint');

const INBOX_POLL_MS = 1500;
const MAX_LOG_ENTRIES = 50;
/** Claims holding epoch seconds, shown with a readable time beside them. */
const TIME_CLAIMS = new Set(['iat', 'exp', 'auth_time', 'authTime', 'issuedAt', 'expiresAt']);

/** Creates an element with text content (never parsed as HTML) and an optional class. */
function textElement(tag, text, className) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

// ---- Flow switch: ?flow=custom-with-srp or ?flow=user-auth and the radio buttons set the auth-flow attribute. ----

const FLOWS = ['custom-without-srp', 'custom-with-srp', 'user-auth'];

function applyFlow(flow) {
  login.setAttribute('auth-flow', flow);
  for (const radio of document.querySelectorAll('input[name="flow"]')) radio.checked = radio.value === flow;
}

const requestedFlow = new URLSearchParams(location.search).get('flow');
applyFlow(FLOWS.includes(requestedFlow) ? requestedFlow : FLOWS[0]);

document.querySelector('.flow-switch').addEventListener('change', (event) => {
  const flow = event.target.value;
  applyFlow(flow);
  // A half-finished sign-in belongs to the other flow: start over on the new first form.
  login.reset?.();
  const url = new URL(location.href);
  if (flow === FLOWS[0]) url.searchParams.delete('flow');
  else url.searchParams.set('flow', flow);
  history.replaceState(null, '', url);
});

for (const button of document.querySelectorAll('[data-username]')) {
  button.addEventListener('click', () => login.setAttribute('username', button.dataset.username));
}

// ---- Event log ----

const eventLog = document.getElementById('event-log');

function logEvent(event) {
  const entry = document.createElement('li');
  const heading = document.createElement('div');
  heading.append(
    textElement('time', new Date().toLocaleTimeString(), 'event-time'),
    textElement('span', event.type, `event-name event-${event.type}`),
  );
  entry.append(heading, textElement('pre', JSON.stringify(event.detail, null, 2), 'event-detail'));
  eventLog.prepend(entry);
  while (eventLog.children.length > MAX_LOG_ENTRIES) eventLog.lastElementChild.remove();
}

for (const name of ['auth-step-change', 'auth-signed-in', 'auth-signed-out', 'auth-error']) {
  login.addEventListener(name, logEvent);
}

// ---- ID token claims ----

const claimsList = document.getElementById('claims-list');
const claimsEmpty = document.getElementById('claims-empty');

/** The payload of a JWT. Only for display: the element's library already checked where the token came from. */
function decodeJwtPayload(jwt) {
  const base64 = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function claimText(name, value) {
  if (TIME_CLAIMS.has(name) && typeof value === 'number') return `${value} (${new Date(value * 1000).toISOString()})`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function showClaims(claims) {
  claimsList.replaceChildren();
  for (const [name, value] of Object.entries(claims)) {
    claimsList.append(textElement('dt', name), textElement('dd', claimText(name, value)));
  }
  claimsEmpty.hidden = true;
}

function clearClaims(message) {
  claimsList.replaceChildren();
  claimsEmpty.hidden = false;
  if (message) claimsEmpty.textContent = message;
}

login.addEventListener('auth-signed-in', async () => {
  try {
    const tokens = await login.fetchTokens();
    if (tokens) showClaims(decodeJwtPayload(tokens.idToken));
    else clearClaims('Signed in, but no tokens were returned.');
  } catch (error) {
    clearClaims(`Could not read the tokens: ${error.message}`);
  }
});
login.addEventListener('auth-signed-out', () => clearClaims());

// ---- What the server saw: the demo server's GET /api/me verifies the access token ----

const serverCheckStatus = document.getElementById('server-check-status');
const serverCheckList = document.getElementById('server-check-list');
const serverCheckAgain = document.getElementById('server-check-again');

async function askServer() {
  serverCheckList.replaceChildren();
  try {
    const tokens = await login.fetchTokens();
    if (!tokens) {
      serverCheckStatus.textContent = 'Not signed in: there is no access token to send.';
      return;
    }
    serverCheckStatus.textContent = 'Asking the server…';
    const response = await fetch('/api/me', {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      cache: 'no-store',
    });
    const body = await response.json();
    if (response.ok) {
      serverCheckStatus.textContent = `HTTP ${response.status}: the server verified the access token.`;
      for (const [name, value] of Object.entries(body)) {
        serverCheckList.append(textElement('dt', name), textElement('dd', claimText(name, value)));
      }
    } else {
      serverCheckStatus.textContent = `HTTP ${response.status}: the server refused the token: ${body.message}`;
    }
  } catch (error) {
    serverCheckStatus.textContent = `Could not ask the server: ${error.message}`;
  } finally {
    serverCheckAgain.hidden = false;
  }
}

login.addEventListener('auth-signed-in', askServer);
serverCheckAgain.addEventListener('click', askServer);
login.addEventListener('auth-signed-out', () => {
  serverCheckList.replaceChildren();
  serverCheckStatus.textContent = 'Sign in to call the API.';
  serverCheckAgain.hidden = true;
});

// ---- Development inbox ----

const inboxList = document.getElementById('inbox-list');
const inboxStatus = document.getElementById('inbox-status');
let shownInbox = '';

function inboxEntry({ to, username, code, link, sentAt }) {
  const entry = document.createElement('li');
  const meta = document.createElement('div');
  meta.className = 'inbox-meta';
  meta.append(
    textElement('span', `to ${to}`),
    textElement('span', username === to ? '' : `user ${username}`),
    textElement('time', new Date(sentAt).toLocaleTimeString()),
  );
  entry.append(textElement('span', code, 'inbox-code'), meta);
  if (link) {
    // The sign-in link exactly as emailed, opened in a new tab as a mail client would (the same tab would only
    // change the fragment of this page, which the element reads when it connects).
    const anchor = textElement('a', 'Sign-in link', 'inbox-link');
    anchor.href = link;
    anchor.target = '_blank';
    anchor.rel = 'noopener noreferrer';
    entry.append(anchor);
  }
  return entry;
}

function showInbox(messages) {
  // Only touch the list when it changed, so a code being selected for copying stays selected.
  const snapshot = JSON.stringify(messages);
  if (snapshot === shownInbox) return;
  shownInbox = snapshot;
  inboxList.replaceChildren(...messages.toReversed().map(inboxEntry));
  inboxStatus.textContent = messages.length ? '' : 'No codes sent yet.';
}

async function pollInbox() {
  try {
    const response = await fetch(new URL('_dev/messages', endpoint), { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    showInbox(await response.json());
  } catch {
    shownInbox = '';
    inboxList.replaceChildren();
    inboxStatus.textContent = `The local endpoint at ${endpoint} does not answer. Is npm start still running?`;
  } finally {
    setTimeout(pollInbox, INBOX_POLL_MS);
  }
}

void pollInbox();
