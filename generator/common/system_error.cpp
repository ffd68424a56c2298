#include "common/system_error.hpp"

#include <cerrno>
#include <cstring>

namespace trame {

std::string system_message(int err) {
  switch (err) {
    case ENOSPC: return "plus de place sur le disque";
    case EDQUOT: return "quota de disque dépassé";
    case EACCES:
    case EPERM: return "permission refusée";
    case EROFS: return "disque en lecture seule";
    case ENOENT: return "fichier ou dossier introuvable";
    case ENOTDIR: return "un élément du chemin n’est pas un dossier";
    case EISDIR: return "c’est un dossier, pas un fichier";
    case EEXIST: return "le fichier existe déjà";
    case ENOTEMPTY: return "le dossier n’est pas vide";
    case ELOOP: return "trop de liens symboliques";
    case ENAMETOOLONG: return "nom de fichier trop long";
    case EMFILE:
    case ENFILE: return "trop de fichiers ouverts";
    case EIO: return "erreur d’entrée-sortie du disque";
    case EFBIG: return "fichier trop gros";
    case EBUSY: return "ressource occupée";
    case ENOMEM: return "mémoire insuffisante";
    case EINVAL: return "argument invalide";
    case EXDEV: return "déplacement entre deux disques impossible";
    case ETXTBSY: return "fichier occupé";
    case EAGAIN: return "ressource temporairement indisponible";
    default: return std::strerror(err);
  }
}

}  // namespace trame
