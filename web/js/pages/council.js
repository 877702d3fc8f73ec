// One Children's Council: its members (chair first; add and end memberships), its advisers,
// its sessions (plan one; a year with fewer than two is flagged), and its public tracker.
import { h, field, showMessage } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get, post, del } from '../api.js';
import { form, button, section, table, statusArea } from '../ui.js';
import { publicLinks } from './recommendations.js';

const ROLES = ['chair', 'vice_chair', 'member'];
const JOINED_BY = ['election', 'nomination'];
export const sessionStatus = (s) => (has(`session.status.${s}`) ? t(`session.status.${s}`) : s);

// Who to add: the pupils who could join now (both consents, within the Council's ages, of its
// unit, not yet members), by nickname, age band, class and school; "Show more" reads on.
async function pupilPicker(councilId) {
  const pupil = field(t('member.pupil'), 'select', { hint: t('member.pupil_hint') }, [{ value: '', label: t('member.choose_pupil_option') }]);
  const area = statusArea('status');
  let next = null;
  const more = button(t('member.more'), () => load(), { class: 'secondary', area });
  async function load() {
    const page = await get(`/councils/${councilId}/candidates?limit=100${next ? `&after=${encodeURIComponent(next)}` : ''}`);
    page.items.forEach((p) => pupil.input.append(h('option', { value: p.pupil_id },
      t('member.candidate', { name: p.pseudonym, band: p.age_band, klass: p.class_name, school: p.school_name }))));
    next = page.next;
    more.hidden = !next;
    if (pupil.input.options.length === 1 && !next) showMessage(area, t('member.no_candidates'));
  }
  await load();
  return { wraps: [pupil.wrap, h('div', { class: 'actions' }, more), area], value: () => pupil.input.value };
}

export async function render({ main, params, route, navigate }) {
  const id = encodeURIComponent(params.id);
  const [c, units] = await Promise.all([get(`/councils/${id}`), get('/units?limit=200')]);
  const unit = units.items.find((u) => u.id === c.unit_id);
  main.append(h('h1', {}, c.name), h('p', {}, h('a', { href: '#/councils' }, t('councils.back'))));
  main.append(h('dl', { class: 'meta' },
    h('dt', {}, t('council.unit')), h('dd', {}, unit ? unit.name : c.unit_id),
    h('dt', {}, t('council.term')), h('dd', {}, t('council.term_value', { from: formatDate(c.term_start), to: formatDate(c.term_end) })),
    h('dt', {}, t('council.ages')), h('dd', {}, t('council.ages_value', { min: c.min_age, max: c.max_age })),
    h('dt', {}, t('council.cap')), h('dd', {}, t('council.members_of_cap', { n: c.members.length, cap: c.member_cap })),
    h('dt', {}, t('council.advisers')), h('dd', {}, c.advisers.map((a) => a.display_name).join(', ') || '—')));
  for (const w of c.warnings) {
    main.append(h('p', { class: 'message message-error', role: 'note' }, t('council.too_few', { year: w.year, n: w.sessions_held })));
  }

  const area = statusArea('alert');
  main.append(section(t('council.members'),
    c.members.length
      ? table(t('council.members'), [t('member.pseudonym'), t('member.role'), t('member.age_band'), t('member.joined'), t('class.actions')],
        c.members.map((m) => [m.pseudonym, t(`member.role.${m.role}`), m.age_band || '—',
          t('member.joined_value', { date: formatDate(m.joined_on), how: t(`member.by.${m.joined_by}`) }),
          button([t('member.remove'), h('span', { class: 'visually-hidden' }, ` — ${m.pseudonym}`)], async () => {
            if (!window.confirm(t('member.remove_confirm', { name: m.pseudonym }))) return;
            await del(`/councils/${id}/members/${encodeURIComponent(m.member_id)}`);
            route();
          }, { class: 'secondary', area })]))
      : h('p', {}, t('council.no_members')),
    area));

  const picker = await pupilPicker(id);
  const role = field(t('member.role'), 'select', {}, ROLES.map((r) => ({ value: r, label: t(`member.role.${r}`), selected: r === 'member' })));
  const joinedBy = field(t('member.joined_by'), 'select', {}, JOINED_BY.map((j) => ({ value: j, label: t(`member.by.${j}`) })));
  main.append(section(t('member.add'), h('p', {}, t('member.add_lead')), form({ 'aria-label': t('member.add') }, [
    ...picker.wraps, role.wrap, joinedBy.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('member.add_submit')))], async () => {
    if (!picker.value()) throw new Error(t('member.choose_pupil'));
    await post(`/councils/${id}/members`, { pupil_id: picker.value(), role: role.input.value, joined_by: joinedBy.input.value });
    route();
  })));

  main.append(section(t('council.sessions'),
    c.years.length ? h('p', {}, c.years.map((y) => t('council.year_count', { year: y.year, n: y.sessions_held })).join(' · ')) : null,
    c.sessions.length
      ? table(t('council.sessions'), [t('session.title_label'), t('session.planned_for'), t('session.status_label'), t('item.open')],
        c.sessions.map((s) => [s.title, formatDate(s.held_on || s.planned_for), sessionStatus(s.status),
          h('a', { href: `#/council-sessions/${encodeURIComponent(s.id)}` }, t('item.open'), h('span', { class: 'visually-hidden' }, ` — ${s.title}`))]))
      : h('p', {}, t('council.no_sessions'))));

  const title = field(t('session.title_label'), 'text', { required: true, maxlength: 200 });
  const date = field(t('session.planned_for'), 'date', { required: true });
  const place = field(t('session.location'), 'text', { maxlength: 200 });
  main.append(section(t('session.plan'), form({ 'aria-label': t('session.plan') }, [title.wrap, date.wrap, place.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('session.plan_submit')))], async () => {
    const payload = { title: title.input.value.trim(), planned_for: date.input.value };
    if (place.input.value.trim()) payload.location = place.input.value.trim();
    const s = await post(`/councils/${id}/sessions`, payload);
    navigate(`/council-sessions/${encodeURIComponent(s.id)}`);
  })));
  if (unit) main.append(publicLinks([unit]));
  return c.name;
}
