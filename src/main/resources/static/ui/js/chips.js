import { el, newId } from './api.js';

// A list of values as removable chips (a rule condition's values, an incident's labels); typing a
// value and pressing Enter (or leaving the field) adds it. {@code values} is changed in place.
export function chips(values, suggestions, label) {
  const list = el('span', { class: 'chips' });
  const listId = suggestions ? 'suggest-' + newId() : undefined;
  const input = el('input', { type: 'text', 'aria-label': label, placeholder: 'Add a value, Enter', list: listId });
  const draw = () => list.replaceChildren(...values.map((v, i) => el('span', { class: 'chip' }, v,
    el('button', { type: 'button', 'aria-label': 'Remove ' + v, onclick: () => { values.splice(i, 1); draw(); } }, '×'))));
  const add = () => {
    const value = input.value.trim();
    if (value && !values.includes(value)) values.push(value);
    input.value = '';
    draw();
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
  input.addEventListener('change', add);
  draw();
  return el('span', { class: 'values' }, list, input,
    suggestions ? el('datalist', { id: listId }, suggestions.map((s) => el('option', { value: s }))) : null);
}
