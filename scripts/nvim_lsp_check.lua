-- Drive `taglint server` from a real editor: headless Neovim (0.7 or newer).
--
--   nvim --headless -u NONE -c "luafile scripts/nvim_lsp_check.lua" NOTE.md
--
-- Starts the server with vim.lsp.start_client (TAGLINT_SERVER overrides the
-- command, default "taglint server"), attaches it to the note, waits for its
-- diagnostics, asks for the code actions on the first one, for completion in
-- the note's tag list and for hover on its first tag, prints what came back
-- and exits 0 when diagnostics arrived, 1 when none did within 20 seconds.

local out = function(line) io.stdout:write(line .. "\n") end
local bufnr = vim.api.nvim_get_current_buf()
local note = vim.api.nvim_buf_get_name(bufnr)
local cmd = vim.split(os.getenv("TAGLINT_SERVER") or "taglint server", " ", { trimempty = true })
local root = os.getenv("TAGLINT_ROOT") or vim.fn.getcwd()

local client_id = vim.lsp.start_client({ name = "taglint", cmd = cmd, root_dir = root })
if not client_id then
  out("could not start " .. table.concat(cmd, " "))
  os.exit(2)
end
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local found = vim.diagnostic.get(bufnr)
for _, d in ipairs(found) do
  out(string.format("diagnostic %s:%d:%d: %s", vim.fn.fnamemodify(note, ":t"), d.lnum + 1, d.col + 1, d.message))
end

if arrived then
  local first = found[1]
  local range = { start = { line = first.lnum, character = first.col }, ["end"] = { line = first.end_lnum, character = first.end_col } }
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = range, context = { diagnostics = {} } }
  local replies = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
  for _, reply in pairs(replies) do
    for _, action in ipairs(reply.result or {}) do out("code action: " .. action.title) end
  end
  -- Completion and hover at the first tag of the tag list.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for lnum, line in ipairs(lines) do
    local open = line:find("^tags: %[")
    if open then
      local position = { line = lnum - 1, character = #"tags: [" }
      local doc = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
      local completion = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", doc, 10000) or {}
      for _, reply in pairs(completion) do
        local items = reply.result and (reply.result.items or reply.result) or {}
        out(string.format("completion: %d items", #items))
      end
      local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", doc, 10000) or {}
      for _, reply in pairs(hover) do
        if reply.result then out("hover: " .. reply.result.contents.value:gsub("\n\n", " | ")) end
      end
      break
    end
  end
end

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
os.exit(arrived and 0 or 1)
