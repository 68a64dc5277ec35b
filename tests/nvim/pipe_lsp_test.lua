-- Headless end-to-end test of `pipec lsp` with a real client (Neovim 0.7.x API).
-- Run: PIPELS=/abs/pipec-lsp-wrapper PIPEFILE=/abs/x.pipe PIPEC=/abs/pipec \
--      nvim --headless -u NONE -i NONE -n -c 'luafile tests/nvim/pipe_lsp_test.lua'
-- PIPEFILE must hold the text of tests/test_nvim.c (an E301 on line 2 after
-- "é😀", a flow `events   ->    fn` on line 7 for the formatter).
local out = io.stdout
local passed = 0
local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  out:write('not ok - ' .. msg .. '\n')
  vim.cmd('cquit 1')
end
local function check(cond, msg)
  if not cond then fail(msg) end
  passed = passed + 1
  out:write('ok - ' .. msg .. '\n')
end

local id = vim.lsp.start_client({
  name = 'pipels',
  cmd = { os.getenv('PIPELS') },
  root_dir = vim.fn.getcwd(),
  flags = { debounce_text_changes = 0 },
})
check(id ~= nil, 'client started')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PIPEFILE')))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'pipe'
vim.lsp.buf_attach_client(buf, id)

local function errors()
  return vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
end
local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 3000)
  return res and res[id] and res[id].result
end
local function at(line0, char)
  return { textDocument = vim.lsp.util.make_text_document_params(buf),
           position = { line = line0, character = char } }
end

-- 1. didOpen -> publishDiagnostics with the E301, UTF-16 converted to bytes
check(vim.wait(5000, function() return #errors() > 0 end, 20), 'diagnostics published on open')
local d = errors()[1]
out:write(string.format('  diag: line=%d col(byte,0-based)=%d code=%s source=%s msg=%s\n',
  d.lnum + 1, d.col, tostring(d.code), tostring(d.source), (d.message:gsub('\n.*', ''))))
check(d.lnum == 1 and d.severity == vim.diagnostic.severity.ERROR, 'E301 on line 2 is an error')
-- '  lbl : s3 "é😀"; q -> w': the server sends UTF-16 character 23; é is 2
-- bytes and 😀 4, so Neovim shows byte column 26.
check(d.col == 26, 'UTF-16 position converted to byte column 26')
check(tostring(d.code) == 'E301' or d.message:find('cannot send data') ~= nil, 'diagnostic is E301')

-- 2. hover on a service id, a component and a property
local h = request('textDocument/hover', at(4, 16)) -- events : kinesis_streams
check(h and h.contents.kind == 'markdown' and h.contents.value:find('Amazon Kinesis Data Streams', 1, true),
  'hover on a service id')
h = request('textDocument/hover', at(6, 3)) -- events in the flow
check(h and h.contents.value:find('**events**', 1, true) and h.contents.value:find('shards', 1, true),
  'hover on a component')
h = request('textDocument/hover', at(4, 30)) -- shards
check(h and h.contents.value:find('int(1..)', 1, true), 'hover on a property')

-- 3. completion on text that does not parse: a service after `x : `
vim.api.nvim_buf_set_lines(buf, 5, 5, false, { '  x : ' })
local c = request('textDocument/completion', at(5, 6))
local items = c and (c.items or c) or {}
local labels = {}
for _, it in ipairs(items) do labels[it.label] = true end
check(labels['kinesis_streams'] and labels['s3'], 'completion of service ids after `x : `')
vim.api.nvim_buf_set_lines(buf, 5, 6, false, {})

-- 4. go to definition: `fn` in the flow -> its declaration on line 6
local def = request("textDocument/definition", at(6, 17))
if def and def[1] then def = def[1] end
check(def and def.range and def.range.start.line == 5, 'definition of a component')

-- 5. document symbols: the pipeline with its components
local syms = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
check(syms and syms[1] and syms[1].name == 't' and #syms[1].children == 5, 'document symbols')

-- 6. didChange fixing the flow -> the error goes away
vim.api.nvim_buf_set_lines(buf, 1, 2, false, { '  lbl : s3 "é😀"; q -> fn -> lbl; events -> w' })
check(vim.wait(5000, function() return #vim.diagnostic.get(buf) == 0 end, 20),
  'diagnostics cleared after the edit')

-- 7. formatting (0.7: formatting_sync; 0.8+: vim.lsp.buf.format), as `pipec fmt -` does it
local before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
local want = vim.fn.system({ os.getenv('PIPEC'), 'fmt', '-' }, before)
if vim.lsp.buf.format then vim.lsp.buf.format({ timeout_ms = 3000 }) else vim.lsp.buf.formatting_sync(nil, 3000) end
local after = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
check(after == want and after ~= before, 'formatting applied')
check(vim.tbl_contains(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '  events -> fn'), 'flow reformatted')

-- 8. shutdown/exit
vim.lsp.stop_client(id)
check(vim.wait(5000, function() return vim.lsp.client_is_stopped(id) end, 20), 'client stopped (shutdown+exit)')
out:write(string.format('lsp e2e: %d passed, 0 failed\n', passed))
vim.cmd('qa!')
