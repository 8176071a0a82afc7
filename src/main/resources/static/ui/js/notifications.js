// The Notifications page: the signed-in user's notifications, newest first, a page at a time, with
// "Mark read", "Mark all read" and an "Unread only" filter. Everything shown is text: titles are
// whatever someone wrote and must never become markup.
import { api, el, formatTime } from './api.js';
import { refreshUnread } from './nav.js';

const PAGE = 50;
const KINDS = { TaskAssigned: 'Task assigned', TaskOverdue: 'Task overdue' };
const main = document.getElementById('notifications');
const list = el('ul', { class: 'notifications' });
const status = el('p', { class: 'outcome', 'aria-live': 'polite' });
const more = el('button', { type: 'button', hidden: true }, 'Show more');
const unreadOnly = el('input', { type: 'checkbox', id: 'unread-only' });
let next = null;

function item(n) {
  const read = el('button', { type: 'button', class: 'mark-read', hidden: n.read }, 'Mark read');
  const row = el('li', { class: 'notification' + (n.read ? '' : ' unread'), 'data-id': n.id },
    el('div', { class: 'what' },
      el('span', { class: 'badge kind-' + n.kind }, KINDS[n.kind] || n.kind),
      el('a', { href: n.link, class: 'task-title' }, n.task.title)),
    el('div', { class: 'muted' },
      'Incident #' + n.incident.incidentNumber + ' · ', el('span', { class: 'incident-title' }, n.incident.title),
      ' · ' + n.workspace.name),
    el('div', { class: 'muted' },
      formatTime(n.timeUtc), n.actor.type === 'System' ? '' : ' · by ' + n.actor.name),
    read);
  read.addEventListener('click', () => attempt(async () => {
    await api('POST', '/api/notifications/' + encodeURIComponent(n.id) + '/read');
    row.classList.remove('unread');
    read.hidden = true;
    if (unreadOnly.checked) row.remove();
    refreshUnread();
  }));
  return row;
}

async function attempt(action) {
  status.textContent = '';
  try {
    await action();
  } catch (e) {
    status.className = 'outcome error';
    status.textContent = e.message;
  }
}

async function load(path) {
  const page = await api('GET', path);
  list.append(...page.value.map(item));
  next = page.nextLink ? page.nextLink.substring(page.nextLink.indexOf('/api/')) : null;
  more.hidden = !next;
  if (!list.children.length) {
    list.append(el('li', { class: 'muted empty' },
      unreadOnly.checked ? 'No unread notifications.' : 'No notifications yet.'));
  }
}

function reload() {
  list.replaceChildren();
  return attempt(() => load('/api/notifications?$top=' + PAGE + (unreadOnly.checked ? '&unread=true' : '')));
}

unreadOnly.addEventListener('change', reload);
more.addEventListener('click', () => attempt(() => load(next)));
const markAll = el('button', { type: 'button', id: 'mark-all-read' }, 'Mark all read');
markAll.addEventListener('click', () => attempt(async () => {
  await api('POST', '/api/notifications/markAllRead');
  await reload();
  refreshUnread();
}));

main.replaceChildren(
  el('div', { class: 'banner' }, el('h1', {}, 'Notifications'),
    el('label', {}, unreadOnly, ' Unread only'), markAll),
  status, list, more);
reload();
