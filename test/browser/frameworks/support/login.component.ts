import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'custom-auth-login';
import type { AuthSignedInDetail } from 'custom-auth-login';

@Component({
  selector: 'app-login',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <custom-auth-login
      [attr.user-pool-id]="userPoolId()"
      user-pool-client-id="localdevclient"
      (auth-signed-in)="onSignedIn($event)"
    ></custom-auth-login>
    @if (user()) {
      <p>Welcome, {{ user() }}.</p>
    }
  `,
})
export class LoginComponent {
  readonly userPoolId = signal('local_devpool');
  readonly user = signal('');

  onSignedIn(event: Event) {
    this.user.set((event as CustomEvent<AuthSignedInDetail>).detail.username);
  }
}
