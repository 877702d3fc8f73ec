// The child's own consent, explained in their age band's words; the guardian's status beside it.
import { h, clear } from '../dom.js';
import { t, lang } from '../i18n.js';
import { get, post } from '../api.js';
import { form, button, statusArea } from '../ui.js';
import { consentBox } from './pupil_home.js';

export async function render({ main, reloadMe, route }) {
  const me = await reloadMe();
  const text = await get('/me/consent-text');
  main.append(h('h1', {}, t('consent.title')));
  main.append(h('p', { class: 'lead' }, t('consent.lead')));
  main.append(h('div', { class: 'consent-text', lang: lang() }, lang() === 'en' ? text.en : text.vi));
  if (me.consent && me.consent.child) {
    main.append(h('p', { class: 'message message-ok' }, t('consent.already')));
    const area = statusArea('alert');
    main.append(h('h2', {}, t('consent.withdraw_title')), h('p', {}, t('consent.withdraw_text')),
      h('div', { class: 'actions' }, button(t('consent.withdraw'), async () => {
        if (!window.confirm(t('consent.withdraw_confirm'))) return;
        await post('/me/consents/withdraw');
        await reloadMe();
        route();
      }, { class: 'danger', area })), area);
  } else {
    const agree = h('input', { type: 'checkbox', id: 'consent-agree', required: true });
    main.append(form({ 'aria-label': t('consent.title') }, [
      h('div', { class: 'check' }, agree, h('label', { for: 'consent-agree' }, t('consent.agree'))),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('consent.submit'))),
    ], async () => {
      if (!agree.checked) throw new Error(t('consent.tick_first'));
      await post('/me/consents', { text_version: text.version });
      const fresh = await reloadMe();
      clear(main);
      main.append(h('h1', { tabindex: '-1' }, t('consent.thanks')), consentBox(fresh),
        h('p', {}, h('a', { class: 'button', href: '#/pupil' }, t('consent.to_home'))));
      main.querySelector('h1').focus();
    }));
  }
  main.append(consentBox(me));
  return t('consent.title');
}
