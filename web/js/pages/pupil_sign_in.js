// A child signs in with their personal code (e.g. meo-xanh-4821-cun-vang-7390; codes given
// before 2026-12, such as the demo's meo-xanh-2024, still work).
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { post, setCsrf } from '../api.js';
import { form } from '../ui.js';

export function render({ main, navigate, reloadMe }) {
  const code = field(t('pupil_sign_in.code'), 'text', { name: 'code', autocomplete: 'off', autocapitalize: 'none', required: true, hint: t('pupil_sign_in.code_hint') });
  main.append(
    h('h1', {}, t('pupil_sign_in.title')),
    form({ 'aria-label': t('pupil_sign_in.title') }, [
      code.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('pupil_sign_in.submit'))),
    ], async () => {
      let signed;
      try {
        signed = await post('/pupils/sign-in', { code: code.input.value.trim() });
      } catch (e) {
        // A wrong personal code is a 401: say it in a child's words, not an adult's.
        if (e.status === 401) throw new Error(t('pupil_sign_in.wrong'));
        throw e;
      }
      setCsrf(signed.csrf_token);
      await reloadMe();
      navigate('/pupil');
    }),
    h('p', {}, t('pupil_sign_in.no_code'), ' ', h('a', { href: '#/join' }, t('home.join'))));
  return t('pupil_sign_in.title');
}
