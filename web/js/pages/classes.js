// Facilitators: their classes, and a new class with its join code.
import { h, field, clear } from '../dom.js';
import { t, localYear } from '../i18n.js';
import { get, post } from '../api.js';
import { form, table, section } from '../ui.js';

export async function loadSchools(me) {
  const [{ items: schools }, { items: units }] = await Promise.all([get('/schools?limit=200'), get('/units?limit=200')]);
  const unitName = Object.fromEntries(units.map((u) => [u.id, u.name]));
  const mine = me.role === 'admin' ? schools : schools.filter((s) => (me.unit_ids || []).includes(s.unit_id));
  return { schools: mine.filter((s) => !s.retired_at), unitName, allSchools: schools };
}

export async function render({ main, me }) {
  main.append(h('h1', {}, t('classes.title')), h('p', { class: 'lead' }, t('classes.lead')));
  const [{ items: classes }, { schools, allSchools }] = await Promise.all([get('/classes?limit=200'), loadSchools(me)]);
  const schoolName = Object.fromEntries(allSchools.map((s) => [s.id, s.name]));
  main.append(section(t('classes.list'),
    classes.length
      ? table(t('classes.list'), [t('classes.name'), t('classes.school'), t('classes.grade'), t('classes.year')],
        classes.map((k) => [
          h('a', { href: `#/classes/${encodeURIComponent(k.id)}` }, k.name),
          schoolName[k.school_id] || k.school_id, String(k.grade), k.school_year]))
      : h('p', {}, t('classes.none'))));

  const school = field(t('classes.school'), 'select', { name: 'school_id' },
    schools.map((s) => ({ value: s.id, label: s.name })));
  const name = field(t('classes.name'), 'text', { name: 'name', required: true, maxlength: 60, hint: t('classes.name_hint') });
  const grade = field(t('classes.grade'), 'number', { name: 'grade', min: 1, max: 12, required: true, value: '6' });
  const year = localYear();
  const schoolYear = field(t('classes.year'), 'text', { name: 'school_year', required: true, value: `${year}-${year + 1}`, hint: t('classes.year_hint') });
  const result = h('div', { role: 'status' });
  main.append(section(t('classes.new'), form({ 'aria-label': t('classes.new') }, [
    school.wrap, name.wrap, grade.wrap, schoolYear.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('classes.create'))),
  ], async () => {
    const created = await post('/classes', {
      school_id: school.input.value, name: name.input.value.trim(),
      grade: Number(grade.input.value), school_year: schoolYear.input.value.trim(),
    });
    clear(result);
    result.append(h('div', { class: 'message message-ok' },
      h('p', {}, t('classes.created', { name: created.name })),
      h('p', {}, t('classes.join_code'), ' ', h('strong', { class: 'join-code', 'data-testid': 'new-join-code' }, created.join_code.code)),
      h('p', {}, h('a', { href: `#/classes/${encodeURIComponent(created.id)}` }, t('classes.open', { name: created.name })))));
  }), result));
  return t('classes.title');
}
