// The Tasks panel of an incident, as Sentinel's: every task in order with how and by whom it was
// created, a circle to complete or reopen it, descriptions behind an arrow, and "+ Add task".
// Vigil's extensions: a Mandatory badge, Not applicable with a reason, moving a task up or down,
// an assignee (a user or a role of the workspace), a due time with an Overdue badge, and each
// task's history under its arrow.
import { all, api, el, richText, formatTime, localInputValue, newId, revealPanel, workspaceOf } from './api.js';
import { richTextEditor } from './editor.js';
import { hours } from './duration.js';

const CREATED_BY = {
  User: 'by hand',
  AutomationRule: 'by an automation rule',
  Playbook: 'by a playbook',
};

const ACTOR = {
  User: 'user',
  AutomationRule: 'automation rule',
  Playbook: 'playbook',
  System: 'automatic',
};

// An ISO-8601 duration as Vigil writes them (PT4H, PT30M, PT24H) in words: "4 h", "1 d 2 h".
function durationWords(iso) {
  const total = hours(iso);
  if (total === '') return iso;
  const minutes = Math.round(total * 60);
  const parts = [];
  if (minutes >= 24 * 60) parts.push(`${Math.floor(minutes / (24 * 60))} d`);
  if (Math.floor(minutes / 60) % 24) parts.push(`${Math.floor(minutes / 60) % 24} h`);
  if (minutes % 60) parts.push(`${minutes % 60} min`);
  return parts.join(' ') || '0 min';
}

// When a task is due, in words: the time, and how it was set when not given as a time.
function dueWords(due) {
  if (!due) return 'no due time';
  const how = due.afterIncidentCreated
    ? ` (${durationWords(due.afterIncidentCreated)} after the incident was created${due.source === 'SeverityDefault' ? ', the default for its severity' : ''})`
    : '';
  return formatTime(due.timeUtc) + how;
}


// Who a task is assigned to, in words: a user by display name (and user name), a role as such.
export function assigneeName(a) {
  if (!a) return 'no one';
  if (a.type === 'Role') return `${a.name} (role)`;
  return a.displayName && a.displayName !== a.name ? `${a.displayName} (${a.name})` : a.name;
}

// One change of a task's history in words; values a user typed stay plain text.
function describeChange(eventType, change) {
  const { field, oldValue, newValue } = change;
  if (eventType === 'TaskAdded') {
    if (field === 'title') return `Created as "${newValue}"`;
    if (field === 'mandatory') return 'Mandatory';
    if (field === 'notApplicable') return `Not applicable: "${newValue}"`;
    if (field === 'assignedTo') return `Assigned to ${assigneeName(newValue)}`;
    if (field === 'due') return `Due ${dueWords(newValue)}`;
    if (field === 'status') return newValue === 'Completed' ? 'Completed' : null;
    if (field === 'template') return `From task template "${newValue.name}", version ${newValue.version}`;
    return null;
  }
  if (eventType === 'TaskOverdue') {
    return field === 'overdue' ? 'Fell overdue' : null;
  }
  switch (field) {
    case 'title': return `Title "${oldValue}" → "${newValue}"`;
    case 'description': return 'Description changed';
    case 'status': return newValue === 'Completed' ? 'Completed' : 'Reopened';
    case 'mandatory': return newValue ? 'Made mandatory' : 'No longer mandatory';
    case 'notApplicable': return newValue === null || newValue === undefined
      ? 'Not applicable undone' : `Marked not applicable: "${newValue}"`;
    case 'assignedTo':
      if (!newValue) return `Unassigned (was ${assigneeName(oldValue)})`;
      return oldValue ? `Reassigned from ${assigneeName(oldValue)} to ${assigneeName(newValue)}`
        : `Assigned to ${assigneeName(newValue)}`;
    case 'position': return `Moved from position ${oldValue} to ${newValue}`;
    case 'due': return newValue ? `Due ${dueWords(newValue)}` : 'Due time removed';
    default: return `${field} changed`;
  }
}

export class TasksPanel {
  constructor(container, incidentId, user, canRespond) {
    this.container = container;
    this.incidentId = incidentId;
    this.user = user;
    this.canRespond = canRespond;
    this.expanded = new Set();
    this.histories = new Map();
    this.timer = null;
  }

  open() {
    this.container.hidden = false;
    this.progress = el('span', { class: 'progress', 'data-testid': 'task-progress' });
    this.errorLine = el('p', { class: 'error', role: 'alert' });
    this.list = el('ol', { class: 'tasks', 'aria-label': 'Tasks' });
    const header = el('header', { class: 'panel-header' },
      el('h2', {}, 'Tasks'),
      this.progress,
      el('button', { class: 'close', type: 'button', 'aria-label': 'Close tasks', onclick: () => this.close() }, '×'));
    // The form stays while the list refreshes, so that nothing being typed is lost.
    this.container.replaceChildren(header, this.errorLine,
      this.canRespond ? el('div', { class: 'task-adders' }, this.addForm(), this.templateForm()) : '', this.list);
    this.shown = null;
    this.refresh();
    revealPanel(this.container);
    // Automation rules and playbooks add and complete tasks: show their changes as they come.
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), 3000);
  }

  close() {
    this.container.hidden = true;
    clearInterval(this.timer);
  }

  async refresh() {
    const tasks = await all(this.incidentId + '/tasks');
    this.tasks = tasks;
    const state = JSON.stringify(tasks) + [...this.expanded].join();
    // A task being edited is not redrawn under the user's hands; the list catches up after.
    if (state !== this.shown && !this.editing && !this.markingNa && !this.assigning && !this.settingDue) {
      this.shown = state;
      this.render(tasks);
    }
  }

  render(tasks) {
    const done = tasks.filter((t) => t.properties.status === 'Completed').length;
    this.last = tasks.length - 1;
    this.progress.textContent = `${done}/${tasks.length} completed`;
    this.errorLine.textContent = this.error || '';
    this.list.replaceChildren(...tasks.map((t, i) => this.task(t, i)));
  }

  task(task, index) {
    const p = task.properties;
    const completed = p.status === 'Completed';
    const na = p.notApplicable;
    const byHand = p.createdByType === 'User';
    const expanded = this.expanded.has(task.name);
    const item = el('li', {
      class: ['task', byHand ? 'by-hand' : 'automated', completed ? 'completed' : '', na ? 'not-applicable' : '', p.overdue ? 'overdue' : ''].join(' ').replace(/ +/g, ' ').trim(),
      'data-task': task.name,
    });
    // A task that does not apply is neither open nor done: undo the mark to complete it.
    const circle = el('button', {
      class: 'circle',
      type: 'button',
      role: 'checkbox',
      'aria-checked': completed ? 'true' : 'false',
      'aria-label': (completed ? 'Reopen ' : 'Complete ') + p.title,
      disabled: !this.canRespond || Boolean(na),
      onclick: () => this.toggle(task),
    }, completed ? '✓' : na ? '–' : '');
    const arrow = el('button', {
      class: 'expand', type: 'button', 'aria-expanded': expanded ? 'true' : 'false',
      'aria-label': (expanded ? 'Collapse ' : 'Expand ') + p.title,
      onclick: () => { expanded ? this.expanded.delete(task.name) : this.expanded.add(task.name); this.shown = null; this.render(this.tasks); },
    }, expanded ? '▾' : '▸');
    const who = (p.createdBy && p.createdBy.name) || 'unknown';
    const meta = [el('div', { class: 'created-by' }, `Created by: ${who} (${CREATED_BY[p.createdByType] || 'by hand'})`)];
    if (p.assignedTo) {
      meta.push(el('div', { class: 'assigned-to' }, 'Assigned to: ', el('strong', {}, assigneeName(p.assignedTo))));
    }
    if (p.due) {
      meta.push(el('div', { class: 'due' }, 'Due: ', el('strong', {}, dueWords(p.due))));
    }
    if (completed && p.completedBy) {
      meta.push(el('div', { class: 'completed-by' }, `Completed by ${p.completedBy.name || 'unknown'}, ${formatTime(p.completedTimeUtc)}`));
    }
    if (na) {
      meta.push(el('div', { class: 'not-applicable-note' },
        el('strong', {}, 'Not applicable: '), na.reason,
        el('span', { class: 'muted' }, ` — ${(na.by && na.by.name) || 'unknown'}, ${formatTime(na.timeUtc)}`)));
    }
    const heading = el('div', { class: 'title-row' }, el('span', { class: 'title' }, p.title),
      p.mandatory ? el('span', { class: 'badge mandatory', title: 'Must be completed or marked not applicable before the incident closes' }, 'Mandatory') : null,
      p.overdue ? el('span', { class: 'badge overdue', title: 'Past its due time and not completed' }, 'Overdue') : null);
    const body = el('div', { class: 'task-body' }, heading, ...meta);
    if (p.description && expanded) {
      body.append(richText(p.description));
    }
    if (expanded) {
      body.append(this.history(task));
    }
    const mine = byHand && p.createdBy && this.user
      && [this.user.name, this.user.properties && this.user.properties.displayName].includes(p.createdBy.name);
    if (this.editing === task.name) {
      item.append(circle, arrow, this.taskForm(p, 'Save changes', async (title, description, mandatory) => {
        await api('PUT', this.incidentId + '/tasks/' + task.name, {
          etag: task.etag,
          properties: { title, description, status: p.status, mandatory },
        });
        this.editing = null;
      }, () => { this.editing = null; this.render(this.tasks); }));
      return item;
    }
    if (this.markingNa === task.name) {
      body.append(this.notApplicableForm(task));
    }
    if (this.assigning === task.name) {
      body.append(this.assignForm(task));
    }
    if (this.settingDue === task.name) {
      body.append(this.dueForm(task));
    }
    item.append(circle, arrow, body);
    if (this.canRespond) {
      item.append(this.actions(task, index, mine));
    }
    return item;
  }

  // Move up and down for every task; Not applicable and its undo; edit and delete for one's own.
  actions(task, index, mine) {
    const p = task.properties;
    const button = (cls, label, text, onclick, disabled) =>
      el('button', { class: cls, type: 'button', 'aria-label': label, title: label, disabled, onclick }, text);
    const move = el('div', { class: 'move' },
      button('move-up', 'Move ' + p.title + ' up', '↑', () => this.move(task, index), index === 0),
      button('move-down', 'Move ' + p.title + ' down', '↓', () => this.move(task, index + 2), index === this.last));
    const actions = el('div', { class: 'task-actions' }, move);
    if (p.notApplicable) {
      actions.append(button('undo-not-applicable', 'Undo not applicable for ' + p.title, 'Applies again', () => this.setNotApplicable(task, null)));
    } else if (p.status !== 'Completed') {
      actions.append(button('not-applicable', 'Mark ' + p.title + ' not applicable', 'Not applicable', () => {
        this.markingNa = task.name; this.shown = null; this.render(this.tasks);
      }));
    }
    actions.append(button('assign', 'Assign ' + p.title, p.assignedTo ? 'Reassign' : 'Assign', () => {
      this.assigning = task.name; this.shown = null; this.render(this.tasks);
    }));
    actions.append(button('set-due', 'Set the due time of ' + p.title, 'Due', () => {
      this.settingDue = task.name; this.shown = null; this.render(this.tasks);
    }));
    if (mine) {
      actions.append(
        button('edit', 'Edit ' + p.title, 'Edit', () => { this.editing = task.name; this.render(this.tasks); }),
        button('delete', 'Delete ' + p.title, 'Delete', () => this.remove(task)));
    }
    return actions;
  }

  // Asks why the task does not apply; the reason is required, by the browser and by the server.
  notApplicableForm(task) {
    const reason = el('input', { type: 'text', name: 'reason', 'aria-label': 'Why the task does not apply', maxlength: '2000', required: true, placeholder: 'Why does this task not apply?' });
    const error = el('p', { class: 'error', role: 'alert' });
    const cancel = () => { this.markingNa = null; this.shown = null; this.render(this.tasks); };
    setTimeout(() => reason.focus());
    return el('form', {
      class: 'not-applicable-form',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await this.setNotApplicable(task, { reason: reason.value }, true);
          this.markingNa = null;
          this.shown = null;
          await this.refresh();
        } catch (e) {
          error.textContent = e.message;
        }
      },
    }, reason, error, el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, 'Mark not applicable'),
      el('button', { type: 'button', onclick: cancel }, 'Cancel')));
  }

  // Chooses who the task is assigned to among the workspace's users and roles, or no one.
  assignForm(task) {
    const p = task.properties;
    const current = p.assignedTo ? `${p.assignedTo.type}:${p.assignedTo.name}` : '';
    const select = el('select', { name: 'assignee', 'aria-label': 'Assign ' + p.title + ' to' },
      el('option', { value: '' }, 'No one (unassigned)'));
    const error = el('p', { class: 'error', role: 'alert' });
    const cancel = () => { this.assigning = null; this.shown = null; this.render(this.tasks); };
    const option = (a) => el('option', { value: `${a.type}:${a.name}` }, assigneeName(a));
    // The workspace's users and roles, asked for once per panel.
    this.assignees = this.assignees || api('GET', workspaceOf(this.incidentId)
      + '/providers/Microsoft.SecurityInsights/taskAssignees').then((list) => list.value)
      .catch((e) => { this.assignees = null; throw e; });
    this.assignees.then((list) => {
      const users = el('optgroup', { label: 'Users' }, ...list.filter((a) => a.type === 'User').map(option));
      const roles = el('optgroup', { label: 'Roles' }, ...list.filter((a) => a.type === 'Role').map(option));
      select.append(users, roles);
      // Someone no longer in the list (a user who lost their roles) stays selectable as is.
      if (current && !list.some((a) => `${a.type}:${a.name}` === current)) {
        select.append(option(p.assignedTo));
      }
      select.value = current;
      select.focus();
    }).catch((e) => { error.textContent = 'Could not load who can be assigned: ' + e.message; });
    return el('form', {
      class: 'assign-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const [type, ...name] = select.value.split(':');
        try {
          await api('PUT', this.incidentId + '/tasks/' + task.name, {
            etag: task.etag,
            properties: {
              title: p.title, description: p.description, status: p.status,
              assignedTo: select.value ? { type, name: name.join(':') } : null,
            },
          });
          this.assigning = null;
          this.shown = null;
          await this.refresh();
        } catch (e) {
          error.textContent = e.message;
        }
      },
    }, select, error, el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, 'Save'),
      el('button', { type: 'button', onclick: cancel }, 'Cancel')));
  }

  // Sets the task's due time (in the browser's time zone) or removes it.
  dueForm(task) {
    const p = task.properties;
    const when = el('input', { type: 'datetime-local', name: 'due', 'aria-label': 'Due time of ' + p.title, required: true });
    if (p.due) when.value = localInputValue(new Date(p.due.timeUtc));
    const error = el('p', { class: 'error', role: 'alert' });
    const done = () => { this.settingDue = null; this.shown = null; };
    const save = async (due) => {
      try {
        await api('PUT', this.incidentId + '/tasks/' + task.name, {
          etag: task.etag,
          properties: { title: p.title, description: p.description, status: p.status, due },
        });
        done();
        await this.refresh();
      } catch (e) {
        error.textContent = e.message;
      }
    };
    setTimeout(() => when.focus());
    return el('form', {
      class: 'due-form',
      onsubmit: (event) => {
        event.preventDefault();
        save({ timeUtc: new Date(when.value).toISOString() });
      },
    }, when, error, el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, 'Save'),
      p.due ? el('button', { type: 'button', class: 'remove-due', onclick: () => save(null) }, 'Remove due time') : null,
      el('button', { type: 'button', onclick: () => { done(); this.render(this.tasks); } }, 'Cancel')));
  }

  // The task's history, fetched again only when the task has changed (its etag) or fell overdue
  // (which is recorded without changing it).
  history(task) {
    const box = el('div', { class: 'task-history' }, el('h4', {}, 'History'));
    const version = `${task.etag}|${task.properties.overdue}`;
    const cached = this.histories.get(task.name);
    const fill = (events) => {
      const list = el('ol', { class: 'history' });
      for (const event of events) {
        const what = event.changes.map((c) => describeChange(event.eventType, c)).filter(Boolean);
        if (what.length === 0) continue;
        const actor = (event.actor && event.actor.name) || 'unknown';
        list.append(el('li', {},
          el('span', { class: 'muted' }, `${formatTime(event.occurredTimeUtc)} · ${actor} (${ACTOR[event.actorType] || event.actorType})`),
          el('div', {}, what.join('; '))));
      }
      box.append(list);
    };
    if (cached && cached.version === version) {
      fill(cached.events);
    } else {
      all(this.incidentId + '/tasks/' + task.name + '/history').then((events) => {
        this.histories.set(task.name, { version, events });
        fill(events);
      }).catch((e) => box.append(el('p', { class: 'error' }, 'Could not load the history: ' + e.message)));
    }
    return box;
  }

  async move(task, position) {
    await this.attempt(() => api('POST', this.incidentId + '/tasks/' + task.name + '/move', { position }));
  }

  // Sets (with a reason) or clears Not applicable; the rest of the task is sent back as it is.
  async setNotApplicable(task, notApplicable, rethrow) {
    const p = task.properties;
    const change = () => api('PUT', this.incidentId + '/tasks/' + task.name, {
      etag: task.etag,
      properties: { title: p.title, description: p.description, status: p.status, notApplicable },
    });
    if (rethrow) {
      await change();
    } else {
      await this.attempt(change);
    }
  }

  async toggle(task) {
    const p = task.properties;
    await this.attempt(() => api('PUT', this.incidentId + '/tasks/' + task.name, {
      etag: task.etag,
      properties: { title: p.title, description: p.description, status: p.status === 'Completed' ? 'New' : 'Completed' },
    }));
  }

  async remove(task) {
    await this.attempt(() => api('DELETE', this.incidentId + '/tasks/' + task.name));
  }

  // Runs a change and shows the tasks as they are now, or why the change was refused.
  async attempt(change) {
    try {
      await change();
      this.error = null;
    } catch (e) {
      this.error = e.message;
    }
    this.shown = null;
    await this.refresh();
  }

  addForm() {
    const details = el('details', { class: 'add-task' });
    details.append(el('summary', {}, '+ Add task'), this.taskForm({}, 'Save', async (title, description, mandatory) => {
      await api('PUT', this.incidentId + '/tasks/' + newId(), {
        properties: { title, description, status: 'New', mandatory },
      });
      details.open = false;
    }));
    return details;
  }

  // "Apply template": one of the workspace's task templates, listed when opened. Applying adds the
  // template's tasks the incident does not have yet, so applying twice adds nothing.
  templateForm() {
    const details = el('details', { class: 'apply-template' });
    const select = el('select', { name: 'template', 'aria-label': 'Task template', required: true });
    const result = el('p', { role: 'status' });
    details.addEventListener('toggle', async () => {
      if (!details.open) return;
      result.textContent = '';
      result.className = '';
      try {
        const templates = await all(workspaceOf(this.incidentId) + '/providers/Microsoft.SecurityInsights/taskTemplates');
        select.replaceChildren(el('option', { value: '' }, templates.length ? 'Choose a template' : 'The workspace has no task templates'),
          ...templates.map((t) => el('option', { value: t.name },
            `${t.properties.displayName} — ${t.properties.tasks.length} tasks, version ${t.properties.version}`)));
      } catch (e) {
        result.className = 'error';
        result.textContent = 'Could not load the task templates: ' + e.message;
      }
    });
    details.append(el('summary', {}, 'Apply template'), el('form', {
      class: 'template-form',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const applied = await api('POST', this.incidentId + '/applyTaskTemplate', { templateName: select.value });
          result.className = 'success';
          result.textContent = `Version ${applied.version}: added ${applied.added.length} tasks`
            + (applied.alreadyPresent.length ? `, ${applied.alreadyPresent.length} already there` : '') + '.';
          this.shown = null;
          await this.refresh();
        } catch (e) {
          result.className = 'error';
          result.textContent = e.message;
        }
      },
    }, select, el('button', { type: 'submit', class: 'primary' }, 'Apply'), result));
    return details;
  }

  // A task's title and its description in a small rich-text editor (links, lists, code blocks,
  // images). {@code save} gets the title and the description's HTML; the server sanitises it.
  taskForm(properties, label, save, cancel) {
    const title = el('input', { type: 'text', name: 'title', 'aria-label': 'Task title', maxlength: '1024', required: true, placeholder: 'Title' });
    title.value = properties.title || '';
    const editor = richTextEditor(properties.description, 'Task description');
    const mandatory = el('input', { type: 'checkbox', name: 'mandatory', checked: Boolean(properties.mandatory) });
    const error = el('p', { class: 'error', role: 'alert' });
    return el('form', {
      class: 'task-form',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          await save(title.value, editor.html(), mandatory.checked);
          title.value = '';
          mandatory.checked = false;
          editor.clear();
          this.shown = null;
          await this.refresh();
        } catch (e) {
          error.textContent = e.message;
        }
      },
    }, title, editor.element,
    el('label', { class: 'mandatory-choice' }, mandatory, ' Mandatory: must be completed or marked not applicable before the incident closes'),
    error,
    el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, label),
      cancel ? el('button', { type: 'button', onclick: cancel }, 'Cancel') : null));
  }

}
