" Vim filetype plugin
" Language:    Pipe (AWS data pipelines, compiled by pipec)

if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

setlocal comments=:#
setlocal commentstring=#\ %s
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2 tabstop=8
setlocal iskeyword=@,48-57,_,192-255
setlocal suffixesadd=.pipe
" gq formats through the canonical formatter, `pipec fmt -`. Vim puts what
" the filter prints in place of the text even when it fails (on a syntax
" error that is pipec's message: undo with u); :PipeFormat formats the whole
" buffer and leaves it alone when pipec refuses, showing why.
let s:pipec = get(b:, 'pipec_executable', get(g:, 'pipec_executable', 'pipec'))
let &l:formatprg = (s:pipec =~# '^[A-Za-z0-9_./+-]\+$' ? s:pipec : shellescape(s:pipec)) . ' fmt -'
unlet s:pipec
command! -buffer -bar PipeFormat call s:PipeFormat()

" :make runs `pipec check --format gcc` on the file (see compiler/pipec.vim).
compiler pipec

let b:undo_ftplugin = "setlocal comments< commentstring< formatoptions< expandtab<"
      \ . " shiftwidth< softtabstop< tabstop< iskeyword< suffixesadd< formatprg<"
      \ . " makeprg< errorformat<"
      \ . " | unlet! b:current_compiler | silent! delcommand -buffer PipeFormat"

" Formats the buffer with `pipec fmt -`; keeps it as it is if that fails.
function! s:PipeFormat() abort
  let pipec = get(b:, 'pipec_executable', get(g:, 'pipec_executable', 'pipec'))
  let errfile = tempname()
  let lines = getline(1, '$')
  let out = systemlist(shellescape(pipec) . ' fmt - 2>' . shellescape(errfile), lines)
  let status = v:shell_error
  let err = filereadable(errfile) ? readfile(errfile) : []
  call delete(errfile)
  if status != 0
    echohl ErrorMsg
    for line in empty(err) ? ['pipec fmt failed (exit ' . status . ')'] : err
      echomsg line
    endfor
    echohl None
    return
  endif
  if out ==# lines
    return
  endif
  let view = winsaveview()
  call setline(1, out)
  if line('$') > len(out)
    silent execute (len(out) + 1) . ',$delete _'
  endif
  call winrestview(view)
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
