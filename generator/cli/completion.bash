# bash completion for trame: commands, each command's options, document names
# (from `trame documents`), and files or folders where an argument names one.
# Installed as share/bash-completion/completions/trame. Commands and options are
# read from the program's own --help, so they never drift from it.

_trame_help_words() {
  # $1: section title of `trame [COMMAND] --help` ("Commandes" or "Options");
  # prints the first word(s) of each entry, split at commas.
  local section=$1; shift
  "$@" --help 2>/dev/null | awk -v s="$section" '
    /^[^ ]/ { on = ($0 ~ "^(" s ")") ; next }
    on && /^  +[^ ]/ { n = split($1, w, ","); for (i = 1; i <= n; i++) print w[i] }'
}

_trame() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
  fi
  local trame=${words[0]}
  local commands command="" i
  commands=$(_trame_help_words "Commandes|Subcommands" "$trame")
  # The command is the first word after trame that is one (global options come first).
  for ((i = 1; i < cword; i++)); do
    if [[ " $(echo $commands) " == *" ${words[i]} "* ]]; then command=${words[i]}; break; fi
  done

  case $prev in
    -o|--out|--avenants|--modeles)
      COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    -f|--format)
      COMPREPLY=($(compgen -W "pdf odt pdf,odt" -- "$cur")); return ;;
    --champ)
      COMPREPLY=($(compgen -W "CPTS CPAM ARS MSA" -- "$cur")); return ;;
    --certificat)
      COMPREPLY=($(compgen -f -X '!*.p12' -- "$cur") $(compgen -f -X '!*.pfx' -- "$cur") $(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --mot-de-passe-fichier)
      COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --tsa|--date|--population|--missions|--volets|--signature|--start|--achievement|--table|-j|--jobs)
      return ;;
  esac

  if [[ $cur == -* ]]; then
    if [[ -z $command ]]; then
      COMPREPLY=($(compgen -W "$(_trame_help_words Options "$trame")" -- "$cur"))
    else
      # The command's options, and --modeles, which every command takes.
      COMPREPLY=($(compgen -W "$(_trame_help_words Options "$trame" "$command") --modeles" -- "$cur"))
    fi
    return
  fi
  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur")); return
  fi
  # Positional arguments: the document's name first for `render`, then dossiers.
  local positional=0
  for ((i = i + 1; i < cword; i++)); do
    case ${words[i]} in
      -o|--out|--avenants|--modeles|-f|--format|--date|-j|--jobs|--population|--missions|--volets|--signature|--start|--achievement|--table|--champ|--certificat|--mot-de-passe-fichier|--tsa) ((i++)) ;;
      -*) ;;
      *) ((positional++)) ;;
    esac
  done
  if [[ $command == render && $positional -eq 0 ]]; then
    COMPREPLY=($(compgen -W "$("$trame" documents 2>/dev/null | cut -f1)" -- "$cur")); return
  fi
  case $command in
    batch) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
    validate|render|pack|funding|effective) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
    signer) COMPREPLY=($(compgen -f -X '!*.pdf' -- "$cur") $(compgen -d -- "$cur")) ;;
  esac
  compopt -o filenames 2>/dev/null
}
complete -F _trame trame
