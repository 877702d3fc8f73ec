// The front door: a child joins or signs in; an adult signs in.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { homeOf } from '../routes.js';

export function render({ main, me }) {
  main.append(h('h1', {}, t('home.title')), h('p', { class: 'lead' }, t('home.lead')));
  if (me) {
    const home = homeOf(me);
    main.append(h('p', {}, t('home.signed_in')));
    if (home !== '/') main.append(h('p', {}, h('a', { class: 'button', href: `#${home}` }, t('home.continue'))));
    else main.append(h('p', {}, t('home.pages_coming')));
    return t('home.title');
  }
  main.append(
    h('h2', {}, t('home.children')),
    h('div', { class: 'big-choice' },
      h('a', { href: '#/join' }, t('home.join'), h('small', {}, t('home.join_hint'))),
      h('a', { href: '#/pupil-sign-in' }, t('home.pupil_sign_in'), h('small', {}, t('home.pupil_sign_in_hint')))),
    h('h2', {}, t('home.adults')),
    h('div', { class: 'big-choice' },
      h('a', { href: '#/sign-in' }, t('home.adult_sign_in'), h('small', {}, t('home.adult_sign_in_hint'))),
      h('a', { href: '#/guardian' }, t('home.guardian'), h('small', {}, t('home.guardian_hint')))));
  return t('home.title');
}
