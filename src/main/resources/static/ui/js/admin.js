// The Administration page: accounts, role assignments, API tokens and the audit trail, as tabs.
// It calls the same /api/... endpoints as scripts do, so the server validates and authorises every
// change; the page shows the server's own error messages, which name the field and the problem.
import { api, all, me, el, localInputValue, newId } from './api.js';

const ROLES = [
  ['Reader', 'Reader'],
  ['Responder', 'Responder'],
  ['Contributor', 'Contributor'],
  ['PlaybookOperator', 'Playbook Operator'],
];
const SECTIONS = [
  ['users', 'Users'],
  ['roles', 'Role assignments'],
  ['tokens', 'API tokens'],
  ['audit', 'Audit trail'],
  ['webhooks', 'Webhooks'],
];
const EVENT_TYPES = [['TaskAssigned', 'Task assigned'], ['TaskOverdue', 'Task overdue']];
const workspace = new URLSearchParams(window.location.search).get('ws');
const main = document.getElementById('admin');
const enc = encodeURIComponent;

// What the lists show; every change reloads all three, since deleting a user also removes their
// role assignments and tokens.
const state = { me: null, users: [], assignments: [], tokens: [] };
const renders = [];

async function refresh() {
  const [users, assignments, tokens] = await Promise.all([
    api('GET', '/api/users'), api('GET', '/api/roleAssignments'), api('GET', '/api/tokens')]);
  state.users = users.value;
  state.assignments = assignments.value;
  state.tokens = tokens.value;
  renders.forEach((render) => render());
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : '—';
}

// The outcome line of a section: the server's message on failure, a short confirmation otherwise.
function outcome() {
  const line = el('p', { class: 'outcome', 'aria-live': 'polite' });
  line.show = (text, ok) => {
    line.className = 'outcome ' + (ok ? 'ok' : 'error');
    line.textContent = text;
  };
  return line;
}

// Runs a change and says how it went; then reloads what it may have changed (by default, the
// users, role assignments and tokens).
async function attempt(line, action, done, reload = refresh) {
  line.textContent = '';
  try {
    await action();
  } catch (e) {
    line.show(e.message, false);
    return;
  }
  line.show(done, true);
  await reload();
}

function field(label, input, hint) {
  return el('label', { class: 'field' }, el('span', {}, label), input,
    hint ? el('small', { class: 'muted' }, hint) : null);
}

function check(label, input) {
  return el('label', { class: 'check' }, input, ' ', label);
}

function table(headers, body) {
  return el('div', { class: 'table-scroll' },
    el('table', { class: 'admin-table' }, el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))), body));
}

// Options for a select of users, keeping the current choice when the list is redrawn.
function userOptions(select, first) {
  const current = select.value;
  select.replaceChildren(el('option', { value: '' }, first),
    ...state.users.map((u) => el('option', { value: u.name }, u.name)));
  select.value = state.users.some((u) => u.name === current) ? current : '';
}

// What a create-or-edit form shows: "New <noun>" and "Create <noun>" until edit(item) turns it
// into "Edit <name>" and "Save". While editing, the name is fixed (a PUT to another name would
// create another) and the write-only field (a password, a secret) is left as stored unless
// something is typed in it; fill(item) puts the item's other values in.
function createOrEdit(noun, name, writeOnly, line, fill) {
  const heading = el('h2', {}, 'New ' + noun);
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Create ' + noun);
  const cancel = el('button', { type: 'button', hidden: true }, 'Cancel');
  const form = {
    item: null, heading, submit, cancel,
    reset() {
      form.item = null;
      heading.closest('form').reset();
      heading.textContent = 'New ' + noun;
      name.readOnly = false;
      writeOnly.placeholder = '';
      submit.textContent = 'Create ' + noun;
      cancel.hidden = true;
    },
    edit(item) {
      form.item = item;
      heading.textContent = 'Edit ' + item.name;
      name.value = item.name;
      name.readOnly = true;
      writeOnly.value = '';
      writeOnly.placeholder = 'unchanged if left empty';
      submit.textContent = 'Save';
      cancel.hidden = false;
      line.textContent = '';
      fill(item);
    },
  };
  cancel.addEventListener('click', () => form.reset());
  return form;
}

function usersSection() {
  const name = el('input', { name: 'username', autocomplete: 'off' });
  const displayName = el('input', { name: 'displayName', autocomplete: 'off' });
  const email = el('input', { name: 'email', type: 'email', autocomplete: 'off' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const administrator = el('input', { name: 'administrator', type: 'checkbox' });
  const enabled = el('input', { name: 'enabled', type: 'checkbox', checked: true });
  const line = outcome();
  const editor = createOrEdit('user', name, password, line, (user) => {
    displayName.value = user.properties.displayName || '';
    email.value = user.properties.email || '';
    administrator.checked = user.properties.administrator;
    enabled.checked = user.properties.enabled;
    displayName.focus();
  });

  const form = el('form', {
    class: 'admin-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const username = name.value.trim();
      if (!username) {
        line.show('Enter a user name.', false);
        return;
      }
      // A PUT replaces an account: creating must never overwrite one that exists.
      if (!editor.item && state.users.some((u) => u.name.toLowerCase() === username.toLowerCase())) {
        line.show(`A user named "${username}" already exists: use Edit on its row to change it.`, false);
        return;
      }
      const properties = {
        displayName: displayName.value.trim() || undefined,
        email: email.value.trim() || undefined,
        administrator: administrator.checked,
        enabled: enabled.checked,
        password: password.value || undefined,
      };
      const done = editor.item ? `Saved ${username}.` : `Created ${username}.`;
      await attempt(line, () => api('PUT', '/api/users/' + enc(username), { properties }), done);
      if (line.classList.contains('ok')) editor.reset();
    },
  },
  editor.heading,
  el('div', { class: 'form-grid' },
    field('User name', name, 'letters, digits, . _ @ -'),
    field('Display name', displayName),
    field('E-mail', email),
    field('Password', password, 'at least 12 characters')),
  el('div', { class: 'form-row' },
    check('Administrator', administrator), check('Enabled', enabled), editor.submit, editor.cancel));

  const body = el('tbody');
  renders.push(() => body.replaceChildren(...state.users.map((user) => {
    const p = user.properties;
    return el('tr', { 'data-user': user.name },
      el('td', {}, user.name),
      el('td', {}, p.displayName),
      el('td', {}, p.email || '—'),
      el('td', {}, p.administrator ? el('span', { class: 'badge admin' }, 'Administrator') : '—'),
      el('td', {}, el('span', { class: 'badge ' + (p.enabled ? 'on' : 'off') }, p.enabled ? 'Enabled' : 'Disabled')),
      el('td', { class: 'row-actions' },
        el('button', { type: 'button', onclick: () => editor.edit(user) }, 'Edit'),
        el('button', {
          type: 'button',
          onclick: () => confirm(`Delete the user "${user.name}"? Their role assignments and API tokens go with it.`)
            && attempt(line, () => api('DELETE', user.id), `Deleted ${user.name}.`),
        }, 'Delete')));
  })));
  return [form, line, table(['Name', 'Display name', 'E-mail', 'Administrator', 'Status', ''], body)];
}

function rolesSection() {
  const user = el('select', { name: 'principalName', 'aria-label': 'User' });
  const role = el('select', { name: 'roleDefinitionName' }, ROLES.map(([value, label]) => el('option', { value }, label)));
  const workspaces = el('datalist', { id: 'known-workspaces' });
  const scope = el('input', { name: 'scope', list: 'known-workspaces', value: workspace || '', autocomplete: 'off', spellcheck: 'false' });
  const line = outcome();
  const form = el('form', {
    class: 'admin-form',
    onsubmit: async (event) => {
      event.preventDefault();
      // Assignment names are free; a readable one with a random suffix never replaces another.
      const suffix = newId().substring(0, 8);
      const name = `${(user.value || 'assignment').substring(0, 100)}-${role.value}-${suffix}`;
      const properties = { principalName: user.value, roleDefinitionName: role.value, scope: scope.value.trim() };
      await attempt(line, () => api('PUT', '/api/roleAssignments/' + enc(name), { properties }),
        `Gave ${user.value} the ${role.selectedOptions[0].textContent} role.`);
    },
  },
  el('h2', {}, 'Assign a role'),
  el('div', { class: 'form-grid' },
    field('User', user),
    field('Role', role),
    el('div', { class: 'wide' }, field('Workspace', scope,
      '/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{w}'))),
  workspaces,
  el('div', { class: 'form-row' }, el('button', { type: 'submit', class: 'primary' }, 'Assign role')));

  const body = el('tbody');
  renders.push(() => {
    userOptions(user, 'Choose a user');
    // No endpoint lists every workspace: suggest the ones already in use.
    const known = new Set([workspace, ...state.assignments.map((a) => a.properties.scope),
      ...(state.me.roles || []).map((r) => r.scope)].filter(Boolean));
    workspaces.replaceChildren(...[...known].map((s) => el('option', { value: s })));
    body.replaceChildren(...state.assignments.map((a) => {
      const p = a.properties;
      const label = (ROLES.find(([value]) => value === p.roleDefinitionName) || [0, p.roleDefinitionName])[1];
      return el('tr', { 'data-assignment': a.name },
        el('td', {}, p.principalName),
        el('td', {}, label),
        el('td', {}, el('strong', {}, p.scope.split('/').pop()), el('div', { class: 'muted resource' }, p.scope)),
        el('td', {}, time(p.createdTimeUtc)),
        el('td', { class: 'row-actions' }, el('button', {
          type: 'button',
          onclick: () => confirm(`Remove the ${label} role of ${p.principalName} in ${p.scope.split('/').pop()}?`)
            && attempt(line, () => api('DELETE', a.id), `Removed the ${label} role of ${p.principalName}.`),
        }, 'Remove')));
    }));
  });
  return [form, line, table(['User', 'Role', 'Workspace', 'Assigned', ''], body)];
}

function tokensSection() {
  const description = el('input', { name: 'description', autocomplete: 'off' });
  const days = el('input', { name: 'expiresInDays', type: 'number', min: '1', max: '730', value: '90' });
  const owner = el('select', { name: 'owner' });
  const line = outcome();
  const secret = el('div', { class: 'secret', hidden: true });

  // The secret exists only in the creation response: show it once, and drop it on "Done".
  function reveal(token) {
    const value = el('input', { class: 'secret-value', readonly: true, value: token.token, 'aria-label': 'New token', onfocus: (e) => e.target.select() });
    const copied = el('span', { class: 'muted', 'aria-live': 'polite' });
    secret.hidden = false;
    secret.replaceChildren(
      el('strong', {}, 'Copy this token now: it is shown only this once.'),
      el('div', { class: 'form-row' }, value,
        el('button', {
          type: 'button',
          onclick: async () => {
            value.select();
            try {
              await navigator.clipboard.writeText(token.token);
              copied.textContent = 'Copied.';
            } catch (e) {
              copied.textContent = 'Press Ctrl+C to copy the selected token.';
            }
          },
        }, 'Copy'),
        el('button', { type: 'button', onclick: () => { secret.hidden = true; secret.replaceChildren(); } }, 'Done'),
        copied),
      el('p', { class: 'muted' }, `For ${token.properties.owner} · “${token.properties.description}” · expires ${time(token.properties.expiresTimeUtc)}. `
        + 'Send it as "Authorization: Bearer <token>".'));
    value.focus();
  }

  const form = el('form', {
    class: 'admin-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const path = owner.value ? '/api/users/' + enc(owner.value) + '/tokens' : '/api/tokens';
      const body = { description: description.value.trim(), expiresInDays: days.value ? Number(days.value) : undefined };
      let created;
      await attempt(line, async () => { created = await api('POST', path, body); }, 'Token created.');
      if (created) {
        form.reset();
        reveal(created);
      }
    },
  },
  el('h2', {}, 'New API token'),
  el('div', { class: 'form-grid' },
    field('Description', description, 'what uses it, e.g. "SIEM connector"'),
    field('Expires in (days)', days, '1 to 730'),
    field('For', owner, 'administrators may create tokens for other accounts')),
  el('div', { class: 'form-row' }, el('button', { type: 'submit', class: 'primary' }, 'Create token')));

  const body = el('tbody');
  renders.push(() => {
    userOptions(owner, `Myself (${state.me.name})`);
    // The option for the signed-in account is "Myself" already.
    for (const option of owner.options) {
      if (option.value.toLowerCase() === state.me.name.toLowerCase()) option.remove();
    }
    const now = Date.now();
    body.replaceChildren(...state.tokens.map((t) => {
      const p = t.properties;
      const status = p.revokedTimeUtc ? 'Revoked' : new Date(p.expiresTimeUtc).getTime() <= now ? 'Expired' : 'Active';
      return el('tr', { 'data-token': t.name },
        el('td', {}, p.description),
        el('td', {}, time(p.createdTimeUtc)),
        el('td', {}, time(p.expiresTimeUtc)),
        el('td', {}, time(p.lastUsedTimeUtc)),
        el('td', {}, el('span', { class: 'badge ' + (status === 'Active' ? 'on' : 'off') }, status)),
        el('td', { class: 'row-actions' }, status === 'Active' ? el('button', {
          type: 'button',
          onclick: () => confirm(`Revoke the token "${p.description}"? Whatever uses it is refused from now on.`)
            && attempt(line, () => api('DELETE', t.id), `Revoked "${p.description}".`),
        }, 'Revoke') : null));
    }));
  });
  return [form, line, secret,
    el('h2', {}, 'Your tokens'),
    table(['Description', 'Created', 'Expires', 'Last used', 'Status', ''], body),
    el('p', { class: 'muted' }, 'Only your own tokens are listed. Tokens created for other accounts are in the audit trail (resource /api/tokens/).')];
}

// A change as the audit trail records it: {"old": …, "new": …} or a plain value.
function changes(record) {
  const show = (v) => {
    const text = v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
    return text.length > 120 ? text.substring(0, 119) + '…' : text;
  };
  // A change's null side is left out of the JSON: {"new": "x"} was empty before, {} stays empty.
  const isChange = (v) => v && typeof v === 'object' && !Array.isArray(v)
    && Object.keys(v).every((k) => k === 'old' || k === 'new');
  if (!record || typeof record !== 'object') return show(record);
  return el('ul', { class: 'changes' }, Object.entries(record).map(([name, v]) => el('li', {},
    el('span', { class: 'muted' }, name + ': '),
    !isChange(v) ? show(v) : Object.keys(v).length ? `${show(v.old)} → ${show(v.new)}` : '—')));
}

function auditSection() {
  const actor = el('input', { name: 'actor', autocomplete: 'off' });
  const resource = el('input', { name: 'resource', autocomplete: 'off', placeholder: 'e.g. /api/users/' });
  // The trail is oldest first: starting a day back keeps recent activity on the first page.
  const from = el('input', { name: 'from', type: 'datetime-local', value: localInputValue(new Date(Date.now() - 86400000)) });
  const to = el('input', { name: 'to', type: 'datetime-local' });
  const line = outcome();
  const body = el('tbody');
  const more = el('button', { type: 'button', hidden: true }, 'Load more');
  const count = el('p', { class: 'muted' });

  async function load(next) {
    let path = next;
    if (!path) {
      const query = new URLSearchParams({ $top: '100' });
      if (actor.value.trim()) query.set('actor', actor.value.trim());
      if (resource.value.trim()) query.set('resource', resource.value.trim());
      if (from.value) query.set('from', new Date(from.value).toISOString());
      if (to.value) query.set('to', new Date(to.value).toISOString());
      path = '/api/audit?' + query;
    }
    let page;
    try {
      page = await api('GET', path);
    } catch (e) {
      line.show(e.message, false);
      return;
    }
    line.textContent = '';
    if (!next) body.replaceChildren();
    body.append(...page.value.map((r) => el('tr', { 'data-action': r.action },
      el('td', { class: 'nowrap', title: r.occurredTimeUtc }, time(r.occurredTimeUtc)),
      // Who with how, and what with where, share a cell each so that the table fits a tablet.
      el('td', {}, r.actor || '—', r.actorType !== 'User' ? el('div', { class: 'muted' }, r.actorType) : null,
        r.token ? el('div', { class: 'muted' }, 'token ' + r.token.substring(0, 8) + '…') : null,
        r.clientAddress ? el('div', { class: 'muted' }, r.clientAddress) : null),
      el('td', {}, el('strong', {}, r.action), el('div', { class: 'muted resource' }, r.resourceId)),
      el('td', { class: 'changes' }, changes(r.changes)))));
    count.textContent = body.children.length === 1 ? '1 entry' : body.children.length + ' entries';
    // nextLink is absolute and built from the public address: follow its path and query only.
    const link = page.nextLink ? new URL(page.nextLink) : null;
    more.hidden = !link;
    more.onclick = () => load(link.pathname + link.search);
  }

  const form = el('form', { class: 'admin-form', onsubmit: (e) => { e.preventDefault(); load(); } },
    el('div', { class: 'form-grid' },
      field('Actor', actor, 'user name or objectId, exact'),
      field('Resource', resource, 'start of the resource id'),
      field('From', from),
      field('To', to, 'exclusive')),
    el('div', { class: 'form-row' },
      el('button', { type: 'submit', class: 'primary' }, 'Apply'),
      el('button', { type: 'button', onclick: () => { form.reset(); from.value = ''; load(); } }, 'Clear filters')));
  return [[form, line, count,
    table(['Time', 'Actor', 'Action and resource', 'Changes'], body), more], load];
}

// The task webhooks of the workspace the page was opened for (?ws=), with each one's delivery log.
// The secret is write-only: the server never returns it, so editing leaves it as it is unless a
// new one is typed.
function webhooksSection() {
  if (!workspace) {
    return [[el('p', { class: 'muted' }, 'Open Administration from a workspace\'s incidents list to configure its webhooks.')], () => {}];
  }
  const base = workspace + '/providers/Microsoft.SecurityInsights/taskWebhooks';
  const name = el('input', { name: 'webhookName', autocomplete: 'off' });
  const url = el('input', { name: 'url', type: 'url', autocomplete: 'off', spellcheck: 'false' });
  const secret = el('input', { name: 'secret', type: 'password', autocomplete: 'new-password' });
  const types = EVENT_TYPES.map(([value]) => el('input', { type: 'checkbox', name: 'eventTypes', value, checked: true }));
  const enabled = el('input', { name: 'enabled', type: 'checkbox', checked: true });
  const line = outcome();
  const body = el('tbody');
  const deliveries = el('div', { class: 'deliveries' });
  const editor = createOrEdit('webhook', name, secret, line, (webhook) => {
    url.value = webhook.properties.url;
    types.forEach((t) => { t.checked = webhook.properties.eventTypes.includes(t.value); });
    enabled.checked = webhook.properties.enabled;
    url.focus();
  });

  let known = [];
  async function load() {
    const webhooks = await all(base);
    known = webhooks.map((w) => w.name.toLowerCase());
    body.replaceChildren(...webhooks.map((w) => el('tr', { 'data-webhook': w.name },
      el('td', {}, w.name),
      el('td', { class: 'resource' }, w.properties.url),
      el('td', {}, w.properties.eventTypes.join(', ')),
      el('td', {}, w.properties.enabled ? 'Enabled' : 'Disabled'),
      el('td', { class: 'row-actions' },
        el('button', { type: 'button', onclick: () => editor.edit(w) }, 'Edit'),
        el('button', { type: 'button', onclick: () => showDeliveries(w).catch((e) => line.show(e.message, false)) }, 'Deliveries'),
        el('button', {
          type: 'button',
          onclick: () => confirm(`Delete the webhook ${w.name} and its delivery log?`)
            && attempt(line, () => api('DELETE', w.id), `Deleted ${w.name}.`, () => {
              deliveries.replaceChildren();
              return load();
            }),
        }, 'Delete')))));
  }

  async function showDeliveries(webhook) {
    const rows = el('tbody');
    deliveries.replaceChildren(el('h2', {}, 'Deliveries of ' + webhook.name),
      table(['Created', 'Event', 'Incident / task', 'Status', 'Attempts'], rows));
    const list = await api('GET', webhook.id + '/deliveries?$top=50');
    rows.replaceChildren(...list.value.map((d) => {
      const p = d.properties;
      return el('tr', { 'data-delivery': d.name },
        el('td', { class: 'nowrap' }, time(p.createdTimeUtc)),
        el('td', {}, p.eventType),
        el('td', { class: 'resource' }, p.incidentName + ' / ' + p.taskName),
        el('td', {}, p.status, p.nextAttemptTimeUtc ? el('div', { class: 'muted' }, 'next ' + time(p.nextAttemptTimeUtc)) : null),
        el('td', {}, el('ol', { class: 'attempts' }, p.attempts.map((a) => el('li', {},
          time(a.timeUtc) + ' — ' + (a.statusCode ? 'HTTP ' + a.statusCode : a.error))))));
    }));
    if (!list.value.length) {
      rows.append(el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No deliveries yet.')));
    }
  }

  const form = el('form', {
    class: 'admin-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const webhook = name.value.trim();
      if (!webhook) {
        line.show('Enter a name.', false);
        return;
      }
      // A PUT replaces a webhook: creating must never overwrite one that exists.
      if (!editor.item && known.includes(webhook.toLowerCase())) {
        line.show(`A webhook named "${webhook}" already exists: use Edit on its row to change it.`, false);
        return;
      }
      const properties = {
        url: url.value.trim(),
        eventTypes: types.filter((t) => t.checked).map((t) => t.value),
        enabled: enabled.checked,
        secret: secret.value || undefined,
      };
      await attempt(line, async () => {
        await api('PUT', base + '/' + enc(webhook), { properties }, editor.item ? { 'If-Match': editor.item.etag } : {});
        editor.reset();
      }, editor.item ? `Saved ${webhook}.` : `Created ${webhook}.`, load);
    },
  },
  editor.heading,
  el('div', { class: 'form-grid' },
    field('Name', name),
    el('div', { class: 'wide' }, field('URL', url, 'its host must be in VIGIL_WEBHOOK_ALLOWED_HOSTS')),
    field('Secret', secret, 'at least 16 characters; deliveries are signed with it, and it is never shown again'),
    el('fieldset', { class: 'field' }, el('legend', {}, 'Events'),
      EVENT_TYPES.map(([, label], i) => check(label, types[i]))),
    check('Enabled', enabled)),
  el('div', { class: 'form-row' }, editor.submit, editor.cancel));

  return [[el('p', { class: 'muted' }, 'Webhooks of ' + workspace.split('/').pop()), form, line,
    table(['Name', 'URL', 'Events', 'Status', ''], body), deliveries],
  () => load().catch((e) => line.show(e.message, false))];
}

// Tabs as WAI-ARIA describes them: one tab stop, arrow keys, Home and End move between tabs.
function tabs(panels, onSelect) {
  const buttons = SECTIONS.map(([id, label]) => el('button', {
    type: 'button', role: 'tab', id: 'tab-' + id, 'aria-controls': 'panel-' + id,
  }, label));
  function select(index, focus) {
    buttons.forEach((button, i) => {
      button.setAttribute('aria-selected', String(i === index));
      button.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (focus) buttons[index].focus();
    history.replaceState(null, '', '#' + SECTIONS[index][0]);
    onSelect(SECTIONS[index][0]);
  }
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => select(i));
    button.addEventListener('keydown', (e) => {
      const n = buttons.length;
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1 + n, Home: 0, End: n - 1 }[e.key];
      if (to !== undefined) {
        e.preventDefault();
        select(to % n, true);
      }
    });
  });
  const start = SECTIONS.findIndex(([id]) => '#' + id === window.location.hash);
  return [el('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Administration' }, buttons), () => select(Math.max(start, 0))];
}

async function render() {
  state.me = await me();
  const banner = el('header', { class: 'banner' },
    el('a', { href: '/ui/' + (workspace ? '?ws=' + enc(workspace) : ''), class: 'back' }, '← Incidents'),
    el('h1', {}, 'Administration'));
  if (!(state.me.properties && state.me.properties.administrator)) {
    main.replaceChildren(banner, el('section', { class: 'card admin-denied', role: 'alert' },
      el('h2', {}, 'Administrators only'),
      el('p', {}, 'Accounts, role assignments and the audit trail are managed by administrators. '
        + 'Ask one if you need a role in a workspace.')));
    return;
  }
  const [audit, loadAudit] = auditSection();
  const [webhooks, loadWebhooks] = webhooksSection();
  const contents = [usersSection(), rolesSection(), tokensSection(), audit, webhooks];
  const panels = SECTIONS.map(([id], i) => el('section', {
    role: 'tabpanel', id: 'panel-' + id, 'aria-labelledby': 'tab-' + id, class: 'card admin-panel',
  }, ...contents[i]));
  // The audit trail is read when its tab opens, so it includes what was just done on the others.
  const [tablist, start] = tabs(panels, (id) => {
    if (id === 'audit') loadAudit();
    if (id === 'webhooks') loadWebhooks();
  });
  await refresh();
  main.replaceChildren(banner, tablist, ...panels);
  start();
}

render().catch((e) => {
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load the administration page: ' + e.message));
});
