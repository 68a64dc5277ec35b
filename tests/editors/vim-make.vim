" Run by tests/test_editors.c, in the folder of PIPE_FILE:
"   PIPE_ROOT=<repo> PIPEC=<pipec> PIPE_FILE=<file.pipe> PIPE_OUT=<out>
"   vim -Nu NONE -i NONE -es -S tests/editors/vim-make.vim
" Opens PIPE_FILE (the ftplugin selects `compiler pipec`), runs :make with
" g:pipec_executable set to PIPEC, and writes the quickfix list to PIPE_OUT:
" `opt makeprg=...`, then one `LNUM:COL:TYPE:VALID:FILE:TEXT` per entry (the
" lines of a multi-line text joined with ` | `).
" Then :PipeFormat on PIPE_BROKEN (a file that does not parse): `format
" broken changed=0|1`, `format broken message=...`; and on PIPE_FORMAT, whose
" lines it writes to PIPE_OUT.fmt.
let &runtimepath = $PIPE_ROOT . '/editors/vim,' . &runtimepath
let g:pipec_executable = $PIPEC
filetype plugin on

execute 'edit ' . fnameescape($PIPE_FILE)
let s:out = ['opt makeprg=' . &l:makeprg]
silent make!
for s:e in getqflist()
  call add(s:out, printf('%d:%d:%s:%d:%s:%s', s:e.lnum, s:e.col, s:e.type, s:e.valid,
        \ s:e.bufnr ? fnamemodify(bufname(s:e.bufnr), ':t') : '',
        \ join(split(s:e.text, "\n"), ' | ')))
endfor

execute 'edit ' . fnameescape($PIPE_BROKEN)
let s:before = getline(1, '$')
let s:msg = execute('PipeFormat')
call add(s:out, 'format broken changed=' . (getline(1, '$') !=# s:before))
call add(s:out, 'format broken message=' . join(split(s:msg, "\n"), ' | '))
set nomodified
execute 'edit ' . fnameescape($PIPE_FORMAT)
silent PipeFormat
call writefile(getline(1, '$'), $PIPE_OUT . '.fmt')
set nomodified

call writefile(s:out, $PIPE_OUT)
qall!
