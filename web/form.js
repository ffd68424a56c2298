// The dossier form, generated from models/dossier.schema.json: one section at
// a time in the schema's order (the guide's), French titles and descriptions,
// enumerations by their labels, required fields marked, lists as editable
// tables (paste from a spreadsheet, CSV import) or as cards; each diagnostic of
// the server shown at its field.
import { resolve, typeOf, enumLabels, isTable, emptyValue, escapeToken, get, set, split } from './schema.js';
import { convert } from './tabular.js';
import { el } from './dom.js';
import { renderGrid, isYearInput } from './grid.js';

const LONG = /description|texte|communication|coordinations|coherence|objet|mode_calcul|finalite|objectif_operationnel|modalites|role|dissolution|perennite|liens/;

export { el };

export class DossierForm {
  // root: where the section goes; nav: the list of sections; onChange(data) after every edit.
  constructor({ root, nav, schema, onChange, idPrefix = 'f' }) {
    this.root = root;
    this.nav = nav;
    this.schema = schema;
    this.top = resolve(schema, schema);
    this.onChange = onChange;
    this.idPrefix = idPrefix;
    this.data = {};
    this.current = null;
    this.diagnostics = [];
    this.selection = {};  // the row of each table whose details are shown, by the table's pointer
    this.sections = Object.keys(this.top.properties).filter((k) => k !== '$schema');
  }

  load(data) {
    this.data = data;
    if (!this.current) this.current = this.sections[0];
    this.render();
  }

  show(key) {
    this.current = key;
    this.render();
    window.scrollTo(0, 0);
  }

  render() {
    this.renderNav();
    const key = this.current;
    const node = resolve(this.schema, this.top.properties[key]);
    const required = (this.top.required || []).includes(key);
    this.root.replaceChildren(this.renderSection(key, node, required));
    this.showDiagnostics(this.diagnostics);
  }

  renderNav() {
    this.nav.replaceChildren(
      ...this.sections.map((key) => {
        const node = resolve(this.schema, this.top.properties[key]);
        const present = this.data[key] !== undefined;
        return el('li', {}, el('button', {
          type: 'button', class: 'section-link' + (key === this.current ? ' current' : '') + (present ? '' : ' absent'),
          'data-section': key, text: node.title || key, onclick: () => this.show(key),
        }), el('span', { class: 'badge', 'data-badge': key }));
      }));
  }

  renderSection(key, node, required) {
    const pointer = '/' + escapeToken(key);
    const box = el('section', { class: 'form-section', 'data-pointer': pointer });
    box.append(el('h2', { text: node.title || key }));
    if (node.description) box.append(el('p', { class: 'help', text: node.description }));
    if (this.data[key] === undefined) {
      box.append(el('p', { class: 'help', text: 'Cette section est facultative : elle n’est pas dans le dossier.' }));
      box.append(el('button', { type: 'button', class: 'add', text: 'Ajouter la section « ' + (node.title || key) + ' »',
        onclick: () => { this.data[key] = emptyValue(this.schema, node); this.changed(true); } }));
      return box;
    }
    box.append(this.renderValue(node, pointer, key, required, true));
    if (!required)
      box.append(el('button', { type: 'button', class: 'remove', text: 'Retirer cette section du dossier',
        onclick: () => { delete this.data[key]; this.changed(true); } }));
    box.append(this.errorBox());
    const next = this.sections[this.sections.indexOf(key) + 1];
    if (next) box.append(el('button', { type: 'button', class: 'next', text: 'Section suivante →', onclick: () => this.show(next) }));
    return box;
  }

  errorBox() {
    return el('div', { class: 'field-errors', role: 'alert' });
  }

  changed(structure) {
    if (structure) this.render();
    this.onChange(this.data);
  }

  // Any value: object (fields), array (table, cards or list), scalar (one field).
  renderValue(node, pointer, key, required, bare = false) {
    const { type } = typeOf(node);
    if (type === 'object' && node.properties) return this.renderObject(node, pointer, key, required, bare);
    if (type === 'array') return this.renderArray(node, pointer, key, required);
    return this.renderField(node, pointer, key, required);
  }

  renderObject(node, pointer, key, required, bare) {
    const value = get(this.data, pointer);
    const box = bare ? el('div', { class: 'object' }) : el('fieldset', { class: 'object', 'data-pointer': pointer },
      el('legend', { text: (node.title || key) + (required ? ' *' : '') }));
    if (!bare && node.description) box.append(el('p', { class: 'help', text: node.description }));
    if (value === undefined || value === null) {
      box.append(el('button', { type: 'button', class: 'add', text: 'Renseigner « ' + (node.title || key) + ' »',
        onclick: () => { set(this.data, pointer, emptyValue(this.schema, node)); this.changed(true); } }));
      return box;
    }
    for (const [k, child] of Object.entries(node.properties)) {
      if (k === '$schema') continue;
      box.append(this.renderValue(resolve(this.schema, child), pointer + '/' + escapeToken(k), k, (node.required || []).includes(k)));
    }
    if (!bare && !required)
      box.append(el('button', { type: 'button', class: 'remove small', text: 'Retirer',
        onclick: () => { set(this.data, pointer, undefined); this.changed(true); } }));
    if (!bare) box.append(this.errorBox());
    return box;
  }

  renderArray(node, pointer, key, required) {
    const items = resolve(this.schema, node.items);
    const box = el('fieldset', { class: 'array', 'data-pointer': pointer },
      el('legend', { text: (node.title || key) + (required ? ' *' : '') }));
    if (node.description) box.append(el('p', { class: 'help', text: node.description }));
    let value = get(this.data, pointer);
    if (!Array.isArray(value)) {
      if (value !== undefined) box.append(el('p', { class: 'help', text: 'Valeur non reconnue : une liste est attendue.' }));
      box.append(el('button', { type: 'button', class: 'add', text: 'Commencer la liste',
        onclick: () => { set(this.data, pointer, []); this.changed(true); } }));
      box.append(this.errorBox());
      return box;
    }
    const add = () => { value.push(emptyValue(this.schema, items)); this.changed(true); };
    if (isTable(this.schema, node)) box.append(renderGrid(this, items, pointer, value));
    else if (typeOf(items).type === 'object') {
      value.forEach((_, i) => {
        const p = pointer + '/' + i;
        const card = this.renderObject(items, p, (items.title || 'Élément') + ' ' + (i + 1), true, false);
        card.classList.add('card');
        card.querySelector('legend').textContent = (items.title || 'Élément') + ' ' + (i + 1);
        card.append(el('button', { type: 'button', class: 'remove small', text: 'Supprimer',
          onclick: () => { value.splice(i, 1); this.changed(true); } }));
        box.append(card);
      });
    } else {
      const list = el('ol', { class: 'scalar-list' });
      value.forEach((_, i) => {
        list.append(el('li', {}, this.renderField(items, pointer + '/' + i, items.title || key, true, true),
          el('button', { type: 'button', class: 'remove small', text: 'Supprimer', 'aria-label': 'Supprimer l’élément ' + (i + 1),
            onclick: () => { value.splice(i, 1); this.changed(true); } })));
      });
      box.append(list);
    }
    box.append(el('button', { type: 'button', class: 'add', text: 'Ajouter : ' + (items.title || 'élément').toLowerCase(), onclick: add }));
    box.append(this.errorBox());
    return box;
  }

  renderField(node, pointer, key, required, bare = false) {
    const title = node.title || key;
    const id = this.idPrefix + pointer.replace(/[^a-zA-Z0-9]/g, '_');
    const input = this.control(node, pointer, required, false, title, id);
    const box = el('div', { class: 'field', 'data-pointer': pointer });
    if (typeOf(node).type === 'boolean') box.append(el('label', { for: id, class: 'check' }, input, ' ' + title + (required ? ' *' : '')));
    else {
      if (!bare) box.append(el('label', { for: id, text: title + (required ? ' *' : '') }));
      box.append(input);
    }
    if (node.description && !node.enum) box.append(el('p', { class: 'help', text: node.description }));
    box.append(this.errorBox());
    return box;
  }

  // The input of one scalar, bound to the data at `pointer`.
  control(node, pointer, required, compact, title, id) {
    const { type, nullable } = typeOf(node);
    const value = get(this.data, pointer);
    const key = split(pointer).pop();
    let input;
    if (node.enum) {
      const labels = enumLabels(node);
      input = el('select', {}, el('option', { value: '', text: required ? '— choisir —' : '—' }),
        ...node.enum.map((v) => el('option', { value: String(v), text: labels[v] === String(v) ? String(v) : labels[v], selected: v === value })));
    } else if (type === 'boolean') {
      input = el('input', { type: 'checkbox', checked: value === true });
    } else if (type === 'string' && !node.pattern && (LONG.test(key) || (!compact && /^\d+$/.test(key)))) {
      input = el('textarea', { rows: compact ? 2 : 3 });
      input.value = value ?? '';
    } else {
      input = el('input', { type: 'text', inputmode: type === 'integer' || type === 'number' ? 'decimal' : undefined,
        placeholder: node.pattern && node.pattern.includes('[0-9]{4}-[0-9]{2}') ? 'AAAA-MM-JJ' : undefined });
      input.value = value === undefined || value === null ? '' : (typeof value === 'number' ? String(value).replace('.', ',') : String(value));
    }
    if (id) input.id = id;
    input.dataset.pointer = pointer;
    input.setAttribute('aria-label', title);
    if (required) input.setAttribute('aria-required', 'true');
    const update = () => {
      let v;
      if (type === 'boolean') v = input.checked;
      else if (node.enum) v = input.value === '' ? undefined : node.enum.find((x) => String(x) === input.value);
      else v = convert(input.value, type, null);
      if ((v === undefined || v === '') && nullable) v = null;
      if (v === '' && !required) v = undefined;
      if (v === undefined && required && type !== 'integer' && type !== 'number') v = '';
      set(this.data, pointer, v);
      this.onChange(this.data);
    };
    input.addEventListener(type === 'boolean' || node.enum ? 'change' : 'input', update);
    // The budget's columns are titled with its years: they follow a year once typed.
    if (isYearInput(pointer)) input.addEventListener('change', () => this.render());
    return input;
  }

  // Puts each diagnostic at its field (or the nearest enclosing one shown), counts
  // the others per section.
  showDiagnostics(diagnostics) {
    this.diagnostics = diagnostics;
    for (const e of this.root.querySelectorAll('.field-errors')) e.replaceChildren();
    for (const e of this.root.querySelectorAll('.invalid')) e.classList.remove('invalid');
    for (const e of this.root.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
    const counts = {};
    for (const d of diagnostics) {
      const tokens = split(d.pointeur);
      const section = tokens[0] || this.current;
      counts[section] = (counts[section] || 0) + 1;
      if (section !== this.current) continue;
      let target = null;
      for (let n = tokens.length; n >= 1 && !target; --n)
        target = this.root.querySelector('[data-pointer="' + CSS.escape('/' + tokens.slice(0, n).map(escapeToken).join('/')) + '"]:not(input):not(select):not(textarea)');
      if (!target) target = this.root.querySelector('.form-section');
      const box = target.querySelector(':scope > .field-errors') || target.querySelector('.field-errors:last-of-type');
      target.classList.add('invalid');
      const input = target.querySelector(':scope > input, :scope > select, :scope > textarea, :scope > label > input');
      if (input) input.setAttribute('aria-invalid', 'true');
      if (box) box.append(el('p', { class: d.gravite === 'erreur' ? 'error' : 'warning', 'data-id': d.id, text: d.message }));
    }
    for (const b of this.nav.querySelectorAll('[data-badge]')) {
      const n = counts[b.dataset.badge] || 0;
      b.textContent = n ? String(n) : '';
      b.title = n ? n + ' problème' + (n > 1 ? 's' : '') : '';
    }
  }
}
