// Every page, who may open it, and the navigation of each role. Pupils and Council members;
// facilitators (classes, paper); moderators and safeguarding leads (queues, cases); the Youth
// Union (moderators) and admins also run the recommendations board, the Children's Councils and
// their sessions, and events; officials answer what is addressed to their authority. The public
// tracker (/tracker.html) and the printable reports are pages of their own, linked from here.
export const PUPIL_ROLES = ['pupil', 'council_member'];
export const ADULT_ROLES = ['facilitator', 'moderator', 'safeguarding_lead', 'official', 'admin'];

const page = (name) => () => import(`./pages/${name}.js`);

export const ROUTES = [
  { path: '/', load: page('home'), who: 'anyone' },
  { path: '/help', load: page('help'), who: 'anyone' },
  { path: '/join', load: page('pupil_join'), who: 'anyone' },
  { path: '/pupil-sign-in', load: page('pupil_sign_in'), who: 'anyone' },
  { path: '/sign-in', load: page('adult_sign_in'), who: 'anyone' },
  { path: '/guardian', load: page('guardian'), who: 'anyone' },

  { path: '/pupil', load: page('pupil_home'), who: PUPIL_ROLES },
  { path: '/pupil/consent', load: page('pupil_consent'), who: PUPIL_ROLES },
  { path: '/pupil/consultations/:id', load: page('pupil_consultation'), who: PUPIL_ROLES },
  { path: '/pupil/idea', load: page('pupil_idea'), who: PUPIL_ROLES },
  { path: '/pupil/ideas', load: page('pupil_ideas'), who: PUPIL_ROLES },
  { path: '/pupil/data', load: page('pupil_data'), who: PUPIL_ROLES },
  { path: '/pupil/notifications', load: page('pupil_notifications'), who: PUPIL_ROLES },
  { path: '/pupil/council', load: page('pupil_council'), who: ['council_member'] },
  { path: '/pupil/council-sessions/:id', load: page('council_session'), who: ['council_member'] },

  { path: '/classes', load: page('classes'), who: ['facilitator', 'admin'] },
  { path: '/classes/:id', load: page('class'), who: ['facilitator', 'admin'] },
  { path: '/classes/:id/cards', load: page('class_cards'), who: ['facilitator', 'admin'] },
  { path: '/classes/:id/guardian-slips', load: page('guardian_slips'), who: ['facilitator', 'admin'] },
  { path: '/paper', load: page('paper'), who: ['facilitator', 'moderator', 'admin'] },
  { path: '/paper/:id', load: page('paper_batch'), who: ['facilitator', 'moderator', 'admin'] },

  { path: '/moderation', load: page('moderation_queues'), who: ['moderator', 'safeguarding_lead', 'admin'] },
  { path: '/moderation/queues/:queue', load: page('moderation_queue'), who: ['moderator', 'safeguarding_lead', 'admin'] },
  { path: '/moderation/items/:id', load: page('moderation_item'), who: ['moderator', 'safeguarding_lead', 'admin'] },

  { path: '/safeguarding', load: page('safeguarding_cases'), who: ['safeguarding_lead'] },
  { path: '/safeguarding/cases/:id', load: page('safeguarding_case'), who: ['safeguarding_lead'] },

  { path: '/recommendations', load: page('recommendations'), who: ['moderator', 'admin'] },
  { path: '/recommendations/new', load: page('recommendation_new'), who: ['moderator', 'admin'] },
  { path: '/recommendations/:id', load: page('recommendation'), who: ['moderator', 'admin'] },
  { path: '/questions', load: page('questions'), who: ['moderator', 'admin'] },
  { path: '/councils', load: page('councils'), who: ['moderator', 'admin'] },
  { path: '/councils/:id', load: page('council'), who: ['moderator', 'admin'] },
  { path: '/council-sessions/:id', load: page('council_session'), who: ['moderator', 'admin'] },
  { path: '/events', load: page('events'), who: ['facilitator', 'moderator', 'admin'] },

  { path: '/consultations', load: page('consultations'), who: ['facilitator', 'moderator', 'admin'] },
  { path: '/consultations/new', load: page('consultation_plan'), who: ['moderator', 'admin'] },
  { path: '/consultations/:id', load: page('consultation_plan'), who: ['moderator', 'admin'] },
  { path: '/consultations/:id/questions', load: page('consultation_questions'), who: ['moderator', 'admin'] },
  { path: '/consultations/:id/participation', load: page('consultation_participation'), who: ['facilitator', 'moderator', 'admin'] },
  { path: '/consultations/:id/results', load: page('consultation_results'), who: ['facilitator', 'moderator', 'admin'] },
  { path: '/consultations/:id/feedback', load: page('consultation_feedback'), who: ['moderator', 'admin'] },
  { path: '/targets', load: page('targets'), who: ['moderator', 'admin'] },

  { path: '/official', load: page('official_inbox'), who: ['official'] },
  { path: '/official/recommendations/:id', load: page('official_recommendation'), who: ['official'] },

  { path: '/admin', load: page('admin'), who: ['admin'] },
];

// The menu of each role: [route, string key]. The first entry is the role's home.
export const NAV = {
  pupil: [['/pupil', 'nav.pupil_home'], ['/pupil/idea', 'nav.idea'], ['/pupil/ideas', 'nav.my_ideas'], ['/pupil/data', 'nav.my_data'], ['/help', 'nav.help']],
  council_member: [['/pupil', 'nav.pupil_home'], ['/pupil/idea', 'nav.idea'], ['/pupil/ideas', 'nav.my_ideas'], ['/pupil/council', 'nav.my_council'], ['/pupil/data', 'nav.my_data'], ['/help', 'nav.help']],
  facilitator: [['/classes', 'nav.classes'], ['/consultations', 'nav.consultations'], ['/paper', 'nav.paper'], ['/events', 'nav.events']],
  moderator: [['/moderation', 'nav.moderation'], ['/consultations', 'nav.consultations'], ['/recommendations', 'nav.recommendations'], ['/questions', 'nav.questions'], ['/councils', 'nav.councils'], ['/events', 'nav.events'], ['/paper', 'nav.paper'], ['/targets', 'nav.targets']],
  safeguarding_lead: [['/safeguarding', 'nav.safeguarding'], ['/moderation', 'nav.moderation']],
  official: [['/official', 'nav.official']],
  admin: [['/admin', 'nav.admin'], ['/classes', 'nav.classes'], ['/moderation', 'nav.moderation'], ['/consultations', 'nav.consultations'], ['/recommendations', 'nav.recommendations'], ['/questions', 'nav.questions'], ['/councils', 'nav.councils'], ['/events', 'nav.events'], ['/paper', 'nav.paper'], ['/targets', 'nav.targets']],
  anyone: [['/', 'nav.home'], ['/help', 'nav.help']],
};

export function homeOf(me) {
  if (!me) return '/';
  const nav = NAV[me.role] || [];
  return nav.length ? nav[0][0] : '/';
}

export function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const want = route.path.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i += 1) {
      if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(parts[i]);
      else ok = want[i] === parts[i];
    }
    if (ok) return { route, params };
  }
  return null;
}
