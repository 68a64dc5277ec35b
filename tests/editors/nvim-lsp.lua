-- Run by tests/test_editors.c: the Neovim language-server snippet of
-- editors/README.md, with the vim folder on the runtime path, against the
-- real `pipec lsp` (pipec is first on PATH).
--   PIPE_ROOT=<repo> PIPE_SNIPPET=<lua file> PIPE_FILE=<file.pipe> PIPE_OUT=<out>
--   nvim --headless -u NONE -i NONE -n -c 'luafile tests/editors/nvim-lsp.lua'
-- Writes `filetype=...`, `clients=N`, then `diag LINE:COL:SEVERITY:MESSAGE`
-- for each diagnostic published for PIPE_FILE (1-based line and column).
local lines = {}
local function emit(s) table.insert(lines, s) end

vim.opt.runtimepath:prepend(os.getenv('PIPE_ROOT') .. '/editors/vim')
vim.cmd('filetype plugin indent on')
dofile(os.getenv('PIPE_SNIPPET'))

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PIPE_FILE')))
local buf = vim.api.nvim_get_current_buf()
emit('filetype=' .. vim.bo[buf].filetype)
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
emit('clients=' .. #vim.tbl_keys(vim.lsp.buf_get_clients(buf)))
for _, d in ipairs(vim.diagnostic.get(buf)) do
  emit(string.format('diag %d:%d:%d:%s', d.lnum + 1, d.col + 1, d.severity, (d.message:gsub('\n', ' | '))))
end
for _, c in pairs(vim.lsp.get_active_clients()) do
  c.stop()
end
vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.fn.writefile(lines, os.getenv('PIPE_OUT'))
vim.cmd('qa!')
