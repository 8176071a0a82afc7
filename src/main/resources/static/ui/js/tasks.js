// The Tasks panel of an incident, as Sentinel's: every task in order with how and by whom it was
// created, a circle to complete or reopen it, descriptions behind an arrow, and "+ Add task".
import { all, api, el, richText, formatTime, newId, revealPanel } from './api.js';
import { richTextEditor } from './editor.js';

const CREATED_BY = {
  User: 'by hand',
  AutomationRule: 'by an automation rule',
  Playbook: 'by a playbook',
};

export class TasksPanel {
  constructor(container, incidentId, user, canRespond) {
    this.container = container;
    this.incidentId = incidentId;
    this.user = user;
    this.canRespond = canRespond;
    this.expanded = new Set();
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
    this.container.replaceChildren(header, this.errorLine, this.canRespond ? this.addForm() : '', this.list);
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
    if (state !== this.shown && !this.editing) {
      this.shown = state;
      this.render(tasks);
    }
  }

  render(tasks) {
    const done = tasks.filter((t) => t.properties.status === 'Completed').length;
    this.progress.textContent = `${done}/${tasks.length} completed`;
    this.errorLine.textContent = this.error || '';
    this.list.replaceChildren(...tasks.map((t) => this.task(t)));
  }

  task(task) {
    const p = task.properties;
    const completed = p.status === 'Completed';
    const byHand = p.createdByType === 'User';
    const expanded = this.expanded.has(task.name);
    const item = el('li', {
      class: ['task', byHand ? 'by-hand' : 'automated', completed ? 'completed' : ''].join(' ').trim(),
      'data-task': task.name,
    });
    const circle = el('button', {
      class: 'circle',
      type: 'button',
      role: 'checkbox',
      'aria-checked': completed ? 'true' : 'false',
      'aria-label': (completed ? 'Reopen ' : 'Complete ') + p.title,
      disabled: !this.canRespond,
      onclick: () => this.toggle(task),
    }, completed ? '✓' : '');
    const arrow = p.description
      ? el('button', {
        class: 'expand', type: 'button', 'aria-expanded': expanded ? 'true' : 'false',
        'aria-label': (expanded ? 'Collapse ' : 'Expand ') + p.title,
        onclick: () => { expanded ? this.expanded.delete(task.name) : this.expanded.add(task.name); this.shown = null; this.render(this.tasks); },
      }, expanded ? '▾' : '▸')
      : el('span', { class: 'expand-placeholder' });
    const who = (p.createdBy && p.createdBy.name) || 'unknown';
    const meta = [el('div', { class: 'created-by' }, `Created by: ${who} (${CREATED_BY[p.createdByType] || 'by hand'})`)];
    if (completed && p.completedBy) {
      meta.push(el('div', { class: 'completed-by' }, `Completed by ${p.completedBy.name || 'unknown'}, ${formatTime(p.completedTimeUtc)}`));
    }
    const body = el('div', { class: 'task-body' }, el('div', { class: 'title' }, p.title), ...meta);
    if (p.description && expanded) {
      body.append(richText(p.description));
    }
    const mine = byHand && p.createdBy && this.user
      && [this.user.name, this.user.properties && this.user.properties.displayName].includes(p.createdBy.name);
    if (this.editing === task.name) {
      item.append(circle, arrow, this.taskForm(p, 'Save changes', async (title, description) => {
        await api('PUT', this.incidentId + '/tasks/' + task.name, {
          etag: task.etag,
          properties: { title, description, status: p.status },
        });
        this.editing = null;
      }, () => { this.editing = null; this.render(this.tasks); }));
      return item;
    }
    const actions = this.canRespond && mine
      ? el('div', { class: 'task-actions' },
        el('button', { class: 'edit', type: 'button', 'aria-label': 'Edit ' + p.title, onclick: () => { this.editing = task.name; this.render(this.tasks); } }, 'Edit'),
        el('button', { class: 'delete', type: 'button', 'aria-label': 'Delete ' + p.title, onclick: () => this.remove(task) }, 'Delete'))
      : null;
    item.append(circle, arrow, body);
    if (actions) item.append(actions);
    return item;
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
    details.append(el('summary', {}, '+ Add task'), this.taskForm({}, 'Save', async (title, description) => {
      await api('PUT', this.incidentId + '/tasks/' + newId(), {
        properties: { title, description, status: 'New' },
      });
      details.open = false;
    }));
    return details;
  }

  // A task's title and its description in a small rich-text editor (links, lists, code blocks,
  // images). {@code save} gets the title and the description's HTML; the server sanitises it.
  taskForm(properties, label, save, cancel) {
    const title = el('input', { type: 'text', name: 'title', 'aria-label': 'Task title', maxlength: '1024', required: true, placeholder: 'Title' });
    title.value = properties.title || '';
    const editor = richTextEditor(properties.description, 'Task description');
    const error = el('p', { class: 'error', role: 'alert' });
    return el('form', {
      class: 'task-form',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          await save(title.value, editor.html());
          title.value = '';
          editor.clear();
          this.shown = null;
          await this.refresh();
        } catch (e) {
          error.textContent = e.message;
        }
      },
    }, title, editor.element, error,
    el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, label),
      cancel ? el('button', { type: 'button', onclick: cancel }, 'Cancel') : null));
  }

}
