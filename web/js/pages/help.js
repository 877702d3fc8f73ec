// "Need help now?": where a child can turn, reachable from every page.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function render({ main }) {
  main.append(
    h('h1', {}, t('help.title')),
    h('div', { class: 'support' },
      h('p', {}, t('help.hotline_text')),
      h('p', {}, h('a', { href: 'tel:111' }, t('help.call', { number: '111' })))),
    h('h2', {}, t('help.other_title')),
    h('ul', {},
      h('li', {}, t('help.other_adult')),
      h('li', {}, t('help.other_danger')),
      h('li', {}, t('help.other_secret'))),
    h('p', {}, t('help.not_monitored')));
  return t('help.title');
}
