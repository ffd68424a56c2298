// Preview and download: each document of the dossier in the form as PDF in the
// page (or ODT), the whole pack as a zip with its manifest.
import { call, json, download, zipEntry } from './api.js';
import { el } from './form.js';

const $ = (id) => document.getElementById(id);

function size(n) {
  return n < 1024 * 1024 ? Math.round(n / 1024) + ' ko' : (n / 1024 / 1024).toFixed(1).replace('.', ',') + ' Mo';
}

async function preview(state, stem) {
  const res = await call('POST', '/api/documents/' + stem + '.pdf', state.data);
  const frame = $('preview');
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.src = URL.createObjectURL(await res.blob());
  frame.dataset.document = stem;
  frame.hidden = false;
}

async function fetchFile(state, stem, format) {
  const res = await call('POST', '/api/documents/' + stem + '.' + format, state.data);
  download(await res.blob(), stem + '.' + format);
}

async function pack(state) {
  const formats = $('pack-odt').checked ? 'pdf,odt' : 'pdf';
  const res = await call('POST', '/api/pack?formats=' + formats, state.data);
  const buffer = await res.arrayBuffer();
  const name = (state.id || 'dossier') + '.zip';
  download(new Blob([buffer], { type: 'application/zip' }), name);
  const manifest = JSON.parse(zipEntry(buffer, 'manifest.json'));
  $('manifest').replaceChildren(el('h3', { text: 'Contenu du dossier complet (' + name + ')' }),
    el('table', { class: 'grid manifest' },
      el('thead', {}, el('tr', {}, ...['Fichier', 'Document', 'Taille', 'Empreinte SHA-256'].map((t) => el('th', { text: t })))),
      el('tbody', {}, ...manifest.files.map((f) => el('tr', {}, el('td', { text: f.file }), el('td', { text: f.title }),
        el('td', { text: size(f.size) }), el('td', { class: 'hash', text: f.sha256.slice(0, 16) + '…' }))))),
    el('p', { class: 'help', text: 'Version de Trame ' + manifest.trame_version + ' ; tableau de l’accord ' + manifest.aci_table_version + '.' }));
}

function guard(promise) {
  promise.catch((e) => {
    const list = (e.body && e.body.diagnostics) || [];
    $('documents-error').textContent = e.message + (list.length ? ' : le dossier a ' + list.length + ' problème(s), corrigez-les dans le formulaire.' : '');
  });
}

export async function showDocuments(state) {
  $('documents-error').textContent = '';
  $('document-list').replaceChildren();
  $('pack').onclick = () => guard(pack(state));
  try {
    const docs = await json('POST', '/api/documents', state.data);
    $('document-list').replaceChildren(...docs.map((d) => el('li', { 'data-document': d.fichier },
      el('span', { class: 'doc-title', text: d.titre + (d.fichier !== d.document ? ' (' + d.fichier + ')' : '') }),
      el('button', { type: 'button', text: 'Aperçu', onclick: () => guard(preview(state, d.fichier)) }),
      el('button', { type: 'button', text: 'PDF', title: 'Télécharger en PDF', onclick: () => guard(fetchFile(state, d.fichier, 'pdf')) }),
      el('button', { type: 'button', text: 'ODT', title: 'Télécharger en ODT (LibreOffice)', onclick: () => guard(fetchFile(state, d.fichier, 'odt')) }))));
  } catch (e) {
    guard(Promise.reject(e));
  }
}
