// The page: session and login, the views, the dossier being edited (saved
// with its ETag, kept as a draft in the browser until saved), live validation.
import { call, json, setCsrf, ApiError } from './api.js';
import { DossierForm, el } from './form.js';
import { showDocuments } from './documents.js';
import { setupSimulator } from './simulator.js';
import { showAvenants } from './avenants.js';
import { showHistory } from './history.js';

const DRAFT = 'trame.brouillon';
const $ = (id) => document.getElementById(id);

export const state = { id: '', etag: '', data: null, dirty: false, schema: null, form: null, validation: null };

export function banner(text, kind = 'info') {
  const b = $('banner');
  b.textContent = text;
  b.className = 'banner ' + kind;
  b.hidden = !text;
}

function saveDraft() {
  localStorage.setItem(DRAFT, JSON.stringify({ id: state.id, etag: state.etag, data: state.data, dirty: state.dirty }));
}

function setStatus(text) {
  $('save-status').textContent = text;
}

let timer = null;
let generation = 0;
function scheduleValidation() {
  clearTimeout(timer);
  timer = setTimeout(validate, 250);
}

// The same diagnostics as `trame validate`, each put at its field.
export async function validate() {
  const mine = ++generation;
  try {
    const r = await json('POST', '/api/validate', state.data);
    if (mine !== generation) return;  // a newer edit is being checked
    state.validation = r;
    const all = [...r.erreurs, ...r.avertissements];
    state.form.showDiagnostics(all);
    const v = $('validity');
    v.className = 'validity ' + (r.valide ? 'ok' : 'ko');
    v.textContent = r.valide
      ? 'Dossier valide' + (r.avertissements.length ? ' (' + r.avertissements.length + ' avertissement(s))' : '')
      : r.erreurs.length + ' problème' + (r.erreurs.length > 1 ? 's' : '') + ' à corriger';
    $('problem-list').replaceChildren(...all.map((d) => el('li', { class: d.gravite === 'erreur' ? 'error' : 'warning' },
      el('button', { type: 'button', class: 'link', text: (d.lieu || d.pointeur || 'Dossier') + ' : ' + d.message,
        onclick: () => state.form.show((d.pointeur.split('/')[1] || state.form.current)) }))));
  } catch (e) {
    banner(e.message, 'error');
  }
}

function edited() {
  state.dirty = true;
  setStatus('Modifications non enregistrées');
  saveDraft();
  scheduleValidation();
}

export function openDossier(id, etag, data, dirty = false) {
  state.id = id;
  state.etag = etag;
  state.data = data;
  state.dirty = dirty;
  $('dossier-id').value = id;
  $('dossier-id').disabled = !!etag;
  $('dossier-select').value = id;
  state.form.load(state.data);
  setStatus(dirty ? 'Modifications non enregistrées' : etag ? 'Enregistré' : 'Nouveau dossier, pas encore enregistré');
  saveDraft();
  validate();
}

async function refreshList() {
  const list = await json('GET', '/api/dossiers');
  $('dossier-select').replaceChildren(el('option', { value: '', text: '— choisir un dossier enregistré —' }),
    ...list.map((d) => el('option', { value: d.id, text: (d.nom || d.id) + ' (' + d.id + ')' })));
  $('dossier-select').value = state.id;
  return list;
}

export async function loadSaved(id) {
  const res = await call('GET', '/api/dossiers/' + encodeURIComponent(id));
  openDossier(id, res.headers.get('ETag'), await res.json());
}

async function newDossier() {
  if (state.dirty && !confirm('Le dossier en cours a des modifications non enregistrées. Les abandonner ?')) return;
  openDossier('', '', await json('GET', '/api/nouveau'));
  $('dossier-id').focus();
}

function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 64);
}

async function save() {
  let id = $('dossier-id').value.trim() || slug((state.data.cpts && state.data.cpts.nom) || '');
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(id)) {
    banner('Identifiant invalide : lettres minuscules sans accents, chiffres et tirets (par exemple cpts-du-bocage).', 'error');
    return;
  }
  try {
    const headers = state.etag ? { 'If-Match': state.etag } : { 'If-None-Match': '*' };
    const res = await call('PUT', '/api/dossiers/' + id, state.data, headers);
    const r = await res.json();
    state.id = id;
    state.etag = r.etag;
    state.dirty = false;
    $('dossier-id').value = id;
    $('dossier-id').disabled = true;
    saveDraft();
    await refreshList();
    setStatus('Enregistré (version ' + r.version + ')');
    banner('');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 409 || e.status === 428)) {
      setStatus('Conflit : non enregistré');
      banner(e.message, 'error');
      const reload = el('button', { type: 'button', text: 'Charger la version enregistrée (vos modifications en cours seront abandonnées)',
        onclick: () => { banner(''); loadSaved(id); } });
      $('banner').append(' ', reload);
    } else banner(e.message, 'error');
  }
}

function showView(name) {
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-' + name;
  for (const a of document.querySelectorAll('[data-view]')) a.classList.toggle('current', a.dataset.view === name);
  if (name === 'documents') showDocuments(state);
  if (name === 'avenants') showAvenants(state);
  if (name === 'historique') showHistory(state);
}

function route() {
  const name = (location.hash || '#dossier').slice(1);
  showView(['dossier', 'documents', 'simulateur', 'avenants', 'historique'].includes(name) ? name : 'dossier');
}

async function start() {
  const session = await json('GET', '/api/session');
  setCsrf(session.csrf);
  if (session.jeton_requis && !session.connecte) {
    for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-login';
    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await call('POST', '/api/login', { jeton: $('login-token').value });
        location.reload();
      } catch (err) {
        $('login-error').textContent = err.message;
      }
    });
    return;
  }
  state.schema = await json('GET', '/api/schema');
  state.form = new DossierForm({ root: $('form'), nav: $('sections'), schema: state.schema, onChange: edited });
  $('new-dossier').addEventListener('click', newDossier);
  $('save').addEventListener('click', save);
  $('dossier-select').addEventListener('change', async (e) => {
    if (!e.target.value) return;
    if (state.dirty && !confirm('Le dossier en cours a des modifications non enregistrées. Les abandonner ?')) {
      e.target.value = state.id;
      return;
    }
    await loadSaved(e.target.value);
  });
  window.addEventListener('beforeunload', saveDraft);
  await refreshList();
  // An unsaved form survives a reload: the draft comes back as it was.
  const draft = JSON.parse(localStorage.getItem(DRAFT) || 'null');
  if (draft && draft.data) {
    openDossier(draft.id || '', draft.etag || '', draft.data, draft.dirty);
    if (draft.dirty) banner('Vos modifications non enregistrées ont été retrouvées.', 'info');
  } else {
    openDossier('', '', await json('GET', '/api/nouveau'));
  }
  setupSimulator();
  window.addEventListener('hashchange', route);
  route();
}

start().catch((e) => banner(e.message || String(e), 'error'));
