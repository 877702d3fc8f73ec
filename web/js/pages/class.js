// One class: its join codes (print them as cards), its pupils and their consents; a guardian's
// paper slip is recorded here.
import { h, field } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post, del } from '../api.js';
import { form, button, table, badge, section, statusArea } from '../ui.js';

export async function render({ main, params, route }) {
  const id = encodeURIComponent(params.id);
  const [k, { items: codes }, { items: pupils }] = await Promise.all([
    get(`/classes/${id}`), get(`/classes/${id}/join-codes`), get(`/classes/${id}/pupils`)]);
  const title = t('class.title', { name: k.name });
  main.append(h('h1', {}, title), h('p', {}, t('class.summary', { grade: k.grade, year: k.school_year })));

  const now = new Date().toISOString();
  const live = codes.filter((c) => !c.revoked_at && c.expires_at > now);
  const codeArea = statusArea('alert');
  main.append(section(t('class.codes'),
    live.length
      ? table(t('class.codes'), [t('class.code'), t('class.expires'), t('class.actions')], live.map((c) => [
        h('strong', { class: 'join-code' }, c.code), formatDate(c.expires_at),
        button(t('class.revoke'), async () => {
          if (!window.confirm(t('class.revoke_confirm', { code: c.code }))) return;
          await del(`/classes/${id}/join-codes/${encodeURIComponent(c.code)}`);
          route();
        }, { class: 'secondary', area: codeArea, 'aria-label': t('class.revoke_code', { code: c.code }) })]))
      : h('p', {}, t('class.no_codes')),
    h('div', { class: 'actions' },
      button(t('class.new_code'), async () => { await post(`/classes/${id}/join-codes`); route(); }, { class: 'secondary', area: codeArea }),
      live.length ? button(t('class.rotate_codes'), async () => {
        if (!window.confirm(t('class.rotate_confirm'))) return;
        await post(`/classes/${id}/join-codes/rotate`);
        route();
      }, { class: 'secondary', area: codeArea }) : null,
      live.length ? h('a', { class: 'button', href: `#/classes/${id}/cards` }, t('class.print_cards')) : null,
      h('a', { class: 'button secondary', href: `#/classes/${id}/guardian-slips` }, t('class.print_slips'))),
    codeArea));

  const rows = pupils.map((p) => {
    const c = p.consent || {};
    let action = '';
    if (!c.guardian) {
      const slip = field(t('class.slip_number'), 'text', { name: 'slip', maxlength: 60, required: true });
      action = form({ class: 'slip-form', 'aria-label': t('class.record_slip_for', { name: p.pseudonym }) }, [
        slip.wrap,
        h('button', { type: 'submit' }, t('class.record_slip'), h('span', { class: 'visually-hidden' }, ` — ${p.pseudonym}`)),
      ], async () => {
        await post(`/pupils/${encodeURIComponent(p.id)}/consents`, { kind: 'guardian', slip_number: slip.input.value.trim() });
        route();
      });
    }
    const codeArea = statusArea('alert');
    const newCode = h('div', {},
      button([t('class.new_sign_in_code'), h('span', { class: 'visually-hidden' }, ` — ${p.pseudonym}`)], async () => {
        if (!window.confirm(t('class.new_sign_in_code_confirm', { name: p.pseudonym }))) return;
        const { sign_in_code: fresh } = await post(`/pupils/${encodeURIComponent(p.id)}/sign-in-code`);
        newCode.replaceChildren(h('p', { role: 'status' }, t('class.new_sign_in_code_is', { name: p.pseudonym }), ' ',
          h('strong', { class: 'sign-in-code' }, fresh)));
      }, { class: 'secondary', area: codeArea }),
      codeArea);
    const guardianArea = statusArea('alert');
    const guardian = h('div', {},
      button([t('class.guardian_code'), h('span', { class: 'visually-hidden' }, ` — ${p.pseudonym}`)], async () => {
        const made = await post(`/pupils/${encodeURIComponent(p.id)}/guardian-codes`);
        guardian.replaceChildren(h('p', { role: 'status' }, t('class.guardian_code_is', { name: p.pseudonym, days: made.valid_days }), ' ',
          h('strong', { class: 'sign-in-code' }, made.code)));
      }, { class: 'secondary', area: guardianArea }),
      guardianArea);
    return [p.pseudonym, p.age_band,
      badge(c.child, t('consent.given'), t('consent.missing')),
      badge(c.guardian, t('consent.given'), t('consent.missing')), action, h('div', {}, newCode, guardian)];
  });
  main.append(section(t('class.pupils'),
    h('p', {}, t('class.pupils_lead')),
    pupils.length
      ? table(t('class.pupils'), [t('class.pseudonym'), t('class.age_band'), t('class.child_consent'), t('class.guardian_consent'), t('class.slip'), t('class.codes_for_pupil')], rows)
      : h('p', {}, t('class.no_pupils'))));
  return title;
}
