// Avenants: change fields of the saved dossier in force, give the object and
// the dates; the server writes the RFC 6902 avenant file and the documents
// (the avenant, and the consolidated contract when Trame has it).
import { call, json, download } from './api.js';
import { DossierForm, el } from './form.js';

const $ = (id) => document.getElementById(id);
let editor = null;

async function openDocument(state, stem, target) {
  const res = await call('GET', '/api/dossiers/' + state.id + '/documents/' + stem + '.pdf');
  const blob = await res.blob();
  const frame = el('iframe', { class: 'preview', title: 'Aperçu : ' + stem, 'data-document': stem });
  frame.src = URL.createObjectURL(blob);
  target.replaceChildren(frame, el('button', { type: 'button', text: 'Télécharger ' + stem + '.pdf', onclick: () => download(blob, stem + '.pdf') }));
}

function documentButtons(state, docs, target) {
  return el('ul', { class: 'documents' }, ...docs.map((d) => el('li', { 'data-document': d.fichier },
    el('span', { class: 'doc-title', text: d.titre + ' (' + d.fichier + ')' }),
    el('button', { type: 'button', text: 'Aperçu', onclick: () => openDocument(state, d.fichier, target).catch((e) => { target.textContent = e.message; }) }))));
}

async function create(state) {
  $('avenant-error').textContent = '';
  try {
    const r = await json('POST', '/api/dossiers/' + state.id + '/avenants', {
      objet: $('avenant-objet').value, date_signature: $('avenant-signature').value.trim(),
      date_effet: $('avenant-effet').value.trim(), dossier: editor.data });
    $('avenant-editor').hidden = true;
    const viewer = el('div', { class: 'viewer' });
    $('avenant-result').replaceChildren(
      el('p', { class: 'ok', text: 'Avenant n° ' + r.numero + ' enregistré (' + r.fichier + ', ' + r.modifications.length + ' modification(s)).' }),
      documentButtons(state, r.documents, viewer), viewer);
    await list(state);
  } catch (e) {
    const diags = (e.body && e.body.diagnostics) || [];
    $('avenant-error').replaceChildren(el('p', { text: e.message }), ...diags.map((d) => el('p', { text: (d.lieu ? d.lieu + ' : ' : '') + d.message })));
    if (editor) editor.showDiagnostics(diags.filter((d) => d.pointeur));
  }
}

async function list(state) {
  const avenants = await json('GET', '/api/dossiers/' + state.id + '/avenants');
  const viewer = el('div', { class: 'viewer' });
  $('avenant-list').replaceChildren(...avenants.map((a) => el('li', { 'data-avenant': a.numero },
    'Avenant n° ' + a.numero + ' — effet le ' + a.date_effet + ' — ' + a.objet + ' ',
    el('button', { type: 'button', text: 'Aperçu du document', onclick: () =>
      openDocument(state, 'avenant-' + String(a.numero).padStart(3, '0'), viewer) }))), viewer);
}

export async function showAvenants(state) {
  $('avenant-result').replaceChildren();
  if (!state.id || !state.etag) {
    $('avenants-intro').textContent = 'Enregistrez d’abord le dossier : un avenant modifie un contrat signé, enregistré dans Trame.';
    $('avenant-list').replaceChildren();
    $('avenant-editor').hidden = true;
    return;
  }
  $('avenants-intro').textContent = 'Avenants du dossier « ' + state.id + ' »' + (state.dirty ? ' (attention : les modifications non enregistrées du formulaire ne comptent pas ici)' : '') + '.';
  await list(state);
  const effective = await json('GET', '/api/dossiers/' + state.id + '/effective');
  if (!effective.contrat) {
    $('avenants-intro').textContent += ' Ce dossier n’a pas encore de contrat ACI : pas d’avenant possible.';
    $('avenant-editor').hidden = true;
    return;
  }
  editor = new DossierForm({ root: $('avenant-form'), nav: $('avenant-sections'), schema: state.schema, idPrefix: 'a',
    onChange: () => { $('avenant-changes').textContent = 'Champs modifiés : l’avenant portera sur les différences avec le dossier en vigueur.'; } });
  editor.current = 'contrat';
  editor.load(effective);
  $('avenant-editor').hidden = false;
  $('avenant-create').onclick = () => create(state);
}
