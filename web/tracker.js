// The public tracker of a unit: /tracker.html?unit=<unit id>. Text is set with textContent only.
(function () {
  'use strict';
  const statusWords = {
    forwarded: 'Đã gửi', acknowledged: 'Cơ quan đã nhận', answered: 'Đã có trả lời',
    reported_back: 'Đã báo lại cho các em', closed: 'Đã hoàn thành',
  };
  const decisionWords = {
    accepted: 'Chấp nhận', partly_accepted: 'Chấp nhận một phần', declined: 'Không chấp nhận',
    referred: 'Chuyển cơ quan khác',
  };
  const commitmentWords = {
    planned: 'đã lên kế hoạch', in_progress: 'đang làm', done: 'đã xong', dropped: 'đã dừng',
  };
  const parts = [['you_said', 'Các em nói'], ['we_did', 'Người lớn đã làm'], ['why', 'Vì sao'],
    ['what_next', 'Tiếp theo']];

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function vnDate(iso) {
    return iso ? iso.slice(0, 10).split('-').reverse().join('/') : '—';
  }

  function item(r) {
    const li = el('li', null, 'tracker-item' + (r.overdue ? ' is-overdue' : ''));
    li.appendChild(el('h3', r.title));
    li.appendChild(el('p', r.text));
    if (r.children_said.length) {
      const said = el('ul', null, 'quotes');
      r.children_said.forEach((q) => said.appendChild(el('li', '“' + q + '”')));
      li.appendChild(said);
    }
    const facts = el('dl', null, 'facts');
    [['Cơ quan', r.authority], ['Công văn', (r.dispatch_number || '') + ' ngày ' + vnDate(r.dispatch_date)],
      ['Hạn trả lời', vnDate(r.due_date)],
      ['Tình trạng', (statusWords[r.status] || r.status) + (r.overdue ? ' — quá hạn' : '')]]
      .forEach(([k, v]) => { facts.appendChild(el('dt', k)); facts.appendChild(el('dd', v)); });
    if (r.answer) {
      facts.appendChild(el('dt', 'Trả lời'));
      facts.appendChild(el('dd', (decisionWords[r.answer.decision] || r.answer.decision) +
        (r.answer.reasons ? ': ' + r.answer.reasons : '') +
        (r.answered_on_time === false ? ' (trả lời trễ hạn)' : '')));
    }
    li.appendChild(facts);
    if (r.commitments.length) {
      const list = el('ul', null, 'commitments');
      r.commitments.forEach((c) => list.appendChild(el('li', c.text + ' — ' + c.owner + ', hạn ' +
        vnDate(c.due_date) + ' (' + (commitmentWords[c.status] || c.status) + (c.overdue ? ', quá hạn' : '') + ')')));
      li.appendChild(list);
    }
    if (r.feedback) {
      const text = r.feedback.all || Object.values(r.feedback)[0];
      const box = el('div', null, 'feedback');
      parts.forEach(([key, label]) => {
        const p = el('p');
        p.appendChild(el('strong', label + ': '));
        p.appendChild(document.createTextNode(text[key]));
        box.appendChild(p);
      });
      li.appendChild(box);
    }
    return li;
  }

  async function load() {
    const status = document.getElementById('tracker-status');
    const unit = new URLSearchParams(window.location.search).get('unit');
    if (!unit) { status.textContent = 'Chọn một phường hoặc xã (?unit=…).'; return; }
    const response = await fetch('/api/v1/public/units/' + encodeURIComponent(unit) + '/tracker');
    if (!response.ok) { status.textContent = 'Không tìm thấy đơn vị này.'; return; }
    const data = await response.json();
    status.textContent = data.unit.name + ': ' + data.recommendations.length + ' kiến nghị.';
    const items = document.getElementById('tracker-items');
    data.recommendations.forEach((r) => items.appendChild(item(r)));
    if (data.authorities.length) {
      const section = document.getElementById('tracker-authorities');
      const body = section.querySelector('tbody');
      data.authorities.forEach((a) => {
        const row = el('tr');
        row.appendChild(el('th', a.name)).setAttribute('scope', 'row');
        [a.received, a.answered_on_time_percent === null ? '—' : Math.round(a.answered_on_time_percent) + '%',
          a.median_days_to_answer === null ? '—' : a.median_days_to_answer, a.overdue_now]
          .forEach((v) => row.appendChild(el('td', v)));
        body.appendChild(row);
      });
      section.hidden = false;
    }
    if (data.authorities_not_shown) {
      document.getElementById('tracker-hidden').textContent = data.authorities_not_shown +
        ' cơ quan có dưới ' + data.min_recommendations_shown + ' kiến nghị nên chưa hiển thị số liệu.';
    }
  }
  load().catch(() => {
    document.getElementById('tracker-status').textContent = 'Không tải được. Thử lại sau.';
  });
})();
