// The My tasks page: the tasks assigned to the signed-in user or to a role they hold, across the
// workspaces they may read, soonest due first, with filters (status, overdue, due before, incident
// severity, workspace), sortable columns and "Load more"; Complete, Reopen,
// Assign and Not applicable on the tasks ticked. The server applies a bulk action to every ticked
// task or to none, and says which ones blocked it: the page shows that as it is.
import { api, me, el, formatTime, canRespond, workspaceOf } from './api.js';
import { assigneeName } from './tasks.js';

const main = document.getElementById('my-tasks');
const back = new URLSearchParams(window.location.search).get('ws');

// The sortable columns: their $orderby paths.
const SORTS = {
  due: 'properties/due/timeUtc',
  number: 'properties/incident/incidentNumber',
  severity: 'properties/incident/severity',
  created: 'properties/createdTimeUtc',
};

function statusOf(p) {
  return p.notApplicable ? 'Not applicable' : p.status;
}

async function render() {
  const user = await me();
  const readable = [...new Set((user.roles || [])
    .filter((r) => ['Reader', 'Responder', 'Contributor'].includes(r.roleDefinitionName))
    .map((r) => r.scope))];
  const filters = el('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load().catch(show); } },
    el('select', { name: 'status', 'aria-label': 'Status' },
      [['New', 'Open'], ['Completed', 'Completed'], ['NotApplicable', 'Not applicable'], ['', 'Any status']]
        .map(([value, label]) => el('option', { value }, label))),
    el('select', { name: 'overdue', 'aria-label': 'Overdue' },
      [['', 'Overdue or not'], ['true', 'Overdue'], ['false', 'Not overdue']].map(([value, label]) => el('option', { value }, label))),
    el('label', { class: 'inline' }, 'Due before ', el('input', { type: 'datetime-local', name: 'dueBefore' })),
    el('select', { name: 'severity', 'aria-label': 'Incident severity' },
      ['', 'High', 'Medium', 'Low', 'Informational'].map((s) => el('option', { value: s }, s || 'Any severity'))),
    el('select', { name: 'workspace', 'aria-label': 'Workspace' },
      el('option', { value: '' }, 'All workspaces'),
      readable.map((s) => el('option', { value: s }, s.split('/').pop()))),
    el('button', { type: 'submit' }, 'Apply'));
  let sort = { key: 'due', descending: false };
  let rows = [];
  const selected = new Set();
  const table = el('table', { class: 'my-tasks' });
  const more = el('button', { type: 'button', hidden: true }, 'Load more');
  const outcome = el('div', { class: 'outcome', 'aria-live': 'polite' });
  const count = el('span', { class: 'muted' });
  const form = el('div', { class: 'bulk-form' });
  const actions = [
    ['Complete', () => bulk({ action: 'Complete' })],
    ['Reopen', () => bulk({ action: 'Reopen' })],
    ['Assign…', () => assignForm().catch(show)],
    ['Not applicable…', () => notApplicableForm()],
  ].map(([label, onclick]) => el('button', { type: 'button', onclick }, label));
  main.replaceChildren(
    el('header', { class: 'banner' },
      el('a', { href: '/ui/' + (back ? '?ws=' + encodeURIComponent(back) : ''), class: 'back' }, '← Incidents'),
      el('h1', {}, 'My tasks')),
    el('p', { class: 'muted' }, 'Tasks assigned to you or to a role you hold, in every workspace you may see.'),
    filters,
    el('div', { class: 'bulk-bar', 'aria-label': 'Bulk actions', role: 'group' }, count, actions, form),
    outcome,
    el('div', { class: 'table-scroll' }, table),
    more);

  function query() {
    const f = new FormData(filters);
    const q = new URLSearchParams({ $top: '50', $orderby: SORTS[sort.key] + (sort.descending ? ' desc' : ' asc') });
    for (const name of ['status', 'overdue', 'severity', 'workspace']) {
      if (f.get(name)) q.set(name, f.get(name));
    }
    // The browser's local time, as the user typed it, sent as an instant.
    if (f.get('dueBefore')) q.set('dueBefore', new Date(f.get('dueBefore')).toISOString());
    return q.toString();
  }

  async function load(link) {
    const page = await api('GET', link ? link.substring(link.indexOf('/api/')) : '/api/myTasks?' + query());
    if (!link) {
      rows = [];
      selected.clear();
    }
    rows = rows.concat(page.value);
    more.hidden = !page.nextLink;
    more.onclick = () => load(page.nextLink).catch(show);
    draw();
  }

  // Only tasks the user may change can be ticked: the server would refuse the others anyway.
  const editable = (task) => canRespond(user, workspaceOf(task.id));

  function draw() {
    const selectable = rows.filter(editable);
    const header = (label, key) => {
      if (!key) return el('th', {}, label);
      const active = sort.key === key;
      return el('th', { 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
        el('button', {
          type: 'button', class: 'sort', 'data-sort': key,
          onclick: () => {
            sort = { key, descending: active && !sort.descending };
            load().catch(show);
          },
        }, label, active ? (sort.descending ? ' ▼' : ' ▲') : ''));
    };
    const all = el('input', {
      type: 'checkbox', 'aria-label': 'Select all tasks',
      checked: selectable.length > 0 && selectable.every((t) => selected.has(t.id)),
      disabled: selectable.length === 0,
      onchange: (e) => {
        selectable.forEach((t) => (e.target.checked ? selected.add(t.id) : selected.delete(t.id)));
        draw();
      },
    });
    table.replaceChildren(
      el('thead', {}, el('tr', {}, el('th', {}, all), header('Task'), header('Incident', 'number'),
        header('Severity', 'severity'), header('Workspace'), header('Status'), header('Assigned to'),
        header('Due', 'due'), header('Created', 'created'))),
      el('tbody', {}, rows.length ? rows.map(row) : el('tr', {}, el('td', { colspan: '9', class: 'muted' }, 'No tasks.'))));
    count.textContent = `${selected.size} selected`;
    actions.forEach((b) => { b.disabled = selected.size === 0; });
  }

  function row(task) {
    const p = task.properties;
    const i = p.incident;
    return el('tr', { 'data-task': task.id, class: statusOf(p).toLowerCase().replace(' ', '-') },
      el('td', {}, editable(task) ? el('input', {
        type: 'checkbox', 'aria-label': 'Select ' + p.title, checked: selected.has(task.id),
        onchange: (e) => { (e.target.checked ? selected.add(task.id) : selected.delete(task.id)); draw(); },
      }) : ''),
      el('td', { class: 'title' }, p.title,
        p.notApplicable ? el('div', { class: 'muted' }, 'Not applicable: ', p.notApplicable.reason) : null),
      el('td', { class: 'incident' }, el('a', { href: '/ui/incident?id=' + encodeURIComponent(i.id) }, `#${i.incidentNumber} ${i.title}`)),
      el('td', {}, el('span', { class: 'badge severity-' + i.severity.toLowerCase() }, i.severity)),
      el('td', { title: p.workspace.id }, p.workspace.name),
      el('td', {}, statusOf(p)),
      el('td', {}, assigneeName(p.assignedTo)),
      el('td', { class: 'due' }, p.due ? formatTime(p.due.timeUtc) : '—',
        p.overdue ? el('span', { class: 'badge overdue', title: 'Past its due time and not completed' }, 'Overdue') : null),
      el('td', {}, formatTime(p.createdTimeUtc)));
  }

  function show(error) {
    outcome.className = 'outcome error';
    outcome.setAttribute('role', 'alert');
    // Each task that blocked the action, by its title rather than its long id.
    const titles = new Map(rows.map((t) => [t.id, t.properties.title]));
    const problems = (error.targets || []).map((target, n) => [target, error.details[n]]).filter(([target]) => target);
    outcome.replaceChildren(
      el('p', {}, problems.length
        ? `Nothing was changed: ${problems.length} of the ${selected.size} selected tasks cannot be changed.`
        : error.message),
      problems.length ? el('ul', { class: 'problems' }, problems.map(([target, message]) => {
        const title = titles.get(target) || target;
        return el('li', {}, message.includes(`'${target}'`)
          ? message.replace(`'${target}'`, `"${title}"`)
          : [el('strong', {}, title), ': ', message]);
      })) : null);
  }

  async function bulk(body) {
    outcome.replaceChildren();
    outcome.removeAttribute('role');
    const named = selected.size;
    try {
      await api('POST', '/api/myTasks/bulk', { ...body, tasks: [...selected] });
      form.replaceChildren();
      await load();
      outcome.className = 'outcome ok';
      outcome.textContent = `${body.action === 'MarkNotApplicable' ? 'Not applicable' : body.action}: ${named} ${named === 1 ? 'task' : 'tasks'} changed.`;
    } catch (e) {
      show(e);
    }
  }

  function cancel() {
    return el('button', { type: 'button', onclick: () => form.replaceChildren() }, 'Cancel');
  }

  // The users every ticked task's workspace can assign to, and the roles.
  async function assignForm() {
    const select = el('select', { name: 'assignee', 'aria-label': 'Assign to' }, el('option', { value: '' }, 'No one (unassigned)'));
    form.replaceChildren(el('form', {
      class: 'inline-form',
      onsubmit: (e) => {
        e.preventDefault();
        const [type, ...name] = select.value.split(':');
        bulk({ action: 'Assign', assignedTo: select.value ? { type, name: name.join(':') } : null });
      },
    }, select, el('button', { type: 'submit', class: 'primary' }, 'Assign'), cancel()));
    const workspaces = [...new Set([...selected].map(workspaceOf))];
    const lists = await Promise.all(workspaces.map((w) =>
      api('GET', w + '/providers/Microsoft.SecurityInsights/taskAssignees').then((l) => l.value)));
    const key = (a) => `${a.type}:${a.name}`;
    lists[0].filter((a) => lists.every((l) => l.some((b) => key(b) === key(a))))
      .forEach((a) => select.append(el('option', { value: key(a) }, assigneeName(a))));
  }

  function notApplicableForm() {
    const reason = el('input', { type: 'text', name: 'reason', required: true, maxlength: '2000', 'aria-label': 'Why the tasks do not apply', placeholder: 'Why do these tasks not apply?' });
    form.replaceChildren(el('form', {
      class: 'inline-form',
      onsubmit: (e) => { e.preventDefault(); bulk({ action: 'MarkNotApplicable', reason: reason.value }); },
    }, reason, el('button', { type: 'submit', class: 'primary' }, 'Mark not applicable'), cancel()));
    reason.focus();
  }

  await load();
}

render().catch((e) => {
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load your tasks: ' + e.message));
});
