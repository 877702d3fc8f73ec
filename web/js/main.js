// The single-page app: the shell (help bar, header, menu, language) and hash routing.
import { h, clear } from './dom.js';
import { initI18n, setLang, t, lang, otherLang, setTimeZone } from './i18n.js';
import { get } from './api.js';
import { session, loadMe, signOut } from './session.js';
import { match, NAV, homeOf, PUPIL_ROLES } from './routes.js';
import { errorMessage } from './ui.js';
import { helpBar } from './help_bar.js';

const app = document.getElementById('app');
let renderCount = 0;

export function navigate(path) {
  if (location.hash === `#${path}`) route();
  else location.hash = `#${path}`;
}

function currentPath() {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash.split('?')[0] : '/';
}


function header(path) {
  const me = session.me;
  const items = NAV[me ? me.role : 'anyone'] || [];
  // The current entry is the longest one that is the path or a folder of it.
  const currentHref = items.map(([href]) => href)
    .filter((href) => path === href || (href !== '/' && path.startsWith(`${href}/`)))
    .sort((a, b) => b.length - a.length)[0];
  // On phones the menu folds behind a button (CSS shows the list on wider screens).
  const list = h('ul', { class: 'nav-list', id: 'main-menu' }, items.map(([href, key]) => {
    const current = href === currentHref;
    return h('li', {}, h('a', { href: `#${href}`, 'aria-current': current ? 'page' : null }, t(key)));
  }));
  const toggle = h('button', { type: 'button', class: 'menu-toggle secondary', 'aria-expanded': 'false', 'aria-controls': 'main-menu' },
    h('span', { 'aria-hidden': 'true' }, '☰ '), t('nav.menu'));
  // A child sees how many notifications they have not opened yet (filled in once it is known);
  // beside the menu button, so that on a phone it shows while the menu is folded.
  const bell = me && PUPIL_ROLES.includes(me.role)
    ? h('a', { href: '#/pupil/notifications', class: 'notif-link', id: 'notif-link' },
      h('span', { 'aria-hidden': 'true' }, '🔔 '), h('span', { class: 'notif-count' }, t('header.notifications')))
    : null;
  const nav = items.length ? h('nav', { class: 'site-nav', 'aria-label': t('nav.label') }, toggle, list, bell) : null;
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('nav-open', open);
  });
  const other = otherLang();
  const langButton = h('button', {
    type: 'button', class: 'lang-switch', lang: other,
    onclick: async () => { await setLang(other); route(); },
  }, t('lang.switch_to'));
  const who = me
    ? h('p', { class: 'who' }, t('header.signed_in_as'), ' ', h('strong', {}, me.name || ''),
      ' (', t(`role.${me.role}`), ')')
    : null;
  const out = me
    ? h('button', {
      type: 'button', class: 'secondary',
      onclick: async () => { await signOut(); navigate('/'); },
    }, t('header.sign_out'))
    : null;
  return h('header', { class: 'site-header' },
    h('div', { class: 'brand-row' },
      h('a', { href: `#${homeOf(me)}`, class: 'brand' }, t('app.name')),
      h('div', { class: 'header-tools' }, who, langButton, out)),
    nav);
}

async function showUnread(count) {
  const link = document.getElementById('notif-link');
  if (!link) return;
  try {
    const { unread } = await get('/me/notifications?limit=1');
    if (count !== renderCount || !unread) return;
    link.querySelector('.notif-count').textContent = t('header.notifications_unread', { n: unread });
    link.classList.add('has-unread');
  } catch (e) { /* the page works without the count */ }
}

async function route() {
  const count = ++renderCount;
  const path = currentPath();
  const found = match(path);
  document.body.dataset.busy = 'true';
  clear(app);
  if (session.about && session.about.demo) {
    app.append(h('p', { class: 'demo-banner', role: 'note' }, t('app.demo_banner')));
  }
  app.append(h('a', { href: '#main', class: 'skip-link', onclick: (e) => { e.preventDefault(); focusMain(); } }, t('app.skip')));
  app.append(helpBar(session.about ? session.about.hotline.number : '111', '#/help'));
  app.append(header(path));
  showUnread(count);
  const main = h('main', { id: 'main', tabindex: '-1' });
  app.append(main);
  app.append(h('footer', { class: 'site-footer' }, h('p', {}, t('app.footer'))));

  if (!found) {
    main.append(h('h1', {}, t('notfound.title')), h('p', {}, h('a', { href: '#/' }, t('notfound.home'))));
    finish(t('notfound.title'));
    return;
  }
  const { route: r, params } = found;
  if (r.who !== 'anyone') {
    if (!session.me) {
      const pupilPage = r.who.includes('pupil');
      navigate(pupilPage ? '/pupil-sign-in' : '/sign-in');
      return;
    }
    if (!r.who.includes(session.me.role)) {
      main.append(h('h1', {}, t('forbidden.title')), h('p', {}, t('forbidden.text')),
        h('p', {}, h('a', { href: `#${homeOf(session.me)}` }, t('forbidden.home'))));
      finish(t('forbidden.title'));
      return;
    }
  }
  try {
    const module = await r.load();
    if (count !== renderCount) return;
    const title = await module.render({ main, params, me: session.me, navigate, reloadMe: loadMe, route });
    if (count !== renderCount) return;
    finish(title || t('app.name'));
  } catch (e) {
    if (count !== renderCount) return;
    if (e && e.status === 401) {
      session.me = null;
      navigate(r.who.includes && r.who.includes('pupil') ? '/pupil-sign-in' : '/sign-in');
      return;
    }
    clear(main);
    main.append(h('h1', {}, t('error.title')), h('p', { role: 'alert' }, errorMessage(e)));
    finish(t('error.title'));
  }
}

let firstRender = true;
function finish(title) {
  document.title = `${title} — ${t('app.name')}`;
  document.body.dataset.busy = 'false';
  if (firstRender) { firstRender = false; return; }
  focusMain();
}

function focusMain() {
  const main = document.getElementById('main');
  if (!main) return;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  } else main.focus();
}

async function boot() {
  await initI18n();
  try { session.about = await get('/about'); } catch (e) { session.about = null; }
  if (session.about && session.about.time_zone) setTimeZone(session.about.time_zone);
  await loadMe();
  window.addEventListener('hashchange', route);
  if (!location.hash || location.hash === '#') {
    history.replaceState(null, '', `#${homeOf(session.me)}`);
  }
  await route();
}

boot();
