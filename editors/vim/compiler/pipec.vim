" Vim compiler file
" Compiler:    pipec (the Pipe compiler), `pipec check --format gcc`
"
" :make checks the current file and fills the quickfix list from lines
"   file:line:col: error: message [E301]
"   file:line:col: warning: message [W401]
"   file:line:col: note: message [W408]      (hints W407 and W408: info entries)
"   file:line:col: note: ...                 (the notes and help of the entry
"                                              above, appended to its text)
" Set g:pipec_executable (or b:pipec_executable) to use another pipec binary.

if exists("current_compiler")
  finish
endif
let current_compiler = "pipec"

if exists(":CompilerSet") != 2		" older Vim always used :setlocal
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

let s:pipec = get(b:, 'pipec_executable', get(g:, 'pipec_executable', 'pipec'))
execute 'CompilerSet makeprg=' . escape(s:pipec, ' \|"') . '\ check\ --format\ gcc\ %:S'

" A note that carries its own code ([W408]) is a diagnostic of its own (an
" info entry); any other note continues the entry above it.
CompilerSet errorformat=
      \%E%f:%l:%c:\ error:\ %m,
      \%W%f:%l:%c:\ warning:\ %m,
      \%I%f:%l:%c:\ note:\ %m%\\([%\\u%\\d%\\+]%\\)%\\@<=,
      \%C%f:%l:%c:\ note:\ %m,
      \%I%f:%l:%c:\ note:\ %m,
      \%Epipec:\ %m

unlet s:pipec
let &cpo = s:cpo_save
unlet s:cpo_save
