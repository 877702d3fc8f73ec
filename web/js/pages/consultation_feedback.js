// Telling the children what happened (Circular 36's fourth step): "You said / We did / Why /
// What next" in each age band's words, a preview of what a child of that band will see on their
// home page, then sent — every child who answered online is notified.
import { h, field, clear } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { form, section } from '../ui.js';
import { stages, ageBand } from '../consultation_stages.js';

export const PARTS = ['you_said', 'we_did', 'why', 'what_next'];

// The feedback as a child reads it, on their home page and in the consultation: the four parts,
// or one text (feedback written before the parts existed).
export function feedbackView(title, feedback, at) {
  const card = h('article', { class: 'card feedback consultation-feedback' }, h('h3', {}, title));
  if (at) card.append(h('p', { class: 'hint' }, t('feedback.page.sent_on', { date: formatDate(at) })));
  if (typeof feedback === 'string') card.append(h('p', { class: 'idea-text' }, feedback));
  else if (feedback) {
    card.append(h('dl', { class: 'feedback-parts' },
      PARTS.map((p) => [h('dt', {}, t(`feedback.${p}`)), h('dd', { class: 'idea-text' }, feedback[p] || '')])));
  }
  return card;
}

function bandFields(band, existing) {
  const parts = Object.fromEntries(PARTS.map((p) => [p, field(t(`feedback.${p}`), 'textarea', {
    maxlength: 1000, required: true, value: existing ? existing[p] : undefined, hint: t(`feedback.page.${p}_hint`),
  })]));
  const preview = h('div', { class: 'phone-preview', 'aria-live': 'polite' });
  const words = () => Object.fromEntries(PARTS.map((p) => [p, parts[p].input.value.trim()]));
  const show = h('button', { type: 'button', class: 'secondary' }, t('feedback.page.preview', { band }));
  return { band, parts, words, preview, show };
}

export async function render({ main, params, route }) {
  const id = encodeURIComponent(params.id);
  const c = await get(`/consultations/${id}`);
  const title = t('feedback.page.title', { title: c.title });
  main.append(stages(c, '/feedback'), h('h1', {}, title));

  if (c.status === 'feedback_given') {
    const sent = (c.lifecycle || []).filter((s) => s.status === 'feedback_given').pop();
    main.append(h('p', { class: 'message message-ok' }, t('feedback.page.sent', { date: formatDate(sent ? sent.at : c.updated_at, true) })));
    main.append(section(t('feedback.page.what_children_see'), h('div', { class: 'band-previews' },
      (c.audience_bands || []).map((b) => h('div', { class: 'band-preview' }, h('h3', {}, ageBand(b)),
        h('div', { class: 'phone-preview' }, feedbackView(c.title, c.feedback[b], sent ? sent.at : null)))))));
    return title;
  }
  if (c.status !== 'results_published') {
    main.append(h('p', { class: 'message' }, t('feedback.page.not_yet'), ' ',
      h('a', { href: `#/consultations/${id}/results` }, t('feedback.page.to_results'))));
    return title;
  }

  main.append(h('p', { class: 'lead' }, t('feedback.page.lead')));
  const bands = (c.audience_bands || []).map((b) => bandFields(b));
  const sets = bands.map((b) => {
    b.show.addEventListener('click', () => {
      clear(b.preview);
      b.preview.append(h('p', { class: 'hint' }, t('feedback.page.preview_lead', { band: b.band })),
        feedbackView(c.title, b.words(), null));
    });
    return h('fieldset', { class: 'band-feedback', dataset: { band: b.band } },
      h('legend', {}, t('feedback.for_band', { band: b.band })),
      h('div', { class: 'band-columns' },
        h('div', { class: 'band-words' }, PARTS.map((p) => b.parts[p].wrap)),
        h('div', { class: 'band-side' }, h('div', { class: 'actions' }, b.show), b.preview)));
  });
  main.append(form({ 'aria-label': t('feedback.page.form') }, [sets,
    h('p', {}, t('feedback.page.send_lead')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('feedback.page.send')))], async () => {
    const payload = {};
    for (const b of bands) {
      const words = b.words();
      const empty = PARTS.find((p) => !words[p]);
      if (empty) {
        b.parts[empty].input.focus();
        throw new Error(t('feedback.page.missing', { part: t(`feedback.${empty}`), band: b.band }));
      }
      payload[b.band] = words;
    }
    await post(`/consultations/${id}/feedback`, { feedback: payload });
    route();
  }));
  return title;
}
