# SPDX-License-Identifier: MIT
# bash completion for docmill: options, format names (asked of the docmill
# being completed, so plugins' formats are offered too), the options of a
# format after --option and --list-options, transform names, and files.
# Installed as share/bash-completion/completions/docmill.

_docmill_formats() {
  # $1: --list-input-formats, --list-output-formats or both
  local f
  for f in "$@"; do "${COMP_WORDS[0]}" "$f" 2>/dev/null; done
}

_docmill() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  case $prev in
  -f | --from | -r | --read)
    mapfile -t COMPREPLY < <(compgen -W "$(_docmill_formats --list-input-formats)" -- "$cur")
    return ;;
  -t | --to | -w | --write)
    mapfile -t COMPREPLY < <(compgen -W "$(_docmill_formats --list-output-formats)" -- "$cur")
    return ;;
  --list-options)
    mapfile -t COMPREPLY < <(compgen -W "$(_docmill_formats --list-input-formats --list-output-formats)" -- "$cur")
    return ;;
  --option)
    local opts
    opts=$(for f in $(_docmill_formats --list-input-formats --list-output-formats | sort -u); do
      "${COMP_WORDS[0]}" --list-options "$f" 2>/dev/null | awk '/ default / { print $1 "=" }'
    done)
    compopt -o nospace 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
    return ;;
  --transform | --no-transform)
    mapfile -t COMPREPLY < <(compgen -W "$("${COMP_WORDS[0]}" --list-formats 2>/dev/null |
      awk '$2 == "transform" { print $1 }') all" -- "$cur")
    return ;;
  --limit)
    compopt -o nospace 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -W "input-size= depth= notes=" -- "$cur")
    return ;;
  -O | --output-dir)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return ;;
  -o | --output | --plugin | --metadata-file | --log | --report)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return ;;
  -j | --jobs | -M | --metadata)
    return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "-f --from -t --to -o --output -O --output-dir -j --jobs --update --report
      --option --list-options -M --metadata --metadata-file -s --standalone --transform --no-transform --plugin
      --limit --list-formats --list-input-formats --list-output-formats --sync -q --quiet -v --verbose --log
      --strict -h --help -V --version -r --read -w --write --fail-if-warnings --sandbox" -- "$cur")
    return
  fi
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}
complete -o filenames -F _docmill docmill
