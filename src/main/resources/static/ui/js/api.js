// Calls Vigil's REST API from the browser session: adds the api-version and the CSRF token, and
// sends the user to the login page when the session has ended.
const API_VERSION = '2025-09-01';

function cookie(name) {
  const match = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
}

export class ApiError extends Error {
  // details: each problem on its own when the server found several (ARM's error.details);
  // targets: what each concerns (a field, a task), where the server says.
  constructor(status, code, message, details = [], targets = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.targets = targets;
  }
}

export async function api(method, path, body, headers = {}) {
  // Only ARM-style paths take an api-version; Vigil's own /api/... endpoints have none.
  const url = path.toLowerCase().startsWith('/subscriptions/')
    ? path + (path.includes('?') ? '&' : '?') + 'api-version=' + API_VERSION
    : path;
  const all = { Accept: 'application/json', ...headers };
  if (body !== undefined) {
    all['Content-Type'] = 'application/json';
  }
  const token = cookie('XSRF-TOKEN');
  if (token) {
    all['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(url, {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 401) {
    window.location.href = '/login';
    throw new ApiError(401, 'AuthenticationFailed', 'Your session has ended.');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (json && json.error) || {};
    throw new ApiError(response.status, error.code, error.message || 'HTTP ' + response.status,
      (error.details || []).map((d) => d.message), (error.details || []).map((d) => d.target));
  }
  // An answer without a body (204 of runPlaybook) may say where what it started lives.
  if (json === null && response.headers.get('Location')) {
    return { location: response.headers.get('Location') };
  }
  return json;
}

// Every item of a list, following nextLink page by page.
export async function all(path) {
  const items = [];
  let next = path;
  while (next) {
    const page = await api('GET', next);
    items.push(...page.value);
    next = page.nextLink ? page.nextLink.substring(page.nextLink.indexOf('/subscriptions/')) : null;
  }
  return items;
}

export async function me() {
  const response = await fetch('/api/me', { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    window.location.href = '/login';
  }
  return response.json();
}

// Whether the signed-in user (as /api/me answers) is an administrator or holds one of the roles
// in the workspace: only to hide controls the server would refuse anyway.
export function hasRole(user, workspace, roles) {
  if (user.properties && user.properties.administrator) return true;
  return (user.roles || []).some((r) => r.scope.toLowerCase() === workspace.toLowerCase()
    && roles.includes(r.roleDefinitionName));
}

// Whether the user may change incidents and tasks in the workspace.
export function canRespond(user, workspace) {
  return hasRole(user, workspace, ['Responder', 'Contributor']);
}

// A date as a datetime-local input shows it: the browser's local time, to the minute.
export function localInputValue(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

// Builds an element; text children become text nodes, so nothing a user wrote is parsed as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Rich text as Vigil stores it: already sanitised by the server when it was written. It is parsed
// into an inert document and only its body's nodes are adopted, so that nothing runs while parsing;
// anything that could run script is dropped again here, in case stored text predates a sanitiser
// rule.
export function richText(html) {
  const parsed = new DOMParser().parseFromString(html || '', 'text/html');
  parsed.body.querySelectorAll('script, style, iframe, frame, object, embed, svg, math, form, base, link, meta')
    .forEach((node) => node.remove());
  for (const node of parsed.body.querySelectorAll('*')) {
    for (const attribute of Array.from(node.attributes)) {
      const name = attribute.name.toLowerCase();
      const unsafeUrl = ['href', 'src', 'xlink:href', 'action', 'formaction'].includes(name)
        && !/^(https?:|mailto:|#|\/(?!\/))/i.test(attribute.value.trim());
      if (name.startsWith('on') || name === 'style' || unsafeUrl) node.removeAttribute(attribute.name);
    }
  }
  const container = el('div', { class: 'rich-text' });
  for (const node of Array.from(parsed.body.childNodes)) {
    container.append(document.adoptNode(node));
  }
  for (const link of container.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return container;
}

// A new GUID for a resource name. crypto.randomUUID exists only on HTTPS and localhost; random
// bytes exist everywhere.
export function newId() {
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.substring(0, 8)}-${hex.substring(8, 12)}-4${hex.substring(13, 16)}-${hex.substring(16, 20)}-${hex.substring(20)}`;
}

// Side panels sit below the page on narrow screens (tablets): bring one into view when it opens.
export function revealPanel(panel) {
  if (window.matchMedia('(max-width: 1000px)').matches) {
    panel.scrollIntoView({ block: 'start' });
  }
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}

// The workspace of an incident id: everything before /providers/Microsoft.SecurityInsights.
export function workspaceOf(id) {
  return id.substring(0, id.toLowerCase().indexOf('/providers/microsoft.securityinsights'));
}
