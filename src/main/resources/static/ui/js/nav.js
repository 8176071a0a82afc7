// The navigation bar's link to the Notifications page, with the signed-in user's unread count.
// Every page loads this; the Notifications page calls refreshUnread after marking some read.
import { el } from './api.js';

const count = el('span', { class: 'count', id: 'unread-count', hidden: true });
const link = el('a', { href: '/ui/notifications', class: 'nav', id: 'notifications-link' },
  'Notifications', count);
document.querySelector('nav.top').append(link);

export async function refreshUnread() {
  try {
    // Plain fetch: a failed count must not send the page to the login form or show an error.
    const response = await fetch('/api/notifications?unread=true&$top=1',
      { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const unread = (await response.json()).unreadCount;
    count.textContent = String(unread);
    count.hidden = unread === 0;
    link.setAttribute('aria-label', 'Notifications, ' + unread + ' unread');
  } catch {
    // the link works without its count
  }
}

refreshUnread();
setInterval(refreshUnread, 60000);
