// The saved versions of the dossier, and restoring one (a new version: nothing is lost).
import { json } from './api.js';
import { el } from './form.js';
import { banner, loadSaved } from './app.js';

export async function showHistory(state) {
  const list = document.getElementById('history-list');
  if (!state.id || !state.etag) {
    list.replaceChildren(el('li', { text: 'Enregistrez d’abord le dossier : son historique commence au premier enregistrement.' }));
    return;
  }
  try {
    const versions = await json('GET', '/api/dossiers/' + state.id + '/history');
    list.replaceChildren(...versions.reverse().map((v) => el('li', { 'data-version': v.version },
      'Version ' + v.version + ' — ' + new Date(v.enregistre).toLocaleString('fr-FR') + ' — ' + Math.round(v.taille / 1024) + ' ko ',
      v.etag === state.etag ? el('strong', { text: '(version courante)' })
        : el('button', { type: 'button', text: 'Restaurer cette version', onclick: async () => {
          try {
            await json('POST', '/api/dossiers/' + state.id + '/restore/' + v.version, undefined, { 'If-Match': state.etag });
            await loadSaved(state.id);
            banner('Version ' + v.version + ' restaurée.', 'info');
            showHistory(state);
          } catch (e) {
            banner(e.message, 'error');
          }
        } }))));
  } catch (e) {
    banner(e.message, 'error');
  }
}
