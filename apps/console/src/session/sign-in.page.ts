import { html } from '@lib/html';
import { page } from '../pages/layout';

interface SignInPageOptions {
  csrfToken: string;
  /** Why the last attempt was refused, shown as an alert above the form. */
  error?: string;
  /** Shown after signing out or when a session ended. */
  notice?: string;
}

/** The sign-in form: one field for the operator's API key, posted with its CSRF token. */
export function signInPage({ csrfToken, error, notice }: SignInPageOptions): string {
  return page({
    title: 'Sign in',
    body: html`<section class="sign-in" aria-labelledby="sign-in-title">
  <h1 id="sign-in-title">Sign in</h1>
  <p>Sign in with an operator's API key. Create one with
    <code>npm run keys -- create --role operator --name "Duty operator"</code>; paste the printed
    <code>Authorization: Bearer key_…</code> line or just the key.</p>
  ${error ? html`<p class="alert" role="alert" id="sign-in-error">${error}</p>` : ''}
  ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
  <form method="post" action="/sign-in">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <label for="apiKey">Operator API key</label>
    <input id="apiKey" name="apiKey" type="password" autocomplete="off" spellcheck="false" required
      ${error ? html`aria-invalid="true" aria-describedby="sign-in-error"` : ''}>
    <button type="submit">Sign in</button>
  </form>
</section>`,
  });
}
