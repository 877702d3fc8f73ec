// Adults sign in with a username and password; the server sets the session cookie.
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { post, setCsrf } from '../api.js';
import { form } from '../ui.js';
import { homeOf } from '../routes.js';

export function render({ main, navigate, reloadMe }) {
  const username = field(t('sign_in.username'), 'text', { name: 'username', autocomplete: 'username', required: true });
  const password = field(t('sign_in.password'), 'password', { name: 'password', autocomplete: 'current-password', required: true });
  main.append(
    h('h1', {}, t('sign_in.title')),
    form({ 'aria-label': t('sign_in.title') }, [
      username.wrap, password.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('sign_in.submit'))),
    ], async () => {
      const signed = await post('/auth/login', { username: username.input.value.trim(), password: password.input.value });
      setCsrf(signed.csrf_token);
      const me = await reloadMe();
      navigate(homeOf(me));
    }));
  return t('sign_in.title');
}
