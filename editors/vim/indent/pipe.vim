" Vim indent file
" Language:    Pipe (AWS data pipelines, compiled by pipec)
"
" Two spaces (shiftwidth) per open { [ (; a line that starts with a closing
" bracket goes back one level.

if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetPipeIndent(v:lnum)
setlocal indentkeys=0{,0},0],0),!^F,o,O
setlocal nolisp nosmartindent nocindent autoindent

let b:undo_indent = "setlocal indentexpr< indentkeys< lisp< smartindent< cindent< autoindent<"

if exists("*GetPipeIndent")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" The brackets of a line, without those in strings and comments.
function! s:Brackets(line) abort
  let l = substitute(a:line, '"\%([^"\\]\|\\.\)*"', '""', 'g')
  let l = substitute(l, '#.*', '', '')
  return substitute(l, '[^{}()[\]]', '', 'g')
endfunction

function! GetPipeIndent(lnum) abort
  let prev = prevnonblank(a:lnum - 1)
  if prev == 0
    return 0
  endif
  let sw = exists('*shiftwidth') ? shiftwidth() : &shiftwidth
  let b = s:Brackets(getline(prev))
  " Closers at the start of the previous line already moved it back a level.
  let lead = matchstr(b, '^[})\]]*')
  let rest = strpart(b, strlen(lead))
  let depth = strlen(substitute(rest, '[})\]]', '', 'g')) - strlen(substitute(rest, '[{([]', '', 'g'))
  let ind = indent(prev) + sw * depth
  " A line that starts with closers goes back one level for each.
  let cur = s:Brackets(getline(a:lnum))
  if getline(a:lnum) =~ '^\s*[})\]]'
    let ind -= sw * strlen(matchstr(cur, '^[})\]]*'))
  endif
  return ind < 0 ? 0 : ind
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
