// Administrators: the organisation as data — units, schools, authorities — and the accounts.
import { h, field } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { table, section, form, button, statusArea } from '../ui.js';

const ROLES = ['facilitator', 'moderator', 'safeguarding_lead', 'official', 'admin'];

export async function render({ main, route }) {
  main.append(h('h1', {}, t('admin.title')));
  const [units, schools, authorities, accounts, requests] = await Promise.all([
    get('/units?limit=200'), get('/schools?limit=200'), get('/authorities?limit=200'), get('/accounts?limit=200'),
    get('/data-requests?limit=100')]);
  // Children's and guardians' data requests come first: each must be answered within 2 working days.
  const open = requests.items.filter((r) => r.status === 'open' || r.status === 'acknowledged');
  const requestArea = statusArea('alert');
  const act = (r, action, label) => button(label, async () => {
    if (action === 'complete' && r.kind === 'deletion' && !window.confirm(t('requests.delete_confirm'))) return;
    await post(`/data-requests/${encodeURIComponent(r.id)}/${action}`);
    route();
  }, { class: action === 'acknowledge' ? 'secondary' : (r.kind === 'deletion' ? 'danger' : ''), area: requestArea });
  main.append(section(t('requests.title'), h('p', {}, t('requests.lead')),
    open.length
      ? table(t('requests.title'), [t('requests.kind'), t('requests.by'), t('requests.details'), t('requests.due'), t('requests.status'), t('class.actions')],
        open.map((r) => {
          const late = new Date(r.due_at).getTime() < Date.now();
          return [has(`requests.kind.${r.kind}`) ? t(`requests.kind.${r.kind}`) : r.kind,
            has(`requests.by.${r.requested_by}`) ? t(`requests.by.${r.requested_by}`) : r.requested_by,
            r.details || '—',
            h('span', {}, late ? '⚠ ' : '', formatDate(r.due_at, true), late ? ` (${t('requests.late')})` : ''),
            has(`requests.status.${r.status}`) ? t(`requests.status.${r.status}`) : r.status,
            h('div', { class: 'actions' },
              r.status === 'open' ? act(r, 'acknowledge', t('requests.acknowledge')) : null,
              act(r, 'complete', r.kind === 'deletion' ? t('requests.complete_deletion') : t('requests.complete')))];
        }))
      : h('p', {}, t('requests.none')), requestArea));
  const unitName = Object.fromEntries(units.items.map((u) => [u.id, u.name]));
  const kind = (k) => (has(`unit.kind.${k}`) ? t(`unit.kind.${k}`) : k);
  main.append(section(t('admin.units'), table(t('admin.units'), [t('admin.name'), t('admin.kind'), t('admin.code'), t('admin.parent')],
    units.items.map((u) => [u.name, kind(u.kind), u.code || '—', u.parent_id ? unitName[u.parent_id] || u.parent_id : '—']))));
  main.append(section(t('admin.schools'), table(t('admin.schools'), [t('admin.name'), t('admin.code'), t('admin.unit')],
    schools.items.map((s) => [s.name, s.code || '—', unitName[s.unit_id] || s.unit_id]))));
  main.append(section(t('admin.authorities'), table(t('admin.authorities'), [t('admin.name'), t('admin.code'), t('admin.unit'), t('admin.due_days')],
    authorities.items.map((a) => [a.name, a.code || '—', unitName[a.unit_id] || a.unit_id, String(a.due_days)]))));
  main.append(section(t('admin.accounts'), table(t('admin.accounts'), [t('admin.username'), t('admin.display_name'), t('admin.role'), t('admin.scope'), t('admin.state')],
    accounts.items.map((a) => [a.username, a.display_name, t(`role.${a.role}`),
      (a.unit_ids || []).map((u) => unitName[u] || u).join(', ') || '—',
      a.disabled ? t('admin.disabled') : t('admin.active')]))));

  const username = field(t('admin.username'), 'text', { required: true, maxlength: 60, autocomplete: 'off' });
  const display = field(t('admin.display_name'), 'text', { required: true, maxlength: 100 });
  const role = field(t('admin.role'), 'select', {}, ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })));
  const unit = field(t('admin.unit'), 'select', {}, units.items.map((u) => ({ value: u.id, label: u.name })));
  const authority = field(t('admin.authority'), 'select', {}, authorities.items.map((a) => ({ value: a.id, label: a.name })));
  const password = field(t('admin.password'), 'password', { required: true, autocomplete: 'new-password', hint: t('admin.password_hint') });
  const sync = () => {
    unit.wrap.hidden = role.input.value === 'official' || role.input.value === 'admin';
    authority.wrap.hidden = role.input.value !== 'official';
  };
  role.input.addEventListener('change', sync);
  sync();
  main.append(section(t('admin.new_account'), form({ 'aria-label': t('admin.new_account') }, [
    username.wrap, display.wrap, role.wrap, unit.wrap, authority.wrap, password.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('admin.create')))], async () => {
    const body = { username: username.input.value.trim(), display_name: display.input.value.trim(), role: role.input.value, password: password.input.value };
    if (!unit.wrap.hidden) body.unit_ids = [unit.input.value];
    if (!authority.wrap.hidden) body.authority_id = authority.input.value;
    await post('/accounts', body);
    route();
  })));
  return t('admin.title');
}
