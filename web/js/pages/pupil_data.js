// A child's data rights: download everything, ask for deletion, withdraw consent.
import { h, field, clear } from '../dom.js';
import { t } from '../i18n.js';
import { post } from '../api.js';
import { form, section } from '../ui.js';

export function render({ main }) {
  main.append(h('h1', {}, t('data.title')), h('p', { class: 'lead' }, t('data.lead')));
  main.append(section(t('data.download_title'),
    h('p', {}, t('data.download_text')),
    h('p', {}, h('a', { class: 'button', href: '/api/v1/me/data', download: 'lang-nghe-my-data.json' }, t('data.download')))));
  const details = field(t('data.delete_details'), 'textarea', { name: 'details', maxlength: 1000, hint: t('data.delete_hint') });
  const deleteForm = form({ 'aria-label': t('data.delete_title') }, [
    details.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, t('data.delete'))),
  ], async () => {
    if (!window.confirm(t('data.delete_confirm'))) return;
    const body = details.input.value.trim() ? { details: details.input.value.trim() } : undefined;
    await post('/me/deletion-request', body);
    clear(deleteForm);
    deleteForm.append(h('p', { class: 'message message-ok', role: 'status' }, t('data.delete_sent')));
  });
  main.append(section(t('data.delete_title'), h('p', {}, t('data.delete_text')), deleteForm));
  main.append(section(t('consent.withdraw_title'), h('p', {}, t('consent.withdraw_text')),
    h('p', {}, h('a', { href: '#/pupil/consent' }, t('data.consent_page')))));
  return t('data.title');
}
