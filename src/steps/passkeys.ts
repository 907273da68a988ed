/**
 * The passkeys of the signed-in view (`auth-flow="user-auth"`, in browsers with WebAuthn): the user's passkeys
 * with a delete button each, "Add a passkey", and what failed with a way to try again. Names come from the
 * authenticators and are rendered as text.
 */
import { html, nothing } from 'lit';
import type { UserAuthKey } from '../strings/user-auth.js';
import type { PasskeyList } from '../controllers/passkey-list.js';
import type { StepView } from './step-view.js';

/** What the section's status line says while each action runs. */
const activityOf: Readonly<Partial<Record<string, UserAuthKey>>> = {
  loading: 'loadingPasskeys',
  adding: 'addingPasskey',
  deleting: 'deletingPasskey',
};

export function passkeys(view: StepView, list: PasskeyList): unknown {
  if (!list.supported) return nothing;
  const { t, idPrefix, language } = view;
  const { busy, error } = list;
  const headingId = `${idPrefix}passkeys`;
  const status = activityOf[list.status] ?? list.done;
  const date = (when: Date) => new Intl.DateTimeFormat(language || 'en', { dateStyle: 'medium' }).format(when);
  return html`<section part="passkeys" class="cal-form" aria-labelledby=${headingId} aria-busy=${busy}>
    <p id=${headingId} class="cal-prompt">${t('passkeys')}</p>
    <ul part="passkey-list" class="cal-passkey-list">
      ${list.passkeys.map(({ credentialId, name, createdAt }) => {
        const shown = name || t('unnamedPasskey');
        return html`<li>
          ${shown}${createdAt ? `, ${t('passkeyCreated', { date: date(createdAt) })}` : ''}
          <button
            part="delete-passkey-button"
            class="cal-delete-passkey-button"
            type="button"
            aria-label=${t('deletePasskeyNamed', { name: shown })}
            ?disabled=${busy}
            @click=${() => list.delete(credentialId)}
          >
            ${t('deletePasskey')}
          </button>
        </li>`;
      })}
    </ul>
    ${list.status === 'ready' && !list.passkeys.length && !error ? html`<p>${t('noPasskeys')}</p>` : nothing}
    <p part="passkey-error" class="cal-error" role="alert" ?hidden=${!error}>${error ? t(error) : nothing}</p>
    ${
      error
        ? html`<button part="passkey-retry-button" class="cal-retry-button" type="button" @click=${list.retry}>
            ${t('tryAgain')}
          </button>`
        : nothing
    }
    <p class="cal-status" role="status">${status ? t(status) : ''}</p>
    <button part="add-passkey-button" class="cal-add-passkey-button" type="button" ?disabled=${busy} @click=${list.add}>
      ${t('addPasskey')}
    </button>
  </section>`;
}
