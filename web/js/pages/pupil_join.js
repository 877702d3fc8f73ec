// A child joins a class with its code, picks a pseudonym and gives a birth date; they get a
// personal sign-in code to write down, then read and give their own consent.
import { h, field, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, setCsrf } from '../api.js';
import { form } from '../ui.js';

export async function render({ main, navigate, reloadMe }) {
  main.append(h('h1', {}, t('join.title')), h('p', { class: 'lead' }, t('join.lead')));
  const code = field(t('join.code'), 'text', { name: 'code', autocomplete: 'off', autocapitalize: 'characters', required: true, hint: t('join.code_hint') });
  const pseudonym = field(t('join.pseudonym'), 'text', { name: 'pseudonym', autocomplete: 'off', required: true, maxlength: 40, hint: t('join.pseudonym_hint') });
  const birth = field(t('join.birth_date'), 'date', { name: 'birth_date', required: true, hint: t('join.birth_date_hint') });

  const suggestions = h('div', { class: 'actions', role: 'group', 'aria-label': t('join.suggestions') });
  const suggestionWrap = h('div', {}, h('p', { class: 'hint' }, t('join.suggestions')), suggestions);
  try {
    const { items } = await get('/pupils/pseudonym-suggestions');
    for (const name of items) {
      suggestions.append(h('button', {
        type: 'button', class: 'secondary',
        onclick: () => { pseudonym.input.value = name; pseudonym.input.focus(); },
      }, name));
    }
  } catch (e) { suggestionWrap.hidden = true; }

  const joinForm = form({ 'aria-label': t('join.title') }, [
    code.wrap, pseudonym.wrap, suggestionWrap, birth.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('join.submit'))),
  ], async () => {
    // An empty form is not a wrong class code: say what is missing.
    if (!code.input.value.trim()) { code.input.focus(); throw new Error(t('join.missing_code')); }
    if (!pseudonym.input.value.trim() || !birth.input.value) throw new Error(t('join.missing'));
    const joined = await post('/pupils/join', {
      code: code.input.value.trim(),
      pseudonym: pseudonym.input.value.trim(),
      birth_date: birth.input.value,
    });
    setCsrf(joined.csrf_token);
    await reloadMe();
    clear(main);
    main.append(
      h('h1', { tabindex: '-1' }, t('join.welcome', { name: joined.pupil.pseudonym })),
      h('p', {}, t('join.code_intro')),
      h('p', {}, h('span', { class: 'sign-in-code', 'data-testid': 'sign-in-code' }, joined.sign_in_code)),
      h('p', {}, t('join.code_keep')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => navigate('/pupil/consent') }, t('join.next_consent'))));
    main.querySelector('h1').focus();
  });
  main.append(joinForm, h('p', {}, t('join.have_code'), ' ', h('a', { href: '#/pupil-sign-in' }, t('home.pupil_sign_in'))));
  return t('join.title');
}
