" Run by tests/test_editors.c:
"   PIPE_ROOT=<repo> PIPE_SAMPLE=<file.pipe> PIPE_REINDENT=<file.pipe> PIPE_OUT=<out>
"   vim -Nu NONE -i NONE -es -S tests/editors/vim-syntax.vim
" Writes to PIPE_OUT the buffer options the ftplugin sets (`opt NAME=VALUE`),
" then `LINE:COL:GROUP` at the first column of every run of one syntax group in
" PIPE_SAMPLE (`-` for none), then `indent ok` if re-indenting PIPE_REINDENT
" with all its indentation removed gives the file back (else the lines that
" differ). With PIPE_CLEAN (a file listing .pipe files, one a line), then
" `clean N files` and a `dirty FILE ...` line for each error group in those
" files and each line that re-indenting changes.
let &runtimepath = $PIPE_ROOT . '/editors/vim,' . &runtimepath
filetype plugin indent on
syntax on

let s:out = []
execute 'edit ' . fnameescape($PIPE_SAMPLE)
for s:opt in ['filetype', 'syntax', 'commentstring', 'shiftwidth', 'expandtab',
      \ 'formatprg', 'makeprg', 'indentexpr']
  call add(s:out, 'opt ' . s:opt . '=' . eval('&l:' . s:opt))
endfor
call add(s:out, 'opt current_compiler=' . get(b:, 'current_compiler', ''))

for s:lnum in range(1, line('$'))
  let s:prev = ''
  for s:col in range(1, strlen(getline(s:lnum)))
    let s:name = synIDattr(synID(s:lnum, s:col, 1), 'name')
    let s:name = s:name ==# '' ? '-' : s:name
    if s:name !=# s:prev
      call add(s:out, s:lnum . ':' . s:col . ':' . s:name)
      let s:prev = s:name
    endif
  endfor
endfor

" Indentation: flatten a well-indented file, re-indent it, compare.
execute 'edit ' . fnameescape($PIPE_REINDENT)
let s:want = getline(1, '$')
silent %s/^\s\+//e
silent normal! gg=G
let s:got = getline(1, '$')
if s:got ==# s:want
  call add(s:out, 'indent ok')
else
  for s:i in range(len(s:want))
    if get(s:got, s:i, '') !=# s:want[s:i]
      call add(s:out, 'indent line ' . (s:i + 1) . ': got [' . get(s:got, s:i, '') . '] want [' . s:want[s:i] . ']')
    endif
  endfor
endif
set nomodified

" Real files: no error highlighting, and re-indenting changes nothing.
function! s:Flatten() abort
  let want = getline(1, '$')
  silent %s/^\s\+//e
  silent normal! gg=G
  let got = getline(1, '$')
  set nomodified
  return [want, got]
endfunction
if $PIPE_CLEAN !=# ''
  let s:files = filter(readfile($PIPE_CLEAN), 'v:val !=# ""')
  for s:f in s:files
    execute 'edit ' . fnameescape(s:f)
    for s:lnum in range(1, line('$'))
      for s:col in range(1, strlen(getline(s:lnum)))
        let s:name = synIDattr(synID(s:lnum, s:col, 1), 'name')
        if s:name =~# 'Error\|BadChar'
          call add(s:out, printf('dirty %s %d:%d:%s', s:f, s:lnum, s:col, s:name))
        endif
      endfor
    endfor
    let [s:want, s:got] = s:Flatten()
    for s:i in range(len(s:want))
      if get(s:got, s:i, '') !=# s:want[s:i]
        call add(s:out, printf('dirty %s indent line %d: [%s]', s:f, s:i + 1, get(s:got, s:i, '')))
      endif
    endfor
    silent edit!
  endfor
  call add(s:out, 'clean ' . len(s:files) . ' files')
endif

call writefile(s:out, $PIPE_OUT)
qall!
