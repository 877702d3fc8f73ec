// Answering a consultation in the child's age band's wording (drawn by consultation_view.js,
// which the planners' preview shares), after consent; the answers are sent once.
import { h, clear, append } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { errorMessage, statusArea, showMessage } from '../ui.js';
import { infoCard, drawQuestions } from '../consultation_view.js';
import { supportBox } from './pupil_idea.js';
import { consentBox } from './pupil_home.js';
import { feedbackView } from './consultation_feedback.js';

export async function render({ main, params, reloadMe }) {
  const me = await reloadMe();
  const c = await get(`/consultations/${encodeURIComponent(params.id)}`);
  let earlier = null;
  try { earlier = await get(`/consultations/${encodeURIComponent(params.id)}/responses/mine`); } catch (e) { earlier = null; }
  const earlierAnswers = earlier ? earlier.answers || {} : {};
  const answers = { ...earlierAnswers };

  main.append(h('h1', {}, c.title));
  main.append(infoCard(c));
  if (c.feedback) main.append(h('section', { class: 'card', 'aria-label': t('consult.feedback') }, h('h2', {}, t('consult.feedback')), feedbackView(c.title, c.feedback, null)));
  if (earlier) main.append(h('p', { class: 'message message-ok' }, t('consult.already_answered')));
  if (c.status !== 'published') {
    main.append(h('p', {}, t('consult.closed')));
    return c.title;
  }
  if (!me.consent || !me.consent.complete) {
    main.append(h('p', {}, t('consult.needs_consent')), consentBox(me));
    return c.title;
  }

  const area = statusArea('alert');
  const stage = h('div', { class: 'stage' });
  main.append(stage, area);

  async function send(body) {
    const key = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random()}`;
    try {
      const saved = await post(`/consultations/${encodeURIComponent(c.id)}/responses`, { answers: body }, { 'Idempotency-Key': key });
      clear(stage);
      showMessage(area, '');
      append(stage, [h('h2', { tabindex: '-1', id: 'thanks' }, t('consult.thanks')),
        h('p', {}, t('consult.thanks_text')),
        saved.support ? supportBox(saved.support) : null,
        h('p', {}, h('a', { class: 'button', href: '#/pupil' }, t('consent.to_home')))]);
      stage.querySelector('#thanks').focus();
    } catch (e) {
      showMessage(area, errorMessage(e), 'error');
    }
  }

  drawQuestions(stage, c, answers, send);
  return c.title;
}
