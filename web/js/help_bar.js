// The help bar every page starts with: the free 24/7 hotline, and the way to the help page.
import { h } from './dom.js';
import { t } from './i18n.js';

export function helpBar(hotline, helpHref) {
  return h('aside', { class: 'help-bar', 'aria-label': t('help.bar_label') },
    h('p', {},
      h('strong', {}, t('help.need_help')), ' ',
      h('a', { href: `tel:${hotline}`, class: 'hotline' }, t('help.call', { number: hotline })), ' ',
      h('span', {}, t('help.free')), ' ',
      h('a', { href: helpHref }, t('help.more'))));
}
