// The incidents page: the workspace's incidents with filters, sorting and paging; selecting one
// shows its summary with a "View full details" link.
import { api, me, el, formatTime } from './api.js';

const params = new URLSearchParams(window.location.search);
const main = document.getElementById('incidents');

// "3/5 tasks": completed of all; an incident without tasks shows a dash.
function taskProgress(data) {
  const total = (data && data.tasksCount) || 0;
  return total ? `${data.completedTasksCount}/${total} tasks` : '—';
}

// Administration is for administrators only: the link is not shown to anyone else.
function adminLink(user, workspace) {
  return user.properties && user.properties.administrator
    ? el('a', { href: '/ui/admin' + (workspace ? '?ws=' + encodeURIComponent(workspace) : ''), class: 'primary' }, 'Administration')
    : null;
}

// Everyone has a queue of their own, across workspaces; the workspace is only the way back.
function myTasksLink(workspace) {
  return el('a', { href: '/ui/my-tasks' + (workspace ? '?ws=' + encodeURIComponent(workspace) : ''), class: 'primary' }, 'My tasks');
}

async function chooseWorkspace() {
  const user = await me();
  const scopes = [...new Set((user.roles || []).map((r) => r.scope))];
  main.replaceChildren(el('section', { class: 'card' },
    el('header', { class: 'banner' }, el('h1', {}, 'Choose a workspace'), myTasksLink(), adminLink(user)),
    scopes.length
      ? el('ul', {}, scopes.map((s) => el('li', {}, el('a', { href: '/ui/?ws=' + encodeURIComponent(s) }, s.split('/').pop()), ' ', el('span', { class: 'muted' }, s))))
      : el('p', {}, 'You hold no role in any workspace yet. An administrator can open one with ?ws=<workspace id>.')));
}

async function list(workspace) {
  const si = workspace + '/providers/Microsoft.SecurityInsights';
  const filters = el('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load(); } },
    el('select', { name: 'status', 'aria-label': 'Status' }, ['', 'New', 'Active', 'Closed'].map((s) => el('option', { value: s }, s || 'Any status'))),
    el('select', { name: 'severity', 'aria-label': 'Severity' }, ['', 'High', 'Medium', 'Low', 'Informational'].map((s) => el('option', { value: s }, s || 'Any severity'))),
    el('input', { name: 'owner', 'aria-label': 'Owner', placeholder: 'Owner' }),
    el('input', { name: 'title', 'aria-label': 'Title contains', placeholder: 'Search titles' }),
    el('select', { name: 'order', 'aria-label': 'Sort' },
      el('option', { value: 'properties/createdTimeUtc desc' }, 'Newest first'),
      el('option', { value: 'properties/createdTimeUtc asc' }, 'Oldest first'),
      el('option', { value: 'properties/severity desc' }, 'Severity')),
    el('button', { type: 'submit' }, 'Apply'));
  const table = el('table', { class: 'incidents' });
  const details = el('aside', { class: 'card summary', hidden: true });
  const more = el('button', { type: 'button', hidden: true }, 'Next page');
  const user = await me();
  main.replaceChildren(
    el('header', { class: 'banner' }, el('h1', {}, 'Incidents'),
      el('a', { href: '/ui/automation?ws=' + encodeURIComponent(workspace), class: 'primary' }, 'Automation'),
      el('a', { href: '/ui/playbooks?ws=' + encodeURIComponent(workspace), class: 'primary' }, 'Playbooks'),
      el('a', { href: '/ui/templates?ws=' + encodeURIComponent(workspace), class: 'primary' }, 'Task templates'),
      myTasksLink(workspace), adminLink(user, workspace)),
    filters, el('div', { class: 'split' }, table, details), more);

  const quote = (v) => "'" + v.replaceAll("'", "''") + "'";
  async function load(link) {
    let path;
    if (link) {
      path = link.substring(link.indexOf('/subscriptions/'));
    } else {
      const f = new FormData(filters);
      const clauses = [];
      if (f.get('status')) clauses.push(`properties/status eq ${quote(f.get('status'))}`);
      if (f.get('severity')) clauses.push(`properties/severity eq ${quote(f.get('severity'))}`);
      if (f.get('owner')) clauses.push(`properties/owner/assignedTo eq ${quote(f.get('owner'))}`);
      if (f.get('title')) clauses.push(`contains(properties/title, ${quote(f.get('title'))})`);
      const query = new URLSearchParams({ $top: '50', $orderby: f.get('order') });
      if (clauses.length) query.set('$filter', clauses.join(' and '));
      path = si + '/incidents?' + query.toString();
    }
    const page = await api('GET', path);
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ['#', 'Title', 'Severity', 'Status', 'Owner', 'Tasks', 'Created'].map((h) => el('th', {}, h)))),
      el('tbody', {}, page.value.map((i) => {
        const p = i.properties;
        return el('tr', { tabindex: '0', onclick: () => show(i), onkeydown: (e) => { if (e.key === 'Enter') show(i); } },
          el('td', {}, p.incidentNumber), el('td', {}, p.title),
          el('td', {}, el('span', { class: 'badge severity-' + p.severity.toLowerCase() }, p.severity)),
          el('td', {}, p.status), el('td', {}, (p.owner && (p.owner.assignedTo || p.owner.email)) || 'Unassigned'),
          el('td', { class: 'progress' }, taskProgress(p.additionalData)),
          el('td', {}, formatTime(p.createdTimeUtc)));
      })));
    more.hidden = !page.nextLink;
    more.onclick = () => load(page.nextLink);
  }

  function show(incident) {
    const p = incident.properties;
    details.hidden = false;
    details.replaceChildren(
      el('h2', {}, `#${p.incidentNumber} ${p.title}`),
      el('p', {}, `${p.severity} · ${p.status} · created ${formatTime(p.createdTimeUtc)}`),
      el('p', {}, `Tasks: ${taskProgress(p.additionalData)}`),
      el('a', { href: '/ui/incident?id=' + encodeURIComponent(incident.id), class: 'primary' }, 'View full details'));
  }

  await load();
}

const workspace = params.get('ws');
(workspace ? list(workspace) : chooseWorkspace()).catch((e) => {
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
});
