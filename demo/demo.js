// Just enough behaviour to feel like a webmail: pick a message, open and close the compose window.
const messages = [
  {
    from: 'Maya Chen, MD',
    address: 'maya.chen@direct.northside-cardiology.example',
    subject: 'Referral: J. Rivera, cardiology consult',
    time: '9:42',
    unread: true,
    body: [
      'Dr. Patel,',
      'I saw Jorge Rivera (DOB 1961-04-12) today for the palpitations you referred him for. The Holter shows paroxysmal atrial fibrillation with a low burden. I started metoprolol succinate 25 mg daily and ordered an echocardiogram.',
      'Please keep his anticoagulation under review at his next visit; his CHA2DS2-VASc score is 2. The full consult note and the Holter summary are attached as a C-CDA document.',
      'Best regards,\nMaya Chen, MD\nNorthside Cardiology',
    ],
    attachment: 'consult-note-rivera.xml',
  },
  {
    from: 'Lakeshore Lab Results',
    address: 'results@direct.lakeshore-lab.example',
    subject: 'Lipid panel results available',
    time: '8:15',
    unread: true,
    body: [
      'Results for patient ID 448-201 are ready: total cholesterol 212 mg/dL, LDL 131 mg/dL, HDL 48 mg/dL, triglycerides 165 mg/dL.',
      'This message was sent through Direct secure messaging. Reply to this address with questions.',
    ],
    attachment: 'lipid-panel-448-201.pdf',
  },
  {
    from: 'Sam Okafor, PharmD',
    address: 'sokafor@direct.eastgate-pharmacy.example',
    subject: 'Medication reconciliation question',
    time: 'Yesterday',
    body: [
      'Hello Dr. Patel, we received two active prescriptions for lisinopril (10 mg and 20 mg) for the same patient. Could you confirm which one should stay active?',
      'Thanks,\nSam Okafor, PharmD',
    ],
  },
  {
    from: 'Riverbend Hospital Records',
    address: 'records@direct.riverbend-hospital.example',
    subject: 'Discharge summary: transition of care',
    time: 'Mon',
    body: [
      'Your patient was discharged on Monday after a two-day stay for community-acquired pneumonia. The discharge summary and follow-up plan are attached.',
    ],
    attachment: 'discharge-summary.xml',
  },
];

const list = document.getElementById('message-list');
const view = document.getElementById('message-view');
const compose = document.getElementById('compose');
const toast = document.querySelector('.toast');

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function show(index) {
  const m = messages[index];
  m.unread = false;
  renderList(index);
  view.replaceChildren(
    el('h1', { className: 'reader__subject' }, m.subject),
    el(
      'div',
      { className: 'reader__meta' },
      el('span', { className: 'avatar avatar--sender', ariaHidden: 'true' }, m.from[0]),
      el('div', {}, el('strong', {}, m.from), ' ', el('span', { className: 'muted' }, `<${m.address}>`),
        el('div', { className: 'muted' }, 'to me · ', m.time)),
    ),
    el('div', { className: 'message-body' }, ...m.body.map((p) => el('p', {}, p))),
    ...(m.attachment
      ? [el('div', { className: 'attachment' }, el('span', { className: 'filetype' }, m.attachment.split('.').pop()), m.attachment)]
      : []),
  );
}

function renderList(selected) {
  document.querySelector('.count').textContent = String(messages.filter((m) => m.unread).length || '');
  list.replaceChildren(
    ...messages.map((m, i) => {
      const row = el(
        'button',
        { type: 'button', className: `row${m.unread ? ' row--unread' : ''}${i === selected ? ' row--selected' : ''}` },
        el('span', { className: 'row__from' }, m.from),
        el('span', { className: 'row__time' }, m.time),
        el('span', { className: 'row__subject' }, m.subject),
        el('span', { className: 'row__snippet' }, m.body.join(' ')),
      );
      if (i === selected) row.setAttribute('aria-current', 'true');
      row.addEventListener('click', () => show(i));
      return el('li', {}, row);
    }),
  );
}

function notify(text) {
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => (toast.hidden = true), 2500);
}

document.getElementById('compose-button').addEventListener('click', () => {
  compose.hidden = false;
  compose.querySelector('input').focus();
});
compose.querySelector('[data-close]').addEventListener('click', () => (compose.hidden = true));
compose.querySelector('[data-send]').addEventListener('click', () => {
  compose.hidden = true;
  notify('Demo only: the message was not sent.');
});

show(0);
