// "My ideas": each with its status in words a child understands.
import { h } from '../dom.js';
import { t, has, formatDate, pick } from '../i18n.js';
import { get, post } from '../api.js';
import { button, statusArea } from '../ui.js';
import { supportBox } from './pupil_idea.js';

const UNDECIDED = ['submitted', 'screened', 'queued'];

export async function render({ main, route }) {
  main.append(h('h1', {}, t('ideas.title')));
  const { items } = await get('/submissions?limit=100');
  if (!items.length) {
    main.append(h('p', {}, t('ideas.none')), h('p', {}, h('a', { class: 'button', href: '#/pupil/idea' }, t('nav.idea'))));
    return t('ideas.title');
  }
  const list = h('ul', { class: 'cards' });
  for (const s of items) {
    const statusKey = `ideas.status.${s.status}`;
    const area = statusArea('alert');
    list.append(h('li', { class: 'card', dataset: { status: s.status } },
      h('h2', {}, t(`idea.kind_${s.kind}`), s.topic ? `: ${s.topic}` : ''),
      h('p', { class: 'idea-text' }, s.text),
      h('p', {}, h('strong', {}, t('ideas.status_label')), ' ',
        h('span', { class: 'status-text' }, has(statusKey) ? t(statusKey) : pick(s.status_text))),
      h('p', { class: 'hint' }, t('ideas.sent_on', { date: formatDate(s.created_at) })),
      s.support ? supportBox(s.support) : null,
      UNDECIDED.includes(s.status)
        ? h('div', { class: 'actions' }, button(t('ideas.withdraw'), async () => {
          if (!window.confirm(t('ideas.withdraw_confirm'))) return;
          await post(`/submissions/${encodeURIComponent(s.id)}/withdraw`);
          route();
        }, { class: 'secondary', area }))
        : null,
      area));
  }
  main.append(list);
  return t('ideas.title');
}
