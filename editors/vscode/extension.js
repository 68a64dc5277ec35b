// Pipe for VS Code: starts `pipec lsp` (the command comes from the setting
// `pipe.server.path`, default "pipec") as the language server of every
// document in the `pipe` language. Highlighting comes from the TextMate
// grammar in syntaxes/ and works without the server.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client = null;

function serverCommand() {
  const path = vscode.workspace.getConfiguration('pipe').get('server.path', 'pipec');
  return path && path.trim() !== '' ? path.trim() : 'pipec';
}

async function start() {
  const command = serverCommand();
  // No `transport` here: the client would add `--stdio`; pipec lsp talks on
  // stdin/stdout anyway.
  const serverOptions = { run: { command, args: ['lsp'] }, debug: { command, args: ['lsp'] } };
  const clientOptions = {
    documentSelector: [{ language: 'pipe' }],
    outputChannelName: 'Pipe language server',
  };
  client = new LanguageClient('pipe', 'Pipe language server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = null;
    vscode.window.showErrorMessage(
      `Pipe: could not start the language server \`${command} lsp\` (${err && err.message ? err.message : err}). ` +
        'Install pipec or set "pipe.server.path".');
  }
}

async function stop() {
  if (client) {
    const c = client;
    client = null;
    await c.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('pipe.server.path')) {
        await stop();
        await start();
      }
    }),
    vscode.commands.registerCommand('pipe.restartServer', async () => {
      await stop();
      await start();
    }),
    { dispose: () => { stop(); } });
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
